// SPDX-License-Identifier: Apache-2.0
export * from './harbor-secret-source';
export * from './secure-registry-stack';
