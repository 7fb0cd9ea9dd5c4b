// SPDX-License-Identifier: Apache-2.0
import { _missingDefaultDeny, _READS_NAMESPACES } from './_workload-namespace';
import { IRule, RuleContext, RuleMetadata, RuleReads, RuleViolation, Severity } from '../../engine/rule';

/**
 * Every namespace that runs workloads has a NetworkPolicy that denies all ingress by default:
 * an empty `podSelector`, `policyTypes` including `Ingress` (or unset, which implies it), and no `ingress` rules.
 *
 * Cross-object: reported once per namespace, on its Namespace object when present among the checked
 * objects, otherwise on the synthetic Namespace the engine adds for it (never on a workload).
 * @see https://kubernetes.io/docs/concepts/services-networking/network-policies/#default-policies
 */
export class NamespaceHasDefaultDenyIngress implements IRule {
  /** The rule's stable id. */
  public static readonly ID = 'HARDEN-NET-001';

  /** The objects the rule reads: Namespace objects (real, or synthetic for a namespace without one). */
  public readonly reads?: RuleReads = _READS_NAMESPACES;

  /** The rule's metadata. */
  public readonly metadata: RuleMetadata = {
    id: NamespaceHasDefaultDenyIngress.ID,
    name: 'NamespaceHasDefaultDenyIngress',
    rationale: 'Kubernetes allows all traffic to a pod until a NetworkPolicy selects it. Without a default deny, every pod in '
      + 'the namespace is reachable from every other pod in the cluster, so one compromised workload can reach them all.',
    remediation: 'Add a NetworkPolicy with `podSelector: {}`, `policyTypes: [Ingress]` and no `ingress` rules to the namespace, '
      + 'then allow the flows each workload needs with narrower policies.',
    references: [
      'CIS Kubernetes Benchmark 5.3.2: Ensure that all Namespaces have Network Policies defined',
      'NSA/CISA Kubernetes Hardening Guide v1.2: Network separation and hardening, "Network policies"',
      'https://kubernetes.io/docs/concepts/services-networking/network-policies/#default-policies',
    ],
    defaultSeverity: Severity.ERROR,
    namespaceLevel: true,
  };

  /** Why the rule has no CEL form: an admission policy sees one object at a time. */
  public readonly noCelReason?: string = 'needs the NetworkPolicies of the namespace (a default-deny ingress policy)';

  /** Checks one object. */
  public check(obj: any, context: RuleContext): RuleViolation[] {
    return _missingDefaultDeny(obj, context, 'Ingress');
  }
}
