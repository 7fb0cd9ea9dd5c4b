// SPDX-License-Identifier: Apache-2.0
// Integrations: where the engine meets cdk8s and the outside (synth-time checks, suppressions on constructs,
// the cdk8s-cli plugin, reporters). The manifest loader is internal.
export * from './reporter';
export * from './suppressions';
export * from './security-checks';
export * from './cli-plugin';
export * from './hardening';
