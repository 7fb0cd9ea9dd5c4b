// SPDX-License-Identifier: Apache-2.0
export * from './default-deny-policy';
export * from './traffic-options';
export * from './reachability';
