// SPDX-License-Identifier: Apache-2.0
export * from './engine';
export * from './packs';
export * from './integrations';
export * from './admission';
export * as rules from './rules';
