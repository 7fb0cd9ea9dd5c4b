// SPDX-License-Identifier: Apache-2.0
import { checkAll, deployment, namespace, quota } from './_objects';
import { NamespaceHasResourceQuota } from '../../../../src/policy/rules/network';

describe('NamespaceHasResourceQuota', () => {
  const rule = new NamespaceHasResourceQuota();

  test('metadata', () => {
    expect(rule.metadata.id).toBe('HARDEN-NET-003');
  });

  test('compliant with a ResourceQuota in the namespace', () => {
    expect(checkAll(rule, [namespace(), quota(), deployment()])).toEqual([]);
  });

  test('fails without one, naming the namespace', () => {
    expect(checkAll(rule, [namespace(), quota('other'), deployment()])).toEqual([
      { obj: 'Namespace/shop', path: '/metadata/name', message: 'namespace "shop" runs workloads but has no ResourceQuota' },
    ]);
  });

  test('not applicable to a namespace without workloads', () => {
    expect(checkAll(rule, [namespace()])).toEqual([]);
  });
});
