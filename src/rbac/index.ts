// SPDX-License-Identifier: Apache-2.0
export * from './least-privilege-service-account';
export * from './permission';
export * from './projected-service-account-token';
export * from './workload-identity';
