// SPDX-License-Identifier: Apache-2.0
/**
 * A rule owns its CEL: `AdmissionGuardrails` reads `rule.cel` for every resolved rule, with no per-rule table of
 * expressions, and a rule without CEL says why (`noCelReason`), as docs/admission-policies.md shows.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Testing } from 'cdk8s';
import { evaluatePolicy } from './cel-evaluator';
import { AdmissionGuardrails, CelTarget, IRule, IRuleCel, IRulePack, RuleContext, RulePacks, RuleViolation, Severity } from '../../../src';

const ROOT = path.join(__dirname, '..', '..', '..');

/** A user-defined rule: pods must carry the label `team`. */
class PodHasTeamLabel implements IRule {
  public readonly metadata = {
    id: 'ACME-POD-001',
    name: 'PodHasTeamLabel',
    rationale: 'Ownership.',
    remediation: 'Add the label team.',
    references: [],
    defaultSeverity: Severity.ERROR,
  };
  public readonly cel: IRuleCel = { target: CelTarget.POD_BEARING, expression: "has(object.metadata.labels) && 'team' in object.metadata.labels" };
  public check(obj: any, _context: RuleContext): RuleViolation[] {
    return obj.kind === 'Pod' && !obj.metadata?.labels?.team ? [{ path: '/metadata/labels', message: 'no team label' }] : [];
  }
}

/** A user-defined rule without CEL and without a reason. */
class NoCelRule implements IRule {
  public readonly metadata = {
    id: 'ACME-POD-002', name: 'NoCelRule', rationale: 'x', remediation: 'x', references: [], defaultSeverity: Severity.ERROR,
  };
  public check(): RuleViolation[] {
    return [];
  }
}

function pack(...rules: IRule[]): IRulePack {
  return { name: 'Acme', entries: rules.map(rule => ({ rule })) };
}

const builtIn = RulePacks.all().flatMap(p => p.entries.map(e => e.rule));

describe('a rule owns its CEL', () => {
  test('every built-in rule has either a CEL form or a reason why not, never both', () => {
    const neither = builtIn.filter(r => !r.cel && !r.noCelReason).map(r => r.metadata.id);
    const both = builtIn.filter(r => r.cel && r.noCelReason).map(r => r.metadata.id);
    expect({ neither, both }).toEqual({ neither: [], both: [] });
  });

  test('a custom rule is enforced with its own CEL: AdmissionGuardrails has no table of expressions', () => {
    const chart = Testing.chart();
    const g = new AdmissionGuardrails(chart, 'g', { packs: [pack(new PodHasTeamLabel(), new NoCelRule())] });
    expect(g.enforcedRules).toEqual(['ACME-POD-001']);
    expect(g.rulesWithoutCel).toEqual(['ACME-POD-002']);
    const policy = Testing.synth(chart).find(o => o.kind === 'ValidatingAdmissionPolicy');
    const pod = (labels: any) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'a', labels }, spec: { containers: [] } });
    expect(evaluatePolicy(policy, pod({ team: 'shop' })).allowed).toBe(true);
    expect(evaluatePolicy(policy, pod({})).messages).toEqual(['ACME-POD-001 PodHasTeamLabel: Add the label team.']);
  });

  test('the shared CEL library holds no rule\'s expression', () => {
    const library = fs.readFileSync(path.join(ROOT, 'src', 'policy', 'admission', '_cel-library.ts'), 'utf8');
    expect(library.match(/'HARDEN-[A-Z]+-\d+'/g) ?? []).toEqual([]);
  });

  test('docs/admission-policies.md gives each rule\'s own noCelReason', () => {
    const markdown = fs.readFileSync(path.join(ROOT, 'docs', 'admission-policies.md'), 'utf8');
    const section = markdown.split(/^## /m).find(x => x.startsWith('Rules without a CEL form'))!;
    const documented = section.split('\n').map(l => /^\| (HARDEN-[A-Z]+-\d{3}) \|[^|]*\|[^|]*\| (.*) \|$/.exec(l))
      .filter((m): m is RegExpExecArray => m !== null).map(m => [m[1], m[2]]);
    const reasons = builtIn.filter(r => r.noCelReason).map(r => [r.metadata.id, r.noCelReason]);
    expect(documented).toEqual([...new Map(reasons as Array<[string, string]>).entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)));
  });
});
