// SPDX-License-Identifier: Apache-2.0
import { _policyRules, _READS_ROLES } from './_policy-rules';
import { _ESCALATION_VERBS } from '../../../core/_rbac-risks';
import { CelTarget, IRule, IRuleCel, RuleContext, RuleMetadata, RuleReads, RuleViolation, Severity } from '../../engine/rule';
import { _celList } from '../_cel';

const ESCALATION_VERBS = _ESCALATION_VERBS;

/**
 * No Role or ClusterRole grants the `escalate`, `bind` or `impersonate` verbs.
 *
 * The `*` verb also includes them; it is reported by {@link RoleHasNoWildcards}, not here.
 * @see https://kubernetes.io/docs/concepts/security/rbac-good-practices/#escalate-verb
 */
export class RoleGrantsNoEscalationVerbs implements IRule {
  /** The rule's stable id. */
  public static readonly ID = 'HARDEN-RBAC-002';

  /** The objects the rule reads: Roles and ClusterRoles. */
  public readonly reads?: RuleReads = _READS_ROLES;

  /** The rule's metadata. */
  public readonly metadata: RuleMetadata = {
    id: RoleGrantsNoEscalationVerbs.ID,
    name: 'RoleGrantsNoEscalationVerbs',
    rationale: '`escalate` lets a subject write roles with permissions it does not hold, `bind` lets it bind roles it does not '
      + 'hold, and `impersonate` lets it act as any user, group or service account: each is a path to cluster-admin.',
    remediation: 'Remove the verb; grant these only to cluster administrators, through a reviewed ClusterRole.',
    references: [
      'CIS Kubernetes Benchmark 5.1.8: Limit use of the Bind, Impersonate and Escalate permissions in the Kubernetes cluster',
      'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#privilege-escalation-risks',
    ],
    defaultSeverity: Severity.ERROR,
  };

  /** The rule's CEL, enforced in the cluster by `AdmissionGuardrails`. */
  public readonly cel?: IRuleCel = CEL;

  /** Checks one object. */
  public check(obj: any, _context: RuleContext): RuleViolation[] {
    const out: RuleViolation[] = [];
    for (const r of _policyRules(obj)) {
      (Array.isArray(r.rule.verbs) ? r.rule.verbs : []).forEach((v: any, i: number) => {
        if (ESCALATION_VERBS.includes(v)) {
          out.push({ path: `${r.path}/verbs/${i}`, message: `${obj.kind} "${obj.metadata?.name}" grants the privilege-escalation verb "${v}" on ${JSON.stringify(r.resources)}` });
        }
      });
    }
    return out;
  }
}

/** The CEL form: no escalate, bind, impersonate. */
const CEL: IRuleCel = {
  target: CelTarget.RBAC_ROLE,
  expression: `!has(object.rules) || object.rules.all(r, !has(r.verbs) || !r.verbs.exists(v, v in ${_celList([..._ESCALATION_VERBS])}))`,
};
