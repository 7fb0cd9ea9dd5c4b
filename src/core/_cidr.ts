// SPDX-License-Identifier: Apache-2.0
/* eslint-disable no-bitwise */ // address arithmetic on bigints needs shifts and masks
/**
 * Internal: IPv4/IPv6 address ranges as bigints, and the ipBlock test shared by the reachability analysis and HARDEN-NET-011.
 */
import { _isIpv4, _isIpv6, _validateCidr } from './_util';

/** A CIDR as an inclusive range of addresses of one family. @internal */
export interface IpRange {
  readonly family: 4 | 6;
  readonly first: bigint;
  readonly last: bigint;
  /** The text it was parsed from (an address gets `/32` or `/128`). */
  readonly text: string;
}

function v4(addr: string): bigint {
  return addr.split('.').reduce((acc, p) => (acc << 8n) + BigInt(Number(p)), 0n);
}

function v6(addr: string): bigint {
  let groups: string[];
  const embedded = addr.includes('.') ? addr.slice(addr.lastIndexOf(':') + 1) : undefined;
  let text = addr;
  if (embedded) {
    const n = v4(embedded);
    text = `${addr.slice(0, addr.lastIndexOf(':') + 1)}${(n >> 16n).toString(16)}:${(n & 0xffffn).toString(16)}`;
  }
  if (text.includes('::')) {
    const [head, tail] = text.split('::');
    const h = head ? head.split(':') : [];
    const t = tail ? tail.split(':') : [];
    groups = [...h, ...Array(8 - h.length - t.length).fill('0'), ...t];
  } else {
    groups = text.split(':');
  }
  return groups.reduce((acc, g) => (acc << 16n) + BigInt(parseInt(g, 16)), 0n);
}

/** True when the text is a bare IPv4 or IPv6 address or a CIDR. @internal */
export function _isIpOrCidr(text: string): boolean {
  const addr = text.includes('/') ? text.slice(0, text.indexOf('/')) : text;
  return _isIpv4(addr) || _isIpv6(addr);
}

/**
 * Parses an address (`10.0.0.1`, `2001:db8::1`) or a CIDR (`10.0.0.0/8`) into a range. Host bits set in a
 * CIDR are ignored, as the API server's parser does for `ipBlock.cidr`. Throws naming `what` on bad input.
 * @internal
 */
export function _parseRange(text: string, what: string): IpRange {
  let cidr = text;
  if (typeof text === 'string' && !text.includes('/')) {
    if (_isIpv4(text)) cidr = `${text}/32`;
    else if (_isIpv6(text)) cidr = `${text}/128`;
  }
  _validateCidr(cidr, what);
  const [addr, prefixText] = cidr.split('/');
  const family: 4 | 6 = _isIpv4(addr) ? 4 : 6;
  const bits = family === 4 ? 32n : 128n;
  const prefix = BigInt(Number(prefixText));
  const value = family === 4 ? v4(addr) : v6(addr);
  const hostBits = bits - prefix;
  const first = (value >> hostBits) << hostBits;
  const last = first + (1n << hostBits) - 1n;
  return { family, first, last, text: cidr };
}

/** The overlap of two ranges, or undefined. @internal */
export function _overlap(a: IpRange, b: IpRange): { first: bigint; last: bigint } | undefined {
  if (a.family !== b.family) return undefined;
  const first = a.first > b.first ? a.first : b.first;
  const last = a.last < b.last ? a.last : b.last;
  return first <= last ? { first, last } : undefined;
}

/**
 * Whether an ipBlock admits some address of an endpoint's range: the range overlaps `cidr` and the
 * `except` ranges do not cover all of that overlap.
 * @internal
 */
export function _ipBlockAdmits(endpoint: IpRange, cidr: IpRange, except: IpRange[]): boolean {
  const inside = _overlap(endpoint, cidr);
  if (!inside) return false;
  // Collect the parts of the overlap removed by `except`, merge them, and see whether a gap remains.
  const cut = except
    .map(e => _overlap({ ...endpoint, ...inside }, e))
    .filter((x): x is { first: bigint; last: bigint } => x !== undefined)
    .sort((a, b) => (a.first < b.first ? -1 : a.first > b.first ? 1 : 0));
  let next = inside.first;
  for (const c of cut) {
    if (c.first > next) return true;
    if (c.last + 1n > next) next = c.last + 1n;
    if (next > inside.last) return false;
  }
  return next <= inside.last;
}
