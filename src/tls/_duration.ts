// SPDX-License-Identifier: Apache-2.0
import { Duration } from 'cdk8s';

/**
 * Formats a cdk8s Duration as a Go duration string (`2160h`, `90m`, `45s`), as cert-manager and
 * External Secrets Operator expect. Throws on sub-second durations.
 * @internal
 */
export function _goDuration(d: Duration, what: string): string {
  const ms = d.toMilliseconds();
  if (!Number.isFinite(ms) || ms <= 0 || ms % 1000 !== 0) {
    throw new Error(`Invalid ${what} "${d.toHumanString()}": must be a positive whole number of seconds (for example Duration.hours(1)).`);
  }
  const s = ms / 1000;
  if (s % 3600 === 0) return `${s / 3600}h`;
  if (s % 60 === 0) return `${s / 60}m`;
  return `${s}s`;
}
