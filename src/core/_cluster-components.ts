// SPDX-License-Identifier: Apache-2.0
/**
 * Internal: where common cluster components run and how their upstream manifests label their pods. The one home
 * of these facts: the DNS egress of DefaultDenyPolicy, HardenedNamespace.allowIngressFromIngressController and the
 * reachability ClusterStubs all read them.
 */

/** Namespace of the cluster DNS pods. @internal */
export const _DNS_NAMESPACE = 'kube-system';

/** Labels of the cluster DNS pods (CoreDNS keeps the historical kube-dns label in kubeadm, EKS, GKE and AKS). @internal */
export function _dnsPodLabels(): { [key: string]: string } {
  return { 'k8s-app': 'kube-dns' };
}

/** Namespace of the ingress-nginx controller in its install guides. @internal */
export const _INGRESS_NGINX_NAMESPACE = 'ingress-nginx';

/** Labels of the ingress-nginx controller pods (its Helm chart and static manifests). @internal */
export function _ingressNginxPodLabels(): { [key: string]: string } {
  return { 'app.kubernetes.io/component': 'controller', 'app.kubernetes.io/name': 'ingress-nginx' };
}
