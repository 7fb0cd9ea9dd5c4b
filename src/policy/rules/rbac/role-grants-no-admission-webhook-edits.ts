// SPDX-License-Identifier: Apache-2.0
import { _READS_ROLES } from './_policy-rules';
import { SensitiveGrant, _WRITE_VERBS, _sensitiveGrants, _sensitiveGrantsCel } from './_sensitive-grants';
import { CelTarget, IRule, IRuleCel, RuleContext, RuleMetadata, RuleReads, RuleViolation, Severity } from '../../engine/rule';

const RESOURCES = ['mutatingwebhookconfigurations', 'validatingwebhookconfigurations', 'validatingadmissionpolicies', 'validatingadmissionpolicybindings'];

/**
 * No Role or ClusterRole grants a write verb (`create`, `update`, `patch`, `delete`, `deletecollection`) on
 * admission webhook configurations or admission policies (`admissionregistration.k8s.io`).
 *
 * Wildcards are reported by {@link RoleHasNoWildcards}.
 * @see https://kubernetes.io/docs/concepts/security/rbac-good-practices/#control-admission-webhooks
 */
export class RoleGrantsNoAdmissionWebhookEdits implements IRule {
  /** The rule's stable id. */
  public static readonly ID = 'HARDEN-RBAC-008';

  /** The sensitive grants (also compiled to the admission policy). @internal */
  public static readonly _GRANTS: SensitiveGrant[] = RESOURCES.map(resource => ({ apiGroup: 'admissionregistration.k8s.io', resource, verbs: _WRITE_VERBS }));

  /** The objects the rule reads: Roles and ClusterRoles. */
  public readonly reads?: RuleReads = _READS_ROLES;

  /** The rule's metadata. */
  public readonly metadata: RuleMetadata = {
    id: RoleGrantsNoAdmissionWebhookEdits.ID,
    name: 'RoleGrantsNoAdmissionWebhookEdits',
    rationale: 'A mutating webhook sees and can rewrite every object it matches (Secrets included), and deleting a validating '
      + 'webhook or policy switches the guardrails off: either is cluster-wide control.',
    remediation: 'Remove the grant; manage admission configuration through the platform\'s deployment pipeline, not from workloads.',
    references: [
      'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#control-admission-webhooks',
    ],
    defaultSeverity: Severity.ERROR,
  };

  /** The rule's CEL, enforced in the cluster by `AdmissionGuardrails`. */
  public readonly cel?: IRuleCel = CEL;

  /** Checks one object. */
  public check(obj: any, _context: RuleContext): RuleViolation[] {
    return _sensitiveGrants(obj, RoleGrantsNoAdmissionWebhookEdits._GRANTS);
  }
}

/** The CEL form. */
const CEL: IRuleCel = {
  target: CelTarget.RBAC_ROLE,
  expression: _sensitiveGrantsCel(RoleGrantsNoAdmissionWebhookEdits._GRANTS),
};
