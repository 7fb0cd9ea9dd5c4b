// SPDX-License-Identifier: Apache-2.0
export * from './disruption-budget';
export * from './hardened-container';
export * from './hardened-workload-props';
export * from './hardened-deployment';
export * from './hardened-stateful-set';
export * from './hardened-job';
export * from './hardened-cron-job';
export * from './hardened-daemon-set';
