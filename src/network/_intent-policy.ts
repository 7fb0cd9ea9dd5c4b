// SPDX-License-Identifier: Apache-2.0
/**
 * Internal builder behind the intent-level traffic methods of `HardenedNamespace`. Not exported
 * from the package.
 *
 * Built on cdk8s-plus-28 `NetworkPolicy`: one rule, one peer, explicit ports, and a policy type
 * for the one direction asked (`addIngressRule` adds only `Ingress`, `addEgressRule` only `Egress`),
 * which is exactly what these intents need.
 */
import { createHash } from 'crypto';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { AllowedPort, TrafficOptions } from './traffic-options';
import { _validateLabels } from '../core/_kube-validation';
import { _labelSelectorJson } from '../core/_label-selector';
import { _isIpv4, _validateCidr, _validateDns1123Subdomain, _validatePort } from '../core/_util';

/** Direction of an intent policy. @internal */
export enum _Direction {
  INGRESS = 'ingress',
  EGRESS = 'egress',
}

/** @internal */
export interface _IntentPolicyInput {
  /** Where the policy construct is created. */
  readonly scope: Construct;
  /** The namespace the policy lives in (and the target pods are in). */
  readonly namespace: string;
  readonly direction: _Direction;
  /** Short, DNS-safe description of the peer for the derived name, e.g. `ns-frontend`. */
  readonly peerName: string;
  /** Builds the peer under the given scope. */
  readonly peer: (scope: Construct) => kplus.INetworkPolicyPeer;
  readonly options: TrafficOptions;
  /** The public method, for error messages. */
  readonly method: string;
}

/** Hex digest prefix used to keep derived names short and unique. @internal */
export function _shortHash(value: string, length: number = 8): string {
  return createHash('sha256').update(value).digest('hex').slice(0, length);
}

/** Lowercase DNS-label-safe fragment of a free string. @internal */
export function _nameFragment(value: string): string {
  return value.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
}

/** Stable JSON with sorted keys, for hashing selectors. @internal */
export function _stableJson(value: any): string {
  if (Array.isArray(value)) return `[${value.map(_stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).sort().filter(k => value[k] !== undefined).map(k => `${JSON.stringify(k)}:${_stableJson(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Validates, de-duplicates and sorts ports; enforces "ports or an explicit allowAllPorts". @internal */
export function _resolvePorts(options: TrafficOptions, method: string): AllowedPort[] {
  const ports = options.ports ?? [];
  if (options.allowAllPorts) {
    if (ports.length > 0) {
      throw new Error(
        `${method}: both ports (${ports.map(p => p.port).join(', ')}) and allowAllPorts: true were given. ` +
        'Give either the ports to open or allowAllPorts: true, not both.',
      );
    }
    return [];
  }
  if (ports.length === 0) {
    throw new Error(
      `${method}: no ports given. A NetworkPolicy rule without ports opens every port; list the ports to open, ` +
      'e.g. ports: [{ port: 8080 }], or pass allowAllPorts: true if every port is really needed.',
    );
  }
  const seen = new Map<string, AllowedPort>();
  for (const p of ports) {
    _validatePort(p.port, `port in ${method}`);
    const protocol = p.protocol ?? kplus.NetworkProtocol.TCP;
    if (!Object.values(kplus.NetworkProtocol).includes(protocol)) {
      throw new Error(`${method}: invalid protocol "${protocol}" for port ${p.port}. Use TCP, UDP or SCTP.`);
    }
    seen.set(`${protocol}/${p.port}`, { port: p.port, protocol });
  }
  return [...seen.values()].sort((a, b) => (a.protocol! < b.protocol! ? -1 : a.protocol! > b.protocol! ? 1 : a.port - b.port));
}

function portsName(ports: AllowedPort[]): string {
  if (ports.length === 0) return 'all-ports';
  return ports.map(p => `${p.protocol!.toLowerCase()}-${p.port}`).join('-');
}

/** Validates the target pods (in this namespace, one way of giving them) and returns a stable key for naming. */
function targetKey(input: _IntentPolicyInput): string | undefined {
  const { options, namespace, method } = input;
  if (options.targetPods && options.targetPodLabels) {
    throw new Error(`${method}: both targetPods and targetPodLabels were given. Give one of them to choose the target pods.`);
  }
  if (options.targetPodLabels) {
    if (Object.keys(options.targetPodLabels).length === 0) {
      throw new Error(`${method}: targetPodLabels is empty. Omit it to target every pod of the namespace, or give the labels of the target pods.`);
    }
    _validateLabels(options.targetPodLabels, `targetPodLabels of ${method} at ${input.scope.node.path}`);
    return _stableJson(options.targetPodLabels);
  }
  if (options.targetPods) {
    const config = options.targetPods.toPodSelectorConfig();
    const names = config.namespaces?.names;
    const nsLabels = config.namespaces?.labelSelector;
    if ((nsLabels && !nsLabels.isEmpty()) || (names && (names.length !== 1 || names[0] !== namespace))) {
      throw new Error(
        `${method}: the target pods (${options.targetPods.node.path}) select pods outside namespace "${namespace}" ` +
        `(namespaces: ${JSON.stringify(names ?? 'by labels')}). A policy of this namespace only applies to its own pods: ` +
        'select pods without a namespace, or place the workload in this namespace.',
      );
    }
    return _stableJson(_labelSelectorJson(config.labelSelector));
  }
  return undefined;
}

function derivedName(input: _IntentPolicyInput, ports: AllowedPort[], key?: string): string {
  const prefix = input.direction === _Direction.INGRESS ? 'allow-ingress-from' : 'allow-egress-to';
  let name = `${prefix}-${input.peerName}-${portsName(ports)}`;
  if (key !== undefined) name += `-for-${_shortHash(key)}`;
  if (name.length > 63) {
    name = `${name.slice(0, 54).replace(/-+$/, '')}-${_shortHash(name)}`;
  }
  return name;
}

/**
 * Creates one NetworkPolicy for one intent. @internal
 */
export function _createIntentPolicy(input: _IntentPolicyInput): kplus.NetworkPolicy {
  const ports = _resolvePorts(input.options, input.method);
  const key = targetKey(input);
  const name = input.options.name !== undefined
    ? _validateDns1123Subdomain(input.options.name, `NetworkPolicy name in ${input.method}`)
    : derivedName(input, ports, key);
  if (input.scope.node.tryFindChild(name)) {
    throw new Error(
      `${input.method}: a NetworkPolicy named "${name}" already exists in namespace "${input.namespace}" ` +
      '(the same intent was asked twice, or two intents derive the same name). Remove the duplicate call or pass a distinct name.',
    );
  }
  // Selector helpers (no manifests of their own) are grouped next to the policy.
  const selectors = new Construct(input.scope, `${name}-selectors`);
  const selector = input.options.targetPodLabels
    ? kplus.Pods.select(selectors, 'Target', { labels: input.options.targetPodLabels })
    : input.options.targetPods;
  const peer = input.peer(selectors);
  const policy = new kplus.NetworkPolicy(input.scope, name, {
    metadata: { name, namespace: input.namespace },
    selector,
  });
  const kubePorts = ports.length === 0 ? undefined : ports.map(p => kplus.NetworkPolicyPort.of({ port: p.port, protocol: p.protocol }));
  if (input.direction === _Direction.INGRESS) {
    policy.addIngressRule(peer, kubePorts);
  } else {
    policy.addEgressRule(peer, kubePorts);
  }
  return policy;
}

/** A peer made from any pod selector (a `Pods.select` or a workload). @internal */
export class _PodSelectorPeer extends Construct implements kplus.INetworkPolicyPeer {
  constructor(scope: Construct, id: string, private readonly selector: kplus.IPodSelector) {
    super(scope, id);
  }
  public toNetworkPolicyPeerConfig(): kplus.NetworkPolicyPeerConfig {
    return { podSelector: this.selector.toPodSelectorConfig() };
  }
  public toPodSelector(): kplus.IPodSelector | undefined {
    return this.selector;
  }
}

/** Validates a CIDR and its exceptions and returns the ipBlock peer. @internal */
export function _cidrPeer(scope: Construct, cidr: string, except: string[] | undefined, method: string): kplus.NetworkPolicyIpBlock {
  _validateCidr(cidr, `CIDR in ${method}`);
  const v4 = _isIpv4(cidr.split('/')[0]);
  const exceptions = (except ?? []).map(e => _validateCidr(e, `except CIDR in ${method}`));
  for (const e of exceptions) {
    if (_isIpv4(e.split('/')[0]) !== v4) {
      throw new Error(`${method}: except CIDR "${e}" is not the same IP family as "${cidr}". Give exceptions inside the allowed CIDR.`);
    }
    if (v4 && !_ipv4Contains(cidr, e)) {
      throw new Error(`${method}: except CIDR "${e}" is not a strict subset of "${cidr}" (the API server rejects it). Give exceptions inside, and smaller than, the allowed CIDR.`);
    }
  }
  const sortedExcept = exceptions.length > 0 ? [...new Set(exceptions)].sort() : undefined;
  return v4
    ? kplus.NetworkPolicyIpBlock.ipv4(scope, 'Cidr', cidr, sortedExcept)
    : kplus.NetworkPolicyIpBlock.ipv6(scope, 'Cidr', cidr.toLowerCase(), sortedExcept?.map(e => e.toLowerCase()));
}

function ipv4ToInt(addr: string): number {
  return addr.split('.').reduce((acc, part) => acc * 256 + Number(part), 0);
}

/** Whether IPv4 CIDR `inner` is a strict subset of `outer` (what the API server requires of `except`). @internal */
export function _ipv4Contains(outer: string, inner: string): boolean {
  const [oAddr, oLen] = outer.split('/');
  const [iAddr, iLen] = inner.split('/');
  if (Number(iLen) <= Number(oLen)) return false;
  const size = 2 ** (32 - Number(oLen));
  const start = Math.floor(ipv4ToInt(oAddr) / size) * size;
  const i = ipv4ToInt(iAddr);
  return i >= start && i < start + size;
}
