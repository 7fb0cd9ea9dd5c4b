// SPDX-License-Identifier: Apache-2.0
// One line per rule file.
export * from './secret-has-no-literal-data';
export * from './secret-is-not-service-account-token';
