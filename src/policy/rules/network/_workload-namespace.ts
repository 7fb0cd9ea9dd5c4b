// SPDX-License-Identifier: Apache-2.0
/**
 * Internal: attribution of namespace-level findings ("this namespace lacks X") to the namespace.
 *
 * A namespace "runs workloads" when some checked object in it runs pods (`_runsPods`: Pods, the built-in
 * controllers, and custom resources such as Argo Rollouts or Tekton TaskRuns). The finding is reported once per
 * such namespace, on its Namespace object: the one among the checked objects (the last of that name, which is
 * the one applied), or the synthetic Namespace the engine adds when there is none (`_namespaceTargets`). It is
 * never reported on a workload, so a suppression on one workload cannot silence it, and input order does not
 * matter. Objects without `metadata.namespace` form one group, the namespace chosen at apply time.
 */
import { _isSyntheticNamespace } from '../../engine/_namespace-targets';
import { RuleContext, RuleReads, RuleViolation } from '../../engine/rule';
import { ContextIndex, _describeNamespace, _indexObjects, _isObject, _objectsIn } from '../_objects';

/** The namespace an object answers for, with the path findings point at. @internal */
export interface AttributedNamespace {
  readonly namespace: string;
  readonly path: string;
  readonly index: ContextIndex;
}

/** What the namespace-level rules read (`IRule.reads`): Namespace objects, real or synthetic. @internal */
export const _READS_NAMESPACES = RuleReads.kinds('Namespace');

/**
 * If findings about a workload namespace are attributed to `obj` (a Namespace object, real or synthetic),
 * returns that namespace; otherwise undefined (not applicable).
 * @internal
 */
export function _attributedWorkloadNamespace(obj: any, context: RuleContext): AttributedNamespace | undefined {
  if (!_isObject(obj) || obj.kind !== 'Namespace' || obj.apiVersion !== 'v1') return undefined;
  const index = _indexObjects(context.objects);
  const synthetic = _isSyntheticNamespace(obj);
  const name = obj.metadata?.name;
  const ns = typeof name === 'string' ? name : synthetic ? '' : undefined;
  if (ns === undefined || !index.workloadNamespaces.has(ns)) return undefined;
  // Two Namespace objects of one name: the later is applied, so it answers (the duplicate itself is reported by the engine).
  const last = index.namespaces.get(ns);
  if (!synthetic && last !== undefined && last !== obj && context.objects.includes(obj)) return undefined;
  return { namespace: ns, path: ns === '' ? '/metadata' : '/metadata/name', index };
}

/** Whether a LabelSelector is empty (selects every pod); a missing podSelector decodes to empty. @internal */
export function _isEmptyPodSelector(selector: any): boolean {
  if (selector === undefined || selector === null) return true;
  if (!_isObject(selector)) return false;
  const labels = _isObject(selector.matchLabels) ? Object.keys(selector.matchLabels) : [];
  const exprs = Array.isArray(selector.matchExpressions) ? selector.matchExpressions : [];
  return labels.length === 0 && exprs.length === 0;
}

/** Whether a NetworkPolicy selects every pod and allows nothing in `direction`. @internal */
export function _isDefaultDeny(np: any, direction: 'Ingress' | 'Egress'): boolean {
  if (!_isObject(np) || np.apiVersion !== 'networking.k8s.io/v1' || !_isEmptyPodSelector(np.spec?.podSelector)) return false;
  const spec = np.spec ?? {};
  const rules = direction === 'Ingress' ? spec.ingress : spec.egress;
  if (rules !== undefined && rules !== null && !(Array.isArray(rules) && rules.length === 0)) return false;
  const types = spec.policyTypes;
  if (Array.isArray(types)) return types.includes(direction);
  // policyTypes unset: Ingress is always implied; Egress only when egress rules exist (then it is not a deny).
  return direction === 'Ingress';
}

/**
 * The check shared by the two default-deny rules: one violation for a namespace that runs workloads and has no
 * default-deny NetworkPolicy for `direction` (attributed as `_attributedWorkloadNamespace` does). @internal
 */
export function _missingDefaultDeny(obj: any, context: RuleContext, direction: 'Ingress' | 'Egress'): RuleViolation[] {
  const scope = _attributedWorkloadNamespace(obj, context);
  if (!scope) return [];
  if (_objectsIn(scope.index, 'NetworkPolicy', scope.namespace).some(np => _isDefaultDeny(np, direction))) return [];
  const lower = direction.toLowerCase();
  return [{
    path: scope.path,
    message: `${_describeNamespace(scope.namespace)} runs workloads but has no default-deny ${lower} NetworkPolicy `
      + `(podSelector {}, policyTypes [${direction}], no ${lower} rules)`,
  }];
}
