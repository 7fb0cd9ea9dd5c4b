// SPDX-License-Identifier: Apache-2.0
/**
 * Internal: a stable target for each namespace the checked objects use without declaring it.
 *
 * Namespace-level findings ("this namespace runs workloads but has no default-deny NetworkPolicy") belong to
 * the namespace. When its Namespace object is among the checked objects they are reported there; otherwise
 * the engine adds a synthetic `v1 Namespace` target per namespace (`metadata.name` unset for the apply-time
 * namespace of objects without `metadata.namespace`). Such a target comes from no file and carries no
 * suppressions, so a suppression on one workload never silences it, and it does not depend on input order.
 */
import { CheckTarget } from './_check-target';
import { _compareCodePoints } from '../../core/_compare';

const SYNTHETIC = new WeakSet<object>();

/** Whether an object is a synthetic Namespace made by the engine (not read from any input). @internal */
export function _isSyntheticNamespace(obj: any): boolean {
  return obj !== null && typeof obj === 'object' && SYNTHETIC.has(obj);
}

/**
 * Synthetic Namespace targets for every namespace that objects of `targets` are in but that has no
 * `v1 Namespace` object among them, sorted by name (the apply-time namespace first). @internal
 */
export function _namespaceTargets(targets: ReadonlyArray<CheckTarget>): CheckTarget[] {
  const declared = new Set<string>();
  const used = new Set<string>();
  for (const t of targets) {
    const o = t.object;
    if (o === null || typeof o !== 'object' || Array.isArray(o)) continue;
    const md = o.metadata !== null && typeof o.metadata === 'object' ? o.metadata : {};
    if (o.kind === 'Namespace' && o.apiVersion === 'v1') {
      if (typeof md.name === 'string') declared.add(md.name);
      continue;
    }
    used.add(typeof md.namespace === 'string' ? md.namespace : '');
  }
  const names = [...used].filter(n => !declared.has(n)).sort(_compareCodePoints);
  return names.map(name => {
    const object = { apiVersion: 'v1', kind: 'Namespace', metadata: name === '' ? {} : { name } };
    SYNTHETIC.add(object);
    return { object };
  });
}
