// SPDX-License-Identifier: Apache-2.0
/**
 * Internal: sets of ports per protocol (TCP, UDP, SCTP), as sorted disjoint ranges plus named ports that
 * are not resolved yet (an egress rule towards "any destination" names a port that each destination
 * resolves on its own containers).
 */

/** The protocols a NetworkPolicy can name, in display order. @internal */
export const _PROTOCOLS: ReadonlyArray<string> = ['TCP', 'UDP', 'SCTP'];

/** The highest port number. @internal */
export const _MAX_PORT = 65535;

type Range = [number, number];

/** Named ports of a destination pod: `name/PROTOCOL` -> port numbers. @internal */
export type NamedPorts = Map<string, number[]>;

/** An immutable set of (protocol, port) pairs. @internal */
export class _PortSet {
  /** Nothing. */
  public static readonly EMPTY = new _PortSet([[], [], []], [[], [], []]);
  /** Every port of every protocol. */
  public static readonly ALL = new _PortSet([[[1, _MAX_PORT]], [[1, _MAX_PORT]], [[1, _MAX_PORT]]], [[], [], []]);

  /** Every port of one protocol (index into `_PROTOCOLS`). */
  public static allOf(proto: number): _PortSet {
    return _PortSet.range(proto, 1, _MAX_PORT);
  }

  /** The ports `lo..hi` of one protocol. */
  public static range(proto: number, lo: number, hi: number): _PortSet {
    const r: Range[][] = [[], [], []];
    r[proto] = [[lo, hi]];
    return new _PortSet(r, [[], [], []]);
  }

  /** A named port of one protocol, still to be resolved on a destination pod. */
  public static named(proto: number, name: string): _PortSet {
    const n: string[][] = [[], [], []];
    n[proto] = [name];
    return new _PortSet([[], [], []], n);
  }

  private constructor(public readonly ranges: ReadonlyArray<ReadonlyArray<Range>>, public readonly names: ReadonlyArray<ReadonlyArray<string>>) {}

  public isEmpty(): boolean {
    return this.ranges.every(r => r.length === 0) && this.names.every(n => n.length === 0);
  }

  public hasNames(): boolean {
    return this.names.some(n => n.length > 0);
  }

  /** True when every port of the protocol is in the set. */
  public isAllOf(proto: number): boolean {
    const r = this.ranges[proto];
    return r.length === 1 && r[0][0] === 1 && r[0][1] === _MAX_PORT;
  }

  public isAll(): boolean {
    return _PROTOCOLS.every((_, i) => this.isAllOf(i));
  }

  public contains(proto: number, port: number): boolean {
    return this.ranges[proto].some(([lo, hi]) => lo <= port && port <= hi);
  }

  public union(o: _PortSet): _PortSet {
    if (o.isEmpty()) return this;
    if (this.isEmpty()) return o;
    const r = this.ranges.map((a, i) => normalize([...a, ...o.ranges[i]]));
    const n = this.names.map((a, i) => (o.names[i].length === 0 ? [...a] : [...new Set([...a, ...o.names[i]])].sort()));
    return new _PortSet(r, n);
  }

  /** Intersection of the numeric parts (names must be resolved first). */
  public intersect(o: _PortSet): _PortSet {
    if (this.isEmpty() || o.isEmpty()) return _PortSet.EMPTY;
    if (o.isAll() && !this.hasNames()) return this;
    if (this.isAll() && !o.hasNames()) return o;
    const r = this.ranges.map((a, i) => {
      const out: Range[] = [];
      for (const [alo, ahi] of a) {
        for (const [blo, bhi] of o.ranges[i]) {
          const lo = Math.max(alo, blo);
          const hi = Math.min(ahi, bhi);
          if (lo <= hi) out.push([lo, hi]);
        }
      }
      return normalize(out);
    });
    return new _PortSet(r, [[], [], []]);
  }

  /** This set minus the numeric part of another (names must be resolved first). */
  public subtract(o: _PortSet): _PortSet {
    if (this.isEmpty() || o.isEmpty()) return this;
    const r = this.ranges.map((a, i) => {
      let cur: Range[] = [...a];
      for (const [blo, bhi] of o.ranges[i]) {
        const next: Range[] = [];
        for (const [lo, hi] of cur) {
          if (bhi < lo || blo > hi) {
            next.push([lo, hi]);
            continue;
          }
          if (lo < blo) next.push([lo, blo - 1]);
          if (hi > bhi) next.push([bhi + 1, hi]);
        }
        cur = next;
      }
      return cur;
    });
    const n = this.names.map((a, i) => a.filter(x => !o.names[i].includes(x)));
    return new _PortSet(r, n);
  }

  /**
   * Replaces named ports by the numbers they have on a destination pod (`undefined` for a destination
   * without pods, such as an external endpoint: its named ports match nothing).
   */
  public resolve(named: NamedPorts | undefined): _PortSet {
    if (!this.hasNames()) return this;
    const r: Range[][] = this.ranges.map(a => [...a]);
    this.names.forEach((names, i) => {
      for (const name of names) {
        for (const port of named?.get(`${name}/${_PROTOCOLS[i]}`) ?? []) r[i].push([port, port]);
      }
    });
    return new _PortSet(r.map(normalize), [[], [], []]);
  }

  /** Compact text: `any`, `TCP`, `TCP/80`, `TCP/8000-8080`, `UDP/dns`, joined with `, `. */
  public toString(): string {
    if (this.isAll()) return 'any';
    return this.parts().map(p => _partText(p.proto, p.lo, p.hi, p.name)).join(', ');
  }

  /** The canonical decomposition into display parts; `proto` undefined means every protocol, `lo` undefined every port. */
  public parts(): Array<{ proto?: number; lo?: number; hi?: number; name?: string }> {
    if (this.isAll()) return [{}];
    const out: Array<{ proto?: number; lo?: number; hi?: number; name?: string }> = [];
    _PROTOCOLS.forEach((_, i) => {
      if (this.isAllOf(i)) {
        out.push({ proto: i });
      } else {
        for (const [lo, hi] of this.ranges[i]) out.push({ proto: i, lo, hi });
      }
      for (const name of this.names[i]) out.push({ proto: i, name });
    });
    return out;
  }
}

/** Text of one part: `any`, `TCP`, `TCP/80`, `TCP/80-90`, `TCP/http`. @internal */
export function _partText(proto?: number, lo?: number, hi?: number, name?: string): string {
  if (proto === undefined) return 'any';
  const p = _PROTOCOLS[proto];
  if (name !== undefined) return `${p}/${name}`;
  if (lo === undefined) return p;
  return hi === undefined || hi === lo ? `${p}/${lo}` : `${p}/${lo}-${hi}`;
}

function normalize(rs: Range[]): Range[] {
  if (rs.length <= 1) return rs.map(([a, b]) => [a, b]);
  const sorted = [...rs].sort((a, b) => a[0] - b[0]);
  const out: Range[] = [[sorted[0][0], sorted[0][1]]];
  for (let i = 1; i < sorted.length; i++) {
    const last = out[out.length - 1];
    const [lo, hi] = sorted[i];
    if (lo <= last[1] + 1) {
      if (hi > last[1]) last[1] = hi;
    } else {
      out.push([lo, hi]);
    }
  }
  return out;
}
