// SPDX-License-Identifier: Apache-2.0
// Built-in rule packs, one file per pack, sorted by file name. A new built-in pack is also added to
// `RulePacks` (rule-packs.ts) explicitly, and its exact rule-id list to test/policy/packs/index.test.ts.
export * from './hardened-workloads-pack';
export * from './least-privilege-rbac-pack';
export * from './network-isolation-pack';
export * from './pod-security-baseline-pack';
export * from './pod-security-restricted-pack';
export * from './rule-packs';
export * from './secrets-hygiene-pack';
export * from './trusted-registries-pack';
