// SPDX-License-Identifier: Apache-2.0
/**
 * Benchmark of `cdk8s-hardened audit --format json` against the parse floor (issue 11): the tenants of
 * bench/scenarios.ts synthesized by the library into one multi-document YAML file, plus a few planted violations
 * (so that line numbers are exercised), audited in-process through the CLI's own `run()` (the code path of
 * `bin/cdk8s-hardened`: read, decode, check, JSON report written in chunks), versus js-yaml merely parsing the same
 * file (`readFileSync` + `loadAll`). Both run in the same process, in alternating order, median of 5 pairs after a
 * warm-up. Peak RSS is measured in a separate process that only audits the file.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as jsyaml from 'js-yaml';
import { buildTenantApp } from './scenarios';
import { run } from '../src/cli/main';
import { Checker } from '../src/policy/engine/checker';
import { _loadText } from '../src/policy/integrations/_manifest-loader';
import { RulePacks } from '../src/policy/packs/rule-packs';

/** Numbers of one audit benchmark. */
export interface AuditBenchResult {
  readonly tenants: number;
  readonly objects: number;
  readonly bytes: number;
  readonly pairs: number;
  /** Median audit time (ms). */
  readonly auditMs: number;
  /** Median js-yaml parse time (ms). */
  readonly parseMs: number;
  /** Median of the per-pair ratios audit / parse. */
  readonly ratio: number;
  /** Every pair's times (ms), in order: [audit, parse]. */
  readonly runs: Array<[number, number]>;
  /**
   * Median of the per-pair ratios of CPU time (user + system, `process.cpuUsage()`), which other processes on a
   * shared machine disturb far less than wall time (V8's helper threads count for both sides).
   */
  readonly cpuRatio: number;
  readonly findings: number;
  /** Whether every finding's line holds the key its JSON pointer names. */
  readonly linesExact: boolean;
  /** Peak RSS (MiB) of a process that only audits the file, and its RSS (MiB) before reading it. */
  readonly peakRssMb?: number;
  readonly baseRssMb?: number;
  /**
   * Warm runs of each side in its own plain `node` process with the compiled lib/ (the code `bin/cdk8s-hardened`
   * runs) or js-yaml only, without ts-node's ~100 MB of TypeScript on the heap; undefined when lib/ is not built.
   */
  readonly compiled?: PairStats;
  /** One cold run each, in fresh processes: the CLI (`bin/cdk8s-hardened`) against `node -e` js-yaml `loadAll`. */
  readonly cold?: PairStats;
}

/** Medians of alternating audit / parse pairs. */
export interface PairStats {
  readonly pairs: number;
  /** Median wall time (ms) of the audit and of the parse. */
  readonly auditMs: number;
  readonly parseMs: number;
  /** Audit / parse: median of the per-pair ratios, or ratio of the medians when the sides ran apart (wall, then CPU time: user + system). */
  readonly ratio: number;
  readonly cpuRatio: number;
  /** Every pair's wall times (ms), in order: [audit, parse]. */
  readonly runs: Array<[number, number]>;
}

/** Violations planted among the tenants: privileged containers, each finding on a line we can check. */
function planted(i: number): string {
  return [
    '---',
    'apiVersion: v1',
    'kind: Pod',
    'metadata:',
    `  name: planted-${i}`,
    '  namespace: tenant-00000',
    'spec:',
    '  containers:',
    '    - name: app',
    `      image: ghcr.io/acme/app@sha256:${'b'.repeat(64)}`,
    '      securityContext:',
    '        privileged: true',
    '',
  ].join('\n');
}

/** Writes the benchmark file and returns its path and object count. */
export function writeAuditFile(tenants: number, dir: string): { file: string; objects: number } {
  const docs = buildTenantApp(tenants).synthYaml().split(/^(?=---$)/m);
  // After the first document, a third and two thirds of the way, and at the end: 4 planted pods.
  const after = new Set([0, Math.floor(docs.length / 3), Math.floor((2 * docs.length) / 3), docs.length - 1]);
  const parts: string[] = [];
  docs.forEach((d, i) => {
    parts.push(d.endsWith('\n') ? d : `${d}\n`);
    if (after.has(i)) parts.push(planted(i));
  });
  const file = path.join(dir, `tenants-${tenants}.yaml`);
  fs.writeFileSync(file, parts.join(''));
  return { file, objects: docs.length + after.size };
}

async function auditJson(file: string): Promise<{ code: number; out: string }> {
  const chunks: string[] = [];
  const code = await run(['audit', file, '--format', 'json'], {
    stdout: s => { chunks.push(s); },
    stderr: s => process.stderr.write(s),
    readStdin: async () => '',
  });
  return { code, out: chunks.join('') };
}

function parseFloor(file: string): number {
  return jsyaml.loadAll(fs.readFileSync(file, 'utf8')).length;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

function ms(t0: bigint): number {
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

/** Whether every finding of the audit has the line the exact path (the `yaml` syntax tree of the whole file) gives it. */
function checkLines(file: string, findings: any[]): boolean {
  const exact = _loadText(fs.readFileSync(file, 'utf8'), 'f', 'exact');
  const reference = new Checker({ packs: RulePacks.all() })._checkTargets(exact.targets).findings;
  const key = (f: any) => `${f.ruleId} ${f.namespace}/${f.name} ${f.path} ${f.line}`;
  const want = new Set(reference.map(key));
  return findings.length > 0 && findings.length === reference.length && findings.every(f => want.has(key(f)));
}

const LIB_MAIN = path.join(__dirname, '..', 'lib', 'cli', 'main.js');

/** Peak RSS of `node` auditing the file with lib/ (undefined when lib/ is not built: run `npx projen compile`). */
function measureRss(file: string): { peakRssMb: number; baseRssMb: number } | undefined {
  if (!fs.existsSync(LIB_MAIN)) return undefined;
  const script = [
    `const { run } = require(${JSON.stringify(LIB_MAIN)});`,
    'const baseRssMb = process.memoryUsage().rss / 1048576;',
    `run(['audit', ${JSON.stringify(file)}, '--format', 'json'], { stdout: () => undefined, stderr: () => undefined, readStdin: async () => '' })`,
    '  .then(() => console.log(JSON.stringify({ baseRssMb, peakRssMb: process.resourceUsage().maxRSS / 1024 })));',
  ].join('\n');
  const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
  return r.status === 0 ? JSON.parse(r.stdout.trim()) : undefined;
}

/** Medians; the ratios are medians of per-pair ratios, or (`ofMedians`, sides run apart) ratios of the medians. */
function pairStats(audits: number[], parses: number[], auditCpu: number[], parseCpu: number[], ofMedians = false): PairStats {
  const ratio = (a: number[], p: number[]) => (ofMedians ? median(a) / median(p) : median(a.map((x, i) => x / p[i])));
  return {
    pairs: audits.length,
    auditMs: median(audits),
    parseMs: median(parses),
    ratio: ratio(audits, parses),
    cpuRatio: ratio(auditCpu, parseCpu),
    runs: audits.map((a, i): [number, number] => [Math.round(a), Math.round(parses[i])]),
  };
}

const JS_YAML = require.resolve('js-yaml');

/**
 * Warm runs of each side alone, in plain `node --expose-gc` processes that load only the compiled lib/ (the code
 * `bin/cdk8s-hardened` runs) or only js-yaml: each process runs its side once to warm up, then `runs` times
 * (gc before each), and prints the times. Audit and parse processes alternate, `processes` of each. Each side thus
 * runs in a heap of its own size and with its own JIT feedback: in one shared process the two disturb each other
 * (both drive js-yaml's loader, with different schemas), and whichever runs second pays for it.
 */
function measureCompiled(file: string, processes = 2, runs = 3): PairStats | undefined {
  if (!fs.existsSync(LIB_MAIN)) return undefined;
  const script = (what: 'audit' | 'parse') => [
    "const fs = require('fs');",
    `const file = ${JSON.stringify(file)};`,
    what === 'audit'
      ? `const { run } = require(${JSON.stringify(LIB_MAIN)}); const once = () => run(['audit', file, '--format', 'json'], `
        + "{ stdout: () => undefined, stderr: () => undefined, readStdin: async () => '' });"
      : `const jsyaml = require(${JSON.stringify(JS_YAML)}); const once = async () => jsyaml.loadAll(fs.readFileSync(file, 'utf8'));`,
    'const cpu = () => { const c = process.cpuUsage(); return (c.user + c.system) / 1000; };',
    '(async () => {',
    '  await once();',
    '  const out = [];',
    `  for (let i = 0; i < ${runs}; i++) {`,
    '    global.gc();',
    '    const c0 = cpu(); const t0 = process.hrtime.bigint();',
    '    await once();',
    '    out.push([Number(process.hrtime.bigint() - t0) / 1e6, cpu() - c0]);',
    '  }',
    '  console.log(JSON.stringify(out));',
    '})();',
  ].join('\n');
  const audits: Array<[number, number]> = [];
  const parses: Array<[number, number]> = [];
  for (let p = 0; p < processes; p++) {
    for (const what of p % 2 === 0 ? ['audit', 'parse'] as const : ['parse', 'audit'] as const) {
      const r = spawnSync(process.execPath, ['--expose-gc', '-e', script(what)], { encoding: 'utf8' });
      if (r.status !== 0) return undefined;
      (what === 'audit' ? audits : parses).push(...JSON.parse(r.stdout.trim()));
    }
  }
  return pairStats(audits.map(x => x[0]), parses.map(x => x[0]), audits.map(x => x[1]), parses.map(x => x[1]), true);
}

const BIN = path.join(__dirname, '..', 'bin', 'cdk8s-hardened');

/**
 * Cold runs, as a user meets them: each side is a fresh `node` process (start-up and module loading included),
 * alternating. The audit is `bin/cdk8s-hardened audit <file> --format json` (report to /dev/null); the parse is
 * `node -e` requiring js-yaml and `loadAll` of the file. CPU time is the child's own (`process.cpuUsage()` at exit,
 * from a preloaded script both sides share); wall time is measured around the spawn.
 */
function measureCold(file: string, dir: string, runs: number): PairStats | undefined {
  if (!fs.existsSync(LIB_MAIN)) return undefined;
  const preload = path.join(dir, 'cpu-at-exit.js');
  fs.writeFileSync(preload, "process.on('exit', () => { const c = process.cpuUsage(); process.stderr.write(`\\nCPU ${(c.user + c.system) / 1000}\\n`); });\n");
  const parseScript = `require(${JSON.stringify(JS_YAML)}).loadAll(require('fs').readFileSync(${JSON.stringify(file)}, 'utf8'))`;
  const once = (args: string[]): [number, number] | undefined => {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(process.execPath, ['-r', preload, ...args], { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
    const wall = ms(t0);
    const cpuMs = /\nCPU ([0-9.]+)\n/.exec(r.stderr ?? '');
    return cpuMs && (r.status === 0 || r.status === 1) ? [wall, Number(cpuMs[1])] : undefined;
  };
  const audits: number[] = [];
  const parses: number[] = [];
  const auditCpu: number[] = [];
  const parseCpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    for (const what of i % 2 === 0 ? ['audit', 'parse'] : ['parse', 'audit']) {
      const r = what === 'audit' ? once([BIN, 'audit', file, '--format', 'json']) : once(['-e', parseScript]);
      if (!r) return undefined;
      (what === 'audit' ? audits : parses).push(r[0]);
      (what === 'audit' ? auditCpu : parseCpu).push(r[1]);
    }
  }
  return pairStats(audits, parses, auditCpu, parseCpu);
}

/** Runs the benchmark over `tenants` tenants (2,000 in `npm run bench`). */
export async function benchAudit(tenants: number, pairs = 5): Promise<AuditBenchResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-audit-'));
  try {
    const { file, objects } = writeAuditFile(tenants, dir);
    const bytes = fs.statSync(file).size;
    const first = await auditJson(file); // warm-up, and the findings whose lines are checked
    parseFloor(file);
    const report = JSON.parse(first.out);
    const audits: number[] = [];
    const parses: number[] = [];
    const auditCpu: number[] = [];
    const parseCpu: number[] = [];
    for (let i = 0; i < pairs; i++) {
      const order = i % 2 === 0 ? ['audit', 'parse'] : ['parse', 'audit'];
      for (const what of order) {
        (global as any).gc?.();
        const c0 = process.cpuUsage();
        const t0 = process.hrtime.bigint();
        if (what === 'audit') await auditJson(file);
        else parseFloor(file);
        (what === 'audit' ? audits : parses).push(ms(t0));
        const c = process.cpuUsage(c0);
        (what === 'audit' ? auditCpu : parseCpu).push((c.user + c.system) / 1000);
      }
    }
    // Peak RSS of a process that does nothing but the audit, with the compiled lib/ (ts-node alone holds ~100 MB).
    const m = measureRss(file);
    const compiled = measureCompiled(file);
    const cold = measureCold(file, dir, pairs);
    return {
      tenants,
      objects,
      bytes,
      pairs,
      auditMs: median(audits),
      parseMs: median(parses),
      ratio: median(audits.map((a, i) => a / parses[i])),
      runs: audits.map((a, i) => [Math.round(a), Math.round(parses[i])]),
      cpuRatio: median(auditCpu.map((a, i) => a / parseCpu[i])),
      findings: report.findings.length,
      linesExact: checkLines(file, report.findings),
      peakRssMb: m?.peakRssMb,
      baseRssMb: m?.baseRssMb,
      compiled,
      cold,
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  void benchAudit(Number(process.argv[2] ?? 2000)).then(r => console.log(JSON.stringify(r, undefined, 2)));
}
