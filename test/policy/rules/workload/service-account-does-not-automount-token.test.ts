// SPDX-License-Identifier: Apache-2.0
import { NO_CONTEXT, podSpec, wrap } from './_objects';
import { ServiceAccountDoesNotAutomountToken } from '../../../../src/policy/rules/workload';

const sa = (automount?: any) => ({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'web', namespace: 'shop' }, ...(automount !== undefined ? { automountServiceAccountToken: automount } : {}) });

describe('ServiceAccountDoesNotAutomountToken', () => {
  const rule = new ServiceAccountDoesNotAutomountToken();

  test('metadata', () => {
    expect(rule.metadata.id).toBe('HARDEN-WL-014');
  });

  test('compliant with automountServiceAccountToken: false', () => {
    expect(rule.check(sa(false), NO_CONTEXT)).toEqual([]);
  });

  test('fails when unset or true', () => {
    expect(rule.check(sa(), NO_CONTEXT)).toEqual([
      { path: '/automountServiceAccountToken', message: 'ServiceAccount "web" does not set automountServiceAccountToken; set it to false' },
    ]);
    expect(rule.check(sa(true), NO_CONTEXT)[0].message).toBe('ServiceAccount "web" sets automountServiceAccountToken true; set it to false');
  });

  test('not applicable to pods (HARDEN-WL-006 decides for them)', () => {
    expect(rule.check(wrap('Pod', podSpec({ automountServiceAccountToken: true })), NO_CONTEXT)).toEqual([]);
  });
});
