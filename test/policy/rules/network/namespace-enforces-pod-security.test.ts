// SPDX-License-Identifier: Apache-2.0
import { deployment, namespace } from './_objects';
import { NamespaceEnforcesPodSecurity } from '../../../../src/policy/rules/network';

const NO_CONTEXT = { objects: [] };

describe('NamespaceEnforcesPodSecurity', () => {
  const rule = new NamespaceEnforcesPodSecurity();

  test('metadata', () => {
    expect(rule.metadata.id).toBe('HARDEN-NET-005');
  });

  test.each(['restricted', 'baseline'])('compliant with enforce=%s', level => {
    expect(rule.check(namespace('shop', { 'pod-security.kubernetes.io/enforce': level }), NO_CONTEXT)).toEqual([]);
  });

  test('fails without the label', () => {
    expect(rule.check(namespace('shop', { 'pod-security.kubernetes.io/warn': 'restricted' }), NO_CONTEXT)).toEqual([
      { path: '/metadata/labels', message: 'Namespace "shop" has no pod-security.kubernetes.io/enforce label; set it to restricted or baseline' },
    ]);
    expect(rule.check({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'bare' } }, NO_CONTEXT)).toHaveLength(1);
  });

  test.each([['privileged', /enforces nothing/], ['strict', /enforces no valid level/]])('fails with enforce=%s, pointing at the label', (level, message) => {
    const [v] = rule.check(namespace('shop', { 'pod-security.kubernetes.io/enforce': level }), NO_CONTEXT);
    expect(v.path).toBe('/metadata/labels/pod-security.kubernetes.io~1enforce');
    expect(v.message).toMatch(message);
    expect(v.message).toContain(`"${level}"`);
  });

  test('not applicable to other kinds', () => {
    expect(rule.check(deployment(), NO_CONTEXT)).toEqual([]);
  });
});
