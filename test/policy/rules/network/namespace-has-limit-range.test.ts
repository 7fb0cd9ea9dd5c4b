// SPDX-License-Identifier: Apache-2.0
import { checkAll, deployment, limitRange, namespace } from './_objects';
import { NamespaceHasLimitRange } from '../../../../src/policy/rules/network';

describe('NamespaceHasLimitRange', () => {
  const rule = new NamespaceHasLimitRange();

  test('metadata', () => {
    expect(rule.metadata.id).toBe('HARDEN-NET-004');
  });

  test('compliant with a LimitRange in the namespace', () => {
    expect(checkAll(rule, [deployment(), limitRange()])).toEqual([]);
  });

  test('fails without one, on the namespace (synthetic) when no Namespace object is present', () => {
    expect(checkAll(rule, [deployment(), limitRange('other')])).toEqual([
      { obj: 'Namespace/shop', path: '/metadata/name', message: 'namespace "shop" runs workloads but has no LimitRange' },
    ]);
  });

  test('not applicable to a namespace without workloads', () => {
    expect(checkAll(rule, [namespace('empty')])).toEqual([]);
  });
});
