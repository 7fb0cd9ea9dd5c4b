// SPDX-License-Identifier: Apache-2.0
export { NamespaceHasDefaultDenyIngress } from './namespace-has-default-deny-ingress';
export { NamespaceHasDefaultDenyEgress } from './namespace-has-default-deny-egress';
export { NamespaceHasResourceQuota } from './namespace-has-resource-quota';
export { NamespaceHasLimitRange } from './namespace-has-limit-range';
export { NamespaceEnforcesPodSecurity } from './namespace-enforces-pod-security';
export { ServiceIsNotExternallyExposed } from './service-is-not-externally-exposed';
export { IngressHostsAreCoveredByTls } from './ingress-hosts-are-covered-by-tls';
