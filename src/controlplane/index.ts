// SPDX-License-Identifier: Apache-2.0
export * from './audit-policy';
export * from './encryption-configuration';
export * from './control-plane-files';
