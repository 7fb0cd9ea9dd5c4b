// SPDX-License-Identifier: Apache-2.0
// Re-exports only.
export * from './core';
export * from './rbac';
export * from './network/reachability';
