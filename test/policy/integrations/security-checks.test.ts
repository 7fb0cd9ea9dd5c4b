// SPDX-License-Identifier: Apache-2.0
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App, Chart, Testing } from 'cdk8s';
import { Severity } from '../../../src/policy/engine/rule';
import { JsonReporter } from '../../../src/policy/integrations/reporter';
import { SecurityChecks } from '../../../src/policy/integrations/security-checks';
import { Suppressions } from '../../../src/policy/integrations/suppressions';
import { synthValid } from '../../util';
import { deployment, FixtureLaxPack, FixtureStrictPack } from '../engine/fixtures';

function app(): App {
  return new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'security-checks-')) });
}

function logger() {
  const lines: string[] = [];
  return { lines, log: (m: string) => { lines.push(m); } };
}

describe('SecurityChecks', () => {

  test('fails app.synth() on an error finding, naming construct path, object, field path, rule id and fix', () => {
    const a = app();
    const chart = new Chart(a, 'shop');
    new ApiObject(chart, 'web', deployment('web', { image: 'nginx:1.27' }));
    SecurityChecks.of(a, { logger: logger() }).addPack(new FixtureStrictPack());
    let error: Error | undefined;
    try {
      a.synth();
    } catch (e) {
      error = e as Error;
    }
    expect(error).toBeDefined();
    expect(error!.message).toMatch(/Validation failed/);
    expect(error!.message).toContain('error TEST-POD-001 FixtureRunsAsNonRoot');
    expect(error!.message).toContain('Deployment shop/web');
    expect(error!.message).toContain('(construct shop/web)');
    expect(error!.message).toContain('/spec/template/spec/containers/0/securityContext/runAsNonRoot');
    expect(error!.message).toContain('Fix: Fix for FixtureRunsAsNonRoot.');
    expect(fs.readdirSync(a.outdir)).toEqual([]);
  });

  test('fails Testing.synth of a chart with checks attached to the chart', () => {
    const chart = Testing.chart();
    new ApiObject(chart, 'web', deployment('web', { image: 'nginx:1.27' }));
    SecurityChecks.of(chart, { logger: logger() }).addPack(new FixtureStrictPack());
    expect(() => Testing.synth(chart)).toThrow(/TEST-POD-001/);
  });

  test('prints warnings without failing synthesis', () => {
    const a = app();
    const chart = new Chart(a, 'shop');
    new ApiObject(chart, 'web', deployment('web', { image: 'nginx:latest', securityContext: { runAsNonRoot: true } }));
    const log = logger();
    SecurityChecks.of(a, { logger: log }).addPack(new FixtureStrictPack());
    a.synth();
    expect(fs.readdirSync(a.outdir)).toEqual(['shop.k8s.yaml']);
    expect(log.lines.join('')).toMatch(/warning\s+TEST-POD-002 FixtureImageNotLatest/);
    expect(log.lines.join('')).toMatch(/0 error, 1 warning/);
  });

  test('prints the report once per synthesis, although cdk8s validates the app and each chart', async () => {
    const a = app();
    // Distinct names: two charts without a namespace apply to one namespace, so two "web" would be one object (HARDEN-ENGINE-002).
    for (const name of ['shop', 'blog']) new ApiObject(new Chart(a, name), 'web', deployment(`web-${name}`, { image: 'nginx:latest', securityContext: { runAsNonRoot: true } }));
    const log = logger();
    SecurityChecks.of(a, { logger: log }).addPack(new FixtureStrictPack());
    a.synth();
    expect(log.lines).toHaveLength(1);
    await Promise.resolve(); // a later synthesis (after the current call returned) prints again
    a.synth();
    expect(log.lines).toHaveLength(2);
  });

  test('a change between two synchronous synths is still checked (only the printing is deduplicated)', () => {
    const chart = Testing.chart();
    new ApiObject(chart, 'ok', deployment('ok', { image: 'nginx:1.27', securityContext: { runAsNonRoot: true } }));
    SecurityChecks.of(chart, { logger: logger() }).addPack(new FixtureStrictPack());
    expect(() => Testing.synth(chart)).not.toThrow();
    new ApiObject(chart, 'web', deployment('web', { image: 'nginx:1.27' }));
    expect(() => Testing.synth(chart)).toThrow(/TEST-POD-001/);
  });

  test('failOn WARNING makes warnings fatal', () => {
    const chart = Testing.chart();
    new ApiObject(chart, 'web', deployment('web', { image: 'nginx:latest', securityContext: { runAsNonRoot: true } }));
    SecurityChecks.of(chart, { failOn: Severity.WARNING, logger: logger() }).addPack(new FixtureStrictPack());
    expect(() => Testing.synth(chart)).toThrow(/warning TEST-POD-002/);
  });

  test('a suppressed error does not fail synthesis and is printed as suppressed', () => {
    const chart = Testing.chart();
    const web = new ApiObject(chart, 'web', deployment('web', { image: 'nginx:1.27' }));
    Suppressions.add(web, [{ id: 'TEST-POD-001', reason: 'vendor image needs root, ticket SEC-12' }]);
    const log = logger();
    SecurityChecks.of(chart, { logger: log }).addPack(new FixtureStrictPack());
    synthValid(chart);
    expect(log.lines.join('')).toMatch(/suppressed error\s+TEST-POD-001.*\[suppressed: vendor image needs root, ticket SEC-12\]/);
  });

  test('reports a suppression that matched nothing, without failing', () => {
    const chart = Testing.chart();
    const web = new ApiObject(chart, 'web', deployment('web', { image: 'nginx:1.27', securityContext: { runAsNonRoot: true } }));
    Suppressions.add(web, [{ id: 'TEST-POD-001', reason: 'vendor image needs root, ticket SEC-12' }]);
    const log = logger();
    SecurityChecks.of(chart, { logger: log }).addPack(new FixtureStrictPack());
    synthValid(chart);
    expect(log.lines.join('')).toMatch(/Suppressions that matched nothing[\s\S]*TEST-POD-001 on Deployment shop\/web \(test\/web\)/);
  });

  test('uses the given reporter for printed output', () => {
    const chart = Testing.chart();
    new ApiObject(chart, 'web', deployment('web', { image: 'nginx:latest', securityContext: { runAsNonRoot: true } }));
    const log = logger();
    SecurityChecks.of(chart, { logger: log, reporter: new JsonReporter() }).addPack(new FixtureStrictPack());
    synthValid(chart);
    expect(JSON.parse(log.lines[0]).findings[0].ruleId).toBe('TEST-POD-002');
  });

  test('does nothing until a pack is added', () => {
    const chart = Testing.chart();
    new ApiObject(chart, 'web', deployment('web', { image: 'nginx:1.27' }));
    SecurityChecks.of(chart);
    expect(() => synthValid(chart)).not.toThrow();
  });

  test('of() returns the same checks for a scope; addPack chains and ignores a pack added twice', () => {
    const chart = Testing.chart();
    const checks = SecurityChecks.of(chart);
    expect(SecurityChecks.of(chart)).toBe(checks);
    expect(checks.addPack(new FixtureStrictPack()).addPack(new FixtureLaxPack()).addPack(new FixtureStrictPack())).toBe(checks);
    expect(checks.packs.map(p => p.name)).toEqual(['FixtureStrict', 'FixtureLax']);
  });

  test('check() returns the report without synthesizing', () => {
    const chart = Testing.chart();
    new ApiObject(chart, 'web', deployment('web', { image: 'nginx:1.27' }));
    expect(SecurityChecks.of(chart).addPack(new FixtureStrictPack()).check().findings.map(f => f.ruleId)).toEqual(['TEST-POD-001']);
  });

  test('throws when addPack is given something that is not a pack', () => {
    expect(() => SecurityChecks.of(Testing.chart()).addPack({} as any)).toThrow(/is not a rule pack/);
  });
});
