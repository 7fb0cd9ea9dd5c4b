// SPDX-License-Identifier: Apache-2.0
export * from './rule';
export * from './rule-packs';
export * from './report';
export * from './reporter';
export * from './checker';
export * from './suppressions';
export * from './security-checks';
export * from './hardening';
export * from './cli-plugin';
