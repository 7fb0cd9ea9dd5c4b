// SPDX-License-Identifier: Apache-2.0
import { _isBinding, _READS_BINDINGS } from './_bindings';
import { _PRIVILEGED_SUBJECTS } from '../../../core/_rbac-risks';
import { CelTarget, IRule, IRuleCel, RuleContext, RuleMetadata, RuleReads, RuleViolation, Severity } from '../../engine/rule';
import { _celList } from '../_cel';

const PRIVILEGED_SUBJECTS = _PRIVILEGED_SUBJECTS;

/**
 * No RoleBinding or ClusterRoleBinding has `system:anonymous`, `system:unauthenticated` or
 * `system:masters` as a subject (any subject kind).
 * @see https://kubernetes.io/docs/reference/access-authn-authz/rbac/#default-roles-and-role-bindings
 */
export class BindingHasNoPrivilegedSystemSubject implements IRule {
  /** The rule's stable id. */
  public static readonly ID = 'HARDEN-RBAC-006';

  /** The objects the rule reads: RoleBindings and ClusterRoleBindings. */
  public readonly reads?: RuleReads = _READS_BINDINGS;

  /** The rule's metadata. */
  public readonly metadata: RuleMetadata = {
    id: BindingHasNoPrivilegedSystemSubject.ID,
    name: 'BindingHasNoPrivilegedSystemSubject',
    rationale: 'Binding `system:anonymous` or `system:unauthenticated` grants the permissions to anyone who can reach the API '
      + 'server. `system:masters` bypasses RBAC entirely and cannot be revoked by removing bindings, so it must not be used as a subject.',
    remediation: 'Bind a named ServiceAccount, User or Group instead.',
    references: [
      'CIS Kubernetes Benchmark 5.1.7: Avoid use of system:masters group',
      'NSA/CISA Kubernetes Hardening Guide v1.2: Authentication and authorization, "Authentication" (disable anonymous requests)',
      'https://kubernetes.io/docs/reference/access-authn-authz/rbac/#default-roles-and-role-bindings',
    ],
    defaultSeverity: Severity.ERROR,
  };

  /** The rule's CEL, enforced in the cluster by `AdmissionGuardrails`. */
  public readonly cel?: IRuleCel = CEL;

  /** Checks one object. */
  public check(obj: any, _context: RuleContext): RuleViolation[] {
    if (!_isBinding(obj) || !Array.isArray(obj.subjects)) return [];
    const out: RuleViolation[] = [];
    obj.subjects.forEach((s: any, i: number) => {
      if (s && PRIVILEGED_SUBJECTS.includes(s.name)) {
        out.push({ path: `/subjects/${i}/name`, message: `${obj.kind} "${obj.metadata?.name}" binds the subject ${s.kind ?? 'subject'} "${s.name}"` });
      }
    });
    return out;
  }
}

/** The CEL form: no binding of system:anonymous, system:unauthenticated or system:masters. */
const CEL: IRuleCel = {
  target: CelTarget.RBAC_BINDING,
  expression: `!has(object.subjects) || object.subjects.all(s, !has(s.name) || !(s.name in ${_celList([..._PRIVILEGED_SUBJECTS])}))`,
};
