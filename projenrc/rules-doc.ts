// SPDX-License-Identifier: Apache-2.0
/**
 * Generates RULES.md from rule metadata (`npx projen rules-doc`, run by every build after compile).
 * RULES.md is never edited by hand; test/projenrc/rules-doc.test.ts fails when it is stale.
 */
import * as fs from 'fs';
import * as path from 'path';
import { IRule, IRulePack, RulePacks, Severity } from '../src';
import { _engineRules } from '../src/policy/engine/_engine-rules';

/** Where the rule is enforced in the cluster: its CEL (`rule.cel`), or why it has none (`rule.noCelReason`). */
function inCluster(rule: IRule): string {
  if (rule.cel) return rule.cel.expression === undefined ? 'CEL (once configured: nothing to enforce without configuration)' : 'CEL';
  return `no: ${rule.noCelReason ?? 'no CEL form given'} (see docs/admission-policies.md)`;
}

/** Path of the generated file. */
export const RULES_MD = path.join(__dirname, '..', 'RULES.md');

function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function severityIn(pack: IRulePack, rule: IRule): Severity | undefined {
  const entry = pack.entries.find(e => e.rule.metadata.id === rule.metadata.id);
  return entry ? entry.severity ?? entry.rule.metadata.defaultSeverity : undefined;
}

function ruleSection(rule: IRule, packs: IRulePack[]): string[] {
  const m = rule.metadata;
  const inPacks = packs.filter(p => severityIn(p, rule)).map(p => `${p.name} (${severityIn(p, rule)})`);
  return [
    `### ${m.id} ${m.name}`,
    '',
    `- **Default severity:** ${m.defaultSeverity}`,
    `- **Packs:** ${inPacks.length ? inPacks.join(', ') : 'always checked by the engine'}`,
    ...(inPacks.length ? [
      `- **Checked:** at synth (SecurityChecks), in the CLI (audit), in the cluster: ${inCluster(rule)}`,
      `- **Fixable:** ${rule.fix ? 'yes, by `Hardening.of` and `cdk8s-hardened fix` (see [docs/hardening-existing-manifests.md](docs/hardening-existing-manifests.md))' : 'no'}`,
    ] : []),
    '',
    `**Why.** ${m.rationale}`,
    '',
    `**Fix.** ${m.remediation}`,
    '',
    ...(m.references.length ? ['**References.**', '', ...m.references.map(r => `- ${r}`), ''] : []),
  ];
}

/** Renders RULES.md for the given packs (default: every registered pack). */
export function renderRulesMarkdown(packs: IRulePack[] = RulePacks.all()): string {
  const rules = new Map<string, IRule>();
  for (const p of packs) for (const e of p.entries) if (!rules.has(e.rule.metadata.id)) rules.set(e.rule.metadata.id, e.rule);
  const sorted = [...rules.values()].sort((a, b) => (a.metadata.id < b.metadata.id ? -1 : 1));
  const out = [
    '# Rules',
    '',
    '<!-- Generated from rule metadata by projenrc/rules-doc.ts (`npx projen rules-doc`). Do not edit by hand. -->',
    '',
    'Every rule checked by `SecurityChecks`, `cdk8s-hardened audit` and the cdk8s-cli plugin. Packs set the severity of each rule;',
    'see [docs/rule-engine.md](docs/rule-engine.md) for how to run them and suppress findings.',
    '',
    '## Packs',
    '',
  ];
  if (packs.length === 0) {
    out.push('No packs are registered yet.', '');
  } else {
    out.push('| Pack | Rules |', '| --- | --- |');
    for (const p of packs) out.push(`| ${cell(p.name)} | ${p.entries.map(e => `${e.rule.metadata.id} (${e.severity ?? e.rule.metadata.defaultSeverity})`).join(', ')} |`);
    out.push('');
  }
  out.push('## Rules', '');
  if (sorted.length === 0) {
    out.push('No rules are registered yet.', '');
  } else {
    out.push('| Id | Name | Default severity | Synth | CLI | Cluster | Fixable |', '| --- | --- | --- | --- | --- | --- | --- |');
    for (const r of sorted) {
      out.push(`| [${r.metadata.id}](#${(r.metadata.id + '-' + r.metadata.name).toLowerCase()}) | ${cell(r.metadata.name)} | ${r.metadata.defaultSeverity} `
        + `| yes | yes | ${inCluster(r).startsWith('CEL') ? 'CEL' : 'no'} | ${r.fix ? 'yes' : 'no'} |`);
    }
    out.push('');
    for (const r of sorted) out.push(...ruleSection(r, packs));
  }
  out.push('## Engine checks', '', 'Always checked, whatever packs are chosen; they cannot be suppressed.', '');
  for (const r of _engineRules()) out.push(...ruleSection(r, []));
  return out.join('\n').replace(/\n+$/, '\n');
}

if (require.main === module) {
  fs.writeFileSync(RULES_MD, renderRulesMarkdown());
}
