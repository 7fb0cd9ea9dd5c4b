// SPDX-License-Identifier: Apache-2.0
export * from './admission-guardrails';
export * from './exempt-namespaces';
