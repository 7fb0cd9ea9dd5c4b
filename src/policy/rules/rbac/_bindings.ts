// SPDX-License-Identifier: Apache-2.0
/** Internal: recognises RoleBinding and ClusterRoleBinding objects. */
import { RuleReads } from '../../engine/rule';

/** What the binding rules read (`IRule.reads`): RoleBindings and ClusterRoleBindings. @internal */
export const _READS_BINDINGS = RuleReads.kinds('RoleBinding', 'ClusterRoleBinding');

/** Whether the object is an RBAC RoleBinding or ClusterRoleBinding. @internal */
export function _isBinding(obj: any): boolean {
  return !!obj && typeof obj === 'object'
    && (obj.kind === 'RoleBinding' || obj.kind === 'ClusterRoleBinding')
    && typeof obj.apiVersion === 'string' && obj.apiVersion.startsWith('rbac.authorization.k8s.io/');
}
