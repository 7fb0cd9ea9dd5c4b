// SPDX-License-Identifier: Apache-2.0
export * from './labels';
export * from './namespace-ref';
export * from './security-context';
