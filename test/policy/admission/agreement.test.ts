// SPDX-License-Identifier: Apache-2.0
/**
 * One rule set, three enforcement points: the generated CEL must decide exactly as the TypeScript rule
 * on every fixture the rules are tested with. A disagreement fails the build.
 */
import * as fs from 'fs';
import * as path from 'path';
import { ApiObject, Testing } from 'cdk8s';
import { parseAllDocuments } from 'yaml';
import { evaluatePolicy } from './cel-evaluator';
import { AdmissionGuardrails, Checker, IRule, RulePacks, Suppressions } from '../../../src';
import { _CEL_RULES } from '../../../src/policy/admission/_cel-library';
import { configuredForFixtures, FIXTURE_TRUSTED_REGISTRIES } from '../rules/_fixtures';

const FIXTURES = path.join(__dirname, '..', '..', 'fixtures', 'manifests');

function allRules(): Map<string, IRule> {
  const rules = new Map<string, IRule>();
  for (const pack of RulePacks.all()) {
    for (const e of pack.entries) rules.set(e.rule.metadata.id, configuredForFixtures(e.rule));
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
// Configured as the fixtures expect it, so HARDEN-WL-010 (which checks nothing without prefixes) is enforced too.
const guardrails = new AdmissionGuardrails(chart, 'g', { packs: RulePacks.all(), trustedRegistries: FIXTURE_TRUSTED_REGISTRIES });
const policies = new Map<string, any>(Testing.synth(chart).filter(o => o.kind === 'ValidatingAdmissionPolicy')
  .map(p => [p.spec.validations[0].message.split(' ')[0], p]));
const celRuleIds = guardrails.enforcedRules;

describe('CEL admission policies agree with the TypeScript rules', () => {
  test('every rule of every pack is either enforced by a policy or listed as without CEL', () => {
    expect([...guardrails.enforcedRules, ...guardrails.rulesWithoutCel].sort()).toEqual([...rules.keys()].sort());
    expect(guardrails.enforcedRules.filter(id => guardrails.rulesWithoutCel.includes(id))).toEqual([]);
    expect(Object.keys(_CEL_RULES).filter(id => !guardrails.enforcedRules.includes(id))).toEqual([]);
  });

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

describe('HARDEN-WL-009 (regular expressions translated to RE2) agrees on edge cases', () => {
  const NAMES = ['LOG_LEVEL', 'DB_PASSWORD', 'db_password_file', 'API-KEY', 'apikey', 'OAUTH_TOKEN_URL', 'REGISTRY_USERNAME', 'SECRET_REF', ''];
  const VALUES = [
    'info', 'hunter2', ' true ', '\u00a0false\u2003', '\ttrue\n', '12345', '-123456', '$(DB_PASSWORD)', ' $(DB_PASSWORD) ', '$(1BAD)',
    'postgres://shop:s3cr3t@db:5432/shop', 'HTTPS://u:p@h', 'redis://:$(PASS)@cache:6379', 'redis://:$@cache', 'redis://:$x@cache',
    'redis://:$((@cache', 'redis://u:p w@h', 'redis://u:p\u00a0w@h', 'redis://u@h:5432', 'http://core/service/token', 'x://a:b/c@d',
    'AKIAIOSFODNN7EXAMPLE', 'xAKIAIOSFODNN7EXAMPLE', 'AKIAIOSFODNN7EXAMPLEX', 'ghp_' + 'a'.repeat(36), 'github_pat_' + 'b'.repeat(40),
    'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJkZW1vIn0.c2ln', '-----BEGIN RSA PRIVATE KEY-----\nabc', '-----BEGIN PUBLIC KEY-----',
  ];
  const rule = rules.get('HARDEN-WL-009')!;
  const policy = policies.get('HARDEN-WL-009');
  test('same verdict for every name and value combination', () => {
    const disagreements: string[] = [];
    const verdicts = new Set<boolean>();
    for (const name of NAMES) {
      for (const value of VALUES) {
        const pod = {
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: { name: 'p', namespace: 'shop' },
          spec: { containers: [{ name: 'c', image: 'registry.example.com/c:1', env: [name === '' ? { value } : { name, value }] }] },
        };
        const ts = rule.check(pod, { objects: [pod] }).length === 0;
        const cel = evaluatePolicy(policy, pod).allowed;
        verdicts.add(ts);
        if (ts !== cel) disagreements.push(`${JSON.stringify(name)}=${JSON.stringify(value)}: TypeScript ${ts ? 'admits' : 'rejects'}, CEL ${cel ? 'admits' : 'rejects'}`);
      }
    }
    expect(disagreements).toEqual([]);
    expect([...verdicts].sort()).toEqual([false, true]);
  });
});

describe('HARDEN-NET-007 (case-insensitive host matching with the strings extension) agrees on edge cases', () => {
  const TLS: any[][] = [
    [], [{ secretName: 'default' }], [{ hosts: [], secretName: 'default' }], [{ hosts: ['WEB.Example.com'], secretName: 'web' }],
    [{ hosts: ['*.example.com'], secretName: 'wild' }], [{ hosts: ['*.EXAMPLE.COM'], secretName: 'wild' }],
    [{ hosts: ['web.example.com'], secretName: 'web' }, { hosts: ['api.example.com'], secretName: 'api' }], [{ hosts: ['*.b.example.com'] }],
  ];
  const HOSTS = ['web.example.com', 'a.b.example.com', '*.example.com', 'example.com', 'api.example.com', undefined];
  const rule = rules.get('HARDEN-NET-007')!;
  const policy = policies.get('HARDEN-NET-007');

  test('same verdict for every tls, host and default-backend combination', () => {
    const disagreements: string[] = [];
    const verdicts = new Set<boolean>();
    for (const tls of TLS) {
      for (const host of HOSTS) {
        for (const withBackend of [false, true]) {
          const backend = { service: { name: 'web', port: { number: 80 } } };
          const ingress = {
            apiVersion: 'networking.k8s.io/v1',
            kind: 'Ingress',
            metadata: { name: 'i', namespace: 'shop' },
            spec: {
              tls,
              rules: [{ ...(host === undefined ? {} : { host }), http: { paths: [{ path: '/', pathType: 'Prefix', backend }] } }],
              ...(withBackend ? { defaultBackend: backend } : {}),
            },
          };
          const ts = rule.check(ingress, { objects: [ingress] }).length === 0;
          const cel = evaluatePolicy(policy, ingress).allowed;
          verdicts.add(ts);
          if (ts !== cel) disagreements.push(`tls=${JSON.stringify(tls)} host=${host} defaultBackend=${withBackend}: TypeScript ${ts}, CEL ${cel}`);
        }
      }
    }
    expect(disagreements).toEqual([]);
    expect([...verdicts].sort()).toEqual([false, true]);
  });
});

describe('suppressions written by Suppressions.add: the TypeScript engine and CEL agree', () => {
  const REASON = 'accepted for this fixture';

  /** The fixture as Suppressions.add leaves it (written on an ApiObject, then synthesized), and the engine's verdict. */
  function suppressed(id: string, obj: any, appliesTo?: string[]): { obj: any; tsAdmits: boolean } {
    const c = Testing.chart();
    const { apiVersion, kind, metadata, ...rest } = JSON.parse(JSON.stringify(obj));
    const api = new ApiObject(c, 'obj', { apiVersion, kind, metadata: { name: 'fixture', ...metadata }, ...rest });
    Suppressions.add(api, [{ id, reason: REASON, ...(appliesTo ? { appliesTo } : {}) }]);
    const out = Testing.synth(c)[0];
    const report = new Checker({ packs: [{ name: 'One', entries: [{ rule: rules.get(id)! }] }] }).check([out]);
    return { obj: out, tsAdmits: report.findings.filter(f => f.ruleId === id && !f.suppressed).length === 0 };
  }

  test.each(celRuleIds)('%s: a whole-object suppression admits every rejected fixture in both', (id) => {
    const rejected = fixtures(id).filter(f => rules.get(id)!.check(f.obj, { objects: [f.obj] }).length > 0);
    expect(rejected.length).toBeGreaterThan(0);
    for (const f of rejected) {
      const s = suppressed(id, f.obj);
      expect([f.file, s.obj.metadata.annotations[`suppress.hardened.cdk8s.io/${id}`]]).toEqual([f.file, REASON]);
      expect([f.file, s.tsAdmits, evaluatePolicy(policies.get(id), s.obj).allowed]).toEqual([f.file, true, true]);
    }
  });

  test.each(celRuleIds)('%s: a suppression scoped with appliesTo is not honoured in the cluster (documented, stricter)', (id) => {
    const f = fixtures(id).find(x => rules.get(id)!.check(x.obj, { objects: [x.obj] }).length > 0)!;
    const s = suppressed(id, f.obj, ['']);
    expect(Object.keys(s.obj.metadata.annotations).filter(k => k.startsWith('suppress.hardened.cdk8s.io/'))).toEqual([]);
    expect([f.file, s.tsAdmits, evaluatePolicy(policies.get(id), s.obj).allowed]).toEqual([f.file, true, false]);
  });
});
