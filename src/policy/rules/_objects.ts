// SPDX-License-Identifier: Apache-2.0
/**
 * Internal helpers shared by the cross-object rules (workload, network): namespace grouping,
 * label-selector matching, and a per-context index so cross-object rules stay linear in the
 * number of objects.
 */
import { _POD_BEARING_KINDS, _runsPods } from './_pod-spec';
import { _hasOwn } from '../../core/_util';

/**
 * The namespace of an object. An object without `metadata.namespace` is applied to whatever
 * namespace the apply-time context chooses; we group all such objects together under `''`
 * (they land in the same namespace when applied together), distinct from any named namespace.
 * @internal
 */
export function _namespaceOf(obj: any): string {
  const ns = obj?.metadata?.namespace;
  return typeof ns === 'string' ? ns : '';
}

/** Human-readable namespace for messages. @internal */
export function _describeNamespace(ns: string): string {
  return ns === '' ? 'the apply-time namespace (no metadata.namespace set)' : `namespace "${ns}"`;
}

/** Identity of an object: `apiVersion/kind namespace/name`. @internal */
export function _objectKey(obj: any): string {
  return `${obj?.apiVersion}/${obj?.kind} ${_namespaceOf(obj)}/${obj?.metadata?.name}`;
}

/** Whether an object is a plain (non-null, non-array) object. @internal */
export function _isObject(x: any): boolean {
  return x !== null && typeof x === 'object' && !Array.isArray(x);
}

/** Built-in kinds that run pods (PodTemplate only stores a template, so it does not count). @internal */
export const _WORKLOAD_KINDS = _POD_BEARING_KINDS.filter(k => k !== 'PodTemplate');

/** Objects of the context, grouped for cross-object rules. @internal */
export interface ContextIndex {
  /** Objects by kind, then by namespace, in input order. */
  readonly byKindAndNamespace: Map<string, Map<string, any[]>>;
  /** Namespace objects by name (the last of a name: it is the one applied). */
  readonly namespaces: Map<string, any>;
  /** Namespaces in which some object runs pods (built-in workloads and custom resources alike, see `_runsPods`). */
  readonly workloadNamespaces: Set<string>;
}

const INDEX_CACHE = new WeakMap<object, ContextIndex>();

/**
 * Indexes `objects` once; later calls with the same array reuse the index. Callers must not
 * mutate the array between rule runs (the engine builds it once per check).
 * @internal
 */
export function _indexObjects(objects: any[]): ContextIndex {
  const cached = INDEX_CACHE.get(objects);
  if (cached) return cached;
  const byKindAndNamespace = new Map<string, Map<string, any[]>>();
  const namespaces = new Map<string, any>();
  const workloadNamespaces = new Set<string>();
  for (const obj of Array.isArray(objects) ? objects : []) {
    if (!_isObject(obj) || typeof obj.kind !== 'string') continue;
    const ns = _namespaceOf(obj);
    let byNs = byKindAndNamespace.get(obj.kind);
    if (!byNs) {
      byNs = new Map();
      byKindAndNamespace.set(obj.kind, byNs);
    }
    const list = byNs.get(ns);
    if (list) list.push(obj);
    else byNs.set(ns, [obj]);
    if (obj.kind === 'Namespace' && obj.apiVersion === 'v1' && typeof obj.metadata?.name === 'string') namespaces.set(obj.metadata.name, obj);
    if (_runsPods(obj)) workloadNamespaces.add(ns);
  }
  const index = { byKindAndNamespace, namespaces, workloadNamespaces };
  if (Array.isArray(objects)) INDEX_CACHE.set(objects, index);
  return index;
}

/** Objects of a kind in a namespace (empty when none). @internal */
export function _objectsIn(index: ContextIndex, kind: string, ns: string): any[] {
  return index.byKindAndNamespace.get(kind)?.get(ns) ?? [];
}

/**
 * Whether a Kubernetes `LabelSelector` (matchLabels + matchExpressions) selects `labels`.
 * An empty selector selects everything; `undefined`/`null` selects nothing.
 * @see https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors
 * @internal
 */
export function _selectorMatches(selector: any, labels: any): boolean {
  if (!_isObject(selector)) return false;
  const l: Record<string, any> = _isObject(labels) ? labels : {};
  const matchLabels = _isObject(selector.matchLabels) ? selector.matchLabels : {};
  for (const [k, v] of Object.entries(matchLabels)) {
    if (!_hasOwn(l, k) || l[k] !== v) return false;
  }
  const exprs = Array.isArray(selector.matchExpressions) ? selector.matchExpressions : [];
  for (const e of exprs) {
    if (!_isObject(e)) return false;
    const values: any[] = Array.isArray(e.values) ? e.values : [];
    const has = typeof e.key === 'string' && _hasOwn(l, e.key);
    switch (e.operator) {
      case 'In':
        if (!has || !values.includes(l[e.key])) return false;
        break;
      case 'NotIn':
        if (has && values.includes(l[e.key])) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

/** A pod spec's `serviceAccountName`, falling back to the deprecated `serviceAccount`. @internal */
export function _serviceAccountName(spec: any): string | undefined {
  const name = spec?.serviceAccountName ?? spec?.serviceAccount;
  return typeof name === 'string' && name !== '' ? name : undefined;
}
