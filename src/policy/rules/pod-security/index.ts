// SPDX-License-Identifier: Apache-2.0
// Pod Security Standards rules (policy v1.37), one per Pod Security Admission check ID.
export * from './pod-shares-no-host-namespaces';
export * from './container-is-not-privileged';
export * from './container-adds-only-baseline-capabilities';
export * from './pod-has-no-host-path-volumes';
export * from './container-uses-no-host-ports';
export * from './app-armor-profile-is-runtime-default-or-localhost';
export * from './se-linux-options-are-restricted';
export * from './container-proc-mount-is-default-or-user-namespaced';
export * from './seccomp-profile-is-not-unconfined';
export * from './pod-sets-only-safe-sysctls';
export * from './pod-is-not-windows-host-process';
export * from './probes-and-lifecycle-hooks-set-no-host';
export * from './pod-uses-only-restricted-volume-types';
export * from './container-disallows-privilege-escalation';
export * from './container-runs-as-non-root';
export * from './container-does-not-run-as-root-user';
export * from './seccomp-profile-is-runtime-default-or-localhost';
export * from './container-drops-all-capabilities';
export * from './container-proc-mount-is-default';
