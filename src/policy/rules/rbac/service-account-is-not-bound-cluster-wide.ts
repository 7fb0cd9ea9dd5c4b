// SPDX-License-Identifier: Apache-2.0
import { _isBinding, _READS_BINDINGS } from './_bindings';
import { CelTarget, IRule, IRuleCel, RuleContext, RuleMetadata, RuleReads, RuleViolation, Severity } from '../../engine/rule';

/**
 * No ClusterRoleBinding has a ServiceAccount as a subject: a workload's permissions are granted in its own
 * namespace (a RoleBinding, which may reference a ClusterRole), not in every namespace.
 *
 * One finding per ServiceAccount subject. A RoleBinding is namespace-scoped and never a finding here; what a
 * binding grants is judged by the role rules (HARDEN-RBAC-001..004) and HARDEN-RBAC-005.
 * Controllers and operators that really act cluster-wide (watching every namespace, cluster-scoped resources)
 * record why with a reasoned suppression; `LeastPrivilegeServiceAccount.allowClusterWide(permission, { reason })`
 * writes it. There is no automatic fix: replacing the binding by RoleBindings needs the namespaces the workload
 * serves, which only its author knows.
 * @see https://kubernetes.io/docs/concepts/security/rbac-good-practices/#least-privilege
 */
export class ServiceAccountIsNotBoundClusterWide implements IRule {
  /** The rule's stable id. */
  public static readonly ID = 'HARDEN-RBAC-010';

  /** The objects the rule reads: RoleBindings and ClusterRoleBindings. */
  public readonly reads?: RuleReads = _READS_BINDINGS;

  /** The rule's metadata. */
  public readonly metadata: RuleMetadata = {
    id: ServiceAccountIsNotBoundClusterWide.ID,
    name: 'ServiceAccountIsNotBoundClusterWide',
    rationale: 'A ClusterRoleBinding grants its role in every namespace, including ones created later, so a compromised pod of '
      + 'the bound ServiceAccount reaches every tenant. Namespace-scoped RoleBindings keep a workload\'s reach to the namespaces it serves.',
    remediation: 'Bind the role with a RoleBinding in each namespace the workload needs (a RoleBinding may reference a ClusterRole). '
      + 'If the workload must act cluster-wide (a controller watching every namespace), suppress this rule on the binding with the reason.',
    references: [
      'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#least-privilege',
      'NSA/CISA Kubernetes Hardening Guide v1.2: Authentication and authorization, "Role-based access control"',
      'CIS Kubernetes Benchmark 5.1: RBAC and Service Accounts',
    ],
    defaultSeverity: Severity.WARNING,
  };

  /** The rule's CEL, enforced in the cluster by `AdmissionGuardrails`. */
  public readonly cel?: IRuleCel = CEL;

  /** Checks one object. */
  public check(obj: any, _context: RuleContext): RuleViolation[] {
    if (!_isBinding(obj) || obj.kind !== 'ClusterRoleBinding' || !Array.isArray(obj.subjects)) return [];
    const out: RuleViolation[] = [];
    obj.subjects.forEach((s: any, i: number) => {
      if (s && s.kind === 'ServiceAccount') {
        out.push({
          path: `/subjects/${i}`,
          message: `ClusterRoleBinding "${obj.metadata?.name}" grants ${obj.roleRef?.kind ?? 'role'} "${obj.roleRef?.name}" in every namespace `
            + `to ServiceAccount "${s.namespace ?? ''}/${s.name}"`,
        });
      }
    });
    return out;
  }
}

/** The CEL form: a ClusterRoleBinding has no ServiceAccount subject. */
const CEL: IRuleCel = {
  target: CelTarget.RBAC_BINDING,
  expression: "object.kind != 'ClusterRoleBinding' || !has(object.subjects) || !object.subjects.exists(s, s.kind == 'ServiceAccount')",
};
