// SPDX-License-Identifier: Apache-2.0
export { RoleHasNoWildcards } from './role-has-no-wildcards';
export { RoleGrantsNoEscalationVerbs } from './role-grants-no-escalation-verbs';
export { RoleGrantsNoPodTakeoverSubresources } from './role-grants-no-pod-takeover-subresources';
export { RoleDoesNotReadSecretsUnscoped } from './role-does-not-read-secrets-unscoped';
export { BindingDoesNotGrantClusterAdmin } from './binding-does-not-grant-cluster-admin';
export { BindingHasNoPrivilegedSystemSubject } from './binding-has-no-privileged-system-subject';
