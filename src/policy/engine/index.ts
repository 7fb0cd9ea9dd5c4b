// SPDX-License-Identifier: Apache-2.0
export * from './rule';
export * from './report';
export * from './checker';
