// SPDX-License-Identifier: Apache-2.0
/**
 * Internal: the RBAC risk tables, each in exactly one place. The RBAC rules (src/policy/rules/rbac), their CEL
 * and `LeastPrivilegeServiceAccount` read them from here.
 *
 * @see https://kubernetes.io/docs/concepts/security/rbac-good-practices/#privilege-escalation-risks
 */

/** Verbs that let the holder gain permissions it was not granted. @internal */
export const _ESCALATION_VERBS: readonly string[] = ['escalate', 'bind', 'impersonate'];

/**
 * Core-group subresources that hand over a running workload, a node, or a token, with the verbs that do it.
 * WebSocket upgrades are GET requests, so `get` on pods/exec or pods/attach is enough to exec or attach; the
 * kubelet maps every HTTP method on nodes/proxy to a verb, so any verb there reaches the kubelet API
 * (including its exec endpoints); TokenRequest is a `create`.
 * @internal
 */
export const _TAKEOVER_SUBRESOURCES: { readonly [resource: string]: readonly string[] } = {
  'pods/exec': ['create', 'get'],
  'pods/attach': ['create', 'get'],
  'nodes/proxy': ['create', 'get', 'update', 'patch', 'delete', 'list', 'watch', 'deletecollection'],
  'serviceaccounts/token': ['create'],
};

/** Verbs that return Secret contents. `get` is acceptable only with resourceNames. @internal */
export const _SECRET_READ_VERBS: readonly string[] = ['get', 'list', 'watch'];

/** Subjects that must never be bound: unauthenticated users and the RBAC-bypassing masters group. @internal */
export const _PRIVILEGED_SUBJECTS: readonly string[] = ['system:anonymous', 'system:unauthenticated', 'system:masters'];

/** The ClusterRole that grants everything. @internal */
export const _CLUSTER_ADMIN_ROLE = 'cluster-admin';
