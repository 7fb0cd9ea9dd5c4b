// SPDX-License-Identifier: Apache-2.0
export * from './reachability';
export * from './cluster-stubs';
