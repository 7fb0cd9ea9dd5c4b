// SPDX-License-Identifier: Apache-2.0
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { _baselineDocument, _compareWithBaseline, _readBaseline } from '../../src/cli/_baseline';
import { _wantsColour, run } from '../../src/cli/main';
import { Checker } from '../../src/policy/engine/checker';
import { deployment, fixtureCatalog, FixtureStrictPack } from '../policy/engine/fixtures';

const CATALOG = fixtureCatalog();
let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-hardened-baseline-'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

async function audit(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await run(['audit', '--pack', 'FixtureStrict', ...args], {
    stdout: s => { stdout += s; }, stderr: s => { stderr += s; }, readStdin: async () => '', cwd: () => tmp, packs: CATALOG,
  });
  return { code, stdout, stderr };
}

const POD = (name: string, extra = '') => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\n  namespace: shop\nspec:\n${extra}  containers:\n    - name: a\n      image: a:1\n`;

describe('audit --write-baseline / --baseline', () => {
  test('a baseline hides known findings, reports a new one (exit 1) and lists fixed ones', async () => {
    fs.writeFileSync(path.join(tmp, 'app.yaml'), `${POD('old')}---\n${POD('gone')}`);
    const written = await audit(['app.yaml', '--write-baseline', 'baseline.json']);
    expect(written.code).toBe(0);
    expect(written.stderr).toMatch(/wrote 2 finding\(s\) to the baseline baseline\.json/);
    const doc = JSON.parse(fs.readFileSync(path.join(tmp, 'baseline.json'), 'utf8'));
    expect(doc.findings.map((e: any) => `${e.ruleId} ${e.kind} ${e.namespace}/${e.name} ${e.path}`)).toEqual([
      'TEST-POD-001 Pod shop/gone /spec/containers/0/securityContext/runAsNonRoot',
      'TEST-POD-001 Pod shop/old /spec/containers/0/securityContext/runAsNonRoot',
    ]);

    // Nothing changed: exit 0, nothing reported.
    const same = await audit(['app.yaml', '--baseline', 'baseline.json', '--format', 'json']);
    expect(same.code).toBe(0);
    expect(JSON.parse(same.stdout).findings).toEqual([]);

    // Reformatted (the old object moved down by a comment block): still known. "gone" fixed, "new" is new.
    fs.writeFileSync(path.join(tmp, 'app.yaml'), `# moved\n# lines\n${POD('old')}---\n${POD('new')}`);
    const next = await audit(['app.yaml', '--baseline', 'baseline.json', '--format', 'json']);
    expect(next.code).toBe(1);
    const report = JSON.parse(next.stdout);
    expect(report.findings.map((f: any) => f.name)).toEqual(['new']);
    expect(report.fixedSinceBaseline).toEqual([
      { ruleId: 'TEST-POD-001', kind: 'Pod', namespace: 'shop', name: 'gone', path: '/spec/containers/0/securityContext/runAsNonRoot' },
    ]);
    expect(next.stderr).toMatch(/baseline baseline\.json: 1 known finding\(s\) not reported, 1 new, 1 fixed/);
    expect(next.stderr).toMatch(/fixed: TEST-POD-001 Pod shop\/gone at \/spec\/containers\/0\/securityContext\/runAsNonRoot/);
  });

  test('throws (exit 2) on a missing or foreign baseline file, and on --baseline with --write-baseline', async () => {
    fs.writeFileSync(path.join(tmp, 'one.yaml'), POD('x'));
    const missing = await audit(['one.yaml', '--baseline', 'nope.json']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/nope\.json: cannot read the baseline \(no such file; create it with --write-baseline\)/);
    fs.writeFileSync(path.join(tmp, 'foreign.json'), '{"findings": []}');
    const foreign = await audit(['one.yaml', '--baseline', 'foreign.json']);
    expect(foreign.code).toBe(2);
    expect(foreign.stderr).toMatch(/foreign\.json: not a cdk8s-hardened baseline/);
    const both = await audit(['one.yaml', '--baseline', 'a.json', '--write-baseline', 'b.json']);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/cannot be combined/);
  });

  test('fingerprints ignore file and line but not rule, object or path; suppressed findings are never "known"', () => {
    const findings = new Checker({ packs: [new FixtureStrictPack()] }).check([deployment('a', { image: 'x:latest' })]).findings;
    const doc = _baselineDocument(findings);
    const file = path.join(tmp, 'unit.json');
    fs.writeFileSync(file, JSON.stringify(doc));
    const entries = _readBaseline(file, 'unit.json');
    const moved = findings.map(f => ({ ...f, file: 'elsewhere.yaml', line: 99 }));
    expect(_compareWithBaseline(moved, entries).current).toEqual([]);
    const renamed = findings.map(f => ({ ...f, name: 'b' }));
    expect(_compareWithBaseline(renamed, entries).current).toHaveLength(findings.length);
    const suppressed = findings.map(f => ({ ...f, suppressed: true, suppressionReason: 'accepted risk, ticket 1' }));
    expect(_compareWithBaseline(suppressed, entries).known).toEqual([]);
  });
});

describe('audit --max-results', () => {
  test('keeps the most severe findings and names, per rule, what was cut (also in SARIF)', async () => {
    fs.writeFileSync(path.join(tmp, 'many.yaml'), [POD('a'), POD('b'), POD('c')].join('---\n').replace(/image: a:1/g, 'image: a:latest'));
    const r = await audit(['many.yaml', '--max-results', '2', '--format', 'sarif']);
    expect(r.code).toBe(1);
    const run0 = JSON.parse(r.stdout).runs[0];
    expect(run0.results.map((x: any) => `${x.ruleId} ${x.level}`)).toEqual(['TEST-POD-001 error', 'TEST-POD-001 error']);
    const cut = '--max-results 2: 4 of 6 findings not reported, least severe first; cut per rule: TEST-POD-001 FixtureRunsAsNonRoot (error): 1; TEST-POD-002 FixtureImageNotLatest (warning): 3';
    expect(r.stderr).toContain(`note: ${cut}`);
    expect(run0.invocations[0].toolExecutionNotifications).toContainEqual({ level: 'warning', message: { text: cut } });
  });

  test('throws (exit 2) on a non-positive --max-results', async () => {
    const r = await audit(['many.yaml', '--max-results', '0']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--max-results "0" must be a positive whole number/);
  });
});

describe('cdk8s-hardened --version', () => {
  test('prints the package version', async () => {
    let out = '';
    const code = await run(['--version'], { stdout: s => { out += s; }, stderr: () => undefined, readStdin: async () => '' });
    expect(code).toBe(0);
    expect(out).toBe(`${JSON.parse(fs.readFileSync('package.json', 'utf8')).version}\n`);
  });
});

describe('colour', () => {
  test('only on a terminal, never with NO_COLOR or TERM=dumb', () => {
    expect(_wantsColour(true, {})).toBe(true);
    expect(_wantsColour(false, {})).toBe(false);
    expect(_wantsColour(undefined, {})).toBe(false);
    expect(_wantsColour(true, { NO_COLOR: '1' })).toBe(false);
    expect(_wantsColour(true, { NO_COLOR: '' })).toBe(true);
    expect(_wantsColour(true, { TERM: 'dumb' })).toBe(false);
  });

  test('the table colours the severity column when asked, and is plain text by default', async () => {
    fs.writeFileSync(path.join(tmp, 'colour.yaml'), POD('c'));
    let plain = '';
    let coloured = '';
    await run(['audit', '--pack', 'FixtureStrict', 'colour.yaml'], { stdout: s => { plain += s; }, stderr: () => undefined, readStdin: async () => '', cwd: () => tmp, packs: CATALOG });
    await run(['audit', '--pack', 'FixtureStrict', 'colour.yaml'], { stdout: s => { coloured += s; }, stderr: () => undefined, readStdin: async () => '', cwd: () => tmp, packs: CATALOG, colour: true });
    expect(plain).not.toMatch(/\x1b\[/);
    expect(coloured).toMatch(/^\x1b\[31merror +\x1b\[0m  TEST-POD-001/m);
    expect(coloured.replace(/\x1b\[\d+m/g, '')).toBe(plain);
  });
});
