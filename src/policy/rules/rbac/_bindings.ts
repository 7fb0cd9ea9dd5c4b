// SPDX-License-Identifier: Apache-2.0
/** Internal: recognises RoleBinding and ClusterRoleBinding objects. */

/** Whether the object is an RBAC RoleBinding or ClusterRoleBinding. @internal */
export function _isBinding(obj: any): boolean {
  return !!obj && typeof obj === 'object'
    && (obj.kind === 'RoleBinding' || obj.kind === 'ClusterRoleBinding')
    && typeof obj.apiVersion === 'string' && obj.apiVersion.startsWith('rbac.authorization.k8s.io/');
}
