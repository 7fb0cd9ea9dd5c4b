// SPDX-License-Identifier: Apache-2.0
import { CelTarget, IRule, IRuleCel, RuleContext, RuleMetadata, RuleReads, RuleViolation, Severity } from '../../engine/rule';


/**
 * No `ExternalName` Service points at the node itself, a link-local address or a name inside the cluster
 * (`localhost`, `127.*`, `::1`, `169.254.*`, `kubernetes.default`, `*.svc`, `*.cluster.local`).
 *
 * Ingress controllers and meshes that follow such a Service forward outside traffic to their own loopback
 * interface or to Services in other namespaces, crossing the boundaries NetworkPolicy and namespaces draw
 * (CVE-2021-25740 family).
 * @see https://kubernetes.io/docs/concepts/services-networking/service/#externalname
 */
export class ExternalNameServiceDoesNotPointInside implements IRule {
  /** The rule's stable id. */
  public static readonly ID = 'HARDEN-NET-009';
  /**
   * The host names an ExternalName Service must not alias (loopback, link-local, cluster names), as a regular
   * expression matched case-insensitively; valid in JavaScript and RE2 (the admission policy uses it too).
   */
  public static readonly INSIDE_HOST_PATTERN = '^(localhost|localhost\\.localdomain|kubernetes|kubernetes\\.default)\\.?$'
    + '|(^|\\.)(svc|cluster\\.local)\\.?$|^127\\.|^0\\.0\\.0\\.0$|^::1?$|^169\\.254\\.';

  /** The objects the rule reads: objects of kind Service. */
  public readonly reads?: RuleReads = RuleReads.kinds('Service');

  /** The rule's metadata. */
  public readonly metadata: RuleMetadata = {
    id: ExternalNameServiceDoesNotPointInside.ID,
    name: 'ExternalNameServiceDoesNotPointInside',
    rationale: 'An ExternalName Service is a DNS alias that proxies and ingress controllers follow with their own privileges: '
      + 'pointing it at localhost, a metadata address or another namespace\'s Service lets whoever can create Services reach '
      + 'endpoints their NetworkPolicies and namespace would not let them reach.',
    remediation: 'Point `spec.externalName` at a name outside the cluster, or reference the other Service directly (a NetworkPolicy '
      + 'and a cross-namespace grant decide who may reach it).',
    references: [
      'CVE-2021-25740: https://github.com/kubernetes/kubernetes/issues/103675',
      'https://kubernetes.io/docs/concepts/services-networking/service/#externalname',
    ],
    defaultSeverity: Severity.ERROR,
  };

  /** The rule's CEL, enforced in the cluster by `AdmissionGuardrails`. */
  public readonly cel?: IRuleCel = CEL;

  /** Checks one object. */
  public check(obj: any, _context: RuleContext): RuleViolation[] {
    if (obj?.kind !== 'Service' || obj.apiVersion !== 'v1' || obj.spec?.type !== 'ExternalName') return [];
    const name = obj.spec.externalName;
    if (typeof name !== 'string' || !new RegExp(ExternalNameServiceDoesNotPointInside.INSIDE_HOST_PATTERN, 'i').test(name)) return [];
    return [{
      path: '/spec/externalName',
      message: `ExternalName Service "${obj.metadata?.name}" points at "${name}", which is the node itself, a link-local address or a name inside the cluster`,
    }];
  }
}

/** The CEL form: no ExternalName Service aliasing loopback, link-local or cluster names. */
const CEL: IRuleCel = {
  target: CelTarget.SERVICE,
  expression: "!has(object.spec) || !has(object.spec.type) || object.spec.type != 'ExternalName' || !has(object.spec.externalName)"
    + ` || !object.spec.externalName.matches(r'(?i)${ExternalNameServiceDoesNotPointInside.INSIDE_HOST_PATTERN}')`,
};
