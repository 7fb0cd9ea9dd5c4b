// SPDX-License-Identifier: Apache-2.0
// Re-exports only.
export * from './core';
export * from './rbac';
export * from './namespace';
export * from './network';
export * from './controlplane';
export * from './mesh';
export * from './backup';
export * from './workload';
export * from './policy';
export * from './tls';
export * from './secrets';
export * from './registry';
export * from './gitops';
