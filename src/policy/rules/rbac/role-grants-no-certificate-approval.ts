// SPDX-License-Identifier: Apache-2.0
import { _READS_ROLES } from './_policy-rules';
import { _sensitiveGrants, _sensitiveGrantsCel, SensitiveGrant } from './_sensitive-grants';
import { CelTarget, IRule, IRuleCel, RuleContext, RuleMetadata, RuleReads, RuleViolation, Severity } from '../../engine/rule';

/**
 * No Role or ClusterRole grants, in `certificates.k8s.io`, `update` or `patch` on
 * `certificatesigningrequests/approval`, or `approve` or `sign` on `signers`.
 *
 * Approving a CertificateSigningRequest (with `approve` on its signer) issues a client certificate for any user or
 * group the request names, `system:masters` included. Wildcards are reported by {@link RoleHasNoWildcards}.
 * @see https://kubernetes.io/docs/reference/access-authn-authz/certificate-signing-requests/#authorization
 */
export class RoleGrantsNoCertificateApproval implements IRule {
  /** The rule's stable id. */
  public static readonly ID = 'HARDEN-RBAC-007';

  /** The sensitive grants (also compiled to the admission policy). @internal */
  public static readonly _GRANTS: SensitiveGrant[] = [
    { apiGroup: 'certificates.k8s.io', resource: 'certificatesigningrequests/approval', verbs: ['update', 'patch'] },
    { apiGroup: 'certificates.k8s.io', resource: 'signers', verbs: ['approve', 'sign'] },
  ];

  /** The objects the rule reads: Roles and ClusterRoles. */
  public readonly reads?: RuleReads = _READS_ROLES;

  /** The rule's metadata. */
  public readonly metadata: RuleMetadata = {
    id: RoleGrantsNoCertificateApproval.ID,
    name: 'RoleGrantsNoCertificateApproval',
    rationale: 'Who can approve CertificateSigningRequests and use a signer can mint a client certificate for any identity the '
      + 'API server trusts, including system:masters, which no RBAC rule can limit afterwards.',
    remediation: 'Remove the grant; leave CSR approval to the controller manager and to named administrators.',
    references: [
      'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#csrs-and-certificate-issuing',
      'https://kubernetes.io/docs/reference/access-authn-authz/certificate-signing-requests/#authorization',
    ],
    defaultSeverity: Severity.ERROR,
  };

  /** The rule's CEL, enforced in the cluster by `AdmissionGuardrails`. */
  public readonly cel?: IRuleCel = CEL;

  /** Checks one object. */
  public check(obj: any, _context: RuleContext): RuleViolation[] {
    return _sensitiveGrants(obj, RoleGrantsNoCertificateApproval._GRANTS);
  }
}

/** The CEL form. */
const CEL: IRuleCel = {
  target: CelTarget.RBAC_ROLE,
  expression: _sensitiveGrantsCel(RoleGrantsNoCertificateApproval._GRANTS),
};
