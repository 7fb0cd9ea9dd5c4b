// SPDX-License-Identifier: Apache-2.0
/**
 * Internal: builders for the CEL that rules give as their `cel` (see `IRuleCel`). Standard CEL only (has(), all(),
 * exists(), in, startsWith, matches, ternaries), so the agreement test can evaluate every rule's expression with a
 * conformance-tested CEL implementation. The per-target variables (the pod-spec traversal) live with
 * `AdmissionGuardrails` in `policy/admission/_cel-library.ts`.
 */

/** A CEL list literal of single-quoted strings. @internal */
export function _celList(xs: readonly string[]): string {
  return `[${xs.map(x => `'${x}'`).join(', ')}]`;
}

/** `has()` guard chain for a dotted path below a root: has(r.a) && has(r.a.b) ... @internal */
export function _celPresent(root: string, path: string): string {
  const parts = path.split('.');
  return parts.map((_, i) => `has(${root}.${parts.slice(0, i + 1).join('.')})`).join(' && ');
}

/** The field is absent, or satisfies cond (written in terms of the full path). @internal */
export function _celAbsentOr(root: string, path: string, cond: string): string {
  return `(!(${_celPresent(root, path)}) || ${cond})`;
}
