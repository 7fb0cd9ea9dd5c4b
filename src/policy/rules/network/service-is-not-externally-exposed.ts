// SPDX-License-Identifier: Apache-2.0
import { CelTarget, IRule, IRuleCel, RuleContext, RuleMetadata, RuleReads, RuleViolation, Severity } from '../../engine/rule';
import { _isObject } from '../_objects';

const EXPOSED_TYPES = ['NodePort', 'LoadBalancer'];

/**
 * No Service has `type: NodePort` or `type: LoadBalancer`.
 *
 * Services that are meant to be public should sit behind an Ingress or Gateway with TLS; an
 * intended exception is suppressed with a reason.
 * @see https://kubernetes.io/docs/concepts/services-networking/service/#publishing-services-service-types
 */
export class ServiceIsNotExternallyExposed implements IRule {
  /** The rule's stable id. */
  public static readonly ID = 'HARDEN-NET-006';

  /** The objects the rule reads: objects of kind Service. */
  public readonly reads?: RuleReads = RuleReads.kinds('Service');

  /** The rule's metadata. */
  public readonly metadata: RuleMetadata = {
    id: ServiceIsNotExternallyExposed.ID,
    name: 'ServiceIsNotExternallyExposed',
    rationale: 'A NodePort opens the port on every node\'s address, and a LoadBalancer usually on a public address; both bypass '
      + 'the Ingress layer (TLS, authentication, rate limits) and are easy to expose by accident.',
    remediation: 'Use `type: ClusterIP` and publish through an Ingress or Gateway with TLS; if direct exposure is intended, '
      + 'suppress this rule on the Service with the reason.',
    references: [
      'NSA/CISA Kubernetes Hardening Guide v1.2: Network separation and hardening',
      'https://kubernetes.io/docs/concepts/services-networking/service/#publishing-services-service-types',
    ],
    defaultSeverity: Severity.ERROR,
  };

  /** The rule's CEL, enforced in the cluster by `AdmissionGuardrails`. */
  public readonly cel?: IRuleCel = CEL;

  /** Checks one object. */
  public check(obj: any, _context: RuleContext): RuleViolation[] {
    if (!_isObject(obj) || obj.kind !== 'Service' || obj.apiVersion !== 'v1') return [];
    const type = obj.spec?.type;
    if (!EXPOSED_TYPES.includes(type)) return [];
    return [{ path: '/spec/type', message: `Service "${obj.metadata?.name}" has type ${type}, which exposes it outside the cluster; use ClusterIP behind an Ingress` }];
  }
}

/** The CEL form: no NodePort / LoadBalancer Services. */
const CEL: IRuleCel = {
  target: CelTarget.SERVICE,
  expression: "!has(object.spec) || !has(object.spec.type) || !(object.spec.type in ['NodePort', 'LoadBalancer'])",
};
