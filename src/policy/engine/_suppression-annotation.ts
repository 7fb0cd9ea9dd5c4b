// SPDX-License-Identifier: Apache-2.0
/**
 * Internal: reads and validates the suppressions annotation of a manifest object. Shared by
 * `Suppressions.add` (construct time), the engine (synth time) and the `audit` CLI, so a
 * hand-written annotation in plain YAML is held to the same rules as one written by the API.
 */
import { WellKnownLabels } from '../../core/labels';

/** Rule ids look like `HARDEN-PSS-001`: upper-case words and digits joined by dashes. @internal */
export const _RULE_ID_FORMAT = /^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$/;

/** Minimum number of visible characters in a suppression reason. @internal */
export const _MIN_REASON_LENGTH = 10;

/**
 * Characters that do not show: white space, control and format characters (zero-width space, joiners,
 * bidi marks, BOM), default-ignorable code points (Hangul fillers, variation selectors), combining
 * marks on their own, private-use, unassigned and lone surrogates, and the blank Braille pattern.
 */
const INVISIBLE = /[\p{White_Space}\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}\p{M}\p{Co}\p{Cn}\p{Cs}\u2800]/u;

/** `text` as a JSON string with invisible characters other than the plain space written as `\\u{...}` escapes. @internal */
export function _showInvisible(text: string): string {
  let out = '';
  for (const ch of text) out += ch !== ' ' && INVISIBLE.test(ch) ? `\\u{${ch.codePointAt(0)!.toString(16).toUpperCase()}}` : ch;
  return JSON.stringify(out).replace(/\\\\u\{/g, '\\u{');
}

/** Number of visible characters (code points) of `text`. @internal */
export function _visibleLength(text: string): number {
  let n = 0;
  for (const ch of text) if (!INVISIBLE.test(ch)) n++;
  return n;
}

/** A parsed suppression. @internal */
export interface ParsedSuppression {
  readonly id: string;
  readonly reason: string;
  readonly appliesTo?: string[];
}

/**
 * Returns the problems of one suppression entry (empty when valid). `where` names the entry in messages.
 * @internal
 */
export function _suppressionProblems(s: any, where: string): string[] {
  if (!s || typeof s !== 'object' || Array.isArray(s)) {
    return [`${where}: expected an object {id, reason, appliesTo?}, got ${JSON.stringify(s)}`];
  }
  const problems: string[] = [];
  if (typeof s.id !== 'string' || !_RULE_ID_FORMAT.test(s.id)) {
    problems.push(`${where}: rule id ${JSON.stringify(s.id)} is not a rule id like "HARDEN-PSS-001"`);
  }
  if (typeof s.reason !== 'string' || _visibleLength(s.reason) < _MIN_REASON_LENGTH) {
    const shown = typeof s.reason === 'string' ? _showInvisible(s.reason) : JSON.stringify(s.reason);
    const visible = typeof s.reason === 'string' ? `it has ${_visibleLength(s.reason)}; ` : '';
    problems.push(`${where}: reason ${shown} for ${JSON.stringify(s.id)} must be at least ${_MIN_REASON_LENGTH} characters explaining why the finding is acceptable `
      + `(${visible}white space, zero-width and other invisible characters do not count)`);
  }
  if (s.appliesTo !== undefined) {
    if (!Array.isArray(s.appliesTo) || s.appliesTo.length === 0
      || s.appliesTo.some((p: any) => typeof p !== 'string' || (p !== '' && !p.startsWith('/')))) {
      problems.push(`${where}: appliesTo ${JSON.stringify(s.appliesTo)} must be a non-empty list of JSON pointers such as "/spec/template/spec/containers/0"`);
    }
  }
  return problems;
}

/** Result of reading the annotation of one object. @internal */
export interface SuppressionAnnotation {
  /** Valid suppressions (empty when the annotation is absent or invalid). */
  readonly suppressions: ParsedSuppression[];
  /** Problems; when non-empty no suppression of this object is applied. */
  readonly problems: string[];
  /** The JSON pointer of the annotation each problem is in (same order as `problems`). */
  readonly problemPointers?: string[];
}

/** JSON pointer of the suppressions annotation inside an object. @internal */
export const _ANNOTATION_POINTER = annotationPointer(WellKnownLabels.SUPPRESSIONS_ANNOTATION);

function annotationPointer(key: string): string {
  return `/metadata/annotations/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
}

/** Longest name part of an annotation key (Kubernetes: at most 63 characters). @internal */
export const _MAX_KEY_NAME_LENGTH = 63;

/**
 * The per-rule annotation key of a whole-object suppression, `suppress.hardened.cdk8s.io/<rule id>`, read by the
 * admission policies. Rule ids (`_RULE_ID_FORMAT`) are valid key names when at most 63 characters long.
 * @internal
 */
export function _suppressionKey(ruleId: string): string {
  return `${WellKnownLabels.SUPPRESS_ANNOTATION_PREFIX}${ruleId}`;
}

/**
 * Reads the suppressions of a manifest object: the JSON annotation (`hardened.cdk8s.io/suppressions`) and the
 * per-rule keys of whole-object suppressions (`suppress.hardened.cdk8s.io/<id>: <reason>`). `Suppressions.add` writes
 * both; a per-rule key alone (hand-written YAML) counts as a whole-object suppression, held to the same rules, and a
 * key whose reason differs from the JSON's whole-object entry for that rule is a problem (two records disagree).
 * @internal
 */
export function _readSuppressionAnnotation(obj: any): SuppressionAnnotation {
  const json = readJsonAnnotation(obj);
  if (json.problems.length > 0) return { ...json, problemPointers: json.problems.map(() => _ANNOTATION_POINTER) };
  const annotations = obj?.metadata?.annotations;
  const keys = annotations && typeof annotations === 'object'
    ? Object.keys(annotations).filter(k => k.startsWith(WellKnownLabels.SUPPRESS_ANNOTATION_PREFIX)).sort(cmp) : [];
  if (keys.length === 0) return json;
  const suppressions = [...json.suppressions];
  const problems: string[] = [];
  const problemPointers: string[] = [];
  for (const key of keys) {
    const entry = { id: key.slice(WellKnownLabels.SUPPRESS_ANNOTATION_PREFIX.length), reason: annotations[key] };
    const where = `annotation ${key}`;
    const own = _suppressionProblems(entry, where);
    if (own.length > 0) {
      problems.push(...own);
      problemPointers.push(...own.map(() => annotationPointer(key)));
      continue;
    }
    const whole = suppressions.find(s => s.id === entry.id && !s.appliesTo);
    if (!whole) {
      suppressions.push({ id: entry.id, reason: entry.reason });
    } else if (whole.reason.trim() !== entry.reason.trim()) {
      problems.push(`${where}: reason ${JSON.stringify(entry.reason)} differs from the ${WellKnownLabels.SUPPRESSIONS_ANNOTATION} entry for ${entry.id} `
        + `(${JSON.stringify(whole.reason)}); write suppressions with Suppressions.add, which keeps both equal`);
      problemPointers.push(annotationPointer(key));
    }
  }
  return problems.length > 0 ? { suppressions: [], problems, problemPointers } : { suppressions, problems: [] };
}

function readJsonAnnotation(obj: any): SuppressionAnnotation {
  const raw = obj?.metadata?.annotations?.[WellKnownLabels.SUPPRESSIONS_ANNOTATION];
  if (raw === undefined) return { suppressions: [], problems: [] };
  if (typeof raw !== 'string') {
    return { suppressions: [], problems: [`annotation ${WellKnownLabels.SUPPRESSIONS_ANNOTATION} must be a string holding a JSON array, got ${JSON.stringify(raw)}`] };
  }
  let parsed: any;
  try {
    parsed = JSON.parse(raw);
  } catch (e) {
    return { suppressions: [], problems: [`annotation ${WellKnownLabels.SUPPRESSIONS_ANNOTATION} is not valid JSON (${(e as Error).message})`] };
  }
  if (!Array.isArray(parsed)) {
    return { suppressions: [], problems: [`annotation ${WellKnownLabels.SUPPRESSIONS_ANNOTATION} must be a JSON array of {id, reason, appliesTo?}`] };
  }
  const problems = parsed.flatMap((s, i) => _suppressionProblems(s, `suppression ${i}`));
  if (problems.length > 0) return { suppressions: [], problems };
  return {
    suppressions: parsed.map((s: any) => ({ id: s.id, reason: s.reason, ...(s.appliesTo ? { appliesTo: [...s.appliesTo] } : {}) })),
    problems: [],
  };
}

/** True when a finding at `path` is covered by a suppression's `appliesTo` (or it has none). @internal */
export function _suppressionCovers(s: ParsedSuppression, path: string): boolean {
  if (!s.appliesTo) return true;
  return s.appliesTo.some(p => p === '' || path === p || path.startsWith(p + '/'));
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Merges suppressions into a list: an entry with the same id and scope (`appliesTo`) is replaced, the result is
 * sorted by id, then scope (code-unit order). Used by `Suppressions.add` and by constructs that record their
 * reasoned opt-outs as suppressions, so both write the same annotation.
 * @internal
 */
export function _mergeSuppressions(current: ParsedSuppression[], added: ParsedSuppression[]): ParsedSuppression[] {
  const merged = [...current];
  for (const s of added) {
    const entry: ParsedSuppression = { id: s.id, reason: s.reason.trim(), ...(s.appliesTo ? { appliesTo: [...s.appliesTo].sort(cmp) } : {}) };
    const same = merged.findIndex(m => m.id === entry.id && JSON.stringify(m.appliesTo) === JSON.stringify(entry.appliesTo));
    if (same >= 0) merged[same] = entry; else merged.push(entry);
  }
  const scope = (x: ParsedSuppression) => JSON.stringify(x.appliesTo ?? []);
  return merged.sort((a, b) => cmp(a.id, b.id) || cmp(scope(a), scope(b)));
}
