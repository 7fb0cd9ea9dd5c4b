// SPDX-License-Identifier: Apache-2.0
// One line per rule file.
export * from './binding-does-not-grant-cluster-admin';
export * from './binding-has-no-privileged-system-subject';
export * from './role-does-not-read-secrets-unscoped';
export * from './role-grants-no-escalation-verbs';
export * from './role-grants-no-pod-takeover-subresources';
export * from './role-has-no-wildcards';
export * from './role-grants-no-admission-webhook-edits';
export * from './role-grants-no-certificate-approval';
export * from './role-grants-no-endpoint-edits';
export * from './service-account-is-not-bound-cluster-wide';
