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
  readonly findings: number;
  /** Whether every finding's line holds the key its JSON pointer names. */
  readonly linesExact: boolean;
  /** Peak RSS (MiB) of a process that only audits the file, and its RSS (MiB) before reading it. */
  readonly peakRssMb?: number;
  readonly baseRssMb?: number;
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
  const at = [Math.floor(docs.length / 3), Math.floor((2 * docs.length) / 3), docs.length];
  const parts: string[] = [];
  docs.forEach((d, i) => {
    if (at.includes(i)) parts.push(planted(i));
    parts.push(d.endsWith('\n') ? d : `${d}\n`);
  });
  parts.push(planted(docs.length));
  const file = path.join(dir, `tenants-${tenants}.yaml`);
  fs.writeFileSync(file, parts.join(''));
  return { file, objects: docs.length + at.length + 1 };
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
    for (let i = 0; i < pairs; i++) {
      const order = i % 2 === 0 ? ['audit', 'parse'] : ['parse', 'audit'];
      for (const what of order) {
        (global as any).gc?.();
        const t0 = process.hrtime.bigint();
        if (what === 'audit') await auditJson(file);
        else parseFloor(file);
        (what === 'audit' ? audits : parses).push(ms(t0));
      }
    }
    // Peak RSS of a process that does nothing but the audit, with the compiled lib/ (ts-node alone holds ~100 MB).
    const m = measureRss(file);
    return {
      tenants,
      objects,
      bytes,
      pairs,
      auditMs: median(audits),
      parseMs: median(parses),
      ratio: median(audits.map((a, i) => a / parses[i])),
      findings: report.findings.length,
      linesExact: checkLines(file, report.findings),
      peakRssMb: m?.peakRssMb,
      baseRssMb: m?.baseRssMb,
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  void benchAudit(Number(process.argv[2] ?? 2000)).then(r => console.log(JSON.stringify(r, undefined, 2)));
}
