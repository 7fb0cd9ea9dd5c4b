// SPDX-License-Identifier: Apache-2.0
import { _policyRules, _READS_ROLES } from './_policy-rules';
import { CelTarget, IRule, IRuleCel, RuleContext, RuleMetadata, RuleReads, RuleViolation, Severity } from '../../engine/rule';

const FIELDS = ['verbs', 'apiGroups', 'resources', 'nonResourceURLs'];

/**
 * No Role or ClusterRole rule uses a wildcard: `*` in `verbs`, `apiGroups` or `nonResourceURLs`,
 * or any `*` in `resources` (including subresource wildcards such as `pods/*` or `*\/scale`).
 *
 * One finding per wildcard entry.
 * @see https://kubernetes.io/docs/concepts/security/rbac-good-practices/#minimize-wildcard-permissions
 */
export class RoleHasNoWildcards implements IRule {
  /** The rule's stable id. */
  public static readonly ID = 'HARDEN-RBAC-001';

  /** The objects the rule reads: Roles and ClusterRoles. */
  public readonly reads?: RuleReads = _READS_ROLES;

  /** The rule's metadata. */
  public readonly metadata: RuleMetadata = {
    id: RoleHasNoWildcards.ID,
    name: 'RoleHasNoWildcards',
    rationale: 'A wildcard grants every current and future verb, group or resource, including ones added later by CRDs and '
      + 'new Kubernetes versions, so the grant can silently grow to include escalation paths.',
    remediation: 'List the exact verbs, API groups and resources the workload needs.',
    references: [
      'CIS Kubernetes Benchmark 5.1.3: Minimize wildcard use in Roles and ClusterRoles',
      'NSA/CISA Kubernetes Hardening Guide v1.2: Authentication and authorization, "Role-based access control"',
      'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#minimize-wildcard-permissions',
    ],
    defaultSeverity: Severity.ERROR,
  };

  /** The rule's CEL, enforced in the cluster by `AdmissionGuardrails`. */
  public readonly cel?: IRuleCel = CEL;

  /** Checks one object. */
  public check(obj: any, _context: RuleContext): RuleViolation[] {
    const out: RuleViolation[] = [];
    for (const r of _policyRules(obj)) {
      for (const field of FIELDS) {
        const list = r.rule[field];
        if (!Array.isArray(list)) continue;
        list.forEach((v: any, i: number) => {
          if (typeof v !== 'string') return;
          const wild = field === 'resources' ? v.includes('*') : v === '*';
          if (wild) out.push({ path: `${r.path}/${field}/${i}`, message: `${obj.kind} "${obj.metadata?.name}" rule ${r.path.slice(7)} grants wildcard ${field} "${v}"` });
        });
      }
    }
    return out;
  }
}

/** The CEL form: no wildcard verbs, apiGroups, nonResourceURLs ("*") or resources (containing "*"). */
const CEL: IRuleCel = {
  target: CelTarget.RBAC_ROLE,
  expression: "!has(object.rules) || object.rules.all(r, (!has(r.verbs) || !('*' in r.verbs)) && (!has(r.apiGroups) || !('*' in r.apiGroups))"
    + " && (!has(r.nonResourceURLs) || !('*' in r.nonResourceURLs)) && (!has(r.resources) || !r.resources.exists(x, x.contains('*'))))",
};
