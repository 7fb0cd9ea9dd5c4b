// SPDX-License-Identifier: Apache-2.0
import * as fs from 'fs';
import * as path from 'path';
import { _resolveRules } from '../../../src/policy/engine/_resolve-rules';
import { _RuleDispatch } from '../../../src/policy/engine/_rule-dispatch';
import { Checker } from '../../../src/policy/engine/checker';
import { IRule, IRulePack, RuleContext, RuleReads, RuleViolation, Severity } from '../../../src/policy/engine/rule';
import { _loadText } from '../../../src/policy/integrations/_manifest-loader';
import { RulePacks } from '../../../src/policy/packs/rule-packs';
import { _READS_POD_SPECS } from '../../../src/policy/rules/_pod-spec';

/** A rule that records every object it is offered and finds nothing. */
class Spy implements IRule {
  public readonly metadata;
  public readonly seen: any[] = [];
  constructor(id: string, public readonly reads?: RuleReads) {
    this.metadata = { id, name: `Spy${id}`, rationale: 'Test.', remediation: 'Test.', references: [], defaultSeverity: Severity.ERROR };
  }
  public check(obj: any, _context: RuleContext): RuleViolation[] {
    this.seen.push(obj);
    return [];
  }
}

const pack = (...rules: IRule[]): IRulePack => ({ name: 'Spies', entries: rules.map(rule => ({ rule })) });
const configMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'shop' } };
const role = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'r', namespace: 'shop' }, rules: [] };
const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'shop' }, spec: { containers: [{ name: 'app', image: 'nginx' }] } };
const rollout = {
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Rollout',
  metadata: { name: 'ro', namespace: 'shop' },
  spec: { template: { spec: { containers: [{ name: 'app', image: 'nginx' }] } } },
};

describe('RuleReads', () => {
  test('kinds() describes what it reads', () => {
    expect(RuleReads.kinds('Role', 'ClusterRole').description).toBe('objects of kind Role, ClusterRole');
    expect(RuleReads.ALL_OBJECTS.description).toBe('every object');
  });

  test('throws when kinds() gets no kind or an empty one', () => {
    expect(() => RuleReads.kinds()).toThrow(/RuleReads.kinds needs at least one kind name, got \[\]; use RuleReads.ALL_OBJECTS/);
    expect(() => RuleReads.kinds('Role', '')).toThrow(/got \["Role",""\]/);
  });
});

describe('Checker dispatch by what rules read', () => {
  test('offers an object only to the rules that read its kind', () => {
    const roles = new Spy('T-1', RuleReads.kinds('Role', 'ClusterRole'));
    const all = new Spy('T-2');
    new Checker({ packs: [pack(roles, all)] }).check([configMap, role, pod]);
    expect(roles.seen).toEqual([role]);
    expect(all.seen).toEqual([configMap, role, pod]);
  });

  test('offers an object to the pod-spec rules wherever it carries a pod spec, custom resources included', () => {
    const pods = new Spy('T-1', _READS_POD_SPECS);
    new Checker({ packs: [pack(pods)] }).check([configMap, pod, role, rollout]);
    expect(pods.seen).toEqual([pod, rollout]);
  });

  test('offers an object without a string kind (or not an object) to every rule', () => {
    const roles = new Spy('T-1', RuleReads.kinds('Role'));
    const pods = new Spy('T-2', _READS_POD_SPECS);
    const odd = [{ apiVersion: 'v1', kind: 7, metadata: { name: 'x' } }, { apiVersion: 'v1' }];
    new Checker({ packs: [pack(roles, pods)] }).check(odd);
    expect(roles.seen).toEqual(odd);
    expect(pods.seen).toEqual(odd);
  });

  test('a scope test that throws offers the object, so the rule reports its own failure (never a silent skip)', () => {
    const broken = RuleReads._matching('broken', () => {
      throw new Error('boom');
    });
    const rule = new Spy('T-1', broken);
    const report = new Checker({ packs: [pack(rule)] }).check([configMap]);
    expect(rule.seen).toEqual([configMap]);
    expect(report.findings).toEqual([]);
  });

  test('runs a shared scope test once per object, however many rules share it', () => {
    let calls = 0;
    const counted = RuleReads._matching('counted', () => {
      calls++;
      return true;
    });
    new Checker({ packs: [pack(new Spy('T-1', counted), new Spy('T-2', counted), new Spy('T-3', counted))] }).check([configMap, role]);
    expect(calls).toBe(2);
  });

  test('keeps the rules in resolved (id) order for every object', () => {
    const rules = [new Spy('T-3', RuleReads.kinds('Role')), new Spy('T-1'), new Spy('T-2', RuleReads.kinds('Role', 'ConfigMap'))];
    const dispatch = new _RuleDispatch(_resolveRules([pack(...rules)], 'test'));
    expect(dispatch.rulesFor(role).map(r => r.rule.metadata.id)).toEqual(['T-1', 'T-2', 'T-3']);
    expect(dispatch.rulesFor(configMap).map(r => r.rule.metadata.id)).toEqual(['T-1', 'T-2']);
    expect(dispatch.rulesFor(pod).map(r => r.rule.metadata.id)).toEqual(['T-1']);
  });
});

/** Every object of the YAML fixtures (rule fixtures and CLI inputs), decoded as `audit` decodes them. */
function fixtureObjects(): any[] {
  const out: any[] = [];
  const walk = (dir: string) => {
    for (const name of fs.readdirSync(dir).sort()) {
      const full = path.join(dir, name);
      if (fs.statSync(full).isDirectory()) walk(full);
      else if (/\.ya?ml$/.test(name)) out.push(..._loadText(fs.readFileSync(full, 'utf8'), name).targets.map(t => t.object));
    }
  };
  for (const dir of ['manifests', 'cli']) walk(path.join(__dirname, '..', '..', 'fixtures', dir));
  return out;
}

describe('built-in rules', () => {
  const rules = _resolveRules(RulePacks.all(), 'test');
  const objects = fixtureObjects();
  const dispatch = new _RuleDispatch(rules);

  test('the fixtures hold objects of many kinds, with and without pod specs', () => {
    expect(objects.length).toBeGreaterThan(300);
    expect(new Set(objects.map(o => o?.kind)).size).toBeGreaterThan(25);
  });

  test('every rule that declares what it reads finds nothing in the fixture objects it is not offered', () => {
    const context = { objects };
    const hidden: string[] = [];
    for (const obj of objects) {
      const offered = new Set(dispatch.rulesFor(obj).map(r => r.rule));
      for (const { rule } of rules) {
        if (offered.has(rule)) continue;
        let found: RuleViolation[];
        try {
          found = rule.check(obj, context);
        } catch (e) {
          found = [{ path: '', message: `threw ${e}` }];
        }
        if (found.length > 0) hidden.push(`${rule.metadata.id} on ${obj.kind} ${obj.metadata?.name}: ${found[0].message}`);
      }
    }
    expect(hidden).toEqual([]);
  });
});
