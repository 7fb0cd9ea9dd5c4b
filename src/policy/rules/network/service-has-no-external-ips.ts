// SPDX-License-Identifier: Apache-2.0
import { CelTarget, IRule, IRuleCel, RuleContext, RuleMetadata, RuleReads, RuleViolation, Severity } from '../../engine/rule';

/**
 * No Service sets `spec.externalIPs`.
 *
 * Whoever can create a Service with `externalIPs` can make every node's kube-proxy capture traffic meant for any
 * IP address, inside or outside the cluster (CVE-2020-8554, unfixed by design).
 * @see https://github.com/kubernetes/kubernetes/issues/97076
 */
export class ServiceHasNoExternalIps implements IRule {
  /** The rule's stable id. */
  public static readonly ID = 'HARDEN-NET-008';

  /** The objects the rule reads: objects of kind Service. */
  public readonly reads?: RuleReads = RuleReads.kinds('Service');

  /** The rule's metadata. */
  public readonly metadata: RuleMetadata = {
    id: ServiceHasNoExternalIps.ID,
    name: 'ServiceHasNoExternalIps',
    rationale: 'kube-proxy routes traffic for a Service\'s externalIPs on every node, so a Service naming someone else\'s IP '
      + 'intercepts the traffic of every pod in the cluster to that IP (CVE-2020-8554, a man-in-the-middle that cannot be patched).',
    remediation: 'Remove `spec.externalIPs`; expose the Service through an Ingress or a LoadBalancer Service, and block the field '
      + 'cluster-wide with the DenyServiceExternalIPs admission plugin or an admission policy.',
    references: [
      'CVE-2020-8554: https://github.com/kubernetes/kubernetes/issues/97076',
      'https://kubernetes.io/docs/concepts/services-networking/service/#external-ips',
    ],
    defaultSeverity: Severity.ERROR,
  };

  /** The rule's CEL, enforced in the cluster by `AdmissionGuardrails`. */
  public readonly cel?: IRuleCel = CEL;

  /** Checks one object. */
  public check(obj: any, _context: RuleContext): RuleViolation[] {
    if (obj?.kind !== 'Service' || obj.apiVersion !== 'v1') return [];
    const ips = obj.spec?.externalIPs;
    if (ips === undefined || ips === null || (Array.isArray(ips) && ips.length === 0)) return [];
    return [{ path: '/spec/externalIPs', message: `Service "${obj.metadata?.name}" sets externalIPs ${JSON.stringify(ips)}; remove them (CVE-2020-8554)` }];
  }
}

/** The CEL form: no Service externalIPs (CVE-2020-8554). */
const CEL: IRuleCel = {
  target: CelTarget.SERVICE,
  expression: '!has(object.spec) || !has(object.spec.externalIPs) || size(object.spec.externalIPs) == 0',
};
