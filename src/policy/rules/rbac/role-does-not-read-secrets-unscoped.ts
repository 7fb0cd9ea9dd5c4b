// SPDX-License-Identifier: Apache-2.0
import { _coversCoreGroup, _policyRules, _READS_ROLES } from './_policy-rules';
import { CelTarget, IRule, IRuleCel, RuleContext, RuleMetadata, RuleReads, RuleViolation, Severity } from '../../engine/rule';

/**
 * No Role or ClusterRole reads Secrets without naming them.
 *
 * `get` on `secrets` is a finding unless the rule lists `resourceNames`; `list` and `watch` on
 * `secrets` are always findings (they return the values of every Secret in scope). Only the core
 * API group is considered; wildcard verbs or resources are reported by {@link RoleHasNoWildcards}.
 * @see https://kubernetes.io/docs/concepts/security/rbac-good-practices/#listing-secrets
 */
export class RoleDoesNotReadSecretsUnscoped implements IRule {
  /** The rule's stable id. */
  public static readonly ID = 'HARDEN-RBAC-004';

  /** The objects the rule reads: Roles and ClusterRoles. */
  public readonly reads?: RuleReads = _READS_ROLES;

  /** The rule's metadata. */
  public readonly metadata: RuleMetadata = {
    id: RoleDoesNotReadSecretsUnscoped.ID,
    name: 'RoleDoesNotReadSecretsUnscoped',
    rationale: 'Reading every Secret in a namespace exposes every credential in it, including service account tokens of more '
      + 'privileged workloads; `list` and `watch` return full Secret contents, not just names.',
    remediation: 'Grant only `get` on `secrets` with `resourceNames` listing the Secrets the workload needs; never `list` or `watch`.',
    references: [
      'CIS Kubernetes Benchmark 5.1.2: Minimize access to secrets',
      'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#listing-secrets',
    ],
    defaultSeverity: Severity.ERROR,
  };

  /** The rule's CEL, enforced in the cluster by `AdmissionGuardrails`. */
  public readonly cel?: IRuleCel = CEL;

  /** Checks one object. */
  public check(obj: any, _context: RuleContext): RuleViolation[] {
    const out: RuleViolation[] = [];
    for (const r of _policyRules(obj)) {
      if (!_coversCoreGroup(r) || !r.resources.includes('secrets')) continue;
      const verbs: any[] = Array.isArray(r.rule.verbs) ? r.rule.verbs : [];
      verbs.forEach((v: any, i: number) => {
        const what = `${obj.kind} "${obj.metadata?.name}"`;
        if (v === 'list' || v === 'watch') {
          out.push({ path: `${r.path}/verbs/${i}`, message: `${what} grants "${v}" on secrets, which returns every Secret's contents` });
        } else if (v === 'get' && r.resourceNames.length === 0) {
          out.push({ path: `${r.path}/verbs/${i}`, message: `${what} grants "get" on secrets without resourceNames` });
        }
      });
    }
    return out;
  }
}

/** The CEL form: no list/watch on secrets, and get only with resourceNames (core group). */
const CEL: IRuleCel = {
  target: CelTarget.RBAC_ROLE,
  expression: "!has(object.rules) || object.rules.all(r, !has(r.apiGroups) || !('' in r.apiGroups) || !has(r.resources) || !('secrets' in r.resources)"
    + " || !has(r.verbs) || !r.verbs.exists(v, v == 'list' || v == 'watch' || (v == 'get' && (!has(r.resourceNames) || size(r.resourceNames) == 0))))",
};
