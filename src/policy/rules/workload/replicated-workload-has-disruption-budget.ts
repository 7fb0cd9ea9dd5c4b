// SPDX-License-Identifier: Apache-2.0
import { IRule, RuleContext, RuleMetadata, RuleReads, RuleViolation, Severity } from '../../engine/rule';
import { _describeNamespace, _indexObjects, _isObject, _namespaceOf, _objectsIn, _selectorMatches } from '../_objects';

const REPLICATED_KINDS = ['Deployment', 'StatefulSet'];

/**
 * Every Deployment or StatefulSet with `replicas` greater than 1 is selected by a
 * PodDisruptionBudget among the checked objects, in the same namespace.
 *
 * A PDB selects the workload when its `spec.selector` matches the pod template labels
 * (`policy/v1` semantics: an empty selector selects every pod in the namespace, a missing one
 * selects none). Workloads with `replicas` unset (1) or at most 1 are not applicable; replicas set
 * by a HorizontalPodAutoscaler are not considered.
 * @see https://kubernetes.io/docs/concepts/workloads/pods/disruptions/
 */
export class ReplicatedWorkloadHasDisruptionBudget implements IRule {
  /** The rule's stable id. */
  public static readonly ID = 'HARDEN-WL-008';

  /** The objects the rule reads: Deployments and StatefulSets. */
  public readonly reads?: RuleReads = RuleReads.kinds(...REPLICATED_KINDS);

  /** The rule's metadata. */
  public readonly metadata: RuleMetadata = {
    id: ReplicatedWorkloadHasDisruptionBudget.ID,
    name: 'ReplicatedWorkloadHasDisruptionBudget',
    rationale: 'Without a PodDisruptionBudget a node drain or cluster upgrade may evict every replica at once, turning routine '
      + 'maintenance into an outage; a replicated workload exists precisely to stay available.',
    remediation: 'Add a `policy/v1` PodDisruptionBudget in the same namespace whose selector matches the pod template labels, '
      + 'with `minAvailable` or `maxUnavailable` set.',
    references: [
      'https://kubernetes.io/docs/concepts/workloads/pods/disruptions/',
      'https://kubernetes.io/docs/tasks/run-application/configure-pdb/',
    ],
    defaultSeverity: Severity.WARNING,
  };

  /** Why the rule has no CEL form: an admission policy sees one object at a time. */
  public readonly noCelReason?: string = 'needs the PodDisruptionBudgets whose selector matches the workload';

  /** Checks one object. */
  public check(obj: any, context: RuleContext): RuleViolation[] {
    if (!_isObject(obj) || !REPLICATED_KINDS.includes(obj.kind)) return [];
    const replicas = obj.spec?.replicas;
    if (typeof replicas !== 'number' || replicas <= 1) return [];
    const labels = obj.spec?.template?.metadata?.labels;
    const ns = _namespaceOf(obj);
    const covered = _objectsIn(_indexObjects(context.objects), 'PodDisruptionBudget', ns)
      .some(pdb => _selectorMatches(pdb.spec?.selector, labels)
        // policy/v1beta1 (removed in 1.25) treated an empty selector as selecting nothing.
        && !(pdb.apiVersion === 'policy/v1beta1' && _isEmptySelector(pdb.spec?.selector)));
    if (covered) return [];
    return [{
      path: '/spec/replicas',
      message: `${obj.kind} "${obj.metadata?.name}" runs ${replicas} replicas but no PodDisruptionBudget in ${_describeNamespace(ns)} selects its pod labels`,
    }];
  }
}

function _isEmptySelector(selector: any): boolean {
  return _isObject(selector)
    && Object.keys(selector.matchLabels ?? {}).length === 0
    && (selector.matchExpressions ?? []).length === 0;
}
