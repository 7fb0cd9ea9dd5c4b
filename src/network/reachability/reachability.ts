// SPDX-License-Identifier: Apache-2.0
import type { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { _Analysis, FlowRow, SideVerdict } from './_analysis';
import { _Model, Endpoint } from './_model';
import { _partText, _PortSet, _PROTOCOLS, _MAX_PORT } from './_ports';
import { _renderJson, _renderMermaid, _renderTable } from './_render';
import type { ClusterStub } from './cluster-stubs';
import { _isIpOrCidr, _parseRange } from '../../core/_cidr';
import { _cdk8s } from '../../core/_lazy-cdk8s';
import { _pushAll, _validateDns1123Label, _validateDns1123Subdomain } from '../../core/_util';

/**
 * A protocol a NetworkPolicy port can name.
 * @see https://kubernetes.io/docs/concepts/services-networking/network-policies/#networkpolicy-resource
 */
export enum FlowProtocol {
  /** TCP, the default protocol of a NetworkPolicy port. */
  TCP = 'TCP',
  /** UDP. */
  UDP = 'UDP',
  /** SCTP. */
  SCTP = 'SCTP',
}

/**
 * An address or address range outside the cluster that the analysis should treat as an endpoint,
 * so that `ipBlock` peers can be checked against it.
 */
export interface ExternalEndpoint {
  /**
   * A name for the endpoint in flows and queries (a DNS-1123 subdomain, e.g. `corporate-ldap`).
   */
  readonly name: string;
  /**
   * Its address (`203.0.113.10`) or range (`203.0.113.0/24`), IPv4 or IPv6.
   */
  readonly cidr: string;
}

/** Options of the reachability analysis. */
export interface ReachabilityOptions {
  /**
   * External endpoints to include. An `ipBlock` admits an endpoint when it admits at least one address of
   * the endpoint's range (the analysis over-reports rather than hides a path).
   * @default - no external endpoints: flows to and from outside the cluster appear only as `*`
   */
  readonly externals?: ExternalEndpoint[];
  /**
   * Namespace of namespaced objects that have no `metadata.namespace`, as `kubectl apply` would place them.
   * @default 'default'
   */
  readonly defaultNamespace?: string;
  /**
   * Stand-ins for pods the cluster runs but the manifests do not create (`ClusterStubs.coreDns()`,
   * `ClusterStubs.ingressNginx()`, `ClusterStubs.prometheus(namespace)`), so flows to and from them are analysed.
   * @default - none
   */
  readonly stubs?: ClusterStub[];
  /**
   * The namespaces under test: `flows()`, `flowLines()`, `assertFlows()`, the table, Mermaid and JSON keep only
   * flows with an end in one of them (stubs and other namespaces still take part in the analysis). Queries
   * (`isAllowed`, `explain`) are not filtered.
   * @default - every namespace
   */
  readonly namespaces?: string[];
}

/** A question: may `from` open a connection to `to` on a port? */
export interface ReachabilityQuery {
  /**
   * Source: a workload id `namespace/name`, an external endpoint's name, or any IP address / CIDR.
   */
  readonly from: string;
  /**
   * Destination: a workload id `namespace/name`, an external endpoint's name, or any IP address / CIDR.
   */
  readonly to: string;
  /**
   * Destination port number. Give exactly one of `port` and `portName`.
   * @default - `portName` is used
   */
  readonly port?: number;
  /**
   * Name of a container port of the destination pod, resolved there (as NetworkPolicy named ports are).
   * @default - `port` is used
   */
  readonly portName?: string;
  /**
   * Protocol.
   * @default FlowProtocol.TCP
   */
  readonly protocol?: FlowProtocol;
}

/**
 * One allowed flow, as listed by `Reachability.flows()`.
 *
 * `from`/`to` are workload ids (`namespace/name`), external endpoint names, or `*`. A row `s -> *` lists the
 * ports s's egress admits towards any destination; a row `* -> d` lists the ports d's ingress admits from any
 * source. Together they imply `s -> d` on the ports both list; other rows name concrete pairs.
 */
export interface ReachabilityFlow {
  /** Source: `namespace/name`, an external endpoint's name, or `*`. */
  readonly from: string;
  /** Destination: `namespace/name`, an external endpoint's name, or `*`. */
  readonly to: string;
  /**
   * Protocol.
   * @default - every protocol and every port (`any`)
   */
  readonly protocol?: FlowProtocol;
  /**
   * First port of the range.
   * @default - every port of `protocol` (or the named port `portName`)
   */
  readonly port?: number;
  /**
   * Last port of the range (inclusive).
   * @default - `port` only
   */
  readonly endPort?: number;
  /**
   * A named port, kept unresolved in `s -> *` rows: each destination resolves it on its own containers.
   * @default - a numbered port or range
   */
  readonly portName?: string;
}

/** The verdict for one direction (the source's egress or the destination's ingress). */
export interface DirectionVerdict {
  /** Whether this side admits the traffic. */
  readonly allowed: boolean;
  /** Whether a NetworkPolicy selects the endpoint for this direction (it is then open only to what its rules admit). */
  readonly isolated: boolean;
  /** The policies (`namespace/name`) that select the endpoint for this direction. */
  readonly policies: string[];
  /** The rules (`namespace/policy ingress[0]`) that admit the traffic. */
  readonly rules: string[];
  /** A sentence saying why. */
  readonly reason: string;
}

/** The verdict for a query, with the reasons on both sides. */
export interface ReachabilityVerdict {
  /** Allowed: the source's egress and the destination's ingress both admit it. */
  readonly allowed: boolean;
  /** The source id. */
  readonly from: string;
  /** The destination id. */
  readonly to: string;
  /** The protocol. */
  readonly protocol: FlowProtocol;
  /** The port number (a named port resolved on the destination). */
  readonly port: number;
  /** The source's egress side. */
  readonly egress: DirectionVerdict;
  /** The destination's ingress side. */
  readonly ingress: DirectionVerdict;
  /** A sentence saying why. */
  readonly reason: string;
}

/** The difference between expected and actual flows. */
export interface FlowDiff {
  /** Expected flows that are not allowed. */
  readonly missing: ReachabilityFlow[];
  /** Allowed flows that were not expected. */
  readonly extra: ReachabilityFlow[];
}

const LEGEND = "'*' is every endpoint whose own side admits the traffic: as destination, pods not isolated for ingress "
  + 'on that port and all external addresses; as source, pods whose egress is open on that port and all external addresses. '
  + "Rows 's -> *' and '* -> d' together allow s -> d on the ports both list; every other allowed pair is listed.";

/**
 * Who can talk to whom, computed from NetworkPolicies the way Kubernetes enforces them, over a set of
 * manifests: namespaces (with labels), the pods that workloads create, NetworkPolicies and declared
 * external endpoints. Answers single queries with reasons, lists all allowed flows compactly, asserts them
 * in tests, and draws them as a table or a Mermaid flowchart.
 *
 * `ipBlock` peers match only external endpoints, never pod IPs (whether a pod IP matches an ipBlock is
 * implementation-defined in Kubernetes); traffic between pods is decided by selectors only.
 *
 * @see https://kubernetes.io/docs/concepts/services-networking/network-policies/
 */
export class Reachability {
  /**
   * Analyses every API object under a construct (an App, a Chart, or any construct).
   */
  public static of(scope: IConstruct, options: ReachabilityOptions = {}): Reachability {
    const { ApiObject: apiObject } = _cdk8s(); // loaded on first use: `cdk8s-hardened graph` never needs it
    const objects = scope.node.findAll().filter(c => apiObject.isApiObject(c)).map(o => (o as ApiObject).toJson());
    return new Reachability(objects, options);
  }

  /**
   * Analyses plain manifest objects (`Testing.synth(chart)`, `chart.toJson()`, or parsed YAML).
   */
  public static fromObjects(objects: any[], options: ReachabilityOptions = {}): Reachability {
    return new Reachability(objects, options);
  }

  /** One line of text for a flow: `from -> to PORTS` (PORTS: `any`, `TCP`, `TCP/80`, `TCP/80-90`, `TCP/http`). */
  public static formatFlow(flow: ReachabilityFlow): string {
    const proto = flow.protocol === undefined ? undefined : protoIndex(flow.protocol);
    return `${flow.from} -> ${flow.to} ${_partText(proto, flow.port, flow.endPort, flow.portName)}`;
  }

  /**
   * Parses flow lines as written by `formatFlow`, with several ports allowed after the arrow
   * (`a/web -> a/api TCP/8080, UDP/53`).
   */
  public static parseFlows(line: string): ReachabilityFlow[] {
    const m = /^\s*(\S+)\s*->\s*(\S+)\s+(.+?)\s*$/.exec(line ?? '');
    if (!m) throw new Error(`Invalid flow "${line}": expected "FROM -> TO PORTS", e.g. "shop/web -> shop/api TCP/8080".`);
    return m[3].split(/\s*,\s*/).map(part => ({ from: m[1], to: m[2], ...parsePart(part, line) }));
  }

  private readonly analysis: _Analysis;
  private readonly _namespaces?: Set<string>;
  private _rows?: FlowRow[];

  private constructor(objects: any[], options: ReachabilityOptions) {
    if (options.stubs?.length) objects = [...objects, ...options.stubs.flatMap(stub => stub.toManifests())];
    if (options.namespaces) {
      this._namespaces = new Set(options.namespaces.map(ns => _validateDns1123Label(ns, 'namespace under test')));
    }
    const externals = options.externals ?? [];
    for (const e of externals) {
      _validateDns1123Subdomain(e.name, 'external endpoint name');
      _parseRange(e.cidr, `cidr of external endpoint "${e.name}"`);
    }
    const defaultNamespace = _validateDns1123Label(options.defaultNamespace ?? 'default', 'defaultNamespace');
    this.analysis = new _Analysis(new _Model(objects, externals, defaultNamespace));
  }

  /** Ids of the analysed workloads (`namespace/name`), sorted. */
  public get workloads(): string[] {
    return this.analysis.model.endpoints.filter(e => !e.range).map(e => e.id);
  }

  /**
   * Objects that run pods the analysis leaves out, as `namespace/Kind:name`, sorted (within the namespaces under test
   * when `namespaces` is set): Argo Workflows, Tekton runs and other kinds whose controller creates and labels the pods at
   * run time, so the NetworkPolicies that select those pods cannot be read from the manifests. The table, Mermaid and JSON
   * renderings list them.
   */
  public get notModelled(): string[] {
    const keep = this._namespaces;
    return this.analysis.model.notModelled.filter(id => !keep || keep.has(id.split('/')[0]));
  }

  /** Names of the declared external endpoints, sorted. */
  public get externals(): string[] {
    return this.analysis.model.endpoints.filter(e => e.range).map(e => e.id);
  }

  /** Whether the query's traffic is allowed. */
  public isAllowed(query: ReachabilityQuery): boolean {
    return this.explain(query).allowed;
  }

  /** The verdict for a query with the policies and rules that decide it on each side. */
  public explain(query: ReachabilityQuery): ReachabilityVerdict {
    const from = this.endpoint(query.from, 'from');
    const to = this.endpoint(query.to, 'to');
    const protocol = query.protocol ?? FlowProtocol.TCP;
    const proto = protoIndex(protocol);
    const port = this.queryPort(query, to, protocol);
    const egress = toDirection(this.analysis.side('egress', from, to, proto, port));
    const ingress = toDirection(this.analysis.side('ingress', to, from, proto, port));
    const allowed = egress.allowed && ingress.allowed;
    const what = `${from.id} -> ${to.id} ${protocol}/${port}`;
    const reason = allowed
      ? `${what} is allowed: ${egress.reason}; ${ingress.reason}.`
      : `${what} is denied: ${[egress, ingress].filter(v => !v.allowed).map(v => v.reason).join('; ')}.`;
    return { allowed, from: from.id, to: to.id, protocol, port, egress, ingress, reason };
  }

  /**
   * Every allowed flow, compactly and sorted (see `ReachabilityFlow` for the meaning of `*`). A pair absent
   * from the list, and not implied by a `s -> *` and a `* -> d` row, is denied.
   */
  public flows(): ReachabilityFlow[] {
    return this.rows().flatMap(r => toFlows(r.from, r.to, r.ports));
  }

  /** The difference between an expected flow list and the allowed flows, port by port. */
  public diffFlows(expected: ReachabilityFlow[]): FlowDiff {
    const want = group(expected);
    const have = new Map<string, _PortSet>();
    for (const r of this.rows()) have.set(`${r.from} ${r.to}`, r.ports);
    const missing: ReachabilityFlow[] = [];
    const extra: ReachabilityFlow[] = [];
    for (const key of [...new Set([...want.keys(), ...have.keys()])].sort()) {
      const [from, to] = key.split(' ');
      const w = want.get(key) ?? _PortSet.EMPTY;
      const h = have.get(key) ?? _PortSet.EMPTY;
      _pushAll(missing, toFlows(from, to, w.subtract(h)));
      _pushAll(extra, toFlows(from, to, h.subtract(w)));
    }
    return { missing, extra };
  }

  /**
   * Throws an Error listing missing and extra flows unless the allowed flows equal `expected` exactly
   * (compared port by port, so `TCP/80` + `TCP/81` equals `TCP/80-81`).
   */
  public assertFlows(expected: ReachabilityFlow[]): void {
    const diff = this.diffFlows(expected);
    if (diff.missing.length === 0 && diff.extra.length === 0) return;
    const lines = [
      `Allowed network flows differ from the expected list (${diff.missing.length} missing, ${diff.extra.length} extra):`,
      ...(diff.missing.length ? ['  missing (expected, but denied):', ...diff.missing.map(f => `    - ${Reachability.formatFlow(f)}`)] : []),
      ...(diff.extra.length ? ['  extra (allowed, but not expected):', ...diff.extra.map(f => `    + ${Reachability.formatFlow(f)}`)] : []),
      `  (${LEGEND})`,
    ];
    throw new Error(lines.join('\n'));
  }

  /** `assertFlows` with flow lines (`"a/web -> a/api TCP/8080, TCP/9090"`), see `parseFlows`. */
  public assertFlowLines(lines: string[]): void {
    this.assertFlows(lines.flatMap(l => Reachability.parseFlows(l)));
  }

  /** The flows as lines of `formatFlow` text, one line per pair with its ports joined. */
  public flowLines(): string[] {
    return this.rows().map(r => `${r.from} -> ${r.to} ${r.ports.toString()}`);
  }

  /** The flows as an aligned text table (FROM, TO, PORTS) with a legend. */
  public toTable(): string {
    return _renderTable(this.rows(), LEGEND, this.notModelled);
  }

  /** The flows as a Mermaid flowchart: one subgraph per namespace, one edge per pair labelled with its ports. */
  public toMermaid(): string {
    return _renderMermaid(this.analysis.model, this.rows(), this.notModelled);
  }

  /** The workloads, externals and flows as a JSON-ready object (deterministic order). */
  public toJson(): any {
    return _renderJson(this.analysis.model, this.flows(), LEGEND, this.notModelled);
  }

  private rows(): FlowRow[] {
    if (!this._rows) {
      const rows = this.analysis.flows();
      const keep = this._namespaces;
      const inScope = (id: string) => keep!.has(id.split('/')[0]) && id.includes('/');
      this._rows = keep ? rows.filter(r => inScope(r.from) || inScope(r.to)) : rows;
    }
    return this._rows;
  }

  private endpoint(id: string, field: string): Endpoint {
    const known = this.analysis.model.get(id);
    if (known) return known;
    if (typeof id === 'string' && _isIpOrCidr(id)) {
      return { index: -1, id, name: id, kind: 'External', labels: {}, range: _parseRange(id, `query ${field}`) };
    }
    const sample = this.analysis.model.endpoints.slice(0, 5).map(e => `"${e.id}"`).join(', ');
    throw new Error(`Unknown ${field} "${id}" in reachability query: use a workload id "namespace/name", an external endpoint name or an IP address`
      + (sample ? ` (known: ${sample}${this.analysis.model.endpoints.length > 5 ? ', ...' : ''}).` : '.'));
  }

  private queryPort(query: ReachabilityQuery, to: Endpoint, protocol: string): number {
    if ((query.port === undefined) === (query.portName === undefined)) {
      throw new Error(`Reachability query ${query.from} -> ${query.to}: give exactly one of "port" and "portName".`);
    }
    if (query.port !== undefined) {
      if (!Number.isInteger(query.port) || query.port < 1 || query.port > _MAX_PORT) {
        throw new Error(`Invalid port ${query.port} in reachability query: a port must be an integer between 1 and 65535.`);
      }
      return query.port;
    }
    const ports = to.namedPorts?.get(`${query.portName}/${protocol}`) ?? [];
    if (ports.length === 0) {
      const names = [...(to.namedPorts?.keys() ?? [])].sort().join(', ') || 'none';
      throw new Error(`Named port "${query.portName}" (${protocol}) is not a container port of ${to.id} (its named ports: ${names}).`);
    }
    return ports[0];
  }
}

function protoIndex(p: string): number {
  const i = _PROTOCOLS.indexOf(p);
  if (i < 0) throw new Error(`Unknown protocol "${p}": use FlowProtocol.TCP, UDP or SCTP.`);
  return i;
}

function toDirection(v: SideVerdict): DirectionVerdict {
  return { allowed: v.allowed, isolated: v.isolated, policies: v.policies, rules: v.rules, reason: v.reason };
}

function toFlows(from: string, to: string, ports: _PortSet): ReachabilityFlow[] {
  return ports.parts().map(p => {
    const flow: { -readonly [K in keyof ReachabilityFlow]: ReachabilityFlow[K] } = { from, to };
    if (p.proto !== undefined) flow.protocol = _PROTOCOLS[p.proto] as FlowProtocol;
    if (p.name !== undefined) flow.portName = p.name;
    if (p.lo !== undefined) flow.port = p.lo;
    if (p.hi !== undefined && p.hi !== p.lo) flow.endPort = p.hi;
    return flow;
  });
}

function flowPorts(f: ReachabilityFlow): _PortSet {
  const where = `expected flow ${JSON.stringify(f)}`;
  if (typeof f.from !== 'string' || typeof f.to !== 'string' || f.from.includes(' ') || f.to.includes(' ')) {
    throw new Error(`Invalid ${where}: "from" and "to" must be ids without spaces.`);
  }
  if (f.protocol === undefined) {
    if (f.port !== undefined || f.portName !== undefined) throw new Error(`Invalid ${where}: a port needs a protocol.`);
    return _PortSet.ALL;
  }
  const proto = protoIndex(f.protocol);
  if (f.portName !== undefined) return _PortSet.named(proto, f.portName);
  if (f.port === undefined) return _PortSet.allOf(proto);
  const end = f.endPort ?? f.port;
  if (!Number.isInteger(f.port) || f.port < 1 || !Number.isInteger(end) || end < f.port || end > _MAX_PORT) {
    throw new Error(`Invalid ${where}: ports must be integers with 1 <= port <= endPort <= 65535.`);
  }
  return _PortSet.range(proto, f.port, end);
}

function group(flows: ReachabilityFlow[]): Map<string, _PortSet> {
  const out = new Map<string, _PortSet>();
  for (const f of flows) {
    const key = `${f.from} ${f.to}`;
    out.set(key, (out.get(key) ?? _PortSet.EMPTY).union(flowPorts(f)));
  }
  return out;
}

function parsePart(part: string, line: string): Omit<ReachabilityFlow, 'from' | 'to'> {
  if (part === 'any') return {};
  const m = /^(TCP|UDP|SCTP)(?:\/(?:([0-9]+)(?:-([0-9]+))?|([a-z0-9][-a-z0-9]*)))?$/.exec(part);
  if (!m) throw new Error(`Invalid ports "${part}" in flow "${line}": use any, TCP, TCP/80, TCP/8000-8080 or TCP/http (also UDP, SCTP).`);
  const out: { -readonly [K in keyof ReachabilityFlow]?: ReachabilityFlow[K] } = { protocol: m[1] as FlowProtocol };
  if (m[2] !== undefined) out.port = Number(m[2]);
  if (m[3] !== undefined) out.endPort = Number(m[3]);
  if (m[4] !== undefined) out.portName = m[4];
  return out;
}
