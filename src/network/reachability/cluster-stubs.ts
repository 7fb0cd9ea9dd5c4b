// SPDX-License-Identifier: Apache-2.0
import { FlowProtocol } from './reachability';
import { _DNS_NAMESPACE, _dnsPodLabels, _INGRESS_NGINX_NAMESPACE, _ingressNginxPodLabels } from '../../core/_cluster-components';
import { _validateDns1123Label, _validateDns1123Subdomain } from '../../core/_util';

/** A container port of a stub pod (NetworkPolicies may name it). */
export interface ClusterStubPort {
  /** The port number. */
  readonly port: number;
  /**
   * The port's name, as a NetworkPolicy `port` may reference it.
   * @default - unnamed
   */
  readonly name?: string;
  /**
   * The protocol.
   * @default FlowProtocol.TCP
   */
  readonly protocol?: FlowProtocol;
}

/** What a stub stands for: one pod, in one namespace, with labels. */
export interface ClusterStubProps {
  /** The namespace of the stub pod. */
  readonly namespace: string;
  /** The pod's name (its id in flows is `namespace/name`). */
  readonly name: string;
  /** The pod's labels, as your NetworkPolicies select it. */
  readonly labels: { [key: string]: string };
  /**
   * Labels of its namespace, when your policies select the namespace by more than `kubernetes.io/metadata.name`
   * (which every namespace has).
   * @default - only `kubernetes.io/metadata.name`
   */
  readonly namespaceLabels?: { [key: string]: string };
  /**
   * Its container ports.
   * @default - none
   */
  readonly ports?: ClusterStubPort[];
}

/** Options of the built-in stubs: change where they run and how they are labelled in your cluster. */
export interface ClusterStubOptions {
  /**
   * The namespace.
   * @default - the component's usual namespace (`kube-system`, `ingress-nginx`, `monitoring`)
   */
  readonly namespace?: string;
  /**
   * The pod name.
   * @default - the component's usual name (`coredns`, `ingress-nginx-controller`, `prometheus`)
   */
  readonly name?: string;
  /**
   * The pod labels (replace the defaults).
   * @default - the labels of the upstream manifests or charts
   */
  readonly labels?: { [key: string]: string };
  /**
   * Labels of the namespace.
   * @default - only `kubernetes.io/metadata.name`
   */
  readonly namespaceLabels?: { [key: string]: string };
}

/**
 * A stand-in for a pod the cluster runs but your app does not create (the DNS server, the ingress controller,
 * Prometheus), so that reachability tests and `graph` see the flows your policies allow to and from it.
 * A stub has no NetworkPolicy of its own: its side is open, as the real component's usually is.
 */
export class ClusterStub {
  /** Namespace of the stub pod. */
  public readonly namespace: string;
  /** Name of the stub pod. */
  public readonly name: string;
  private readonly _labels: { [key: string]: string };
  private readonly _namespaceLabels?: { [key: string]: string };
  private readonly _ports: ClusterStubPort[];

  constructor(props: ClusterStubProps) {
    this.namespace = _validateDns1123Label(props.namespace, 'ClusterStub namespace');
    this.name = _validateDns1123Subdomain(props.name, 'ClusterStub name');
    if (!props.labels || Object.keys(props.labels).length === 0) {
      throw new Error(`ClusterStub ${this.namespace}/${this.name}: labels are required, as your NetworkPolicies select the pod by them `
        + '(e.g. {"k8s-app": "kube-dns"}).');
    }
    for (const p of props.ports ?? []) {
      if (!Number.isInteger(p.port) || p.port < 1 || p.port > 65535) {
        throw new Error(`ClusterStub ${this.namespace}/${this.name}: port ${p.port} must be a whole number from 1 to 65535.`);
      }
    }
    this._labels = { ...props.labels };
    this._namespaceLabels = props.namespaceLabels ? { ...props.namespaceLabels } : undefined;
    this._ports = [...(props.ports ?? [])];
  }

  /** Its id in flows and queries: `namespace/name`. */
  public get id(): string {
    return `${this.namespace}/${this.name}`;
  }

  /** The pod labels. */
  public get labels(): { [key: string]: string } {
    return { ...this._labels };
  }

  /** The manifests that stand in for it: a Pod (and its Namespace when namespace labels are given). */
  public toManifests(): any[] {
    const pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: this.name, namespace: this.namespace, labels: { ...this._labels } },
      spec: {
        containers: [{
          name: 'stub',
          image: 'registry.k8s.io/pause:3.9',
          ...(this._ports.length ? {
            ports: this._ports.map(p => ({ containerPort: p.port, protocol: p.protocol ?? FlowProtocol.TCP, ...(p.name ? { name: p.name } : {}) })),
          } : {}),
        }],
      },
    };
    if (!this._namespaceLabels) return [pod];
    return [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: this.namespace, labels: { ...this._namespaceLabels } } }, pod];
  }
}

/**
 * The built-in stubs for reachability tests: the cluster DNS, the ingress-nginx controller and Prometheus,
 * labelled as their upstream manifests label them (change it with options when your cluster differs).
 *
 * @example
 * const reach = Reachability.of(app, { stubs: [ClusterStubs.coreDns(), ClusterStubs.ingressNginx()] });
 * expect(reach.isAllowed({ from: 'shop/web', to: 'kube-system/coredns', port: 53, protocol: FlowProtocol.UDP })).toBe(true);
 */
export class ClusterStubs {
  /** CoreDNS as the cluster DNS: `kube-system/coredns`, labels `k8s-app: kube-dns`, ports 53/UDP (dns) and 53/TCP (dns-tcp). */
  public static coreDns(options: ClusterStubOptions = {}): ClusterStub {
    return stub(options, _DNS_NAMESPACE, 'coredns', _dnsPodLabels(), [
      { port: 53, name: 'dns', protocol: FlowProtocol.UDP }, { port: 53, name: 'dns-tcp', protocol: FlowProtocol.TCP },
    ]);
  }

  /** The ingress-nginx controller: `ingress-nginx/ingress-nginx-controller`, chart labels, ports 80 (http) and 443 (https). */
  public static ingressNginx(options: ClusterStubOptions = {}): ClusterStub {
    return stub(options, _INGRESS_NGINX_NAMESPACE, 'ingress-nginx-controller', _ingressNginxPodLabels(), [
      { port: 80, name: 'http' }, { port: 443, name: 'https' },
    ]);
  }

  /**
   * Prometheus: `<namespace>/prometheus`, labels `app.kubernetes.io/name: prometheus`, port 9090 (web).
   * @param prometheusNamespace where it runs (`options.namespace`, when given, wins)
   */
  public static prometheus(prometheusNamespace: string = 'monitoring', options: ClusterStubOptions = {}): ClusterStub {
    return stub({ ...options, namespace: options.namespace ?? prometheusNamespace }, 'monitoring', 'prometheus', { 'app.kubernetes.io/name': 'prometheus' }, [{ port: 9090, name: 'web' }]);
  }

  /** Names accepted by `byName` (and `graph --stub`): `coredns`, `ingress-nginx`, `prometheus`. */
  public static names(): string[] {
    return ['coredns', 'ingress-nginx', 'prometheus'];
  }

  /**
   * A built-in stub by name, with its default labels.
   * @param name `coredns`, `ingress-nginx` or `prometheus` (optionally `prometheus=<namespace>`)
   */
  public static byName(name: string): ClusterStub {
    const [base, arg] = name.split('=');
    if (base === 'coredns' && arg === undefined) return ClusterStubs.coreDns();
    if (base === 'ingress-nginx' && arg === undefined) return ClusterStubs.ingressNginx();
    if (base === 'prometheus') return ClusterStubs.prometheus(arg ?? 'monitoring');
    throw new Error(`Unknown cluster stub "${name}": use one of ${ClusterStubs.names().join(', ')} (prometheus=<namespace> for another namespace).`);
  }

  private constructor() {}
}

function stub(o: ClusterStubOptions, namespace: string, name: string, labels: { [key: string]: string }, ports: ClusterStubPort[]): ClusterStub {
  return new ClusterStub({
    namespace: o.namespace ?? namespace,
    name: o.name ?? name,
    labels: o.labels ?? labels,
    namespaceLabels: o.namespaceLabels,
    ports,
  });
}
