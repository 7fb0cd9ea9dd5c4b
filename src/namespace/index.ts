// SPDX-License-Identifier: Apache-2.0
export * from './hardened-namespace';
export * from './pod-security-level';
export * from './resource-guardrails';
