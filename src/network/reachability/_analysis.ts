// SPDX-License-Identifier: Apache-2.0
/**
 * Internal: the reachability engine. Indexes policies by the pods they select, answers single queries
 * with the reasons, and enumerates the allowed flows compactly (see docs/reachability.md).
 */
import { _Model, Endpoint, Peer, Policy, Rule } from './_model';
import { _PortSet } from './_ports';

/** One side of a verdict. @internal */
export interface SideVerdict {
  readonly allowed: boolean;
  readonly isolated: boolean;
  /** Policies that select the endpoint for this direction. */
  readonly policies: string[];
  /** Rules that admit the traffic. */
  readonly rules: string[];
  readonly reason: string;
}

/** A flow row: `from`/`to` are endpoint ids or `*`. @internal */
export interface FlowRow {
  readonly from: string;
  readonly to: string;
  readonly ports: _PortSet;
}

type Dir = 'ingress' | 'egress';

/** @internal */
export class _Analysis {
  /** Per endpoint index: policies selecting it for ingress / egress. */
  private readonly inPolicies: Policy[][];
  private readonly outPolicies: Policy[][];
  private readonly podsByNs = new Map<string, Endpoint[]>();
  private readonly nsByPair = new Map<string, string[]>();
  private readonly nsSelCache = new Map<string, string[]>();
  private readonly peerCache = new Map<string, Endpoint[]>();

  constructor(public readonly model: _Model) {
    const n = model.endpoints.length;
    this.inPolicies = Array.from({ length: n }, () => []);
    this.outPolicies = Array.from({ length: n }, () => []);
    for (const ep of model.endpoints) {
      if (ep.namespace === undefined) continue;
      const list = this.podsByNs.get(ep.namespace) ?? [];
      list.push(ep);
      this.podsByNs.set(ep.namespace, list);
    }
    for (const [ns, labels] of model.namespaces) {
      for (const [k, v] of Object.entries(labels)) {
        const key = `${k}=${v}`;
        this.nsByPair.set(key, [...(this.nsByPair.get(key) ?? []), ns]);
      }
    }
    for (const p of model.policies) {
      for (const pod of this.selected(p)) {
        if (p.ingress) this.inPolicies[pod.index].push(p);
        if (p.egress) this.outPolicies[pod.index].push(p);
      }
    }
  }

  /** Pods a policy selects: pods of its own namespace matching its podSelector. */
  public selected(p: Policy): Endpoint[] {
    return (this.podsByNs.get(p.namespace) ?? []).filter(w => p.podSelector.matches(w.labels));
  }

  /** Decides one direction for one endpoint pair and port. */
  public side(dir: Dir, subject: Endpoint, peer: Endpoint, proto: number, port: number): SideVerdict {
    if (subject.range) {
      return { allowed: true, isolated: false, policies: [], rules: [], reason: `${subject.id} is an external endpoint: no NetworkPolicy applies to it` };
    }
    const policies = (dir === 'ingress' ? this.inPolicies : this.outPolicies)[subject.index];
    const ids = policies.map(p => p.id);
    if (policies.length === 0) {
      return { allowed: true, isolated: false, policies: [], rules: [], reason: `${subject.id} is not isolated for ${dir}: no NetworkPolicy with policy type ${dir === 'ingress' ? 'Ingress' : 'Egress'} selects it` };
    }
    const dest = dir === 'ingress' ? subject : peer;
    const rules: string[] = [];
    for (const p of policies) {
      for (const r of (dir === 'ingress' ? p.ingress : p.egress)!) {
        if (!r.ports.resolve(dest.namedPorts).contains(proto, port)) continue;
        if (r.peers === undefined || r.peers.some(x => this.model.peerMatches(x, p.namespace, peer))) rules.push(r.label);
      }
    }
    const what = `${dir === 'ingress' ? 'from' : 'to'} ${peer.id}`;
    return rules.length > 0
      ? { allowed: true, isolated: true, policies: ids, rules, reason: `${dir} ${what} is admitted by ${rules.join(', ')}` }
      : { allowed: false, isolated: true, policies: ids, rules, reason: `${subject.id} is isolated for ${dir} by ${ids.join(', ')} and no rule admits ${what} on this port` };
  }

  /** Endpoints a peer of a policy in `policyNs` matches (cached). */
  public peerEndpoints(peer: Peer, policyNs: string): Endpoint[] {
    const key = peer.ipBlock || peer.namespaceSelector ? peer.key : `${policyNs}|${peer.key}`;
    const hit = this.peerCache.get(key);
    if (hit) return hit;
    let out: Endpoint[];
    if (peer.ipBlock) {
      out = this.model.endpoints.filter(e => e.range && this.model.peerMatches(peer, policyNs, e));
    } else {
      const nss = peer.namespaceSelector ? this.namespacesMatching(peer) : [policyNs];
      out = [];
      for (const ns of nss) {
        for (const w of this.podsByNs.get(ns) ?? []) if (!peer.podSelector || peer.podSelector.matches(w.labels)) out.push(w);
      }
    }
    this.peerCache.set(key, out);
    return out;
  }

  private namespacesMatching(peer: Peer): string[] {
    const sel = peer.namespaceSelector!;
    const hit = this.nsSelCache.get(sel.key);
    if (hit) return hit;
    let candidates: string[];
    if (sel.pairs.length > 0) {
      // Start from the smallest index list of one matchLabels pair.
      candidates = sel.pairs.map(p => this.nsByPair.get(p) ?? []).reduce((a, b) => (b.length < a.length ? b : a));
    } else {
      candidates = [...this.model.namespaces.keys()];
    }
    const out = candidates.filter(ns => sel.matches(this.model.nsLabels(ns)));
    this.nsSelCache.set(sel.key, out);
    return out;
  }

  /** Ports an endpoint's side admits from/to any peer (not isolated: all; else rules without peers). */
  private anyPeerPorts(dir: Dir, ep: Endpoint): _PortSet {
    if (ep.range) return _PortSet.ALL;
    const policies = (dir === 'ingress' ? this.inPolicies : this.outPolicies)[ep.index];
    if (policies.length === 0) return _PortSet.ALL;
    let set = _PortSet.EMPTY;
    for (const p of policies) {
      for (const r of (dir === 'ingress' ? p.ingress : p.egress)!) {
        if (r.peers === undefined) set = set.union(dir === 'ingress' ? r.ports.resolve(ep.namedPorts) : r.ports);
      }
    }
    return set;
  }

  /**
   * The allowed flows, compactly: `s -> *` rows (ports s's egress admits towards anyone), `* -> d` rows
   * (ports d's ingress admits from anyone), and concrete rows for pairs linked by a policy, minus what
   * the two wildcard rows already imply. Cost: endpoints + policy-linked pairs.
   */
  public flows(): FlowRow[] {
    const eps = this.model.endpoints;
    const n = eps.length;
    const aIn = eps.map(e => this.anyPeerPorts('ingress', e));
    const aOut = eps.map(e => this.anyPeerPorts('egress', e));
    const pairs = new Map<number, { e: _PortSet; i: _PortSet }>();
    const add = (s: number, d: number, side: 'e' | 'i', ports: _PortSet) => {
      if (ports.isEmpty()) return;
      const key = s * n + d;
      const cur = pairs.get(key);
      if (cur) cur[side] = cur[side].union(ports);
      else pairs.set(key, side === 'e' ? { e: ports, i: _PortSet.EMPTY } : { e: _PortSet.EMPTY, i: ports });
    };
    const linked = (p: Policy, rules: ReadonlyArray<Rule>, dir: Dir) => {
      const sel = this.selected(p);
      for (const r of rules) {
        if (r.peers === undefined) continue;
        const peers = new Set<Endpoint>();
        for (const peer of r.peers) for (const e of this.peerEndpoints(peer, p.namespace)) peers.add(e);
        for (const subject of sel) {
          if (dir === 'ingress') {
            const ports = r.ports.resolve(subject.namedPorts);
            for (const src of peers) add(src.index, subject.index, 'i', ports);
          } else {
            for (const dst of peers) add(subject.index, dst.index, 'e', r.ports.resolve(dst.namedPorts));
          }
        }
      }
    };
    for (const p of this.model.policies) {
      if (p.ingress) linked(p, p.ingress, 'ingress');
      if (p.egress) linked(p, p.egress, 'egress');
    }
    const rows: FlowRow[] = [];
    for (let i = 0; i < this.model.workloadCount; i++) {
      if (!aOut[i].isEmpty()) rows.push({ from: eps[i].id, to: '*', ports: aOut[i] });
      if (!aIn[i].isEmpty()) rows.push({ from: '*', to: eps[i].id, ports: aIn[i] });
    }
    for (const [key, v] of pairs) {
      const s = Math.floor(key / n);
      const d = key % n;
      const outAny = aOut[s].resolve(eps[d].namedPorts);
      const allowed = v.e.union(outAny).intersect(v.i.union(aIn[d]));
      const concrete = allowed.subtract(outAny.intersect(aIn[d]));
      if (!concrete.isEmpty()) rows.push({ from: eps[s].id, to: eps[d].id, ports: concrete });
    }
    rows.sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : a.to < b.to ? -1 : a.to > b.to ? 1 : 0));
    return rows;
  }
}
