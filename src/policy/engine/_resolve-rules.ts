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
 * uses the rule's `defaultSeverity`), sorted by rule id (code-unit order, locale-independent). Several instances
 * of one rule (same id, e.g. two trusted-registry packs) are enforced as their `merge`, or as the first one when
 * the rule has no `merge`.
 *
 * @param where names the caller in error messages
 * @throws when an element is not a pack, or two different rules share an id
 * @internal
 */
export function _resolveRules(packs: IRulePack[], where: string): ResolvedRule[] {
  const byId = new Map<string, { rule: IRule; severity: Severity; packs: Set<string>; instances: IRule[] }>();
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
        if (!existing.instances.includes(entry.rule)) existing.instances.push(entry.rule);
      } else {
        byId.set(meta.id, { rule: entry.rule, severity, packs: new Set([pack.name]), instances: [entry.rule] });
      }
    }
  }
  return [...byId.values()]
    // A rule configured by several packs (e.g. trusted registries) is enforced as the merge of its instances.
    .map(r => ({
      rule: r.instances.length > 1 && r.rule.merge ? r.rule.merge.merge(r.instances) : r.rule,
      severity: r.severity,
      packs: [...r.packs].sort(cmp),
    }))
    .sort((a, b) => cmp(a.rule.metadata.id, b.rule.metadata.id));
}
