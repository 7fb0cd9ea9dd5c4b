// SPDX-License-Identifier: Apache-2.0
import * as kplus from 'cdk8s-plus-28';
import * as k8s from 'cdk8s-plus-28/lib/imports/k8s';
import { Construct } from 'constructs';
import { _DNS_NAMESPACE, _dnsPodLabels } from '../core/_cluster-components';
import { _isIpv4, _validateCidr, _validateDns1123Label, _validateDns1123Subdomain, _validatePort } from '../core/_util';
import { INamespaceRef } from '../core/namespace-ref';

/**
 * How pods in a default-deny namespace reach cluster DNS.
 *
 * @see https://kubernetes.io/docs/concepts/services-networking/dns-pod-service/
 */
export interface DnsEgressOptions {
  /**
   * Allow DNS egress at all.
   *
   * Without it every name lookup in the namespace fails under default-deny egress. Turn it off only
   * for namespaces whose pods resolve nothing (or that get DNS from another policy).
   *
   * @default true - DNS (UDP and TCP 53) to the cluster DNS pods only, nothing else
   */
  readonly allowDnsEgress?: boolean;

  /**
   * Namespace the cluster DNS pods run in, matched by its `kubernetes.io/metadata.name` label
   * (set by the API server and not forgeable by tenants, unlike custom namespace labels).
   *
   * @default "kube-system"
   * @see https://kubernetes.io/docs/concepts/overview/working-with-objects/namespaces/#automatic-labelling
   */
  readonly dnsNamespace?: string;

  /**
   * Labels of the cluster DNS pods (CoreDNS keeps the historical kube-dns label).
   *
   * @default { "k8s-app": "kube-dns" } - the label CoreDNS and kube-dns carry in kubeadm, EKS, GKE and AKS
   */
  readonly dnsPodLabels?: { [key: string]: string };

  /**
   * IPv4 address of a NodeLocal DNSCache listening on every node (often `169.254.20.10`).
   * When set, DNS egress to that address (as a /32) on UDP and TCP 53 is also allowed.
   *
   * @default - no NodeLocal DNSCache rule: only the cluster DNS pods are reachable
   * @see https://kubernetes.io/docs/tasks/administer-cluster/nodelocaldns/
   */
  readonly nodeLocalDnsIp?: string;

  /**
   * DNS ports (each allowed on UDP and TCP), for a cluster DNS that listens elsewhere than 53 (e.g. 5353).
   *
   * @default [53]
   */
  readonly dnsPorts?: number[];

  /**
   * More DNS peers by address (IPv4/IPv6 CIDRs), allowed on the DNS ports: e.g. the node CIDR when NodeLocal DNSCache
   * answers from the node's host network, or a resolver outside the cluster.
   *
   * @default - none: only the cluster DNS pods (and `nodeLocalDnsIp`)
   */
  readonly dnsCidrs?: string[];
}

/**
 * Properties for `DefaultDenyPolicy`.
 */
export interface DefaultDenyPolicyProps extends DnsEgressOptions {
  /**
   * Namespace the policies are placed in.
   *
   * @default - the chart's namespace (or the namespace the manifests are applied to)
   */
  readonly namespace?: INamespaceRef;

  /**
   * Name of the deny-all NetworkPolicy. The DNS policy is named `<name>-allow-dns`.
   *
   * @default "default-deny-all"
   */
  readonly name?: string;
}

/**
 * Denies all ingress and all egress for every pod of a namespace, and (by default) opens only DNS
 * egress to the cluster DNS pods on UDP and TCP 53.
 *
 * Two NetworkPolicies are emitted, so the deny-all stays a pure deny that audits can recognise:
 * - `default-deny-all` (this construct's `Resource`): `podSelector: {}`, `policyTypes: [Ingress, Egress]`, no rules;
 * - `default-deny-all-allow-dns` (child `Dns`): egress to the DNS pods in the DNS namespace, and to
 *   the NodeLocal DNSCache IP if given, on UDP 53 and TCP 53 only.
 *
 * The deny-all is the L1 `KubeNetworkPolicy`: cdk8s-plus-28 `NetworkPolicy` would list the policy types as
 * `[Egress, Ingress]` and would offer `addIngressRule`/`addEgressRule` on an object that must stay a pure deny.
 * The DNS policy is a cdk8s-plus-28 `NetworkPolicy`, which expresses it exactly.
 *
 * @see https://kubernetes.io/docs/concepts/services-networking/network-policies/#default-deny-all-ingress-and-all-egress-traffic
 */
export class DefaultDenyPolicy extends Construct {
  /** The name of the deny-all NetworkPolicy. */
  public readonly name: string;

  /** The policy allowing DNS egress, or undefined when `allowDnsEgress` is false. */
  public readonly dnsPolicy?: kplus.NetworkPolicy;

  /** Whether DNS egress is allowed. */
  public readonly allowDnsEgress: boolean;

  constructor(scope: Construct, id: string, props: DefaultDenyPolicyProps = {}) {
    super(scope, id);
    const name = _validateDns1123Subdomain(props.name ?? 'default-deny-all', 'NetworkPolicy name');
    const namespace = props.namespace?.name;
    this.name = name;
    new k8s.KubeNetworkPolicy(this, 'Resource', {
      metadata: { name, namespace },
      spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
    });

    this.allowDnsEgress = props.allowDnsEgress ?? true;
    if (!this.allowDnsEgress) {
      if (props.nodeLocalDnsIp !== undefined || props.dnsPodLabels !== undefined || props.dnsNamespace !== undefined
        || props.dnsPorts !== undefined || props.dnsCidrs !== undefined) {
        throw new Error(
          `DefaultDenyPolicy ${this.node.path}: DNS options (dnsNamespace, dnsPodLabels, nodeLocalDnsIp, dnsPorts, dnsCidrs) were given but ` +
          'allowDnsEgress is false, so they would be ignored. Remove them or set allowDnsEgress to true.',
        );
      }
      return;
    }

    const dnsNamespace = _validateDns1123Label(props.dnsNamespace ?? _DNS_NAMESPACE, 'DNS namespace');
    const dnsPodLabels = props.dnsPodLabels ?? _dnsPodLabels();
    if (Object.keys(dnsPodLabels).length === 0) {
      throw new Error(
        `DefaultDenyPolicy ${this.node.path}: dnsPodLabels is empty, which would allow DNS ports to every pod of namespace ` +
        `"${dnsNamespace}". Give the labels of the DNS pods, e.g. { "k8s-app": "kube-dns" }.`,
      );
    }
    const portNumbers = props.dnsPorts ?? [53];
    if (portNumbers.length === 0) {
      throw new Error(`DefaultDenyPolicy ${this.node.path}: dnsPorts is empty. Give the DNS ports (e.g. [53] or [53, 5353]), or set allowDnsEgress to false.`);
    }
    const dnsPorts = [...new Set(portNumbers.map(p => _validatePort(p, 'dnsPorts')))].sort((a, b) => a - b)
      .flatMap(p => [kplus.NetworkPolicyPort.udp(p), kplus.NetworkPolicyPort.tcp(p)]);

    const dns = new kplus.NetworkPolicy(this, 'Dns', {
      metadata: { name: `${name}-allow-dns`, namespace },
    });
    // kplus turns `names` into `namespaceSelector.matchLabels["kubernetes.io/metadata.name"]`.
    const dnsPods = kplus.Pods.select(dns, 'DnsPods', {
      labels: dnsPodLabels,
      namespaces: kplus.Namespaces.select(dns, 'DnsNamespace', { names: [dnsNamespace] }),
    });
    dns.addEgressRule(dnsPods, dnsPorts);

    if (props.nodeLocalDnsIp !== undefined) {
      if (!_isIpv4(props.nodeLocalDnsIp)) {
        throw new Error(
          `Invalid nodeLocalDnsIp "${props.nodeLocalDnsIp}": expected the IPv4 address NodeLocal DNSCache listens on, ` +
          'without a prefix length, e.g. "169.254.20.10".',
        );
      }
      dns.addEgressRule(kplus.NetworkPolicyIpBlock.ipv4(dns, 'NodeLocalDns', `${props.nodeLocalDnsIp}/32`), dnsPorts);
    }
    const peers = new Construct(dns, 'DnsCidrs');
    [...new Set(props.dnsCidrs ?? [])].sort().forEach((cidr, i) => {
      _validateCidr(cidr, 'dnsCidrs');
      const holder = new Construct(peers, String(i));
      dns.addEgressRule(cidr.includes(':') ? kplus.NetworkPolicyIpBlock.ipv6(holder, 'Block', cidr) : kplus.NetworkPolicyIpBlock.ipv4(holder, 'Block', cidr), dnsPorts);
    });
    this.dnsPolicy = dns;
  }
}
