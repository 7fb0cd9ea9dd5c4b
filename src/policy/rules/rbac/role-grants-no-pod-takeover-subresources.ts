// SPDX-License-Identifier: Apache-2.0
import { _coversCoreGroup, _policyRules, _READS_ROLES } from './_policy-rules';
import { _TAKEOVER_SUBRESOURCES } from '../../../core/_rbac-risks';
import { CelTarget, IRule, IRuleCel, RuleContext, RuleMetadata, RuleReads, RuleViolation, Severity } from '../../engine/rule';
import { _celList } from '../_cel';

const TAKEOVER_VERBS: { readonly [resource: string]: readonly string[] | undefined } = _TAKEOVER_SUBRESOURCES;

/**
 * No Role or ClusterRole grants, in the core API group, `create` or `get` on `pods/exec` or
 * `pods/attach` (a WebSocket exec is authorized as `get`), any verb on `nodes/proxy`, or `create`
 * on `serviceaccounts/token`.
 *
 * One finding per resource entry, naming the verbs.
 * Wildcard verbs and resources that would include these are reported by {@link RoleHasNoWildcards}.
 * @see https://kubernetes.io/docs/concepts/security/rbac-good-practices/#privilege-escalation-risks
 */
export class RoleGrantsNoPodTakeoverSubresources implements IRule {
  /** The rule's stable id. */
  public static readonly ID = 'HARDEN-RBAC-003';

  /** The objects the rule reads: Roles and ClusterRoles. */
  public readonly reads?: RuleReads = _READS_ROLES;

  /** The rule's metadata. */
  public readonly metadata: RuleMetadata = {
    id: RoleGrantsNoPodTakeoverSubresources.ID,
    name: 'RoleGrantsNoPodTakeoverSubresources',
    rationale: '`create` on pods/exec or pods/attach runs commands inside other workloads (and reads their mounted secrets '
      + 'and tokens); on nodes/proxy it reaches the kubelet API directly, bypassing admission and audit; on '
      + 'serviceaccounts/token it mints tokens for other service accounts and inherits their permissions. '
      + 'Exec and attach over WebSocket are GET requests, so `get` on pods/exec or pods/attach is as dangerous as `create`.',
    remediation: 'Remove these resources from the role; grant interactive debugging through a separate, time-bound role to people, '
      + 'not workloads, and request tokens through projected volumes.',
    references: [
      'CIS Kubernetes Benchmark 5.1.10: Minimize access to the proxy sub-resource of nodes',
      'CIS Kubernetes Benchmark 5.1.13: Minimize access to the service account token creation',
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
      if (!_coversCoreGroup(r)) continue;
      (Array.isArray(r.rule.resources) ? r.rule.resources : []).forEach((res: any, i: number) => {
        const dangerous = typeof res === 'string' && Object.prototype.hasOwnProperty.call(TAKEOVER_VERBS, res) ? TAKEOVER_VERBS[res]! : [];
        const verbs = r.verbs.filter(v => dangerous.includes(v));
        if (verbs.length > 0) {
          out.push({ path: `${r.path}/resources/${i}`, message: `${obj.kind} "${obj.metadata?.name}" grants ${verbs.join(', ')} on "${res}"` });
        }
      });
    }
    return out;
  }
}

/** The CEL form: no takeover subresource (exec/attach: create, get; nodes/proxy: any verb; token: create) in the core group. */
const CEL: IRuleCel = {
  target: CelTarget.RBAC_ROLE,
  expression: "!has(object.rules) || object.rules.all(r, !has(r.apiGroups) || !('' in r.apiGroups) || !has(r.resources) || !has(r.verbs)"
    + ` || (${Object.keys(_TAKEOVER_SUBRESOURCES).map(res => `!('${res}' in r.resources && r.verbs.exists(v, v in ${_celList([..._TAKEOVER_SUBRESOURCES[res]])}))`).join(' && ')}))`,
};
