// SPDX-License-Identifier: Apache-2.0
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, Cron, Include, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { WellKnownLabels } from '../../../src/core/labels';
import { Checker } from '../../../src/policy/engine/checker';
import { Suppressions } from '../../../src/policy/integrations/suppressions';
import { findOne, synthValid } from '../../util';
import { deployment, FixtureStrictPack } from '../engine/fixtures';

const KEY = WellKnownLabels.SUPPRESSIONS_ANNOTATION;

function setup() {
  const chart = Testing.chart();
  const web = new Construct(chart, 'web');
  new ApiObject(web, 'Resource', deployment('web', { image: 'nginx:latest' }));
  return { chart, web };
}

describe('Suppressions', () => {
  describe('ids of your own packs', () => {
    test('accepts any well-formed id outside the HARDEN- prefix (your own pack\'s rules; only the format can be checked)', () => {
      const { chart, web } = setup();
      Suppressions.add(web, [{ id: 'CUSTOM-RULE-9', reason: 'checked elsewhere by our admission webhook' }]);
      expect(() => Suppressions.add(web, [{ id: 'not an id', reason: 'checked elsewhere by our admission webhook' }])).toThrow(/is not a rule id/);
      const dep = findOne(synthValid(chart), 'Deployment');
      expect(JSON.parse(dep.metadata.annotations[KEY])).toEqual([{ id: 'CUSTOM-RULE-9', reason: 'checked elsewhere by our admission webhook' }]);
    });
  });

  describe('with the fixture packs', () => {

    test('writes the suppressions into the manifest annotation as a JSON array', () => {
      const { chart, web } = setup();
      Suppressions.add(web, [{ id: 'TEST-POD-001', reason: 'legacy image runs as root', appliesTo: ['/spec/template/spec/containers/0'] }]);
      const dep = findOne(synthValid(chart), 'Deployment');
      expect(JSON.parse(dep.metadata.annotations[KEY])).toEqual([
        { id: 'TEST-POD-001', reason: 'legacy image runs as root', appliesTo: ['/spec/template/spec/containers/0'] },
      ]);
    });

    test('merges repeated calls, replaces the same id and scope, and sorts by id', () => {
      const { chart, web } = setup();
      Suppressions.add(web, [{ id: 'TEST-POD-002', reason: 'pinned by the registry mirror' }]);
      Suppressions.add(web, [{ id: 'TEST-POD-001', reason: 'legacy image runs as root' }]);
      Suppressions.add(web, [{ id: 'TEST-POD-002', reason: 'pinned by the registry mirror, v2' }]);
      const dep = findOne(synthValid(chart), 'Deployment');
      expect(JSON.parse(dep.metadata.annotations[KEY]).map((s: any) => `${s.id}: ${s.reason}`)).toEqual([
        'TEST-POD-001: legacy image runs as root',
        'TEST-POD-002: pinned by the registry mirror, v2',
      ]);
      expect(Suppressions.of(web).map(s => s.id)).toEqual(['TEST-POD-001', 'TEST-POD-002']);
    });

    test('keeps suppressions already present in the object metadata', () => {
      const chart = Testing.chart();
      const existing = JSON.stringify([{ id: 'TEST-POD-002', reason: 'written by hand in the YAML' }]);
      const obj = new ApiObject(chart, 'web', deployment('web', { image: 'a:1' }, { annotations: { [KEY]: existing } }));
      Suppressions.add(obj, [{ id: 'TEST-POD-001', reason: 'legacy image runs as root' }]);
      expect(JSON.parse(findOne(synthValid(chart), 'Deployment').metadata.annotations[KEY]).map((s: any) => s.id)).toEqual(['TEST-POD-001', 'TEST-POD-002']);
    });

    test('is honoured by the checker, which reports the finding as suppressed', () => {
      const { chart, web } = setup();
      Suppressions.add(web, [{ id: 'TEST-POD-001', reason: 'legacy image runs as root' }]);
      const report = new Checker({ packs: [new FixtureStrictPack()] }).check(chart);
      expect(report.findings.map(f => `${f.ruleId} ${f.suppressed}`)).toEqual(['TEST-POD-001 true', 'TEST-POD-002 false']);
    });

    test('throws when the reason is shorter than 10 characters', () => {
      const { web } = setup();
      expect(() => Suppressions.add(web, [{ id: 'TEST-POD-001', reason: 'because' }])).toThrow(/reason "because" for "TEST-POD-001" must be at least 10 characters/);
    });

    test.each([
      ['ten spaces and a word', '          ok'],
      ['zero-width spaces', 'ok\u200B\u200B\u200B\u200B\u200B\u200B\u200B\u200B\u200B'],
      ['joiners, BOM and bidi marks', 'ok\u200C\u200D\u2060\uFEFF\u200E\u200F\u202E\u2066\u2069'],
      ['Hangul fillers and variation selectors', 'ok\u3164\u115F\u1160\uFFA0\uFE0F\uFE0E\u{E0100}\u180E'],
      ['non-breaking and ideographic spaces, tabs, line separators', 'ok\u00A0\u3000\t\u2028\u2029\u0085\u2007\u202F'],
      ['lone combining marks and blank braille', 'ok\u0301\u0301\u0301\u20DD\u2800\u2800\u2800\u2800'],
    ])('throws when the reason has fewer than 10 visible characters: %s', (_what, reason) => {
      const { web } = setup();
      expect(() => Suppressions.add(web, [{ id: 'TEST-POD-001', reason }])).toThrow(/for "TEST-POD-001" must be at least 10 characters .*\(it has 2; white space, zero-width and other invisible characters do not count\)/);
    });

    test('the message shows invisible characters as escapes', () => {
      const { web } = setup();
      expect(() => Suppressions.add(web, [{ id: 'TEST-POD-001', reason: 'ok\u200B\u200B' }])).toThrow('reason "ok\\u{200B}\\u{200B}" for "TEST-POD-001"');
    });

    test('accepts ten visible characters of any script, counting code points', () => {
      const { web } = setup();
      expect(() => Suppressions.add(web, [{ id: 'TEST-POD-001', reason: '\u{1F512}\u{1F512} 验证过的例外情况' }])).not.toThrow();
    });

    test('throws when a built-in (HARDEN-) id is not a known rule id', () => {
      const { web } = setup();
      expect(() => Suppressions.add(web, [{ id: 'HARDEN-POD-999', reason: 'a long enough reason' }])).toThrow(/unknown rule id "HARDEN-POD-999"/);
    });

    test('throws when the id is not a rule id at all', () => {
      const { web } = setup();
      expect(() => Suppressions.add(web, [{ id: 'runAsNonRoot', reason: 'a long enough reason' }])).toThrow(/"runAsNonRoot" is not a rule id/);
    });

    test('throws when appliesTo is not a list of JSON pointers', () => {
      const { web } = setup();
      expect(() => Suppressions.add(web, [{ id: 'TEST-POD-001', reason: 'a long enough reason', appliesTo: ['spec.template'] }])).toThrow(/must be a non-empty list of JSON pointers/);
    });

    test('throws when the construct has no ApiObject', () => {
      const chart = Testing.chart();
      const empty = new Construct(chart, 'empty');
      expect(() => Suppressions.add(empty, [{ id: 'TEST-POD-001', reason: 'a long enough reason' }])).toThrow(/test\/empty\): the construct has no Kubernetes objects/);
    });

    test('of() is empty for a construct without suppressions', () => {
      expect(Suppressions.of(setup().web)).toEqual([]);
    });
  });

  // Regression (issue 12): on a raw ApiObject or an Include the suppression reached the workload but not its pod
  // template, so the admission policies (which see the Pods) denied what synth and the CLI accepted.
  describe('reaches the pod template of raw and included workloads', () => {
    const podTemplate = (kind: string, template: any) => ({
      Deployment: { spec: { selector: { matchLabels: { app: 'x' } }, template } },
      DaemonSet: { spec: { selector: { matchLabels: { app: 'x' } }, template } },
      Job: { spec: { template } },
      CronJob: { spec: { schedule: '0 * * * *', jobTemplate: { spec: { template } } } },
    } as any)[kind];
    const templateOf = (o: any) => (o.kind === 'CronJob' ? o.spec.jobTemplate.spec.template : o.spec.template);
    const spec = { containers: [{ name: 'app', image: 'app:1.0' }], restartPolicy: 'OnFailure' };

    test.each([
      ['Deployment', 'apps/v1', { labels: { app: 'x' } }],
      ['DaemonSet', 'apps/v1', { labels: { app: 'x' }, annotations: { keep: 'me' } }],
      ['Job', 'batch/v1', undefined],
      ['CronJob', 'batch/v1', undefined],
    ])('a raw %s', (kind, apiVersion, metadata?: { labels: Record<string, string>; annotations?: Record<string, string> }) => {
      const chart = Testing.chart();
      const obj = new ApiObject(chart, 'w', { apiVersion, kind, metadata: { name: 'w' }, ...podTemplate(kind, { ...(metadata ? { metadata } : {}), spec }) });
      Suppressions.add(obj, [{ id: 'HARDEN-PSS-015', reason: 'vendor image needs root, ticket SEC-12' }]);
      Suppressions.add(obj, [{ id: 'HARDEN-PSS-016', reason: 'vendor image needs root, ticket SEC-12' }]);
      const out = synthValid(chart)[0];
      expect(templateOf(out).metadata.annotations[KEY]).toBe(out.metadata.annotations[KEY]);
      expect(JSON.parse(out.metadata.annotations[KEY]).map((x: any) => x.id)).toEqual(['HARDEN-PSS-015', 'HARDEN-PSS-016']);
      if (metadata?.annotations) expect(templateOf(out).metadata.annotations.keep).toBe('me');
      if (metadata?.labels) expect(templateOf(out).metadata.labels).toEqual({ app: 'x' });
    });

    test('an Include', () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'suppressions-include-'));
      const file = path.join(dir, 'w.yaml');
      fs.writeFileSync(file, JSON.stringify({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'w' }, ...podTemplate('Deployment', { metadata: { labels: { app: 'x' } }, spec }) }));
      const chart = Testing.chart();
      const included = new Include(chart, 'inc', { url: file });
      Suppressions.add(included, [{ id: 'HARDEN-PSS-015', reason: 'vendor image needs root, ticket SEC-12' }]);
      const out = synthValid(chart)[0];
      expect(templateOf(out).metadata.annotations[KEY]).toBe(out.metadata.annotations[KEY]);
      fs.rmSync(dir, { recursive: true, force: true });
    });

    test('a cdk8s-plus CronJob (job template\'s pod template)', () => {
      const chart = Testing.chart();
      const cron = new kplus.CronJob(chart, 'c', { schedule: Cron.daily(), containers: [{ image: 'app:1.0' }] });
      Suppressions.add(cron, [{ id: 'HARDEN-PSS-015', reason: 'vendor image needs root, ticket SEC-12' }]);
      const out = findOne(Testing.synth(chart), 'CronJob');
      expect(templateOf(out).metadata.annotations[KEY]).toBe(out.metadata.annotations[KEY]);
    });
  });
});

describe('Suppressions: one annotation key per rule for whole-object suppressions (read by the admission policies)', () => {
  const keyOf = (id: string) => `${WellKnownLabels.SUPPRESS_ANNOTATION_PREFIX}${id}`;
  const perRuleKeys = (annotations: any) => Object.keys(annotations ?? {})
    .filter(k => k.startsWith(WellKnownLabels.SUPPRESS_ANNOTATION_PREFIX)).sort();

  test('writes suppress.hardened.cdk8s.io/<id>: <reason> for each whole-object suppression, next to the JSON', () => {
    const { chart, web } = setup();
    Suppressions.add(web, [{ id: 'TEST-POD-002', reason: '  pinned by the registry mirror ' }]);
    Suppressions.add(web, [{ id: 'TEST-POD-001', reason: 'legacy image runs as root', appliesTo: ['/spec/template/spec/containers/0'] }]);
    const dep = findOne(synthValid(chart), 'Deployment');
    expect(perRuleKeys(dep.metadata.annotations)).toEqual([keyOf('TEST-POD-002')]);
    expect(dep.metadata.annotations[keyOf('TEST-POD-002')]).toBe('pinned by the registry mirror');
    expect(JSON.parse(dep.metadata.annotations[KEY]).map((s: any) => s.id)).toEqual(['TEST-POD-001', 'TEST-POD-002']);
  });

  test('the key is a valid Kubernetes annotation key (DNS-subdomain prefix, name of at most 63 characters)', () => {
    const name = /^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
    const prefix = WellKnownLabels.SUPPRESS_ANNOTATION_PREFIX.slice(0, -1);
    expect(prefix).toMatch(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/);
    expect('HARDEN-RBAC-009').toMatch(name);
  });

  test('throws for a whole-object suppression of an id longer than 63 characters', () => {
    const { web } = setup();
    const id = `CUSTOM-${'A'.repeat(60)}`;
    expect(() => Suppressions.add(web, [{ id, reason: 'checked elsewhere by our admission webhook' }])).toThrow(/longer than 63 characters/);
  });

  test('the per-rule key reaches the pod template of raw workloads and cdk8s-plus workloads', () => {
    const chart = Testing.chart();
    const template = { metadata: { labels: { app: 'x' } }, spec: { containers: [{ name: 'app', image: 'app:1.0' }], restartPolicy: 'OnFailure' } };
    const raw = new ApiObject(chart, 'w', {
      apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'w' }, spec: { schedule: '0 * * * *', jobTemplate: { spec: { template } } },
    });
    Suppressions.add(raw, [{ id: 'HARDEN-PSS-015', reason: 'vendor image needs root, ticket SEC-12' }]);
    const dep = new kplus.Deployment(chart, 'd', { containers: [{ image: 'app:1.0' }] });
    Suppressions.add(dep, [{ id: 'HARDEN-PSS-016', reason: 'vendor image needs root, ticket SEC-12' }]);
    const out = Testing.synth(chart);
    expect(findOne(out, 'CronJob').spec.jobTemplate.spec.template.metadata.annotations[keyOf('HARDEN-PSS-015')]).toBe('vendor image needs root, ticket SEC-12');
    expect(findOne(out, 'Deployment').spec.template.metadata.annotations[keyOf('HARDEN-PSS-016')]).toBe('vendor image needs root, ticket SEC-12');
  });

  test('the checker honours a per-rule key alone (hand-written YAML) as a whole-object suppression', () => {
    const obj = deployment('web', { image: 'nginx:latest' }, { annotations: { [keyOf('TEST-POD-001')]: 'legacy image runs as root' } });
    const report = new Checker({ packs: [new FixtureStrictPack()] }).check([obj]);
    expect(report.findings.map(f => `${f.ruleId} ${f.suppressed}`)).toEqual(['TEST-POD-001 true', 'TEST-POD-002 false']);
  });

  test('fails (HARDEN-ENGINE-001, nothing suppressed) when a per-rule key disagrees with the JSON entry or has a short reason', () => {
    const differing = deployment('web', { image: 'nginx:latest' }, {
      annotations: { [KEY]: JSON.stringify([{ id: 'TEST-POD-001', reason: 'legacy image runs as root' }]), [keyOf('TEST-POD-001')]: 'something else entirely' },
    });
    const short = deployment('web', { image: 'nginx:latest' }, { annotations: { [keyOf('TEST-POD-001')]: 'because' } });
    for (const [obj, message] of [[differing, /differs from the hardened.cdk8s.io\/suppressions entry/], [short, /must be at least 10 characters/]] as const) {
      const report = new Checker({ packs: [new FixtureStrictPack()] }).check([obj]);
      const engine = report.findings.filter(f => f.ruleId === 'HARDEN-ENGINE-001');
      expect(engine.map(f => f.message)).toEqual([expect.stringMatching(message)]);
      expect(engine.map(f => f.path)).toEqual(['/metadata/annotations/suppress.hardened.cdk8s.io~1TEST-POD-001']);
      expect(report.findings.filter(f => f.suppressed)).toEqual([]);
    }
  });
});
