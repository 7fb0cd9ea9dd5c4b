// SPDX-License-Identifier: Apache-2.0
import { ApiObject, Chart, Testing } from 'cdk8s';
import {
  deployment, FixtureBuggyPack, FixtureLaxPack, FixtureNoLatest, FixtureRunAsNonRoot, FixtureStrictPack,
} from './fixtures';
import { WellKnownLabels } from '../../../src/core/labels';
import { Checker } from '../../../src/policy/engine/checker';
import { Severity } from '../../../src/policy/engine/rule';
import { synthValid } from '../../util';

const SUPPRESS = WellKnownLabels.SUPPRESSIONS_ANNOTATION;
const strict = () => new Checker({ packs: [new FixtureStrictPack()] });
const good = () => deployment('web', { image: 'nginx:1.27', securityContext: { runAsNonRoot: true } });
const bad = (annotations?: any) => deployment('web', { image: 'nginx:latest' }, annotations ? { annotations } : {});

describe('Checker', () => {
  test('a compliant object has no findings', () => {
    const report = strict().check([good()]);
    expect(report.findings).toEqual([]);
    expect(report.objectsChecked).toBe(1);
    expect(report.hasFindings(Severity.INFO)).toBe(false);
  });

  test('fails a non-compliant object with every field of the finding', () => {
    const report = strict().check([bad()]);
    expect(report.findings).toEqual([
      {
        ruleId: 'TEST-POD-001',
        ruleName: 'FixtureRunsAsNonRoot',
        severity: Severity.ERROR,
        packs: ['FixtureStrict'],
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        namespace: 'shop',
        name: 'web',
        path: '/spec/template/spec/containers/0/securityContext/runAsNonRoot',
        message: 'container "app" does not set runAsNonRoot: true',
        remediation: 'Fix for FixtureRunsAsNonRoot.',
        suppressed: false,
      },
      expect.objectContaining({ ruleId: 'TEST-POD-002', severity: Severity.WARNING, path: '/spec/template/spec/containers/0/image' }),
    ]);
    expect(report.count(Severity.ERROR)).toBe(1);
    expect(report.count(Severity.WARNING)).toBe(1);
    expect(report.hasFindings(Severity.ERROR)).toBe(true);
    expect(report.summary()).toBe('1 error, 1 warning, 0 info (0 suppressed, 0 unmatched suppressions) in 1 objects');
  });

  test('rules do not apply to kinds they do not know (not applicable)', () => {
    expect(strict().check([{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } }]).findings).toEqual([]);
  });

  test('checks a single object as well as a list', () => {
    expect(strict().check(bad()).findings).toHaveLength(2);
  });

  test('checks every ApiObject of a chart with its construct path', () => {
    const chart = Testing.chart();
    new ApiObject(chart, 'web', bad());
    synthValid(chart);
    const report = strict().check(chart);
    expect(report.findings.map(f => f.constructPath)).toEqual(['test/web', 'test/web']);
  });

  test('checks every chart of an app', () => {
    const app = Testing.app();
    new ApiObject(new Chart(app, 'a'), 'web', bad());
    // Another name: both charts apply to the same namespace, where two "web" would be one object (HARDEN-ENGINE-002).
    new ApiObject(new Chart(app, 'b'), 'web', { ...good(), metadata: { name: 'web-b' } });
    expect(strict().check(app).findings.map(f => `${f.constructPath} ${f.ruleId}`)).toEqual(['a/web TEST-POD-001', 'a/web TEST-POD-002']);
  });

  test('gives cross-object rules every object as context', () => {
    const ns = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } };
    const np = { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'deny', namespace: 'shop' }, spec: { podSelector: {} } };
    expect(strict().check([ns]).findings.map(f => f.ruleId)).toEqual(['TEST-NET-001']);
    expect(strict().check([ns, np]).findings).toEqual([]);
  });

  test('a rule that throws becomes an ERROR finding, and the other rules still run', () => {
    const checker = new Checker({ packs: [new FixtureBuggyPack(), new FixtureStrictPack()] });
    const report = checker.check([{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } }, bad()]);
    const thrown = report.findings.find(f => f.ruleId === 'TEST-BUG-001')!;
    expect(thrown.severity).toBe(Severity.ERROR);
    expect(thrown.path).toBe('');
    expect(thrown.message).toMatch(/threw while checking this object: boom/);
    expect(report.findings.filter(f => f.name === 'web')).toHaveLength(2);
  });

  test('a rule that returns something other than a list becomes an ERROR finding', () => {
    const report = new Checker({ packs: [new FixtureBuggyPack()] }).check([{ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' } }]);
    expect(report.findings).toEqual([expect.objectContaining({ ruleId: 'TEST-BUG-002', severity: Severity.ERROR, message: expect.stringMatching(/returned "nope"/) })]);
  });

  test('a rule in several packs runs once with the most severe level and every pack name', () => {
    const report = new Checker({ packs: [new FixtureLaxPack(), new FixtureStrictPack()] }).check([bad()]);
    const latest = report.findings.filter(f => f.ruleId === 'TEST-POD-002');
    expect(latest).toHaveLength(1);
    expect(latest[0].severity).toBe(Severity.WARNING);
    expect(latest[0].packs).toEqual(['FixtureLax', 'FixtureStrict']);
    expect(report.rules.map(r => r.metadata.id)).toEqual(['TEST-NET-001', 'TEST-POD-001', 'TEST-POD-002']);
  });

  test('the order of findings does not depend on the order of packs', () => {
    const objs = [bad(), { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'x' } }, bad()];
    const a = new Checker({ packs: [new FixtureLaxPack(), new FixtureStrictPack()] }).check(objs);
    const b = new Checker({ packs: [new FixtureStrictPack(), new FixtureLaxPack()] }).check(objs);
    expect(JSON.stringify(a)).toEqual(JSON.stringify(b));
  });

  test('throws when two different rules share an id', () => {
    const clash = { name: 'Clash', entries: [{ rule: new FixtureRunAsNonRoot() }, { rule: { ...new FixtureNoLatest(), metadata: { ...new FixtureNoLatest().metadata, id: 'TEST-POD-001' } } }] };
    expect(() => new Checker({ packs: [clash as any] })).toThrow(/rule id TEST-POD-001 is used by two different rules/);
  });

  test('throws when given something that is not a pack', () => {
    expect(() => new Checker({ packs: [{} as any] })).toThrow(/is not a rule pack/);
  });

  test('does not mutate the checked objects', () => {
    const obj = bad();
    const copy = JSON.parse(JSON.stringify(obj));
    strict().check([obj]);
    expect(obj).toEqual(copy);
  });

  describe('suppressions', () => {
    test('a suppressed finding is reported as suppressed with its reason, and does not count', () => {
      const report = strict().check([bad({ [SUPPRESS]: JSON.stringify([{ id: 'TEST-POD-001', reason: 'runs as root until v2 ships' }]) })]);
      const f = report.findings.find(x => x.ruleId === 'TEST-POD-001')!;
      expect(f.suppressed).toBe(true);
      expect(f.suppressionReason).toBe('runs as root until v2 ships');
      expect(report.count(Severity.ERROR)).toBe(0);
      expect(report.suppressedFindings()).toHaveLength(1);
      expect(report.hasFindings(Severity.ERROR)).toBe(false);
      expect(report.unmatchedSuppressions).toEqual([]);
    });

    test('appliesTo limits the suppression to findings at or below the given pointers', () => {
      const obj = deployment('web', { image: 'a:1' });
      obj.spec.template.spec.containers.push({ name: 'side', image: 'b:1' });
      obj.metadata.annotations = { [SUPPRESS]: JSON.stringify([{ id: 'TEST-POD-001', reason: 'sidecar needs root for now', appliesTo: ['/spec/template/spec/containers/1'] }]) };
      const report = strict().check([obj]);
      expect(report.findings.map(f => [f.path, f.suppressed])).toEqual([
        ['/spec/template/spec/containers/0/securityContext/runAsNonRoot', false],
        ['/spec/template/spec/containers/1/securityContext/runAsNonRoot', true],
      ]);
    });

    test('a suppression that matched nothing is reported', () => {
      const report = strict().check([{ ...good(), metadata: { name: 'web', namespace: 'shop', annotations: { [SUPPRESS]: JSON.stringify([{ id: 'TEST-POD-001', reason: 'no longer needed here' }]) } } }]);
      expect(report.unmatchedSuppressions).toEqual([{ ruleId: 'TEST-POD-001', reason: 'no longer needed here', apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'web' }]);
    });

    test('a suppression of an id that no rule has (a typo) is reported as unmatched', () => {
      const report = strict().check([bad({ [SUPPRESS]: JSON.stringify([{ id: 'TEST-POD-0001', reason: 'typo in the rule id' }]) })]);
      expect(report.unmatchedSuppressions.map(u => u.ruleId)).toEqual(['TEST-POD-0001']);
    });

    test('a suppression of a rule that was not checked is not reported as unmatched', () => {
      const report = new Checker({ packs: [new FixtureLaxPack()], knownPacks: [new FixtureStrictPack()] }).check([bad({ [SUPPRESS]: JSON.stringify([{ id: 'TEST-POD-001', reason: 'other pack, other day' }]) })]);
      expect(report.unmatchedSuppressions).toEqual([]);
    });

    test('fails an invalid annotation with HARDEN-ENGINE-001 and applies none of its suppressions', () => {
      const report = strict().check([bad({ [SUPPRESS]: JSON.stringify([{ id: 'TEST-POD-001', reason: 'short' }]) })]);
      expect(report.findings.map(f => `${f.ruleId} ${f.suppressed}`)).toEqual(['HARDEN-ENGINE-001 false', 'TEST-POD-001 false', 'TEST-POD-002 false']);
      const engine = report.findings[0];
      expect(engine.severity).toBe(Severity.ERROR);
      expect(engine.path).toBe('/metadata/annotations/hardened.cdk8s.io~1suppressions');
      expect(engine.message).toMatch(/at least 10 characters/);
    });

    test.each([
      ['not JSON', 'nope', /not valid JSON/],
      ['not an array', '{"id":"TEST-POD-001"}', /must be a JSON array/],
      ['a bad id', JSON.stringify([{ id: 'lower-case', reason: 'a long enough reason' }]), /is not a rule id/],
      ['bad appliesTo', JSON.stringify([{ id: 'TEST-POD-001', reason: 'a long enough reason', appliesTo: ['spec'] }]), /JSON pointers/],
    ])('fails an annotation that is %s', (_what, value, message) => {
      const report = strict().check([bad({ [SUPPRESS]: value })]);
      expect(report.findings[0]).toEqual(expect.objectContaining({ ruleId: 'HARDEN-ENGINE-001', message: expect.stringMatching(message) }));
    });
  });
});
