// SPDX-License-Identifier: Apache-2.0
// Re-exports only.
export * from './core';
export * from './rbac';
export * from './controlplane';
export * from './mesh';
export * from './backup';
export * from './workload';
export * from './policy/engine/rule';
export * as podSecurity from './policy/rules/pod-security';
export * from './policy/packs/pod-security-baseline-pack';
export * from './policy/packs/pod-security-restricted-pack';
