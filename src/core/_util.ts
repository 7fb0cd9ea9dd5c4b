// SPDX-License-Identifier: Apache-2.0
/**
 * Internal validation helpers shared by every construct. Not exported from the package.
 * Each throws a plain Error naming the value, the rule and the fix.
 */

export { _validatePort } from './_kube-validation';

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** Namespaces that belong to the cluster and must never be hardened/owned by a tenant construct. */
export const RESERVED_NAMESPACES: ReadonlyArray<string> = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

/** @internal */
export function _validateDns1123Label(value: string, what: string): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 63 || !DNS1123_LABEL.test(value)) {
    const suggestion = typeof value === 'string'
      ? value.toLowerCase().replace(/[^a-z0-9-]/g, '-').replace(/^-+|-+$/g, '').slice(0, 63)
      : '';
    throw new Error(
      `Invalid ${what} "${value}": must be a DNS-1123 label (at most 63 characters, lowercase alphanumerics or '-', ` +
      `starting and ending with an alphanumeric).${suggestion ? ` Did you mean "${suggestion}"?` : ''}`,
    );
  }
  return value;
}

/** @internal */
export function _validateDns1123Subdomain(value: string, what: string): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 253 || !DNS1123_SUBDOMAIN.test(value)) {
    throw new Error(
      `Invalid ${what} "${value}": must be a DNS-1123 subdomain (at most 253 characters, lowercase alphanumerics, '-' or '.', ` +
      'starting and ending with an alphanumeric).',
    );
  }
  return value;
}

/** @internal */
export function _validateNotReservedNamespace(name: string): string {
  if (RESERVED_NAMESPACES.includes(name)) {
    throw new Error(
      `Namespace "${name}" is reserved for the cluster (${RESERVED_NAMESPACES.join(', ')}): ` +
      'tenant workloads and policies must not be placed there. Choose a dedicated namespace name.',
    );
  }
  return name;
}

const BINARY_SUFFIX: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DECIMAL_SUFFIX: Record<string, number> = { 'n': 1e-9, 'u': 1e-6, 'm': 1e-3, '': 1, 'k': 1e3, 'M': 1e6, 'G': 1e9, 'T': 1e12, 'P': 1e15, 'E': 1e18 };
const QUANTITY = /^([+-]?[0-9.]+)([eE][+-]?[0-9]+)?(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)?$/;

/**
 * Parses a Kubernetes resource quantity ("500m", "1Gi", "2") to a number in base units.
 * @internal
 */
export function _parseQuantity(value: string, what: string = 'quantity'): number {
  const m = typeof value === 'string' ? QUANTITY.exec(value.trim()) : null;
  if (!m || m[1] === '.' || (m[1].match(/\./g) ?? []).length > 1 || (m[2] && m[3])) {
    throw new Error(
      `Invalid ${what} "${value}": not a Kubernetes quantity. Use a number with an optional suffix, ` +
      'e.g. "500m" or "2" for CPU and "256Mi" or "1Gi" for memory and storage.',
    );
  }
  const base = Number(m[1]) * (m[2] ? Math.pow(10, Number(m[2].slice(1))) : 1);
  const suffix = m[3] ?? '';
  const factor = BINARY_SUFFIX[suffix] ?? DECIMAL_SUFFIX[suffix];
  const result = base * factor;
  if (result < 0) {
    throw new Error(`Invalid ${what} "${value}": quantities for requests, limits and quotas must not be negative.`);
  }
  return result;
}

/**
 * Validates an IPv4 or IPv6 CIDR and returns it unchanged. The one CIDR validator: constructs,
 * the reachability analysis and `graph` all call it, so they accept and refuse the same text.
 * @internal
 */
export function _validateCidr(cidr: string, what: string = 'CIDR'): string {
  const slash = typeof cidr === 'string' ? cidr.indexOf('/') : -1;
  if (slash < 0) {
    const hint = typeof cidr === 'string' && _isIpv4(cidr) ? ` Did you mean "${cidr}/32"?` : typeof cidr === 'string' && _isIpv6(cidr) ? ` Did you mean "${cidr}/128"?` : '';
    throw new Error(`Invalid ${what} "${cidr}": expected an address with a prefix length such as "10.0.0.0/8".${hint}`);
  }
  const addr = cidr.slice(0, slash);
  const prefix = cidr.slice(slash + 1);
  const v6Problem = addr.includes(':') ? _ipv6Problem(addr) : undefined;
  if (v6Problem) {
    throw new Error(`Invalid ${what} "${cidr}": "${addr}" is not an IPv6 address (${v6Problem}). `
      + 'Write eight groups of 1-4 hex digits, or use "::" once for a run of zero groups, e.g. "2001:db8::/32".');
  }
  const max = _isIpv4(addr) ? 32 : _isIpv6(addr) ? 128 : -1;
  if (max < 0 || !/^(0|[1-9][0-9]{0,2})$/.test(prefix) || Number(prefix) > max) {
    throw new Error(`Invalid ${what} "${cidr}": expected an IPv4 (a.b.c.d/0-32) or IPv6 (x::y/0-128) CIDR such as "10.0.0.0/8".`);
  }
  return cidr;
}

/** @internal */
export function _isIpv4(addr: string): boolean {
  if (typeof addr !== 'string') return false;
  const parts = addr.split('.');
  return parts.length === 4 && parts.every(p => /^(0|[1-9][0-9]{0,2})$/.test(p) && Number(p) <= 255);
}

/** Whether `addr` is an IPv6 address as the API server parses it (RFC 4291 text form, no zone). @internal */
export function _isIpv6(addr: string): boolean {
  return typeof addr === 'string' && _ipv6Problem(addr) === undefined;
}

/**
 * Why `addr` is not an IPv6 address, or undefined when it is one: eight groups of 1-4 hex digits
 * (the last two may be a dotted IPv4 address), or fewer with one "::" standing for at least one zero group.
 * @internal
 */
export function _ipv6Problem(addr: string): string | undefined {
  if (!/^[0-9a-fA-F:.]+$/.test(addr) || !addr.includes(':')) return 'only hex digits, ":" and a trailing dotted IPv4 part are allowed';
  const halves = addr.split('::');
  if (halves.length > 2) return '"::" may appear only once';
  let count = 0;
  for (let h = 0; h < halves.length; h++) {
    if (halves[h] === '') continue;
    const groups = halves[h].split(':');
    for (let g = 0; g < groups.length; g++) {
      const group = groups[g];
      const last = h === halves.length - 1 && g === groups.length - 1;
      if (group === '') return 'empty group: a single ":" at the start or end, or ":::"';
      if (group.includes('.')) {
        if (!last || !_isIpv4(group)) return `"${group}" is not a dotted IPv4 part (allowed only as the last two groups)`;
        count += 2;
      } else if (!/^[0-9a-fA-F]{1,4}$/.test(group)) {
        return `group "${group}" is not 1-4 hex digits`;
      } else {
        count += 1;
      }
    }
  }
  if (halves.length === 2 && count > 7) return `${count} groups plus "::" (which stands for at least one zero group) is more than 8`;
  if (halves.length === 1 && count !== 8) return `${count} groups; 8 are needed when "::" is not used`;
  return undefined;
}

/**
 * Whether `obj` has `key` as an own property. Label and annotation maps are `map[string]string`: keys such
 * as `constructor`, `toString` or `__proto__` are ordinary keys, never the inherited members of `Object.prototype`.
 * @internal
 */
export function _hasOwn(obj: unknown, key: string): boolean {
  return obj !== null && typeof obj === 'object' && Object.prototype.hasOwnProperty.call(obj, key);
}

/** Returns undefined for empty arrays/objects so optional fields are omitted from YAML. @internal */
export function _undefinedIfEmpty<T>(value: T[] | undefined): T[] | undefined;
export function _undefinedIfEmpty<T extends object>(value: T | undefined): T | undefined;
export function _undefinedIfEmpty(value: any): any {
  if (value === undefined) return undefined;
  if (Array.isArray(value)) return value.length === 0 ? undefined : value;
  return Object.keys(value).length === 0 ? undefined : value;
}

/** Sorted copy of an object's entries, for deterministic output. @internal */
export function _sortedRecord<T>(record: Record<string, T>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const key of Object.keys(record).sort()) out[key] = record[key];
  return out;
}

/**
 * Appends `items` to `target` in place. Unlike `target.push(...items)`, safe for arrays of any length (a spread passes
 * every element as an argument and overflows the call stack at around 100,000). @internal
 */
export function _pushAll<T>(target: T[], items: readonly T[]): T[] {
  for (const item of items) target.push(item);
  return target;
}

/** The largest of `values`, or `floor` when there are none; safe for arrays of any length (no spread). @internal */
export function _maxOf(values: Iterable<number>, floor: number = -Infinity): number {
  let max = floor;
  for (const v of values) if (v > max) max = v;
  return max;
}

/** Control characters, and the bidirectional overrides that reorder text on a terminal ("Trojan Source"). */
const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * Escapes control characters in text bound for a terminal (`\n`, `\r`, `\t`, `\x1b`, `\u2028`, ...), so that a
 * name or message read from a manifest cannot move the cursor, recolour, hide or forge lines of a report.
 * @internal
 */
export function _escapeControls(s: string): string {
  CONTROL_CHARS.lastIndex = 0;
  if (!CONTROL_CHARS.test(s)) return s;
  return s.replace(CONTROL_CHARS, c => {
    if (c === '\n') return '\\n';
    if (c === '\r') return '\\r';
    if (c === '\t') return '\\t';
    const code = c.charCodeAt(0);
    return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}
