// SPDX-License-Identifier: Apache-2.0
import { hardenedContainer, NO_CONTEXT, POD_BEARING, podSpec, wrap } from './_objects';
import { PodHasNoEphemeralContainers } from '../../../../src/policy/rules/workload';

describe('PodHasNoEphemeralContainers', () => {
  const rule = new PodHasNoEphemeralContainers();

  test('metadata', () => {
    expect(rule.metadata.id).toBe('HARDEN-WL-017');
  });

  test.each(POD_BEARING)('compliant %s without ephemeral containers', kind => {
    expect(rule.check(wrap(kind, podSpec({ ephemeralContainers: [] })), NO_CONTEXT)).toEqual([]);
  });

  test('fails on ephemeral containers in the manifest', () => {
    expect(rule.check(wrap('Pod', podSpec({ ephemeralContainers: [hardenedContainer('debug')] })), NO_CONTEXT)).toEqual([
      { path: '/spec/ephemeralContainers', message: 'the pod declares 1 ephemeral container(s); remove them and use kubectl debug' },
    ]);
  });

  test('not applicable to other kinds', () => {
    expect(rule.check({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } }, NO_CONTEXT)).toEqual([]);
  });
});
