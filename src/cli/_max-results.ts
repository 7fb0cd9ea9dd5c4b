// SPDX-License-Identifier: Apache-2.0
/**
 * Internal: `audit --max-results N`. GitHub code scanning rejects a SARIF run with more than 25,000 results, so the
 * report keeps the N most severe findings (in their usual order) and says, per rule, how many were cut.
 * Not part of the jsii API.
 */
import { _severityRank } from '../policy/engine/_severity';
import { Finding, Report } from '../policy/engine/report';

/** Results GitHub code scanning accepts in one SARIF run. @internal */
export const _DEFAULT_SARIF_MAX_RESULTS = 25_000;

/** A report cut to at most `max` findings. @internal */
export interface CappedReport {
  readonly report: Report;
  /** The findings left out. */
  readonly cut: Finding[];
  /** One line naming the cap and the count cut per rule; empty when nothing was cut. */
  readonly summary: string;
}

/** Keeps the `max` most severe findings (unsuppressed before suppressed, stable order otherwise). @internal */
export function _capResults(report: Report, max: number | undefined): CappedReport {
  if (max === undefined || report.findings.length <= max) return { report, cut: [], summary: '' };
  const order = report.findings.map((_f, i) => i).sort((a, b) => {
    const fa = report.findings[a];
    const fb = report.findings[b];
    return (Number(fa.suppressed) - Number(fb.suppressed)) || (_severityRank(fa.severity) - _severityRank(fb.severity)) || (a - b);
  });
  const keep = new Set(order.slice(0, max));
  const kept: Finding[] = [];
  const cut: Finding[] = [];
  report.findings.forEach((f, i) => (keep.has(i) ? kept : cut).push(f));
  const perRule = new Map<string, number>();
  for (const f of cut) {
    const key = `${f.ruleId} ${f.ruleName} (${f.suppressed ? 'suppressed ' : ''}${f.severity})`;
    perRule.set(key, (perRule.get(key) ?? 0) + 1);
  }
  const parts = [...perRule.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([rule, n]) => `${rule}: ${n}`);
  return {
    report: new Report({
      findings: kept, unmatchedSuppressions: report.unmatchedSuppressions, rules: report.rules, objectsChecked: report.objectsChecked,
    }),
    cut,
    summary: `--max-results ${max}: ${cut.length} of ${report.findings.length} findings not reported, least severe first; cut per rule: ${parts.join('; ')}`,
  };
}
