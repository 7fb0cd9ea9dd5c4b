// SPDX-License-Identifier: Apache-2.0
import { IRulePack, RulePackEntry, Severity } from '../engine/rule';
import {
  BindingDoesNotGrantClusterAdmin,
  BindingHasNoPrivilegedSystemSubject,
  RoleDoesNotReadSecretsUnscoped,
  RoleGrantsNoAdmissionWebhookEdits,
  RoleGrantsNoCertificateApproval,
  RoleGrantsNoEndpointEdits,
  RoleGrantsNoEscalationVerbs,
  RoleGrantsNoPodTakeoverSubresources,
  RoleHasNoWildcards,
  ServiceAccountIsNotBoundClusterWide,
} from '../rules/rbac';

/**
 * Least-privilege RBAC: no wildcards, no escalation verbs, no exec/attach/node-proxy/token
 * creation, no unscoped Secret reads, no bindings to `cluster-admin` or to anonymous,
 * unauthenticated or `system:masters` subjects, no CSR approval or signing, no edits of admission webhooks and
 * policies, no hand-written endpoints (CVE-2021-25740): each an error, a direct path to more privilege than the
 * role names. A ServiceAccount bound cluster-wide (a ClusterRoleBinding) is a warning: controllers need it, with a reason.
 */
export class LeastPrivilegeRbacPack implements IRulePack {
  /** The pack's name. */
  public static readonly NAME = 'LeastPrivilegeRbac';

  /** The pack's name. */
  public readonly name = LeastPrivilegeRbacPack.NAME;

  /** The pack's rules with their severities, in id order. */
  public readonly entries: RulePackEntry[] = [
    { rule: new RoleHasNoWildcards(), severity: Severity.ERROR },
    { rule: new RoleGrantsNoEscalationVerbs(), severity: Severity.ERROR },
    { rule: new RoleGrantsNoPodTakeoverSubresources(), severity: Severity.ERROR },
    { rule: new RoleDoesNotReadSecretsUnscoped(), severity: Severity.ERROR },
    { rule: new BindingDoesNotGrantClusterAdmin(), severity: Severity.ERROR },
    { rule: new BindingHasNoPrivilegedSystemSubject(), severity: Severity.ERROR },
    { rule: new RoleGrantsNoCertificateApproval(), severity: Severity.ERROR },
    { rule: new RoleGrantsNoAdmissionWebhookEdits(), severity: Severity.ERROR },
    { rule: new RoleGrantsNoEndpointEdits(), severity: Severity.ERROR },
    { rule: new ServiceAccountIsNotBoundClusterWide(), severity: Severity.WARNING },
  ];
}
