// SPDX-License-Identifier: Apache-2.0
/**
 * Internal: the one place that turns packs into the set of rules to enforce. Used by `Checker` (synth time,
 * CLI, plugin) and `AdmissionGuardrails` (cluster), so both enforce the same rules at the same severities.
 */
import { _mostSevere } from './_severity';
import { IRule, IRulePack, Severity } from './rule';

/** A rule as resolved from packs: once, at the most severe level any pack gives it. @internal */
export interface ResolvedRule {
  readonly rule: IRule;
  readonly severity: Severity;
  /** Names of the packs that include it, sorted. */
  readonly packs: string[];
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Each rule of the packs once, at the most severe level any pack gives it (a pack entry without a severity
 * uses the rule's `defaultSeverity`), sorted by rule id (code-unit order, locale-independent).
 *
 * @param where names the caller in error messages
 * @throws when an element is not a pack, or two different rules share an id
 * @internal
 */
export function _resolveRules(packs: IRulePack[], where: string): ResolvedRule[] {
  const byId = new Map<string, { rule: IRule; severity: Severity; packs: Set<string> }>();
  for (const pack of packs) {
    if (!pack || typeof pack.name !== 'string' || !Array.isArray(pack.entries)) {
      throw new Error(`${where}: ${JSON.stringify(pack)} is not a rule pack (expected {name, entries}). Pass packs from RulePacks.all() or your own IRulePack.`);
    }
    for (const entry of pack.entries) {
      const meta = entry.rule.metadata;
      const severity = entry.severity ?? meta.defaultSeverity;
      const existing = byId.get(meta.id);
      if (existing) {
        if (existing.rule.metadata.name !== meta.name) {
          throw new Error(`${where}: rule id ${meta.id} is used by two different rules (${existing.rule.metadata.name} and ${meta.name}). Rule ids must be unique.`);
        }
        existing.severity = _mostSevere(existing.severity, severity);
        existing.packs.add(pack.name);
      } else {
        byId.set(meta.id, { rule: entry.rule, severity, packs: new Set([pack.name]) });
      }
    }
  }
  return [...byId.values()]
    .map(r => ({ rule: r.rule, severity: r.severity, packs: [...r.packs].sort(cmp) }))
    .sort((a, b) => cmp(a.rule.metadata.id, b.rule.metadata.id));
}
