// SPDX-License-Identifier: Apache-2.0
/**
 * `npm run bench`: the performance benchmark (issue 7). Never part of the test suite.
 *
 * The parent process forks this same script once per scenario (`--child <scenario>`), so every scenario starts
 * from a fresh heap and reports its own peak RSS (`process.resourceUsage().maxRSS`). A tenant or registry child
 * times, in this order and in the same process:
 *
 * 1. ours: building the constructs and synthesizing them to YAML (`app.synthYaml()`);
 * 2. the rule engine (`Checker` with `RulePacks.all()`) over the synthesized objects; peak RSS is read here;
 * 3. plain cdk8s: the same objects as bare `ApiObject`s in one chart, synthesized to YAML (same bytes, checked);
 * 4. the floor: the same objects serialized straight to YAML with the `yaml` package (same bytes, checked).
 *
 * The parent prints a Markdown report and writes it into docs/performance.md between the `bench:results` markers,
 * keeping the rest of that file (how to run, profiling notes, before/after numbers of fixes).
 *
 * Options (`npm run bench -- <options>`): `--only <scenario>[,<scenario>...]` runs a subset and prints it without writing the doc;
 * `--profile` runs the children with `node --cpu-prof` and writes the profiles to `.bench/profiles/`.
 */
import { execSync, fork } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { AuditBenchResult, benchAudit, PairStats } from './audit';
import { benchReachability, ReachabilityBenchResult } from './reachability';
import { buildPlainApp, buildRegistryApp, buildTenantApp, floorYaml, synthObjects } from './scenarios';
import { Checker, Report, RulePacks, Severity } from '../src';

const TENANT_COUNTS = [10, 100, 1000, 5000];
const SCENARIOS = [...TENANT_COUNTS.map(n => `tenants-${n}`), 'registry', 'reachability', 'audit'];
const DOC = path.join(__dirname, '..', 'docs', 'performance.md');
const START = '<!-- bench:results:start -->';
const END = '<!-- bench:results:end -->';

// Targets of issue 7 on the 2-core reference machine.
const MAX_RATIO_TO_PLAIN = 2;
const MAX_5000_SECONDS = 30;
const MAX_5000_RSS_MB = 1024;
const MIN_CHECKS_PER_SECOND = 20_000;
const MAX_REACHABILITY_SECONDS = 5;
const MAX_SCALING = 1.2; // 10x the objects in at most 12x the time, normalised per object
// Targets of issue 11: `audit --format json` on 2,000 tenants within 1.5x of js-yaml parsing the same file.
const AUDIT_TENANTS = 2000;
const MAX_AUDIT_RATIO = 1.5;
const MAX_AUDIT_RSS_PER_INPUT = 10;

/** What a tenant or registry child reports. Times are milliseconds (median of `reps` runs after a warm-up). */
interface SynthResult {
  readonly kind: 'synth';
  readonly scenario: string;
  readonly tenants?: number;
  readonly objects: number;
  readonly reps: number;
  readonly oursMs: number;
  readonly checkMs: number;
  readonly findings: number;
  readonly errors: number;
  readonly plainMs: number;
  readonly floorMs: number;
  readonly sameOutput: boolean;
  /** Peak RSS (MiB) after our synth and check, before the baselines ran. */
  readonly rssMb: number;
  /** Peak RSS (MiB) of the whole child, baselines included. */
  readonly rssAllMb: number;
}

interface ReachResult extends ReachabilityBenchResult {
  readonly kind: 'reachability';
  readonly scenario: string;
  readonly rssMb: number;
}

interface AuditResult extends AuditBenchResult {
  readonly kind: 'audit';
  readonly scenario: string;
}

type Result = SynthResult | ReachResult | AuditResult;

// ---------------------------------------------------------------------------------------------------------------
// Child side

function now(): bigint {
  return process.hrtime.bigint();
}

function msSince(t0: bigint): number {
  return Number(now() - t0) / 1e6;
}

function gc(): void {
  (global as any).gc?.();
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024; // maxRSS is in KiB
}

interface OneRun {
  oursMs: number;
  checkMs: number;
  plainMs: number;
  floorMs: number;
  objects: number;
  findings: number;
  errors: number;
  sameOutput: boolean;
  rssMb: number;
}

function runSynthOnce(build: () => { synthYaml(): string }, checkReps: number = 5): OneRun {
  gc();
  let t0 = now();
  let app: any = build();
  const ours = app.synthYaml();
  const oursMs = msSince(t0);

  // The synthesized objects (not timed: the engine and both baselines start from them).
  const objects = synthObjects(app);
  app = undefined;
  gc();

  // The check is cheap next to synthesis, so it is repeated (median) to keep one scheduling hiccup on this shared
  // machine from deciding the objects/s target.
  let report: Report | undefined;
  const checkTimes: number[] = [];
  for (let i = 0; i < checkReps; i++) {
    t0 = now();
    report = new Checker({ packs: RulePacks.all() }).check(objects);
    checkTimes.push(msSince(t0));
  }
  const checkMs = median(checkTimes);
  const rssMb = peakRssMb();

  gc();
  t0 = now();
  const plain = buildPlainApp(objects).synthYaml();
  const plainMs = msSince(t0);

  gc();
  t0 = now();
  const floor = floorYaml(objects);
  const floorMs = msSince(t0);

  return {
    oursMs,
    checkMs,
    plainMs,
    floorMs,
    objects: objects.length,
    findings: report!.findings.filter(f => !f.suppressed).length,
    errors: report!.count(Severity.ERROR),
    sameOutput: ours === plain && ours === floor,
    rssMb,
  };
}

function runSynthScenario(
  scenario: string, build: () => { synthYaml(): string }, reps: number, checkReps: number, warmUp: () => void, tenants?: number,
): SynthResult {
  warmUp();
  const runs: OneRun[] = [];
  for (let i = 0; i < reps; i++) runs.push(runSynthOnce(build, checkReps));
  const first = runs[0];
  return {
    kind: 'synth',
    scenario,
    tenants,
    objects: first.objects,
    reps,
    oursMs: median(runs.map(r => r.oursMs)),
    checkMs: median(runs.map(r => r.checkMs)),
    plainMs: median(runs.map(r => r.plainMs)),
    floorMs: median(runs.map(r => r.floorMs)),
    findings: first.findings,
    errors: first.errors,
    sameOutput: runs.every(r => r.sameOutput),
    rssMb: Math.max(...runs.map(r => r.rssMb)),
    rssAllMb: peakRssMb(),
  };
}

async function runChild(scenario: string): Promise<Result> {
  if (scenario === 'audit') return { kind: 'audit', scenario, ...(await benchAudit(AUDIT_TENANTS)) };
  return runSyncChild(scenario);
}

function runSyncChild(scenario: string): Result {
  if (scenario.startsWith('tenants-')) {
    const n = Number(scenario.slice('tenants-'.length));
    // Warm up once (with the same N up to 100 tenants; at N=100 above that, which is enough for the JIT to optimize
    // the constructs, the engine and yaml), then take the median of several runs (a single one at 5,000 tenants).
    const reps = n <= 10 ? 9 : n <= 100 ? 5 : n <= 1000 ? 3 : 1;
    const warmUp = () => runSynthOnce(() => buildTenantApp(Math.min(n, 100)), 1);
    return runSynthScenario(scenario, () => buildTenantApp(n), reps, n <= 1000 ? 5 : 3, warmUp, n);
  }
  if (scenario === 'registry') {
    return runSynthScenario(scenario, buildRegistryApp, 9, 5, () => runSynthOnce(buildRegistryApp, 1));
  }
  if (scenario === 'reachability') {
    benchReachability(20); // warm-up
    const r = benchReachability(1000);
    return { kind: 'reachability', scenario, ...r, rssMb: peakRssMb() };
  }
  throw new Error(`Unknown scenario "${scenario}": expected one of ${SCENARIOS.join(', ')}`);
}

// ---------------------------------------------------------------------------------------------------------------
// Parent side

function runInChild(scenario: string, profile: boolean): Promise<Result> {
  const execArgv = ['--expose-gc', '-r', require.resolve('ts-node/register/transpile-only')];
  if (profile) {
    execArgv.unshift('--cpu-prof', `--cpu-prof-dir=${path.join(__dirname, '..', '.bench', 'profiles')}`, `--cpu-prof-name=${scenario}.cpuprofile`);
  }
  return new Promise((resolve, reject) => {
    let result: Result | undefined;
    const child = fork(__filename, ['--child', scenario], {
      execArgv,
      env: { ...process.env, TS_NODE_PROJECT: path.join(__dirname, 'tsconfig.json') },
    });
    child.on('message', m => { result = m as Result; });
    child.on('error', reject);
    child.on('exit', code => {
      if (code === 0 && result) resolve(result);
      else reject(new Error(`bench scenario "${scenario}" failed (exit code ${code})`));
    });
  });
}

const fmtMs = (ms: number) => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : ms >= 100 ? `${Math.round(ms)} ms` : `${ms.toFixed(1)} ms`);
const fmtRate = (objects: number, ms: number) => Math.round(objects / (ms / 1000)).toLocaleString('en-US');
const fmtX = (x: number) => `${x.toFixed(2)}x`;
const fmtInt = (n: number) => n.toLocaleString('en-US');
const verdict = (ok: boolean) => (ok ? '**met**' : '**MISSED**');

function label(r: SynthResult): string {
  return r.tenants !== undefined ? `${fmtInt(r.tenants)} tenants` : 'registry stack';
}

const LOAD_AT_START = os.loadavg()[0];

function machine(): string[] {
  const cpus = os.cpus();
  let commit = 'unknown';
  try {
    commit = execSync('git rev-parse --short HEAD', { cwd: __dirname, stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
  } catch {
    // not a git checkout
  }
  return [
    `- CPU: ${cpus[0]?.model ?? 'unknown'} x ${cpus.length}`,
    `- Memory: ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
    `- Node.js ${process.version} on ${os.type()} ${os.release()} (${os.arch()})`,
    `- Commit: ${commit}`,
    `- Load average (1 min) at start and end of the run: ${LOAD_AT_START.toFixed(1)} and ${os.loadavg()[0].toFixed(1)} `
    + `(the machine is shared: above ${cpus.length} other processes compete for the cores and every time above grows with it)`,
  ];
}

function renderReport(results: Result[], totalSeconds: number): string {
  const synth = results.filter((r): r is SynthResult => r.kind === 'synth');
  const tenants = synth.filter(r => r.tenants !== undefined).sort((a, b) => a.tenants! - b.tenants!);
  const reach = results.find((r): r is ReachResult => r.kind === 'reachability');
  const lines: string[] = [];

  lines.push(`Run of ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, ${Math.round(totalSeconds)} s in total, on:`, '', ...machine(), '');

  lines.push('### Synthesis and checks', '');
  lines.push('Ours = building the constructs and `app.synthYaml()`; plain cdk8s = the same objects as bare `ApiObject`s, '
    + 'synthesized; floor = the same objects through `yaml` directly. All three produce the same bytes ("same output"). '
    + 'Check = `new Checker({ packs: RulePacks.all() }).check(objects)`. Times are medians over "runs" after one warm-up (the check: median of 5 repetitions per run, 3 at 5,000 tenants). '
    + 'Peak RSS is that of the scenario\'s own process after our synth and check (in brackets: after the baselines too).', '');
  lines.push('| scenario | objects | runs | ours | ours objects/s | plain cdk8s | floor (yaml) | ours / plain | ours / floor | check | check objects/s | unsuppressed findings | ours + check | peak RSS | same output |');
  lines.push('|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|:-:|');
  for (const r of [...tenants, ...synth.filter(s => s.tenants === undefined)]) {
    lines.push(`| ${label(r)} | ${fmtInt(r.objects)} | ${r.reps} | ${fmtMs(r.oursMs)} | ${fmtRate(r.objects, r.oursMs)} | ${fmtMs(r.plainMs)} | `
      + `${fmtMs(r.floorMs)} | ${fmtX(r.oursMs / r.plainMs)} | ${fmtX(r.oursMs / r.floorMs)} | ${fmtMs(r.checkMs)} | `
      + `${fmtRate(r.objects, r.checkMs)} | ${r.findings} | ${fmtMs(r.oursMs + r.checkMs)} | ${Math.round(r.rssMb)} MiB (${Math.round(r.rssAllMb)}) | `
      + `${r.sameOutput ? 'yes' : '**NO**'} |`);
  }
  lines.push('');

  if (reach) {
    const objects = reach.namespaces + reach.workloads + reach.policies;
    lines.push('### Reachability', '');
    lines.push('| namespaces | workloads | policies | flow rows | index | full matrix | 10,000 queries | total | objects/s | peak RSS |');
    lines.push('|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|');
    lines.push(`| ${fmtInt(reach.namespaces)} | ${fmtInt(reach.workloads)} | ${fmtInt(reach.policies)} | ${fmtInt(reach.flowRows)} | ${fmtMs(reach.buildMs)} | `
      + `${fmtMs(reach.flowsMs)} | ${fmtMs(reach.queriesMs)} | ${fmtMs(reach.totalMs)} | ${fmtRate(objects, reach.totalMs)} | ${Math.round(reach.rssMb)} MiB |`);
    lines.push('');
  }

  const audit = results.find((r): r is AuditResult => r.kind === 'audit');
  if (audit) {
    const mb = audit.bytes / 1048576;
    const rssGrowth = audit.peakRssMb !== undefined ? (audit.peakRssMb - audit.baseRssMb!) / mb : undefined;
    lines.push('### Audit against the parse floor', '');
    lines.push(`\`audit --format json\` (the CLI's \`run()\` in-process: read, decode, check with every built-in pack, JSON report) on ${fmtInt(audit.tenants)} tenants `
      + 'synthesized by the library plus 4 planted privileged pods, against js-yaml `loadAll` of the same file (read included), '
      + `in the same process, alternating, median of ${audit.pairs} pairs after a warm-up. Peak RSS: a separate \`node\` process that only audits the file `
      + 'with the compiled lib/ (RSS before reading in brackets). "Lines exact": every finding has the line the exact path gives it.', '');
    lines.push('| objects | input | audit | audit MB/s | js-yaml parse | parse MB/s | audit / parse | CPU time: audit / parse | findings | lines exact | peak RSS | RSS growth / input |');
    lines.push('|--:|--:|--:|--:|--:|--:|--:|--:|--:|:-:|--:|--:|');
    lines.push(`| ${fmtInt(audit.objects)} | ${mb.toFixed(1)} MiB | ${fmtMs(audit.auditMs)} | ${(mb / (audit.auditMs / 1000)).toFixed(1)} | ${fmtMs(audit.parseMs)} | `
      + `${(mb / (audit.parseMs / 1000)).toFixed(1)} | ${fmtX(audit.ratio)} | ${fmtX(audit.cpuRatio)} | ${audit.findings} | ${audit.linesExact ? 'yes' : '**NO**'} | `
      + `${audit.peakRssMb !== undefined ? `${Math.round(audit.peakRssMb)} MiB (${Math.round(audit.baseRssMb!)})` : 'n/a (lib/ not built)'} | `
      + `${rssGrowth !== undefined ? fmtX(rssGrowth) : 'n/a'} |`);
    lines.push('', `Pairs (audit / parse, ms, in order; odd pairs run the audit first): ${audit.runs.map(([a, p]) => `${a} / ${p}`).join(', ')}.`);
    lines.push('');
    lines.push('Where the pairs run (the same file, the same audit and the same js-yaml parse on both sides of each row; the target uses '
      + 'the compiled row when lib/ is built):', '');
    lines.push('| where | what both sides include | audit | js-yaml parse | audit / parse | CPU time: audit / parse | pairs (audit / parse, ms) |');
    lines.push('|---|---|--:|--:|--:|--:|---|');
    const row = (where: string, what: string, s: PairStats) => lines.push(`| ${where} | ${what} | ${fmtMs(s.auditMs)} | ${fmtMs(s.parseMs)} | `
      + `${fmtX(s.ratio)} | ${fmtX(s.cpuRatio)} | ${s.runs.map(([a, p]) => `${a} / ${p}`).join(', ')} |`);
    row('bench child (ts-node, src/)', 'warm, in one process that also holds ts-node and TypeScript (~100 MB of heap)', audit);
    if (audit.compiled) row('plain `node`, compiled lib/', 'warm: each side alone in its own processes (2 each, alternating; 1 warm-up + 3 runs each), loading only lib/ or only js-yaml; ratios of the medians', audit.compiled);
    if (audit.cold) row('fresh processes', 'cold: Node.js start-up, module loading and JIT warm-up on both sides', audit.cold);
    lines.push('');
  }

  const scaling: string[] = [];
  const targets: Array<[string, string, boolean]> = [];
  for (let i = 1; i < tenants.length; i++) {
    const a = tenants[i - 1];
    const b = tenants[i];
    const perObject = (x: SynthResult, ms: number) => ms / x.objects;
    const synthRatio = perObject(b, b.oursMs) / perObject(a, a.oursMs);
    const checkRatio = perObject(b, b.checkMs) / perObject(a, a.checkMs);
    const totalRatio = perObject(b, b.oursMs + b.checkMs) / perObject(a, a.oursMs + a.checkMs);
    scaling.push(`| ${fmtInt(b.tenants!)} / ${fmtInt(a.tenants!)} | ${fmtX(b.objects / a.objects)} | ${fmtX((b.oursMs + b.checkMs) / (a.oursMs + a.checkMs))} | `
      + `${synthRatio.toFixed(2)} | ${checkRatio.toFixed(2)} | ${totalRatio.toFixed(2)} | ${verdict(totalRatio <= MAX_SCALING)} |`);
    targets.push([`Scaling ${fmtInt(b.tenants!)} / ${fmtInt(a.tenants!)} tenants: time per object (ours + check) grows at most ${MAX_SCALING}x`,
      totalRatio.toFixed(2), totalRatio <= MAX_SCALING]);
  }
  if (scaling.length) {
    lines.push('### Scaling', '');
    lines.push('Time per object at the larger size divided by time per object at the smaller one (1.00 = linear; '
      + `the target "10x the objects costs at most 12x the time" is a ratio of at most ${MAX_SCALING}).`, '');
    lines.push('| tenants | objects | time | per object: ours | per object: check | per object: ours + check | target |');
    lines.push('|---|--:|--:|--:|--:|--:|:-:|');
    lines.push(...scaling, '');
  }

  for (const r of synth) {
    const ratio = r.oursMs / r.plainMs;
    targets.unshift([`${label(r)}: our synth at most ${MAX_RATIO_TO_PLAIN}x plain cdk8s for the same output`, fmtX(ratio), ratio <= MAX_RATIO_TO_PLAIN && r.sameOutput]);
  }
  const big = tenants.find(r => r.tenants === 5000);
  if (big) {
    const s = (big.oursMs + big.checkMs) / 1000;
    targets.push([`5,000 tenants synthesized and checked in under ${MAX_5000_SECONDS} s`, `${s.toFixed(1)} s`, s < MAX_5000_SECONDS]);
    targets.push(['5,000 tenants synthesized and checked in under 1 GB peak RSS', `${Math.round(big.rssMb)} MiB`, big.rssMb < MAX_5000_RSS_MB]);
  }
  for (const r of synth) {
    const rate = r.objects / (r.checkMs / 1000);
    targets.push([`${label(r)}: checks at least ${fmtInt(MIN_CHECKS_PER_SECOND)} objects/s`, `${fmtInt(Math.round(rate))} objects/s`, rate >= MIN_CHECKS_PER_SECOND]);
  }
  if (reach) {
    targets.push([`Reachability over ${fmtInt(reach.namespaces - 3)} tenant namespaces in under ${MAX_REACHABILITY_SECONDS} s`,
      `${(reach.totalMs / 1000).toFixed(2)} s`, reach.totalMs / 1000 < MAX_REACHABILITY_SECONDS]);
  }
  if (audit) {
    const measured = audit.compiled ?? audit;
    targets.push([`audit --format json on ${fmtInt(audit.objects)} objects at most ${MAX_AUDIT_RATIO}x js-yaml parsing the same file `
      + `(${audit.compiled ? 'compiled lib/, plain node, CPU time' : 'bench child, CPU time'})`, fmtX(measured.cpuRatio), measured.cpuRatio <= MAX_AUDIT_RATIO]);
    targets.push(['audit: every finding on the line the exact parser gives', audit.linesExact ? `${audit.findings} of ${audit.findings}` : 'no', audit.linesExact]);
    if (audit.peakRssMb !== undefined) {
      const growth = (audit.peakRssMb - audit.baseRssMb!) / (audit.bytes / 1048576);
      targets.push([`audit: peak RSS growth at most ${MAX_AUDIT_RSS_PER_INPUT}x the input size`, fmtX(growth), growth <= MAX_AUDIT_RSS_PER_INPUT]);
    }
  }
  targets.push(['`npm run bench` finishes in under 5 minutes', `${Math.round(totalSeconds)} s`, totalSeconds < 300]);

  lines.push('### Targets', '');
  lines.push('| target | measured | verdict |', '|---|--:|:-:|');
  for (const [what, measured, ok] of targets) lines.push(`| ${what} | ${measured} | ${verdict(ok)} |`);
  lines.push('');
  return lines.join('\n');
}

function writeDoc(body: string): void {
  const generated = `${START}\n<!-- Generated by \`npm run bench\` (bench/run.ts): do not edit by hand between these markers. -->\n\n${body}\n${END}`;
  let doc = fs.existsSync(DOC) ? fs.readFileSync(DOC, 'utf8') : '';
  const a = doc.indexOf(START);
  const b = doc.indexOf(END);
  if (a >= 0 && b > a) {
    doc = doc.slice(0, a) + generated + doc.slice(b + END.length);
  } else {
    doc = `# Performance\n\n${generated}\n` + (doc ? `\n${doc}` : '');
  }
  fs.writeFileSync(DOC, doc);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const profile = args.includes('--profile');
  const onlyAt = args.indexOf('--only');
  const only = onlyAt >= 0 ? (args[onlyAt + 1] ?? '').split(',').filter(Boolean) : undefined;
  for (const s of only ?? []) {
    if (!SCENARIOS.includes(s)) throw new Error(`Unknown scenario "${s}" after --only: expected one of ${SCENARIOS.join(', ')}`);
  }
  const started = now();
  const results: Result[] = [];
  for (const scenario of only ?? SCENARIOS) {
    process.stdout.write(`bench: ${scenario} ... `);
    const t0 = now();
    results.push(await runInChild(scenario, profile));
    console.log(`done in ${(msSince(t0) / 1000).toFixed(1)} s`);
  }
  const body = renderReport(results, msSince(started) / 1000);
  console.log(`\n${body}`);
  if (only || profile) {
    console.log(`(not written to ${path.relative(process.cwd(), DOC)}: ${only ? '--only' : '--profile'} run)`);
    if (profile) console.log(`CPU profiles: ${path.relative(process.cwd(), path.join(__dirname, '..', '.bench', 'profiles'))}/<scenario>.cpuprofile`);
  } else {
    writeDoc(body);
    console.log(`Written to ${path.relative(process.cwd(), DOC)}.`);
  }
}

if (process.argv[2] === '--child') {
  void runChild(process.argv[3]).then(result => process.send!(result, () => process.exit(0)));
} else {
  main().catch(e => {
    console.error(e);
    process.exit(1);
  });
}
