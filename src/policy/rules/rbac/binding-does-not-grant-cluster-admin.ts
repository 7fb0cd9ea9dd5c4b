// SPDX-License-Identifier: Apache-2.0
import { _isBinding, _READS_BINDINGS } from './_bindings';
import { _CLUSTER_ADMIN_ROLE } from '../../../core/_rbac-risks';
import { CelTarget, IRule, IRuleCel, RuleContext, RuleMetadata, RuleReads, RuleViolation, Severity } from '../../engine/rule';

/**
 * No RoleBinding or ClusterRoleBinding references the `cluster-admin` ClusterRole.
 *
 * A RoleBinding to `cluster-admin` is namespace-scoped but still grants full control of the
 * namespace (every Secret, every workload), so it is reported too.
 * @see https://kubernetes.io/docs/reference/access-authn-authz/rbac/#user-facing-roles
 */
export class BindingDoesNotGrantClusterAdmin implements IRule {
  /** The rule's stable id. */
  public static readonly ID = 'HARDEN-RBAC-005';

  /** The objects the rule reads: RoleBindings and ClusterRoleBindings. */
  public readonly reads?: RuleReads = _READS_BINDINGS;

  /** The rule's metadata. */
  public readonly metadata: RuleMetadata = {
    id: BindingDoesNotGrantClusterAdmin.ID,
    name: 'BindingDoesNotGrantClusterAdmin',
    rationale: '`cluster-admin` allows every action on every resource. A workload or user bound to it turns any compromise '
      + 'into a full cluster compromise.',
    remediation: 'Bind a Role or ClusterRole that lists only the verbs and resources needed.',
    references: [
      'CIS Kubernetes Benchmark 5.1.1: Ensure that the cluster-admin role is only used where required',
      'NSA/CISA Kubernetes Hardening Guide v1.2: Authentication and authorization, "Role-based access control"',
      'https://kubernetes.io/docs/reference/access-authn-authz/rbac/#user-facing-roles',
    ],
    defaultSeverity: Severity.ERROR,
  };

  /** The rule's CEL, enforced in the cluster by `AdmissionGuardrails`. */
  public readonly cel?: IRuleCel = CEL;

  /** Checks one object. */
  public check(obj: any, _context: RuleContext): RuleViolation[] {
    if (!_isBinding(obj)) return [];
    const ref = obj.roleRef;
    if (!ref || ref.kind !== 'ClusterRole' || ref.name !== _CLUSTER_ADMIN_ROLE) return [];
    return [{ path: '/roleRef/name', message: `${obj.kind} "${obj.metadata?.name}" binds the ClusterRole "cluster-admin"` }];
  }
}

/** The CEL form: no binding to cluster-admin. */
const CEL: IRuleCel = {
  target: CelTarget.RBAC_BINDING,
  expression: `!(object.roleRef.kind == 'ClusterRole' && object.roleRef.name == '${_CLUSTER_ADMIN_ROLE}')`,
};
