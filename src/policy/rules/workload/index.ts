// SPDX-License-Identifier: Apache-2.0
// One line per rule file.
export * from './container-env-has-no-secret-literals';
export * from './container-env-reads-no-secrets';
export * from './container-has-health-probes';
export * from './container-image-is-from-trusted-registry';
export * from './container-image-is-not-latest';
export * from './container-image-is-pinned-by-digest';
export * from './container-resources-are-bounded';
export * from './container-root-filesystem-is-read-only';
export * from './containers-are-in-a-recognized-pod-spec';
export * from './pod-service-account-token-is-not-automounted';
export * from './pod-uses-dedicated-service-account';
export * from './replicated-workload-has-disruption-budget';
export * from './persistent-volume-is-not-host-path';
export * from './pod-runs-without-root-group';
export * from './pod-sysctls-carry-no-injection';
export * from './service-account-does-not-automount-token';
export * from './workload-is-not-in-default-namespace';
export * from './pod-tolerates-no-control-plane-taint';
export * from './pod-has-no-ephemeral-containers';
