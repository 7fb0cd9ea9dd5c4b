// SPDX-License-Identifier: Apache-2.0
import * as fs from 'fs';
import * as path from 'path';
import { run } from '../../src/cli/main';
import { FixtureBuggyPack, FixtureLaxPack, FixtureStrictPack, fixtureCatalog } from '../policy/engine/fixtures';

const FIX = 'test/fixtures/cli';

interface Result {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

async function audit(args: string[], stdin = ''): Promise<Result> {
  let stdout = '';
  let stderr = '';
  const code = await run(['audit', ...args], {
    stdout: s => { stdout += s; },
    stderr: s => { stderr += s; },
    readStdin: async () => stdin,
    cwd: () => process.cwd(),
    packs: CATALOG,
  });
  return { code, stdout, stderr };
}

async function json(args: string[], stdin = ''): Promise<{ code: number; doc: any; stderr: string }> {
  const packs = args.includes('--pack') ? [] : ['--pack', 'FixtureStrict,FixtureLax'];
  const r = await audit([...args, ...packs, '--format', 'json'], stdin);
  return { code: r.code, doc: JSON.parse(r.stdout), stderr: r.stderr };
}

const brief = (f: any) => `${f.file}:${f.line} ${f.ruleId} ${f.severity} ${f.kind} ${f.namespace ?? '-'}/${f.name} ${f.path}`;

const CATALOG = fixtureCatalog([new FixtureStrictPack(), new FixtureLaxPack(), new FixtureBuggyPack()]);

describe('cdk8s-hardened audit', () => {
  test('exits 0 on a directory of compliant manifests (recursive, .yaml and .json only)', async () => {
    const r = await json([`${FIX}/good`]);
    expect(r.code).toBe(0);
    expect(r.doc.findings).toEqual([]);
    expect(r.doc.summary.objectsChecked).toBe(3);
    expect(r.doc.inputErrors).toEqual([]);
  });

  test('fails with exit 1 and reports every planted violation with file and line', async () => {
    const r = await json([`${FIX}/bad.yaml`]);
    expect(r.code).toBe(1);
    expect(r.doc.findings.map(brief)).toEqual([
      'test/fixtures/cli/bad.yaml:28 TEST-POD-001 error Deployment shop/api /spec/template/spec/containers/0/securityContext/runAsNonRoot',
      'test/fixtures/cli/bad.yaml:26 TEST-POD-002 warning Deployment shop/api /spec/template/spec/containers/0/image',
      'test/fixtures/cli/bad.yaml:36 TEST-POD-001 error Pod -/debug /spec/containers/0/securityContext/runAsNonRoot',
    ]);
  });

  test('the JSON format has every documented field', async () => {
    const r = await json([`${FIX}/bad.yaml`]);
    expect(Object.keys(r.doc.findings[0]).sort()).toEqual([
      'apiVersion', 'constructPath', 'file', 'kind', 'line', 'message', 'name', 'namespace', 'packs', 'path',
      'remediation', 'ruleId', 'ruleName', 'severity', 'suppressed', 'suppressionReason',
    ]);
    expect(Object.keys(r.doc).sort()).toEqual(['findings', 'inputErrors', 'summary', 'unmatchedSuppressions']);
  });

  test('reads kind: List items with their own lines', async () => {
    const r = await json([`${FIX}/list.yaml`]);
    expect(r.code).toBe(1);
    expect(r.doc.findings.map(brief)).toEqual(['test/fixtures/cli/list.yaml:21 TEST-POD-002 warning Pod -/second /spec/containers/0/image']);
  });

  test('reads standard input with "-"', async () => {
    const r = await json(['-'], fs.readFileSync(`${FIX}/warn-only.yaml`, 'utf8'));
    expect(r.code).toBe(1);
    expect(r.doc.findings.map(brief)).toEqual(['<stdin>:8 TEST-POD-002 warning Pod -/warn /spec/containers/0/image']);
  });

  test('the table escapes control characters (ESC, CR, LF) from names and messages, so no line can be forged', async () => {
    const evil = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: "a\\e[2J\\rfake\\nerror OK"\nspec:\n  containers: [{name: shell, image: busybox}]\n';
    const r = await audit(['-', '--pack', 'FixtureStrict'], evil);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('Pod a\\x1b[2J\\rfake\\nerror OK');
    expect(r.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
    expect(r.stdout.split('\n').filter(l => l.startsWith('error OK'))).toEqual([]);
  });

  test('--severity error ignores less severe findings', async () => {
    const r = await json([`${FIX}/warn-only.yaml`, '--severity', 'error']);
    expect(r.code).toBe(0);
    expect(r.doc.findings).toEqual([]);
  });

  test('--severity=warning keeps warnings and errors', async () => {
    const r = await json([`${FIX}/bad.yaml`, '--severity=warning']);
    expect(r.doc.findings.map((f: any) => f.severity)).toEqual(['error', 'warning', 'error']);
  });

  test('--pack limits the rules, as a repeated flag or a comma list', async () => {
    const lax = await json([`${FIX}/bad.yaml`, '--pack', 'FixtureLax']);
    expect(lax.doc.findings.map((f: any) => `${f.ruleId} ${f.severity}`)).toEqual(['TEST-POD-002 info']);
    const both = await json([`${FIX}/bad.yaml`, '--pack', 'FixtureLax,FixtureStrict']);
    const repeated = await json([`${FIX}/bad.yaml`, '--pack', 'FixtureLax', '--pack', 'FixtureStrict']);
    expect(both.doc).toEqual(repeated.doc);
    expect(both.doc.findings).toHaveLength(3);
  });

  test('honours suppression annotations in the YAML and reports those that matched nothing', async () => {
    const r = await json([`${FIX}/suppressed.yaml`, '--pack', 'FixtureStrict']);
    expect(r.code).toBe(0);
    expect(r.doc.findings).toEqual([expect.objectContaining({ ruleId: 'TEST-POD-001', suppressed: true, suppressionReason: 'vendor image needs root, ticket SEC-12' })]);
    expect(r.doc.unmatchedSuppressions).toEqual([expect.objectContaining({ ruleId: 'TEST-NET-001', file: 'test/fixtures/cli/suppressed.yaml', line: 6, name: 'legacy' })]);
  });

  test('fails an invalid suppression annotation with HARDEN-ENGINE-001', async () => {
    const r = await json([`${FIX}/invalid-suppression.yaml`]);
    expect(r.code).toBe(1);
    expect(r.doc.findings.map(brief)).toEqual(['test/fixtures/cli/invalid-suppression.yaml:6 HARDEN-ENGINE-001 error ConfigMap -/settings /metadata/annotations/hardened.cdk8s.io~1suppressions']);
  });

  test('fails a suppression annotation whose reason is mostly zero-width characters, and applies none of it', async () => {
    const r = await json([`${FIX}/invisible-suppression-reason.yaml`, '--pack', 'FixtureStrict']);
    expect(r.code).toBe(1);
    expect(r.doc.findings.map((f: any) => `${f.line} ${f.ruleId} ${f.suppressed}`)).toEqual(['6 HARDEN-ENGINE-001 false', '9 TEST-POD-001 false']);
    expect(r.doc.findings[0].message).toMatch(/it has 2; white space, zero-width and other invisible characters do not count/);
  });

  test('checks the containers of a custom resource (Argo Workflow) and resolves each finding to its line', async () => {
    const r = await json([`${FIX}/argo-workflow-privileged.yaml`, '--pack', 'PodSecurityBaseline']);
    expect(r.code).toBe(1);
    expect(r.doc.findings.map((f: any) => `${f.line} ${f.ruleId} ${f.path}`)).toEqual([
      '7 HARDEN-PSS-001 /spec/hostNetwork',
      '13 HARDEN-PSS-002 /spec/templates/0/container/securityContext/privileged',
    ]);
  });

  test('fails two objects with the same group, kind, namespace and name across files (HARDEN-ENGINE-002 on the replaced one)', async () => {
    const r = await json([`${FIX}/duplicate`]);
    expect(r.code).toBe(1);
    expect(r.doc.findings.map(brief)).toEqual(['test/fixtures/cli/duplicate/a-reviewed.yaml:4 HARDEN-ENGINE-002 error ConfigMap shop/settings /metadata/name']);
  });

  test('fails malformed YAML with exit 2 naming file and line, and still checks the other documents and files', async () => {
    const r = await json([`${FIX}/malformed.yaml`, `${FIX}/warn-only.yaml`]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/error: test\/fixtures\/cli\/malformed\.yaml:1[45]: malformed YAML in document 2/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.doc.findings.map(brief)).toEqual([
      'test/fixtures/cli/malformed.yaml:7 TEST-POD-001 error Pod -/before /spec/containers/0/securityContext/runAsNonRoot',
      'test/fixtures/cli/malformed.yaml:22 TEST-POD-001 error Pod -/after /spec/containers/0/securityContext/runAsNonRoot',
      'test/fixtures/cli/warn-only.yaml:8 TEST-POD-002 warning Pod -/warn /spec/containers/0/image',
    ]);
    expect(r.doc.inputErrors).toEqual([expect.objectContaining({ file: 'test/fixtures/cli/malformed.yaml', message: expect.stringMatching(/malformed YAML/) })]);
  });

  test('fails documents that are not Kubernetes objects with exit 2, one message per document', async () => {
    const r = await audit([`${FIX}/not-objects.yaml`, `${FIX}/good`, '--pack', 'FixtureStrict']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('not-objects.yaml:1: document 1 is a string ("just a string"), not a Kubernetes object');
    expect(r.stderr).toContain('not-objects.yaml:3: document 2 is a sequence, not a Kubernetes object');
    expect(r.stderr).toContain('not-objects.yaml:6: document 3 (metadata.name "kindless") has no kind: it is not a Kubernetes object');
    expect(r.stderr).toContain('not-objects.yaml:13: document 4 item 0 is a number (42), not a Kubernetes object');
    expect(r.stdout).toMatch(/0 error, 0 warning, 0 info .* in 3 objects/);
  });

  test('notes empty and comment-only files without failing when other inputs have objects', async () => {
    const r = await audit([`${FIX}/empty.yaml`, `${FIX}/comments-only.yaml`, `${FIX}/good`, '--pack', 'FixtureStrict']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('note: test/fixtures/cli/empty.yaml: contains no Kubernetes objects');
    expect(r.stderr).toContain('note: test/fixtures/cli/comments-only.yaml: contains no Kubernetes objects');
  });

  test('fails with exit 2 when nothing at all was audited', async () => {
    const r = await audit([`${FIX}/empty.yaml`]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no Kubernetes objects found in the inputs: nothing was audited/);
  });

  test('fails a file over the size limit with exit 2 and a clear message, and still checks the others', async () => {
    const r = await json([`${FIX}/bad.yaml`, `${FIX}/warn-only.yaml`, '--max-file-size', '200']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad\.yaml: is 654 bytes, larger than the limit of 200 bytes/);
    expect(r.doc.findings.map((f: any) => f.file)).toEqual(['test/fixtures/cli/warn-only.yaml']);
  });

  test('fails a missing path with exit 2', async () => {
    const r = await audit([`${FIX}/nope.yaml`]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/nope\.yaml: cannot be read: no such file or directory/);
  });

  test.each([
    [[], /no input/],
    [['--format', 'xml', 'x.yaml'], /--format "xml" must be one of table, json, sarif/],
    [['--severity', 'high', 'x.yaml'], /--severity "high" must be one of error, warning, info/],
    [['--pack', 'Nope', 'x.yaml'], /unknown pack "Nope"; available: (.*, )?FixtureBuggy, FixtureLax, FixtureStrict/],
    [['--bogus', 'x.yaml'], /unknown option "--bogus"/],
    [['--max-file-size', '0', 'x.yaml'], /--max-file-size "0" must be a positive number/],
    [['-', '-'], /can be given only once/],
    [['--pack'], /--pack needs a value/],
  ])('fails bad arguments %j with exit 2', async (args, message) => {
    const r = await audit(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe('');
  });

  test('prints usage with --help and exits 0', async () => {
    const r = await audit(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Usage: cdk8s-hardened audit/);
    expect(r.stdout).toMatch(/Exit codes:/);
  });

  test('the table format names rule, object, location, message and fix', async () => {
    const r = await audit([`${FIX}/bad.yaml`, `${FIX}/suppressed.yaml`, '--pack', 'FixtureStrict']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatchSnapshot();
  });

  describe('SARIF', () => {
    test('is SARIF 2.1.0 for GitHub code scanning with rules, levels and physical locations', async () => {
      const r = await audit([`${FIX}/bad.yaml`, `${FIX}/suppressed.yaml`, '--format', 'sarif', '--pack', 'FixtureStrict']);
      expect(r.code).toBe(1);
      const sarif = JSON.parse(r.stdout);
      expect(sarif.version).toBe('2.1.0');
      expect(sarif.$schema).toMatch(/sarif-2\.1\.0/);
      expect(sarif.runs).toHaveLength(1);
      const { driver } = sarif.runs[0].tool;
      expect(driver.name).toBe('cdk8s-hardened');
      const ids = driver.rules.map((x: any) => x.id);
      expect(new Set(ids).size).toBe(ids.length);
      for (const rule of driver.rules) {
        expect(rule.shortDescription.text).toEqual(expect.any(String));
        expect(rule.help.text).toEqual(expect.any(String));
        expect(['error', 'warning', 'note']).toContain(rule.defaultConfiguration.level);
      }
      const results = sarif.runs[0].results;
      expect(results.map((x: any) => `${x.ruleId} ${x.level} ${x.locations[0].physicalLocation.artifactLocation.uri}:${x.locations[0].physicalLocation.region.startLine}`)).toEqual([
        'TEST-POD-001 error test/fixtures/cli/bad.yaml:28',
        'TEST-POD-002 warning test/fixtures/cli/bad.yaml:26',
        'TEST-POD-001 error test/fixtures/cli/bad.yaml:36',
        'TEST-POD-001 error test/fixtures/cli/suppressed.yaml:9',
      ]);
      for (const x of results) {
        expect(driver.rules[x.ruleIndex].id).toBe(x.ruleId);
        expect(x.message.text).toEqual(expect.any(String));
        expect(x.partialFingerprints).toBeDefined();
      }
      expect(results[3].suppressions).toEqual([{ kind: 'inSource', justification: 'vendor image needs root, ticket SEC-12' }]);
      expect(sarif.runs[0].invocations).toEqual([{ executionSuccessful: true, toolExecutionNotifications: [] }]);
    });

    test('records unusable inputs as tool execution notifications', async () => {
      const r = await audit([`${FIX}/malformed.yaml`, '--format', 'sarif']);
      const inv = JSON.parse(r.stdout).runs[0].invocations[0];
      expect(inv.executionSuccessful).toBe(false);
      expect(inv.toolExecutionNotifications[0].locations[0].physicalLocation.artifactLocation.uri).toBe('test/fixtures/cli/malformed.yaml');
    });
  });

  test('a rule that throws is an error finding (exit 1), never a crash', async () => {
    const r = await json([`${FIX}/good`, '--pack', 'FixtureBuggy']);
    expect(r.code).toBe(1);
    expect(r.doc.findings.map(brief)).toEqual(['test/fixtures/cli/good/ok.yaml:22 TEST-BUG-001 error ConfigMap shop/settings ']);
  });

  test('the output is deterministic', async () => {
    const a = await audit([`${FIX}`, '--format', 'sarif']);
    const b = await audit([`${FIX}`, '--format', 'sarif']);
    expect(a.stdout).toEqual(b.stdout);
  });

  test('handles tens of thousands of objects in one stream', async () => {
    const doc = fs.readFileSync(`${FIX}/warn-only.yaml`, 'utf8');
    const n = 20000;
    const text = Array.from({ length: n }, (_, i) => doc.replace('name: warn', `name: warn-${i}`)).join('---\n');
    const r = await json(['-', '--pack', 'FixtureStrict'], text);
    expect(r.doc.summary.objectsChecked).toBe(n);
    expect(r.doc.findings).toHaveLength(n);
    expect(r.doc.findings[n - 1].line).toBe((n - 1) * 11 + 8);
  });
});

describe('cdk8s-hardened (dispatch)', () => {
  test('fails an unknown command with exit 2', async () => {
    let err = '';
    const code = await run(['nope'], { stdout: () => undefined, stderr: s => { err += s; }, readStdin: async () => '' });
    expect(code).toBe(2);
    expect(err).toMatch(/unknown command "nope"/);
  });

  test('lists audit in the usage', async () => {
    let out = '';
    expect(await run(['help'], { stdout: s => { out += s; }, stderr: () => undefined, readStdin: async () => '' })).toBe(0);
    expect(out).toMatch(/audit/);
  });
});

void path;
