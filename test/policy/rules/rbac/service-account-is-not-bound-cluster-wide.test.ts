// SPDX-License-Identifier: Apache-2.0
import { binding, NO_CONTEXT, role } from './_objects';
import { Checker, RulePacks, Severity } from '../../../../src';
import { ServiceAccountIsNotBoundClusterWide } from '../../../../src/policy/rules/rbac';

const SA = { kind: 'ServiceAccount', name: 'operator', namespace: 'shop' };
const USER = { kind: 'User', name: 'alice', apiGroup: 'rbac.authorization.k8s.io' };
const VIEW = { kind: 'ClusterRole', name: 'view' };

describe('ServiceAccountIsNotBoundClusterWide', () => {
  const rule = new ServiceAccountIsNotBoundClusterWide();

  test('metadata: HARDEN-RBAC-010, a warning, with a CEL face on bindings', () => {
    expect(rule.metadata.id).toBe('HARDEN-RBAC-010');
    expect(rule.metadata.defaultSeverity).toBe(Severity.WARNING);
    expect(rule.cel?.target).toBe('rbac-binding');
  });

  test('compliant: a RoleBinding of a ClusterRole to a ServiceAccount (namespace-scoped)', () => {
    expect(rule.check(binding(VIEW, [SA]), NO_CONTEXT)).toEqual([]);
  });

  test('compliant: a ClusterRoleBinding to users and groups only', () => {
    expect(rule.check(binding(VIEW, [USER], 'ClusterRoleBinding'), NO_CONTEXT)).toEqual([]);
  });

  test('fails on a ClusterRoleBinding with a ServiceAccount subject, one finding per ServiceAccount', () => {
    const b = binding(VIEW, [USER, SA, { ...SA, name: 'other' }], 'ClusterRoleBinding');
    expect(rule.check(b, NO_CONTEXT)).toEqual([
      { path: '/subjects/1', message: 'ClusterRoleBinding "b" grants ClusterRole "view" in every namespace to ServiceAccount "shop/operator"' },
      { path: '/subjects/2', message: 'ClusterRoleBinding "b" grants ClusterRole "view" in every namespace to ServiceAccount "shop/other"' },
    ]);
  });

  test('not applicable to roles, to bindings without subjects, and to other API groups', () => {
    expect(rule.check(role([], 'ClusterRole'), NO_CONTEXT)).toEqual([]);
    expect(rule.check({ ...binding(VIEW, [], 'ClusterRoleBinding'), subjects: undefined }, NO_CONTEXT)).toEqual([]);
    expect(rule.check({ ...binding(VIEW, [SA], 'ClusterRoleBinding'), apiVersion: 'example.com/v1' }, NO_CONTEXT)).toEqual([]);
  });

  test('suppressed by a reasoned suppression on the binding', () => {
    const b = binding(VIEW, [SA], 'ClusterRoleBinding');
    b.metadata.annotations = { 'hardened.cdk8s.io/suppressions': JSON.stringify([{ id: 'HARDEN-RBAC-010', reason: 'watches every namespace' }]) };
    const report = new Checker({ packs: [RulePacks.LEAST_PRIVILEGE_RBAC] }).check([b]);
    expect(report.findings.map(f => [f.ruleId, f.suppressed])).toEqual([['HARDEN-RBAC-010', true]]);
  });

  test('throws -> ERROR finding: a subject list with a throwing element is reported, not a crash', () => {
    const b = binding(VIEW, [], 'ClusterRoleBinding');
    b.subjects = [new Proxy({}, { get: () => { throw new Error('boom'); } })];
    const report = new Checker({ packs: [RulePacks.LEAST_PRIVILEGE_RBAC] }).check([b]);
    expect(report.findings.filter(f => f.ruleId === 'HARDEN-RBAC-010').map(f => f.severity)).toEqual(['error']);
  });
});
