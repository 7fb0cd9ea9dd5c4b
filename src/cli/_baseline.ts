// SPDX-License-Identifier: Apache-2.0
/**
 * Internal: `audit --write-baseline FILE` / `audit --baseline FILE`. A baseline records today's unsuppressed
 * findings by their stable fingerprint (rule id, object kind/namespace/name, JSON pointer), so a repository can
 * adopt the audit and fail only on new findings. Not part of the jsii API.
 */
import * as fs from 'fs';
import { FingerprintFields, _fingerprint } from '../policy/engine/_fingerprint';
import { Finding } from '../policy/engine/report';

/** One recorded finding. @internal */
export interface BaselineEntry extends FingerprintFields {
  readonly fingerprint: string;
}

/** Findings split against a baseline. @internal */
export interface BaselineComparison {
  /** Findings not in the baseline (suppressed ones included, as they are reported anyway). */
  readonly current: Finding[];
  /** Unsuppressed findings the baseline knows: not reported. */
  readonly known: Finding[];
  /** Baseline entries no finding matches any more. */
  readonly fixed: BaselineEntry[];
}

const FORMAT_VERSION = 1;

/** The baseline document for these findings (unsuppressed ones only), sorted. @internal */
export function _baselineDocument(findings: Finding[]): any {
  const entries = new Map<string, BaselineEntry>();
  for (const f of findings) {
    if (f.suppressed) continue;
    const fingerprint = _fingerprint(f);
    entries.set(fingerprint, {
      ruleId: f.ruleId,
      kind: f.kind,
      ...(f.namespace !== undefined ? { namespace: f.namespace } : {}),
      ...(f.name !== undefined ? { name: f.name } : {}),
      path: f.path,
      fingerprint,
    });
  }
  const key = (e: BaselineEntry) => [e.ruleId, e.kind, e.namespace ?? '', e.name ?? '', e.path].join('\0');
  return {
    cdk8sHardenedBaseline: FORMAT_VERSION,
    findings: [...entries.values()].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0)),
  };
}

/** Reads a baseline file. Throws an Error naming the file and the problem. @internal */
export function _readBaseline(file: string, displayName: string): BaselineEntry[] {
  let doc: any;
  try {
    doc = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new Error(`${displayName}: cannot read the baseline (${code === 'ENOENT' ? 'no such file; create it with --write-baseline' : code ?? (e as Error).message})`);
  }
  if (!doc || doc.cdk8sHardenedBaseline !== FORMAT_VERSION || !Array.isArray(doc.findings)) {
    throw new Error(`${displayName}: not a cdk8s-hardened baseline (expected {"cdk8sHardenedBaseline": ${FORMAT_VERSION}, "findings": [...]}); write one with --write-baseline`);
  }
  return doc.findings.map((e: any, i: number) => {
    if (!e || typeof e.ruleId !== 'string' || typeof e.kind !== 'string' || typeof e.path !== 'string') {
      throw new Error(`${displayName}: findings[${i}] needs ruleId, kind and path strings; regenerate the file with --write-baseline`);
    }
    // The fingerprint is recomputed from the readable fields, so a hand-edited entry cannot hide another finding.
    return { ruleId: e.ruleId, kind: e.kind, namespace: e.namespace, name: e.name, path: e.path, fingerprint: _fingerprint(e) };
  });
}

/** Splits findings into those to report and those the baseline already knows, and lists fixed entries. @internal */
export function _compareWithBaseline(findings: Finding[], baseline: BaselineEntry[]): BaselineComparison {
  const recorded = new Set(baseline.map(e => e.fingerprint));
  const seen = new Set<string>();
  const current: Finding[] = [];
  const known: Finding[] = [];
  for (const f of findings) {
    const fp = _fingerprint(f);
    seen.add(fp);
    if (!f.suppressed && recorded.has(fp)) known.push(f); else current.push(f);
  }
  return { current, known, fixed: baseline.filter(e => !seen.has(e.fingerprint)) };
}

/** `Deployment shop/api /spec/... (HARDEN-WL-001)`. @internal */
export function _describeEntry(e: FingerprintFields): string {
  return `${e.ruleId} ${e.kind} ${e.namespace ? `${e.namespace}/` : ''}${e.name ?? '<no name>'} at ${e.path || '/'}`;
}
