// SPDX-License-Identifier: Apache-2.0
/**
 * Internal: reads manifest objects (plain JSON) into the model the reachability analysis works on:
 * namespaces with labels, workloads (the pods they create), NetworkPolicies and external endpoints.
 * Bad input throws a plain Error naming the object, the field and the fix.
 */
import { _PortSet, _PROTOCOLS, NamedPorts } from './_ports';
import { _ipBlockAdmits, _parseRange, IpRange } from '../../core/_cidr';
import { _apiGroup, _objectIdentity } from '../../core/_object-identity';
import { _hasOwn } from '../../core/_util';
import { _podTemplate, _podTemplates, _runsPods } from '../../policy/rules/_pod-spec';

/** The label the API server puts on every namespace. @internal */
export const _NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/** Kinds whose pods the analysis models (PodTemplate creates no pod). @internal */
export const _WORKLOAD_KINDS: ReadonlyArray<string> = [
  'Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job', 'CronJob',
];

/** The API groups of the built-in workload kinds (a same-named kind of another group is a custom resource). */
const BUILT_IN_GROUPS: Readonly<Record<string, ReadonlyArray<string>>> = {
  Pod: [''],
  ReplicationController: [''],
  Deployment: ['apps', 'extensions'],
  StatefulSet: ['apps'],
  DaemonSet: ['apps', 'extensions'],
  ReplicaSet: ['apps', 'extensions'],
  Job: ['batch'],
  CronJob: ['batch'],
};

/** A compiled label selector. @internal */
export interface Selector {
  /** Canonical JSON, for caching. */
  readonly key: string;
  /** True for `{}`: selects everything. */
  readonly all: boolean;
  /** `matchLabels` pairs as `key=value`, for index lookups. */
  readonly pairs: ReadonlyArray<string>;
  readonly matches: (labels: Record<string, string>) => boolean;
}

/** An analysed endpoint: a workload's pods or an external address range. @internal */
export interface Endpoint {
  /** Position in `_Model.endpoints`. */
  readonly index: number;
  /** `namespace/name` for workloads, the given name for externals. */
  readonly id: string;
  /** Undefined for externals. */
  readonly namespace?: string;
  readonly name: string;
  /** `Deployment`, ..., or `External`. */
  readonly kind: string;
  readonly labels: Record<string, string>;
  /** Container ports by `name/PROTOCOL`; undefined for externals. */
  readonly namedPorts?: NamedPorts;
  /** Address range; undefined for workloads. */
  readonly range?: IpRange;
}

/** One `from`/`to` entry. @internal */
export interface Peer {
  readonly podSelector?: Selector;
  readonly namespaceSelector?: Selector;
  readonly ipBlock?: { readonly cidr: IpRange; readonly except: IpRange[] };
  readonly key: string;
}

/** One ingress or egress rule. @internal */
export interface Rule {
  /** `ns/policy ingress[0]`. */
  readonly label: string;
  /** Undefined when `from`/`to` is missing or empty: the rule admits every peer. */
  readonly peers?: ReadonlyArray<Peer>;
  /** Ports with names unresolved; ALL when `ports` is missing or empty. */
  readonly ports: _PortSet;
}

/** One NetworkPolicy. @internal */
export interface Policy {
  readonly id: string;
  readonly namespace: string;
  readonly podSelector: Selector;
  /** Undefined when the policy does not have policy type Ingress. */
  readonly ingress?: ReadonlyArray<Rule>;
  /** Undefined when the policy does not have policy type Egress. */
  readonly egress?: ReadonlyArray<Rule>;
}

/** An external endpoint declared by the caller. @internal */
export interface ExternalInput {
  readonly name: string;
  readonly cidr: string;
}

function fail(where: string, msg: string): never {
  throw new Error(`${where}: ${msg}`);
}

function isObj(x: unknown): x is Record<string, any> {
  return x !== null && typeof x === 'object' && !Array.isArray(x);
}

function labelsOf(x: unknown, where: string): Record<string, string> {
  if (x === undefined || x === null) return {};
  if (!isObj(x)) fail(where, `labels must be a map of strings, got ${JSON.stringify(x)}.`);
  // A null-prototype map: "__proto__" is stored as an ordinary key (on a plain object the assignment is dropped).
  const out: Record<string, string> = Object.create(null);
  for (const [k, v] of Object.entries(x)) out[k] = String(v);
  return out;
}

/** Compiles a LabelSelector (matchLabels AND matchExpressions). @internal */
export function _selector(sel: unknown, where: string): Selector {
  if (sel === undefined || sel === null) sel = {};
  if (!isObj(sel)) fail(where, `a label selector must be an object, got ${JSON.stringify(sel)}.`);
  const ml = labelsOf(sel.matchLabels, `${where}.matchLabels`);
  const exprs: any[] = sel.matchExpressions ?? [];
  if (!Array.isArray(exprs)) fail(where, 'matchExpressions must be a list.');
  const tests: Array<(l: Record<string, string>) => boolean> = [];
  const pairs = Object.keys(ml).sort().map(k => `${k}=${ml[k]}`);
  for (const k of Object.keys(ml)) tests.push(l => _hasOwn(l, k) && l[k] === ml[k]);
  exprs.forEach((e, i) => {
    const w = `${where}.matchExpressions[${i}]`;
    if (!isObj(e) || typeof e.key !== 'string') fail(w, 'each expression needs a string "key".');
    const values: string[] = (e.values ?? []).map(String);
    const key = e.key;
    switch (e.operator) {
      case 'In':
      case 'NotIn':
        if (values.length === 0) fail(w, `operator ${e.operator} needs a non-empty "values" list.`);
        tests.push(e.operator === 'In'
          ? l => _hasOwn(l, key) && values.includes(l[key])
          : l => !_hasOwn(l, key) || !values.includes(l[key]));
        break;
      case 'Exists':
      case 'DoesNotExist':
        if (values.length > 0) fail(w, `operator ${e.operator} must not have "values".`);
        tests.push(e.operator === 'Exists' ? l => _hasOwn(l, key) : l => !_hasOwn(l, key));
        break;
      default:
        fail(w, `unknown operator ${JSON.stringify(e.operator)}: use In, NotIn, Exists or DoesNotExist.`);
    }
  });
  const canon = { matchLabels: pairs, matchExpressions: exprs.map(e => [e.key, e.operator, [...(e.values ?? [])].map(String).sort()]) };
  return {
    key: JSON.stringify(canon),
    all: tests.length === 0,
    pairs,
    matches: tests.length === 0 ? () => true : l => tests.every(t => t(l)),
  };
}

function protocolIndex(p: unknown, where: string): number {
  const proto = p ?? 'TCP';
  const i = _PROTOCOLS.indexOf(proto as string);
  if (i < 0) fail(where, `unknown protocol ${JSON.stringify(p)}: NetworkPolicy ports take TCP, UDP or SCTP (default TCP).`);
  return i;
}

function portsOf(list: unknown, where: string): _PortSet {
  if (list === undefined || list === null) return _PortSet.ALL;
  if (!Array.isArray(list)) fail(where, '"ports" must be a list.');
  if (list.length === 0) return _PortSet.ALL;
  let set = _PortSet.EMPTY;
  list.forEach((p, i) => {
    const w = `${where}[${i}]`;
    if (!isObj(p)) fail(w, 'each port must be an object with "protocol", "port" and optional "endPort".');
    const proto = protocolIndex(p.protocol, w);
    const port = p.port;
    if (port === undefined || port === null) {
      if (p.endPort !== undefined) fail(w, '"endPort" needs a numeric "port" as the start of the range.');
      set = set.union(_PortSet.allOf(proto));
    } else if (typeof port === 'number') {
      if (!Number.isInteger(port) || port < 1 || port > 65535) fail(w, `port ${port} must be an integer between 1 and 65535.`);
      const end = p.endPort ?? port;
      if (!Number.isInteger(end) || end < port || end > 65535) {
        fail(w, `endPort ${p.endPort} must be an integer between port (${port}) and 65535.`);
      }
      set = set.union(_PortSet.range(proto, port, end));
    } else if (typeof port === 'string') {
      if (/^[0-9]+$/.test(port)) fail(w, `port "${port}" is a string of digits: write it as a number (${port}); a named port must contain a letter.`);
      if (p.endPort !== undefined) fail(w, `"endPort" cannot be used with the named port "${port}"; use a numeric port.`);
      set = set.union(_PortSet.named(proto, port));
    } else {
      fail(w, `port must be a number or a port name, got ${JSON.stringify(port)}.`);
    }
  });
  return set;
}

function peerOf(p: unknown, where: string): Peer {
  if (!isObj(p)) fail(where, 'a peer must be an object with podSelector, namespaceSelector or ipBlock.');
  const has = (k: string) => p[k] !== undefined && p[k] !== null;
  if (!has('podSelector') && !has('namespaceSelector') && !has('ipBlock')) {
    fail(where, 'a peer must set podSelector, namespaceSelector or ipBlock (the API server rejects an empty peer).');
  }
  if (has('ipBlock')) {
    if (has('podSelector') || has('namespaceSelector')) fail(where, 'ipBlock cannot be combined with podSelector or namespaceSelector in one peer.');
    const b = p.ipBlock;
    if (!isObj(b) || typeof b.cidr !== 'string') fail(`${where}.ipBlock`, 'ipBlock needs a "cidr" such as "10.0.0.0/8".');
    const cidr = _parseRange(b.cidr, `${where}.ipBlock.cidr`);
    const except = ((b.except ?? []) as unknown[]).map((e, i) => {
      const r = _parseRange(e as string, `${where}.ipBlock.except[${i}]`);
      if (r.family !== cidr.family || r.first < cidr.first || r.last > cidr.last) {
        fail(`${where}.ipBlock.except[${i}]`, `"${e}" must lie inside the ipBlock cidr "${b.cidr}".`);
      }
      return r;
    });
    return { ipBlock: { cidr, except }, key: JSON.stringify(['ip', cidr.text, except.map(e => e.text)]) };
  }
  const podSelector = has('podSelector') ? _selector(p.podSelector, `${where}.podSelector`) : undefined;
  const namespaceSelector = has('namespaceSelector') ? _selector(p.namespaceSelector, `${where}.namespaceSelector`) : undefined;
  return { podSelector, namespaceSelector, key: JSON.stringify([podSelector?.key ?? null, namespaceSelector?.key ?? null]) };
}

function rulesOf(list: unknown, field: 'ingress' | 'egress', policyId: string, where: string): Rule[] {
  if (list === undefined || list === null) return [];
  if (!Array.isArray(list)) fail(where, `"${field}" must be a list of rules.`);
  const peerField = field === 'ingress' ? 'from' : 'to';
  return list.map((r, i) => {
    const w = `${where}[${i}]`;
    if (!isObj(r)) fail(w, 'each rule must be an object.');
    const rawPeers = r[peerField];
    if (rawPeers !== undefined && rawPeers !== null && !Array.isArray(rawPeers)) fail(`${w}.${peerField}`, 'must be a list of peers.');
    const peers = Array.isArray(rawPeers) && rawPeers.length > 0
      ? rawPeers.map((p, j) => peerOf(p, `${w}.${peerField}[${j}]`))
      : undefined;
    return { label: `${policyId} ${field}[${i}]`, peers, ports: portsOf(r.ports, `${w}.ports`) };
  });
}

function namedPortsOf(spec: any): NamedPorts {
  const out: NamedPorts = new Map();
  // Named ports resolve against the pod's (regular) containers, as the kubelet and kube-proxy do.
  for (const c of Array.isArray(spec?.containers) ? spec.containers : []) {
    for (const p of Array.isArray(c?.ports) ? c.ports : []) {
      if (!p || typeof p.name !== 'string' || typeof p.containerPort !== 'number') continue;
      const key = `${p.name}/${p.protocol ?? 'TCP'}`;
      out.set(key, [...(out.get(key) ?? []), p.containerPort]);
    }
  }
  return out;
}

/** The whole model. @internal */
export class _Model {
  /** Namespace name -> labels (with `kubernetes.io/metadata.name`). */
  public readonly namespaces = new Map<string, Record<string, string>>();
  /** Workloads first (sorted by id), then externals (sorted by name). */
  public readonly endpoints: Endpoint[] = [];
  public readonly workloadCount: number;
  public readonly policies: Policy[] = [];
  /**
   * Objects that run pods the model leaves out (`namespace/Kind:name`, sorted): their controller creates and labels
   * the pods at run time (Argo Workflows, Tekton), so the policies that select them cannot be read from the manifests.
   */
  public readonly notModelled: string[] = [];
  private readonly byId = new Map<string, Endpoint>();

  constructor(objects: unknown[], externals: ReadonlyArray<ExternalInput>, defaultNamespace: string) {
    if (!Array.isArray(objects)) throw new Error(`Reachability: expected a list of manifest objects, got ${typeof objects}.`);
    const nsLabels = new Map<string, Record<string, string>>();
    const referenced = new Set<string>();
    const workloads: Array<Omit<Endpoint, 'index' | 'id'>> = [];
    // Objects with the same API group, kind, namespace and name are one object: the later replaces the earlier on apply.
    const lastIndex = new Map<string, number>();
    objects.forEach((obj, i) => {
      const key = _objectIdentity(obj, defaultNamespace);
      if (key !== undefined) lastIndex.set(key, i);
    });
    objects.forEach((obj, i) => {
      if (obj === null || obj === undefined) return;
      const identity = _objectIdentity(obj, defaultNamespace);
      if (identity !== undefined && lastIndex.get(identity) !== i) return;
      if (!isObj(obj)) fail(`object #${i}`, `expected a Kubernetes object, got ${JSON.stringify(obj)}.`);
      const kind = obj.kind;
      const md = isObj(obj.metadata) ? obj.metadata : {};
      const name = md.name ?? md.generateName;
      const where = `${kind ?? 'object'} ${md.namespace ? md.namespace + '/' : ''}${name ?? `#${i}`}`;
      if (kind === 'Namespace') {
        if (typeof name !== 'string') fail(where, 'a Namespace needs metadata.name.');
        nsLabels.set(name, { ...labelsOf(md.labels, `${where} metadata.labels`), [_NAMESPACE_NAME_LABEL]: name });
        return;
      }
      if (typeof md.namespace === 'string') referenced.add(md.namespace);
      const namespace: string = typeof md.namespace === 'string' ? md.namespace : defaultNamespace;
      if (kind === 'NetworkPolicy') {
        if (typeof name !== 'string') fail(where, 'a NetworkPolicy needs metadata.name.');
        referenced.add(namespace);
        this.policies.push(policyOf(obj, namespace, name, where));
        return;
      }
      const builtIn = _WORKLOAD_KINDS.includes(kind) && BUILT_IN_GROUPS[kind].includes(_apiGroup(obj.apiVersion));
      if (!builtIn && _runsPods(obj) && typeof name === 'string') {
        // A custom resource with one pod template (Argo Rollout, Knative Service, OpenKruise CloneSet, ...): its pods carry
        // the template's labels. Kinds whose pods get labels some other way (Argo Workflows, Tekton runs) are left out.
        const pods = _podTemplates(obj);
        if (pods.length !== 1 || pods[0].containers !== undefined) {
          // Workflow steps, Tekton tasks: the controller labels their pods at run time, so no selector can be evaluated.
          this.notModelled.push(`${namespace}/${kind}:${name}`);
        } else {
          referenced.add(namespace);
          workloads.push({
            namespace,
            name,
            kind,
            labels: labelsOf(pods[0].metadata?.labels, `${where} pod template labels`),
            namedPorts: namedPortsOf(pods[0].spec),
          });
        }
        return;
      }
      if (builtIn) {
        if (typeof name !== 'string') fail(where, `a ${kind} needs metadata.name.`);
        const t = _podTemplate(obj);
        if (!t) fail(where, `a ${kind} needs a pod spec (${kind === 'Pod' ? 'spec' : kind === 'CronJob' ? 'spec.jobTemplate.spec.template' : 'spec.template'}).`);
        referenced.add(namespace);
        workloads.push({
          namespace,
          name,
          kind,
          labels: labelsOf(t.metadata?.labels, `${where} pod template labels`),
          namedPorts: namedPortsOf(t.spec),
        });
      }
    });
    for (const ns of [...new Set([...nsLabels.keys(), ...referenced])].sort()) {
      this.namespaces.set(ns, nsLabels.get(ns) ?? { [_NAMESPACE_NAME_LABEL]: ns });
    }
    this.policies.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

    // Ids are `namespace/name`; two workloads of different kinds sharing a name get `namespace/Kind:name`.
    const count = new Map<string, number>();
    for (const w of workloads) count.set(`${w.namespace}/${w.name}`, (count.get(`${w.namespace}/${w.name}`) ?? 0) + 1);
    const withIds = workloads.map(w => {
      const base = `${w.namespace}/${w.name}`;
      return { ...w, id: count.get(base)! > 1 ? `${w.namespace}/${w.kind}:${w.name}` : base };
    });
    withIds.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    for (let i = 1; i < withIds.length; i++) {
      if (withIds[i].id === withIds[i - 1].id) fail(withIds[i].id, 'two objects of the same kind share this name and namespace; names must be unique.');
    }
    withIds.forEach(w => this.add(w));
    this.notModelled.sort();
    this.workloadCount = this.endpoints.length;

    const seen = new Set<string>();
    for (const e of [...externals].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      if (seen.has(e.name)) throw new Error(`External endpoint "${e.name}" is declared twice: give each external endpoint a unique name.`);
      seen.add(e.name);
      this.add({ name: e.name, id: e.name, kind: 'External', labels: {}, range: _parseRange(e.cidr, `external endpoint "${e.name}" cidr`) });
    }
  }

  /** The endpoint with an id, or undefined. */
  public get(id: string): Endpoint | undefined {
    return this.byId.get(id);
  }

  /** Labels of a namespace (every referenced namespace is known). */
  public nsLabels(ns: string): Record<string, string> {
    return this.namespaces.get(ns) ?? { [_NAMESPACE_NAME_LABEL]: ns };
  }

  /**
   * Whether a peer matches an endpoint, for a policy in `policyNs`. ipBlock matches only externals;
   * selectors match only workloads.
   */
  public peerMatches(peer: Peer, policyNs: string, ep: Endpoint): boolean {
    if (peer.ipBlock) return ep.range !== undefined && _ipBlockAdmits(ep.range, peer.ipBlock.cidr, peer.ipBlock.except);
    if (ep.namespace === undefined) return false;
    const nsOk = peer.namespaceSelector ? peer.namespaceSelector.matches(this.nsLabels(ep.namespace)) : ep.namespace === policyNs;
    return nsOk && (!peer.podSelector || peer.podSelector.matches(ep.labels));
  }

  private add(e: Omit<Endpoint, 'index'>): void {
    if (this.byId.has(e.id)) {
      throw new Error(`External endpoint "${e.id}" has the same name as a workload: choose another name for the external endpoint.`);
    }
    const ep = { ...e, index: this.endpoints.length };
    this.endpoints.push(ep);
    this.byId.set(ep.id, ep);
  }
}

function policyOf(obj: Record<string, any>, namespace: string, name: string, where: string): Policy {
  const spec = obj.spec;
  if (!isObj(spec)) fail(where, 'a NetworkPolicy needs a spec.');
  const id = `${namespace}/${name}`;
  let types: string[];
  if (spec.policyTypes === undefined || spec.policyTypes === null || (Array.isArray(spec.policyTypes) && spec.policyTypes.length === 0)) {
    // Defaulting of the API server: Ingress always, Egress only when the policy has egress rules.
    types = ['Ingress'];
    if (Array.isArray(spec.egress) && spec.egress.length > 0) types.push('Egress');
  } else if (Array.isArray(spec.policyTypes)) {
    types = spec.policyTypes;
    for (const t of types) if (t !== 'Ingress' && t !== 'Egress') fail(`${where} spec.policyTypes`, `unknown policy type ${JSON.stringify(t)}: use Ingress and/or Egress.`);
  } else {
    fail(`${where} spec.policyTypes`, 'must be a list of Ingress and/or Egress.');
  }
  return {
    id,
    namespace,
    podSelector: _selector(spec.podSelector, `${where} spec.podSelector`),
    ingress: types.includes('Ingress') ? rulesOf(spec.ingress, 'ingress', id, `${where} spec.ingress`) : undefined,
    egress: types.includes('Egress') ? rulesOf(spec.egress, 'egress', id, `${where} spec.egress`) : undefined,
  };
}
