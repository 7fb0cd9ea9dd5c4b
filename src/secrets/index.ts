// SPDX-License-Identifier: Apache-2.0
export * from './secret-store';
export * from './password-generator';
export * from './external-secret';
