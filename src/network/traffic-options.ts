// SPDX-License-Identifier: Apache-2.0
import * as kplus from 'cdk8s-plus-28';

/**
 * One port that a NetworkPolicy rule opens.
 *
 * @see https://kubernetes.io/docs/concepts/services-networking/network-policies/#networkpolicy-resource
 */
export interface AllowedPort {
  /**
   * The port number (1-65535). For ingress it is the port the target pods listen on; for egress the
   * port on the destination.
   */
  readonly port: number;

  /**
   * The protocol.
   *
   * @default NetworkProtocol.TCP
   */
  readonly protocol?: kplus.NetworkProtocol;
}

/**
 * Options shared by every intent-level traffic method of `HardenedNamespace`
 * (`allowIngressFrom*`, `allowEgressTo*`).
 *
 * Each call creates its own NetworkPolicy that opens exactly the listed ports from/to exactly the
 * given peer, for exactly the target pods.
 */
export interface TrafficOptions {
  /**
   * The ports to open. Required (at least one) unless `allowAllPorts` is true.
   *
   * @default - none: calling without ports throws, so no rule silently opens every port
   */
  readonly ports?: AllowedPort[];

  /**
   * Open every port and protocol to/from the peer. A NetworkPolicy rule without ports matches all
   * ports, which is almost always wider than needed.
   *
   * @default false - only the listed `ports` are opened
   */
  readonly allowAllPorts?: boolean;

  /**
   * The pods of this namespace the policy applies to (the receivers for ingress, the senders for
   * egress): a `Pods.select(...)` label selector or any cdk8s-plus workload (Deployment, StatefulSet, ...).
   * Must select pods of this namespace only.
   *
   * @default - every pod in this namespace (unless `targetPodLabels` is given)
   */
  readonly targetPods?: kplus.IPodSelector;

  /**
   * The pods of this namespace the policy applies to, by labels (a shorthand for `targetPods`).
   * Give either `targetPods` or `targetPodLabels`, not both.
   *
   * @default - every pod in this namespace (unless `targetPods` is given)
   */
  readonly targetPodLabels?: { [key: string]: string };

  /**
   * The NetworkPolicy name.
   *
   * @default - derived from the intent, the peer, the ports and the target, e.g. `allow-ingress-from-ns-frontend-tcp-8080`
   */
  readonly name?: string;
}

/**
 * Options for traffic to/from another namespace.
 */
export interface NamespaceTrafficOptions extends TrafficOptions {
  /**
   * Only the pods of the other namespace that carry these labels are peers.
   *
   * @default - every pod of the other namespace
   */
  readonly peerPodLabels?: { [key: string]: string };
}

/**
 * Options for `HardenedNamespace.allowIngressFromIngressController`.
 */
export interface IngressControllerTrafficOptions extends TrafficOptions {
  /**
   * Namespace of the ingress controller, matched by its `kubernetes.io/metadata.name` label.
   *
   * @default "ingress-nginx" - the namespace of the ingress-nginx install guides
   * @see https://kubernetes.github.io/ingress-nginx/deploy/
   */
  readonly controllerNamespace?: string;

  /**
   * Labels of the ingress controller pods.
   *
   * @default { "app.kubernetes.io/name": "ingress-nginx", "app.kubernetes.io/component": "controller" } - the ingress-nginx controller pods
   */
  readonly controllerPodLabels?: { [key: string]: string };
}

/**
 * Options for `HardenedNamespace.allowEgressToCidr`.
 */
export interface CidrTrafficOptions extends TrafficOptions {
  /**
   * CIDRs inside the allowed CIDR that stay denied (for example the cloud metadata endpoint
   * `169.254.169.254/32`, or the cluster's pod range).
   *
   * @default - no exceptions
   */
  readonly except?: string[];
}
