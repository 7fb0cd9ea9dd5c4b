// SPDX-License-Identifier: Apache-2.0
/**
 * One rule set, three enforcement points: the generated CEL must decide exactly as the TypeScript rule
 * on every fixture the rules are tested with. A disagreement fails the build.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Testing } from 'cdk8s';
import { parseAllDocuments } from 'yaml';
import { evaluatePolicy } from './cel-evaluator';
import { AdmissionGuardrails, IRule, RulePacks } from '../../../src';
import { _CEL_RULES } from '../../../src/policy/admission/_cel-library';

const FIXTURES = path.join(__dirname, '..', '..', 'fixtures', 'manifests');

function allRules(): Map<string, IRule> {
  const rules = new Map<string, IRule>();
  for (const pack of RulePacks.all()) {
    for (const e of pack.entries) rules.set(e.rule.metadata.id, e.rule);
  }
  return rules;
}

function fixtures(ruleId: string): Array<{ file: string; obj: any }> {
  const dir = path.join(FIXTURES, ruleId);
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).filter(f => /\.ya?ml$/.test(f)).sort().flatMap(f =>
    parseAllDocuments(fs.readFileSync(path.join(dir, f), 'utf8')).map(d => d.toJS()).filter(o => o && typeof o === 'object')
      .map(obj => ({ file: `${ruleId}/${f}`, obj })));
}

const rules = allRules();
const chart = Testing.chart();
new AdmissionGuardrails(chart, 'g', { packs: RulePacks.all() });
const policies = new Map<string, any>(Testing.synth(chart).filter(o => o.kind === 'ValidatingAdmissionPolicy')
  .map(p => [p.spec.validations[0].message.split(' ')[0], p]));
const celRuleIds = Object.keys(_CEL_RULES).filter(id => rules.has(id)).sort();

describe('CEL admission policies agree with the TypeScript rules', () => {
  test('every CEL rule has a policy and fixtures of both outcomes', () => {
    for (const id of celRuleIds) {
      expect([id, policies.has(id)]).toEqual([id, true]);
      const verdicts = fixtures(id).map(f => rules.get(id)!.check(f.obj, { objects: [f.obj] }).length === 0);
      expect([id, verdicts.includes(true), verdicts.includes(false)]).toEqual([id, true, true]);
    }
  });

  test.each(celRuleIds)('%s: same verdict on every fixture of every rule', (id) => {
    const rule = rules.get(id)!;
    const policy = policies.get(id);
    const disagreements: string[] = [];
    for (const dir of fs.existsSync(FIXTURES) ? fs.readdirSync(FIXTURES).sort() : []) {
      for (const f of fixtures(dir)) {
        const ts = rule.check(f.obj, { objects: [f.obj] }).length === 0;
        const cel = evaluatePolicy(policy, f.obj);
        if (ts !== cel.allowed) disagreements.push(`${f.file} (${f.obj.kind}): TypeScript ${ts ? 'admits' : 'rejects'}, CEL ${cel.allowed ? 'admits' : 'rejects'}`);
        if (!cel.allowed && !cel.messages.every(m => m.startsWith(`${id} `))) disagreements.push(`${f.file}: message without rule id`);
      }
    }
    expect(disagreements).toEqual([]);
  });
});
