// SPDX-License-Identifier: Apache-2.0
/** Internal severity helpers. */
import { Severity } from './rule';

const RANK: Record<string, number> = { [Severity.ERROR]: 0, [Severity.WARNING]: 1, [Severity.INFO]: 2 };

/** 0 for error, 1 for warning, 2 for info: lower is more severe. @internal */
export function _severityRank(s: Severity): number {
  return RANK[s] ?? 2;
}

/** True when `s` is at least as severe as `threshold`. @internal */
export function _atOrAbove(s: Severity, threshold: Severity): boolean {
  return _severityRank(s) <= _severityRank(threshold);
}

/** The more severe of two severities. @internal */
export function _mostSevere(a: Severity, b: Severity): Severity {
  return _severityRank(a) <= _severityRank(b) ? a : b;
}

/** Parses `error|warning|info` (case-insensitive), or undefined. @internal */
export function _parseSeverity(s: string): Severity | undefined {
  const v = s.toLowerCase();
  return (Object.values(Severity) as string[]).includes(v) ? v as Severity : undefined;
}
