// SPDX-License-Identifier: Apache-2.0
// One line per rule file.
export * from './ingress-hosts-are-covered-by-tls';
export * from './namespace-enforces-pod-security';
export * from './namespace-has-default-deny-egress';
export * from './namespace-has-default-deny-ingress';
export * from './namespace-has-limit-range';
export * from './namespace-has-resource-quota';
export * from './service-is-not-externally-exposed';
export * from './service-has-no-external-ips';
export * from './external-name-service-does-not-point-inside';
export * from './ingress-has-no-wildcard-host';
export * from './network-policy-egress-excludes-cloud-metadata';
