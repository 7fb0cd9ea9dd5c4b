// SPDX-License-Identifier: Apache-2.0
import { _READS_ROLES } from './_policy-rules';
import { _sensitiveGrants, _sensitiveGrantsCel, SensitiveGrant } from './_sensitive-grants';
import { CelTarget, IRule, IRuleCel, RuleContext, RuleMetadata, RuleReads, RuleViolation, Severity } from '../../engine/rule';

/**
 * No Role or ClusterRole grants `create`, `update` or `patch` on `endpoints` (core group) or `endpointslices`
 * (`discovery.k8s.io`).
 *
 * Hand-written endpoints send a Service's traffic to any address, including the node's loopback and other
 * namespaces' pods (CVE-2021-25740); Kubernetes 1.22+ removed these verbs from the default `edit` role for that reason.
 * @see https://github.com/kubernetes/kubernetes/issues/103675
 */
export class RoleGrantsNoEndpointEdits implements IRule {
  /** The rule's stable id. */
  public static readonly ID = 'HARDEN-RBAC-009';

  /** The sensitive grants (also compiled to the admission policy). @internal */
  public static readonly _GRANTS: SensitiveGrant[] = [
    { apiGroup: '', resource: 'endpoints', verbs: ['create', 'update', 'patch'] },
    { apiGroup: 'discovery.k8s.io', resource: 'endpointslices', verbs: ['create', 'update', 'patch'] },
  ];

  /** The objects the rule reads: Roles and ClusterRoles. */
  public readonly reads?: RuleReads = _READS_ROLES;

  /** The rule's metadata. */
  public readonly metadata: RuleMetadata = {
    id: RoleGrantsNoEndpointEdits.ID,
    name: 'RoleGrantsNoEndpointEdits',
    rationale: 'Endpoints and EndpointSlices decide where a Service\'s traffic goes; writing them by hand lets a namespace user '
      + 'route a Service (and ingress controllers that follow it) to addresses NetworkPolicy would not let them reach (CVE-2021-25740).',
    remediation: 'Remove the grant and let the endpoint controllers manage endpoints from Service selectors.',
    references: [
      'CVE-2021-25740: https://github.com/kubernetes/kubernetes/issues/103675',
      'https://kubernetes.io/docs/reference/access-authn-authz/rbac/#write-access-for-endpoints',
    ],
    defaultSeverity: Severity.ERROR,
  };

  /** The rule's CEL, enforced in the cluster by `AdmissionGuardrails`. */
  public readonly cel?: IRuleCel = CEL;

  /** Checks one object. */
  public check(obj: any, _context: RuleContext): RuleViolation[] {
    return _sensitiveGrants(obj, RoleGrantsNoEndpointEdits._GRANTS);
  }
}

/** The CEL form. */
const CEL: IRuleCel = {
  target: CelTarget.RBAC_ROLE,
  expression: _sensitiveGrantsCel(RoleGrantsNoEndpointEdits._GRANTS),
};
