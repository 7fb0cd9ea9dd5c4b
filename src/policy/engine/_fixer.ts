// SPDX-License-Identifier: Apache-2.0
/**
 * Internal: applies the rules' fixes (`IRule.fix`) to manifest objects, and turns a fixed copy into the
 * minimal edits (`set` a field, `append` to a list) that `Hardening` writes as JSON patches and
 * `cdk8s-hardened fix` writes into the YAML document. Shared by both, so they change the same fields.
 */
import { _readSuppressionAnnotation } from './_suppression-annotation';
import { IRule, IRulePack, RuleFixOptions } from './rule';

/** One change a fix made to one object. @internal */
export interface AppliedFix {
  readonly ruleId: string;
  readonly ruleName: string;
  /** JSON pointer of the changed field. */
  readonly path: string;
  readonly description: string;
}

/** An edit of a JSON document: set a member (or list item), or append items to a list. @internal */
export interface JsonEdit {
  readonly op: 'set' | 'append';
  /** JSON pointer of the member set, or of the list appended to. */
  readonly path: string;
  /** The value set, or the list of items appended. */
  readonly value: any;
}

/** The distinct rules of the packs that have a fix, in rule-id order. @internal */
export function _fixableRules(packs: IRulePack[]): IRule[] {
  const byId = new Map<string, IRule>();
  for (const pack of packs) {
    for (const entry of pack.entries) {
      if (entry.rule.fix && !byId.has(entry.rule.metadata.id)) byId.set(entry.rule.metadata.id, entry.rule);
    }
  }
  return [...byId.values()].sort((a, b) => (a.metadata.id < b.metadata.id ? -1 : a.metadata.id > b.metadata.id ? 1 : 0));
}

/**
 * Applies every rule's fix to `obj` (mutating it), except the fixes of rules the object suppresses (its
 * suppressions annotation names the rule id: a suppressed rule is not fixed). Returns the changes.
 * @throws when a fix rejects the options (e.g. an invalid `runAsUser`)
 * @internal
 */
export function _fixObject(obj: any, rules: IRule[], options: RuleFixOptions): AppliedFix[] {
  if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) return [];
  const suppressed = new Set(_readSuppressionAnnotation(obj).suppressions.map(s => s.id));
  const out: AppliedFix[] = [];
  for (const rule of rules) {
    if (!rule.fix || suppressed.has(rule.metadata.id)) continue;
    for (const change of rule.fix.apply(obj, options)) {
      out.push({ ruleId: rule.metadata.id, ruleName: rule.metadata.name, path: change.path, description: change.description });
    }
  }
  return out;
}

/** A deep copy of a JSON value. @internal */
export function _cloneJson<T>(value: T): T {
  return value === undefined ? value : JSON.parse(JSON.stringify(value));
}

function isObject(v: any): boolean {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function escape(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

/**
 * The edits that turn `before` into `after`, where `after` only adds or changes members and appends to lists
 * (what fixes do). A list that changed otherwise is set whole.
 * @internal
 */
export function _diffEdits(before: any, after: any, path: string = ''): JsonEdit[] {
  const out: JsonEdit[] = [];
  if (isObject(before) && isObject(after)) {
    for (const key of Object.keys(after)) {
      const p = `${path}/${escape(key)}`;
      if (!(key in before)) {
        out.push({ op: 'set', path: p, value: after[key] });
      } else {
        out.push(..._diffEdits(before[key], after[key], p));
      }
    }
    return out;
  }
  if (Array.isArray(before) && Array.isArray(after) && after.length >= before.length) {
    const nested: JsonEdit[] = [];
    before.forEach((item, i) => nested.push(..._diffEdits(item, after[i], `${path}/${i}`)));
    out.push(...nested);
    if (after.length > before.length) out.push({ op: 'append', path, value: after.slice(before.length) });
    return out;
  }
  if (JSON.stringify(before) !== JSON.stringify(after)) out.push({ op: 'set', path, value: after });
  return out;
}
