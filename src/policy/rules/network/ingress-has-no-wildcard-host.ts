// SPDX-License-Identifier: Apache-2.0
import { CelTarget, IRule, IRuleCel, RuleContext, RuleMetadata, RuleReads, RuleViolation, Severity } from '../../engine/rule';

/**
 * No Ingress rule has a wildcard host (`*.example.com`) or no host at all (which matches every host name).
 * @see https://kubernetes.io/docs/concepts/services-networking/ingress/#hostname-wildcards
 */
export class IngressHasNoWildcardHost implements IRule {
  /** The rule's stable id. */
  public static readonly ID = 'HARDEN-NET-010';

  /** The objects the rule reads: objects of kind Ingress. */
  public readonly reads?: RuleReads = RuleReads.kinds('Ingress');

  /** The rule's metadata. */
  public readonly metadata: RuleMetadata = {
    id: IngressHasNoWildcardHost.ID,
    name: 'IngressHasNoWildcardHost',
    rationale: 'A wildcard or missing host routes every matching name to the backend, so any subdomain (including ones an attacker '
      + 'points at the cluster) reaches it, and one Ingress can capture traffic meant for another team\'s host.',
    remediation: 'List the exact host names the backend serves in `spec.rules[].host`.',
    references: [
      'https://kubernetes.io/docs/concepts/services-networking/ingress/#hostname-wildcards',
    ],
    defaultSeverity: Severity.WARNING,
  };

  /** The rule's CEL, enforced in the cluster by `AdmissionGuardrails`. */
  public readonly cel?: IRuleCel = CEL;

  /** Checks one object. */
  public check(obj: any, _context: RuleContext): RuleViolation[] {
    if (obj?.kind !== 'Ingress' || obj.apiVersion !== 'networking.k8s.io/v1' || !Array.isArray(obj.spec?.rules)) return [];
    const out: RuleViolation[] = [];
    obj.spec.rules.forEach((r: any, i: number) => {
      const host = r?.host;
      if (typeof host !== 'string' || host === '') {
        out.push({ path: `/spec/rules/${i}`, message: `Ingress "${obj.metadata?.name}" rule ${i} has no host, so it matches every host name` });
      } else if (host.startsWith('*')) {
        out.push({ path: `/spec/rules/${i}/host`, message: `Ingress "${obj.metadata?.name}" rule ${i} has the wildcard host "${host}"; list exact host names` });
      }
    });
    return out;
  }
}

/** The CEL form: no wildcard or missing Ingress hosts. */
const CEL: IRuleCel = {
  target: CelTarget.INGRESS,
  expression: "!has(variables.spec.rules) || variables.spec.rules.all(r, has(r.host) && r.host != '' && !r.host.startsWith('*'))",
};
