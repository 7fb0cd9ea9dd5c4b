// SPDX-License-Identifier: Apache-2.0
import { CelTarget, IRule, IRuleCel, RuleContext, RuleMetadata, RuleReads, RuleViolation, Severity } from '../../engine/rule';

/**
 * Every ServiceAccount sets `automountServiceAccountToken: false`.
 *
 * The pod-level setting decides for each pod ({@link PodServiceAccountTokenIsNotAutomounted}); this rule makes the
 * account safe for pods written later, by anyone, that forget it.
 * @see https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/#opt-out-of-api-credential-automounting
 */
export class ServiceAccountDoesNotAutomountToken implements IRule {
  /** The rule's stable id. */
  public static readonly ID = 'HARDEN-WL-014';

  /** The objects the rule reads: objects of kind ServiceAccount. */
  public readonly reads?: RuleReads = RuleReads.kinds('ServiceAccount');

  /** The rule's metadata. */
  public readonly metadata: RuleMetadata = {
    id: ServiceAccountDoesNotAutomountToken.ID,
    name: 'ServiceAccountDoesNotAutomountToken',
    rationale: 'A ServiceAccount that automounts its token gives API credentials to every pod that runs as it and does not opt out, '
      + 'including pods added later by other people.',
    remediation: 'Set `automountServiceAccountToken: false` on the ServiceAccount; pods that need the API opt in themselves or mount a projected token.',
    references: [
      'CIS Kubernetes Benchmark 5.1.6: Ensure that Service Account Tokens are only mounted where necessary',
      'https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/#opt-out-of-api-credential-automounting',
    ],
    defaultSeverity: Severity.WARNING,
  };

  /** The rule's CEL, enforced in the cluster by `AdmissionGuardrails`. */
  public readonly cel?: IRuleCel = CEL;

  /** Checks one object. */
  public check(obj: any, _context: RuleContext): RuleViolation[] {
    if (obj?.kind !== 'ServiceAccount' || obj.apiVersion !== 'v1' || obj.automountServiceAccountToken === false) return [];
    const value = obj.automountServiceAccountToken;
    return [{
      path: '/automountServiceAccountToken',
      message: `ServiceAccount "${obj.metadata?.name}" ${value === undefined ? 'does not set automountServiceAccountToken' : `sets automountServiceAccountToken ${JSON.stringify(value)}`}; set it to false`,
    }];
  }
}

/** The CEL form: ServiceAccounts do not automount their token. */
const CEL: IRuleCel = {
  target: CelTarget.SERVICE_ACCOUNT,
  expression: 'has(object.automountServiceAccountToken) && object.automountServiceAccountToken == false',
};
