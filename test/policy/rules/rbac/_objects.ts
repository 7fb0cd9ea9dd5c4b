// SPDX-License-Identifier: Apache-2.0
/** Test builders for RBAC-rule tests. */

export const NO_CONTEXT = { objects: [] as any[] };

export function role(rules: any[], kind = 'Role', name = 'r'): any {
  return { apiVersion: 'rbac.authorization.k8s.io/v1', kind, metadata: { name, ...(kind === 'Role' ? { namespace: 'shop' } : {}) }, rules };
}

export function binding(roleRef: { kind: string; name: string }, subjects: any[], kind = 'RoleBinding'): any {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind,
    metadata: { name: 'b', ...(kind === 'RoleBinding' ? { namespace: 'shop' } : {}) },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', ...roleRef },
    subjects,
  };
}
