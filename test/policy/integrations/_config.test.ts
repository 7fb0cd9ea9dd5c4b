// SPDX-License-Identifier: Apache-2.0
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, Chart, Testing } from 'cdk8s';
import { run } from '../../../src/cli/main';
import { Checker } from '../../../src/policy/engine/checker';
import { Severity } from '../../../src/policy/engine/rule';
import { _applyExemptions, _configuredPacks, _findConfigFile, _isExcluded, _loadConfig, _parseConfig } from '../../../src/policy/integrations/_config';
import { IValidationContext, SecurityValidation, ValidationViolation } from '../../../src/policy/integrations/cli-plugin';
import { SecurityChecks } from '../../../src/policy/integrations/security-checks';
import { deployment, fixtureCatalog, FixtureStrictPack } from '../engine/fixtures';

const BAD = path.resolve('test/fixtures/cli/bad.yaml');
const CATALOG = fixtureCatalog();
const parse = (text: string, file: string) => _parseConfig(text, file, CATALOG);
let tmp: string;

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-hardened-config-'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function dir(name: string, config?: string): string {
  const d = path.join(tmp, name);
  fs.mkdirSync(d, { recursive: true });
  if (config !== undefined) fs.writeFileSync(path.join(d, '.cdk8s-hardened.yaml'), config);
  return d;
}

async function audit(cwd: string, args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await run(['audit', ...args], { stdout: s => { stdout += s; }, stderr: s => { stderr += s; }, readStdin: async () => '', cwd: () => cwd, packs: CATALOG });
  return { code, stdout, stderr };
}

describe('configuration file (.cdk8s-hardened.yaml)', () => {
  test('throws on an unknown property, naming it, the line and the closest known one', () => {
    expect(() => parse('packs: [FixtureStrict]\nexemption:\n  - namespaces: [a]\n', 'c.yaml'))
      .toThrow(/^c\.yaml:2: "exemption" is not a known property\. Known properties: packs, rules, trustedRegistries, exemptions, exclude\. Did you mean "exemptions"\?/);
  });

  test('throws on an unknown property of an exemption', () => {
    expect(() => parse('exemptions:\n  - namespace: [a]\n    reason: platform namespace, owned by ops\n', 'c.yaml'))
      .toThrow(/c\.yaml:2: "exemptions\.0\.namespace" is not a known property of an exemption.*Did you mean "namespaces"\?/);
  });

  test('throws on an unknown pack and an unknown rule id', () => {
    expect(() => parse('packs: [FixtureStrikt]\n', 'c.yaml')).toThrow(/c\.yaml:1: "packs\.0" names an unknown pack "FixtureStrikt".*Did you mean "FixtureStrict"\?/);
    expect(() => parse('rules:\n  TEST-POD-009: off\n', 'c.yaml')).toThrow(/c\.yaml:2: "rules\.TEST-POD-009" is not a known rule id/);
  });

  test('throws on a bad severity, and on an engine check that cannot be turned off', () => {
    expect(() => parse('rules:\n  TEST-POD-001: fatal\n', 'c.yaml')).toThrow(/"rules\.TEST-POD-001" must be error, warning, info or off, got "fatal"/);
    expect(() => parse('rules:\n  HARDEN-ENGINE-001: off\n', 'c.yaml')).toThrow(/engine check that always runs/);
  });

  test('throws on an exemption without a reason, with a short reason, or matching everything', () => {
    expect(() => parse('exemptions:\n  - namespaces: [a]\n', 'c.yaml')).toThrow(/"exemptions\.0" needs a reason of at least 10 characters/);
    expect(() => parse('exemptions:\n  - namespaces: [a]\n    reason: ops\n', 'c.yaml')).toThrow(/c\.yaml:3: "exemptions\.0\.reason" needs a reason of at least 10/);
    expect(() => parse('exemptions:\n  - reason: everything is fine here\n', 'c.yaml')).toThrow(/matches every object/);
  });

  test('throws on bad trusted registries, and on trusted registries without the TrustedRegistries pack', () => {
    expect(() => parse('trustedRegistries: [ghcr.io/acme]\n', 'c.yaml')).toThrow(/"trustedRegistries" Invalid trusted registry "ghcr.io\/acme"/);
    expect(() => parse('packs: [FixtureStrict]\ntrustedRegistries: [ghcr.io/acme/]\n', 'c.yaml')).toThrow(/"packs" does not include TrustedRegistries/);
  });

  test('throws on malformed YAML and on a list at the top', () => {
    expect(() => parse('packs: [a\n', 'c.yaml')).toThrow(/^c\.yaml:\d+: malformed YAML/);
    expect(() => parse('- a\n', 'c.yaml')).toThrow(/must be a YAML mapping/);
  });

  test('is found upward from the working directory; an explicit file must exist', () => {
    const root = dir('upward', 'packs: [FixtureLax]\n');
    const nested = path.join(root, 'a', 'b');
    fs.mkdirSync(nested, { recursive: true });
    expect(_findConfigFile(nested)).toBe(path.join(root, '.cdk8s-hardened.yaml'));
    expect(_loadConfig(nested, undefined, CATALOG).packs).toEqual(['FixtureLax']);
    expect(() => _loadConfig(nested, 'missing.yaml', CATALOG)).toThrow(/missing\.yaml: cannot read the configuration file \(no such file\)/);
  });

  test('rule overrides change the severity or leave a rule out of every pack', () => {
    const config = parse('packs: [FixtureStrict, FixtureLax]\nrules:\n  TEST-POD-001: warning\n  TEST-POD-002: off\n', 'c.yaml');
    const report = new Checker({ packs: _configuredPacks(config, undefined, CATALOG) }).check([deployment('web', { image: 'x:latest' })]);
    expect(report.findings.map(f => `${f.ruleId} ${f.severity}`)).toEqual(['TEST-POD-001 warning']);
    expect(report.rules.map(r => r.metadata.id)).toEqual(['TEST-NET-001', 'TEST-POD-001']);
  });

  test('packs named on the command line replace the configured packs', () => {
    const config = parse('packs: [FixtureLax]\n', 'c.yaml');
    expect(_configuredPacks(config, ['FixtureStrict'], CATALOG).map(p => p.name)).toEqual(['FixtureStrict']);
    expect(_configuredPacks(config, undefined, CATALOG).map(p => p.name)).toEqual(['FixtureLax']);
  });

  test('exemptions mark matching findings suppressed with the reason; others stay active', () => {
    const config = parse('exemptions:\n  - namespaces: [shop]\n    names: [legacy]\n    rules: [TEST-POD-001]\n    reason: vendor image runs as root, ticket SEC-7\n', '.cdk8s-hardened.yaml');
    const report = _applyExemptions(new Checker({ packs: [new FixtureStrictPack()] }).check([
      deployment('legacy', { image: 'x:1' }), deployment('web', { image: 'x:1' }),
    ]), config);
    expect(report.findings.map(f => `${f.name} ${f.suppressed} ${f.suppressionReason ?? ''}`)).toEqual([
      'legacy true exempted by .cdk8s-hardened.yaml: vendor image runs as root, ticket SEC-7',
      'web false ',
    ]);
  });

  test('excludes: a glob without "/" matches any segment, "**" spans folders', () => {
    expect(_isExcluded('dist/crds/a.yaml', ['crds'])).toBe(true);
    expect(_isExcluded('dist/app.yaml', ['crds'])).toBe(false);
    expect(_isExcluded('vendor/x/y.yaml', ['vendor/**'])).toBe(true);
    expect(_isExcluded('a/b/test.k8s.yaml', ['**/*.k8s.yaml'])).toBe(true);
    expect(_isExcluded('a/b/test.yaml', ['**/*.k8s.yaml'])).toBe(false);
    expect(_isExcluded('charts/x/templates/a.yaml', ['charts/x'])).toBe(true);
  });
});

describe('the CLI, the plugin and SecurityChecks read the same file', () => {
  const config = 'packs: [FixtureStrict]\nrules:\n  TEST-POD-002: off\nexemptions:\n  - kinds: [Pod]\n    reason: debug pods are deleted by a nightly job\n';

  test('audit: configured packs, rule off, exemption reported as suppressed', async () => {
    const cwd = dir('cli', config);
    const r = await audit(cwd, [BAD, '--format', 'json']);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(doc.findings.map((f: any) => `${f.ruleId} ${f.kind} ${f.suppressed}`)).toEqual([
      'TEST-POD-001 Deployment false',
      'TEST-POD-001 Pod true',
    ]);
    expect(doc.findings[1].suppressionReason).toBe('exempted by .cdk8s-hardened.yaml: debug pods are deleted by a nightly job');
  });

  test('audit: --config names the file; a bad file exits 2 naming the file and property, no stack trace', async () => {
    const cwd = dir('cli-bad');
    fs.writeFileSync(path.join(cwd, 'ci.yaml'), 'packs: [FixtureStrict]\nfailon: warning\n');
    const r = await audit(cwd, [BAD, '--config', 'ci.yaml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^cdk8s-hardened audit: ci\.yaml:2: "failon" is not a known property/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  test('audit: trustedRegistries make --pack TrustedRegistries check images', async () => {
    const cwd = dir('trusted', 'trustedRegistries: [registry.acme.dev/]\n');
    const r = await audit(cwd, [BAD, '--pack', 'TrustedRegistries', '--format', 'json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).findings.map((f: any) => `${f.ruleId} ${f.name} ${f.path}`)).toEqual([
      'HARDEN-WL-010 api /spec/template/spec/containers/0/image',
      'HARDEN-WL-010 api /spec/template/spec/initContainers/0/image',
      'HARDEN-WL-010 debug /spec/containers/0/image',
    ]);
  });

  test('the cdk8s-cli plugin', async () => {
    const cwd = dir('plugin', config);
    const before = process.cwd();
    process.chdir(cwd);
    try {
      const violations: ValidationViolation[] = [];
      const logs: string[] = [];
      let status = '';
      const ctx: IValidationContext = {
        manifests: [BAD],
        report: { addViolation: v => { violations.push(v); }, submit: s => { status = s; } },
        logger: { log: m => { logs.push(m); } },
      };
      await new SecurityValidation({}, CATALOG).validate(ctx);
      expect(status).toBe('failure');
      expect(violations.map(v => v.ruleName)).toEqual(['error TEST-POD-001 FixtureRunsAsNonRoot']);
      expect(violations[0].violatingResources.map(r => r.resourceName)).toEqual(['api']);
      expect(logs.join('\n')).toMatch(/suppressed error\s+TEST-POD-001 FixtureRunsAsNonRoot\s+Pod debug.*\[suppressed: exempted by \.cdk8s-hardened\.yaml: debug pods/);
    } finally {
      process.chdir(before);
    }
  });

  test('SecurityChecks.applyConfig() (built-in packs)', () => {
    const cwd = dir('synth', 'packs: [PodSecurityRestricted]\nexemptions:\n  - kinds: [Pod]\n    reason: debug pods are deleted by a nightly job\n');
    const before = process.cwd();
    process.chdir(cwd);
    try {
      const app = Testing.app();
      const chart = new Chart(app, 'c');
      new ApiObject(chart, 'pod', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'debug' }, spec: { containers: [{ name: 'a', image: 'a:latest' }] } });
      const checks = SecurityChecks.of(app, { logger: { log: () => undefined } }).applyConfig();
      expect(checks.packs.map(p => p.name)).toEqual(['PodSecurityRestricted']);
      const report = checks.check();
      expect(report.findings.length).toBeGreaterThan(0);
      expect(report.findings.every(f => f.suppressed && /^exempted by \.cdk8s-hardened\.yaml: debug pods/.test(f.suppressionReason!))).toBe(true);
      expect(() => app.synth()).not.toThrow();
      expect(report.hasFindings(Severity.INFO)).toBe(false);
    } finally {
      process.chdir(before);
    }
  });

  test('SecurityChecks.applyConfig() throws on an invalid file', () => {
    const cwd = dir('synth-bad', 'packs: FixtureStrict\n');
    expect(() => SecurityChecks.of(Testing.app()).applyConfig(path.join(cwd, '.cdk8s-hardened.yaml'))).toThrow(/"packs" must be a list of non-empty strings/);
  });

  test('the plugin throws on an unknown property, naming it', () => {
    expect(() => new SecurityValidation({ failon: 'error' } as any, CATALOG)).toThrow(/unknown property "failon" in the cdk8s\.yaml validation entry.*Did you mean "failOn"\?/);
    expect(() => new SecurityValidation({ packs: 'FixtureStrict' } as any, CATALOG)).toThrow(/property "packs" must be a list of pack names/);
  });
});
