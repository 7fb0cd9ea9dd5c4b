// SPDX-License-Identifier: Apache-2.0
import { _isSyntheticNamespace } from '../../engine/_namespace-targets';
import { CelTarget, IRule, IRuleCel, RuleContext, RuleMetadata, RuleReads, RuleViolation, Severity } from '../../engine/rule';
import { _isObject } from '../_objects';
import { _pointerEscape } from '../_pod-spec';

const ENFORCE_LABEL = 'pod-security.kubernetes.io/enforce';
const ENFORCING_LEVELS = ['baseline', 'restricted'];

/**
 * Every Namespace object carries the Pod Security Admission label
 * `pod-security.kubernetes.io/enforce` with the level `baseline` or `restricted`.
 *
 * Applies to every Namespace among the checked objects, whether or not workloads are in the set
 * (workloads are often deployed into it later). `privileged` enforces nothing and is a finding;
 * namespaces that must run privileged pods suppress this rule with a reason.
 * @see https://kubernetes.io/docs/concepts/security/pod-security-admission/#pod-security-admission-labels-for-namespaces
 */
export class NamespaceEnforcesPodSecurity implements IRule {
  /** The rule's stable id. */
  public static readonly ID = 'HARDEN-NET-005';

  /** The objects the rule reads: objects of kind Namespace. */
  public readonly reads?: RuleReads = RuleReads.kinds('Namespace');

  /** The rule's metadata. */
  public readonly metadata: RuleMetadata = {
    id: NamespaceEnforcesPodSecurity.ID,
    name: 'NamespaceEnforcesPodSecurity',
    rationale: 'Without an `enforce` label, Pod Security Admission applies the cluster default (usually privileged), so '
      + 'privileged, host-namespace or root pods are admitted into the namespace regardless of what its manifests intend.',
    remediation: 'Label the Namespace `pod-security.kubernetes.io/enforce: restricted` (or `baseline` where restricted is not '
      + 'possible), and pin `pod-security.kubernetes.io/enforce-version`.',
    references: [
      'CIS Kubernetes Benchmark 5.2.1: Ensure that the cluster has at least one active policy control mechanism in place',
      'NSA/CISA Kubernetes Hardening Guide v1.2: Pod security, "Pod security enforcement"',
      'https://kubernetes.io/docs/concepts/security/pod-security-admission/#pod-security-admission-labels-for-namespaces',
    ],
    defaultSeverity: Severity.ERROR,
  };

  /** The rule's CEL, enforced in the cluster by `AdmissionGuardrails`. */
  public readonly cel?: IRuleCel = CEL;

  /** Checks one object. */
  public check(obj: any, _context: RuleContext): RuleViolation[] {
    // A synthetic Namespace (added by the engine for a namespace the input uses but does not declare) has no labels to check.
    if (!_isObject(obj) || obj.kind !== 'Namespace' || obj.apiVersion !== 'v1' || _isSyntheticNamespace(obj)) return [];
    const labels = _isObject(obj.metadata?.labels) ? obj.metadata.labels : {};
    const value = labels[ENFORCE_LABEL];
    if (ENFORCING_LEVELS.includes(value)) return [];
    const name = obj.metadata?.name;
    if (value === undefined) {
      return [{ path: '/metadata/labels', message: `Namespace "${name}" has no ${ENFORCE_LABEL} label; set it to restricted or baseline` }];
    }
    return [{
      path: `/metadata/labels/${_pointerEscape(ENFORCE_LABEL)}`,
      message: `Namespace "${name}" has ${ENFORCE_LABEL}=${JSON.stringify(value)}, which enforces ${value === 'privileged' ? 'nothing' : 'no valid level'}; set it to restricted or baseline`,
    }];
  }
}

/** The CEL form: the Namespace itself carries pod-security.kubernetes.io/enforce: baseline or restricted. */
const CEL: IRuleCel = {
  target: CelTarget.NAMESPACE,
  expression: "has(object.metadata.labels) && 'pod-security.kubernetes.io/enforce' in object.metadata.labels"
    + " && object.metadata.labels['pod-security.kubernetes.io/enforce'] in ['baseline', 'restricted']",
};
