// SPDX-License-Identifier: Apache-2.0
export * from './harbor-secret-source';
export * from './harbor-trivy-database';
export * from './secure-registry-stack';
