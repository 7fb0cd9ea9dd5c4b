// SPDX-License-Identifier: Apache-2.0
import { CelTarget, IRule, IRuleCel, RuleContext, RuleMetadata, RuleReads, RuleViolation, Severity } from '../../engine/rule';

/**
 * No Secret has type `kubernetes.io/service-account-token`.
 *
 * Such a Secret holds a token that never expires and is not bound to a pod; the API server fills it in for any
 * ServiceAccount it names.
 * @see https://kubernetes.io/docs/concepts/security/service-accounts/#get-a-token
 */
export class SecretIsNotServiceAccountToken implements IRule {
  /** The rule's stable id. */
  public static readonly ID = 'HARDEN-SEC-002';

  /** The objects the rule reads: objects of kind Secret. */
  public readonly reads?: RuleReads = RuleReads.kinds('Secret');

  /** The rule's metadata. */
  public readonly metadata: RuleMetadata = {
    id: SecretIsNotServiceAccountToken.ID,
    name: 'SecretIsNotServiceAccountToken',
    rationale: 'A service-account-token Secret is a long-lived credential: it does not expire, survives the pod, and can be read by '
      + 'anyone who can read Secrets in the namespace.',
    remediation: 'Remove the Secret; mount a projected, audience-bound, expiring token (TokenRequest) where a token is needed.',
    references: [
      'CIS Kubernetes Benchmark 5.1.6: Ensure that Service Account Tokens are only mounted where necessary',
      'https://kubernetes.io/docs/concepts/security/service-accounts/#get-a-token',
    ],
    defaultSeverity: Severity.ERROR,
  };

  /** The rule's CEL, enforced in the cluster by `AdmissionGuardrails`. */
  public readonly cel?: IRuleCel = CEL;

  /** Checks one object. */
  public check(obj: any, _context: RuleContext): RuleViolation[] {
    if (obj?.kind !== 'Secret' || obj.apiVersion !== 'v1' || obj.type !== 'kubernetes.io/service-account-token') return [];
    const sa = obj.metadata?.annotations?.['kubernetes.io/service-account.name'];
    return [{
      path: '/type',
      message: `Secret "${obj.metadata?.name}" is a long-lived token${typeof sa === 'string' ? ` of ServiceAccount "${sa}"` : ''}; use a projected token instead`,
    }];
  }
}

/** The CEL form: no long-lived service-account-token Secrets. */
const CEL: IRuleCel = {
  target: CelTarget.SECRET,
  expression: "!has(object.type) || object.type != 'kubernetes.io/service-account-token'",
};
