// SPDX-License-Identifier: Apache-2.0
// Built-in rule packs. ONE LINE PER PACK, sorted by file name:
//   export * from './pod-security-baseline';
// Every exported class whose zero-argument constructor yields an IRulePack is a built-in pack:
// RulePacks.all() (src/policy/engine/rule-packs.ts) discovers it here, so the CLI's default
// `--pack` set, the suppression id check and RULES.md pick it up without further registration.
// Also add the pack's exact rule-id list to test/policy/packs/index.test.ts.
export * from './hardened-workloads-pack';
export * from './least-privilege-rbac-pack';
export * from './network-isolation-pack';
export * from './pod-security-baseline-pack';
export * from './pod-security-restricted-pack';
export * from './secrets-hygiene-pack';
export * from './trusted-registries-pack';
