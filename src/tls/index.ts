// SPDX-License-Identifier: Apache-2.0
export * from './issuer';
export * from './certificate';
export * from './private-ca-issuer';
