// SPDX-License-Identifier: Apache-2.0
import { IRule, RuleContext, RuleMetadata, RuleReads, RuleViolation, Severity } from '../../engine/rule';
import { _describeNamespace, _objectsIn } from '../_objects';
import { _attributedWorkloadNamespace, _READS_NAMESPACES } from './_workload-namespace';

/**
 * Every namespace that runs workloads has a ResourceQuota among the checked objects.
 *
 * Cross-object: reported once per namespace, on its Namespace object when present among the checked
 * objects, otherwise on the synthetic Namespace the engine adds for it (never on a workload).
 * @see https://kubernetes.io/docs/concepts/policy/resource-quotas/
 */
export class NamespaceHasResourceQuota implements IRule {
  /** The rule's stable id. */
  public static readonly ID = 'HARDEN-NET-003';

  /** The objects the rule reads: Namespace objects (real, or synthetic for a namespace without one). */
  public readonly reads?: RuleReads = _READS_NAMESPACES;

  /** The rule's metadata. */
  public readonly metadata: RuleMetadata = {
    id: NamespaceHasResourceQuota.ID,
    name: 'NamespaceHasResourceQuota',
    rationale: 'Without a ResourceQuota, one namespace (or one compromised workload in it) can consume the cluster\'s CPU, memory, '
      + 'storage and object counts and starve every other tenant.',
    remediation: 'Add a ResourceQuota to the namespace bounding requests, limits and object counts (`HardenedNamespace` creates one).',
    references: [
      'NSA/CISA Kubernetes Hardening Guide v1.2: Network separation and hardening, "Resource policies"',
      'https://kubernetes.io/docs/concepts/policy/resource-quotas/',
    ],
    defaultSeverity: Severity.WARNING,
    namespaceLevel: true,
  };

  /** Why the rule has no CEL form: an admission policy sees one object at a time. */
  public readonly noCelReason?: string = 'needs the ResourceQuotas of the namespace';

  /** Checks one object. */
  public check(obj: any, context: RuleContext): RuleViolation[] {
    const scope = _attributedWorkloadNamespace(obj, context);
    if (!scope) return [];
    if (_objectsIn(scope.index, 'ResourceQuota', scope.namespace).some(o => o.apiVersion === 'v1')) return [];
    return [{ path: scope.path, message: `${_describeNamespace(scope.namespace)} runs workloads but has no ResourceQuota` }];
  }
}
