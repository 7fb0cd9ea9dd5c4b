// SPDX-License-Identifier: Apache-2.0
import { CelTarget, IRule, IRuleCel, RuleContext, RuleMetadata, RuleReads, RuleViolation, Severity } from '../../engine/rule';
import { _serviceAccountName } from '../_objects';
import { _forEachPod, _podFieldPath, PodTemplateRef, _READS_POD_SPECS } from '../_pod-spec';

/**
 * Pods run as a dedicated ServiceAccount: `serviceAccountName` is set and is not `default`.
 *
 * The deprecated `serviceAccount` field is honoured when `serviceAccountName` is unset.
 * @see https://kubernetes.io/docs/concepts/security/service-accounts/
 */
export class PodUsesDedicatedServiceAccount implements IRule {
  /** The rule's stable id. */
  public static readonly ID = 'HARDEN-WL-007';

  /** The objects the rule reads: objects that carry a pod spec. */
  public readonly reads?: RuleReads = _READS_POD_SPECS;

  /** The rule's metadata. */
  public readonly metadata: RuleMetadata = {
    id: PodUsesDedicatedServiceAccount.ID,
    name: 'PodUsesDedicatedServiceAccount',
    rationale: 'The `default` ServiceAccount is shared by every pod in the namespace that names no other, so any permission '
      + 'granted to it is granted to all of them. A dedicated ServiceAccount per workload keeps RBAC grants least-privilege and auditable.',
    remediation: 'Create a ServiceAccount for the workload (for example with `LeastPrivilegeServiceAccount`) and set '
      + '`serviceAccountName` in the pod spec.',
    references: [
      'CIS Kubernetes Benchmark 5.1.5: Ensure that default service accounts are not actively used',
      'NSA/CISA Kubernetes Hardening Guide v1.2: Authentication and authorization',
      'https://kubernetes.io/docs/concepts/security/service-accounts/',
    ],
    defaultSeverity: Severity.ERROR,
  };

  /** The rule's CEL, enforced in the cluster by `AdmissionGuardrails`. */
  public readonly cel?: IRuleCel = CEL;

  /** Checks one object. */
  public check(obj: any, _context: RuleContext): RuleViolation[] {
    return _forEachPod(obj, pod => this.checkPod(pod));
  }

  private checkPod(pod: PodTemplateRef): RuleViolation[] {
    const name = _serviceAccountName(pod.spec);
    if ((name !== undefined && name !== 'default') || (name === undefined && pod.partial)) return [];
    const field = pod.spec.serviceAccountName === undefined && pod.spec.serviceAccount !== undefined ? 'serviceAccount' : 'serviceAccountName';
    return [{
      path: `${_podFieldPath(pod, field)}`,
      message: name === undefined
        ? 'serviceAccountName is unset, so the pod runs as the namespace\'s "default" ServiceAccount; set a dedicated one'
        : `${field} is "default"; set a dedicated ServiceAccount`,
    }];
  }
}

/** The CEL form: a dedicated service account (serviceAccountName, or the deprecated serviceAccount). */
const CEL: IRuleCel = {
  target: CelTarget.POD_BEARING,
  expression: "has(variables.podSpec.serviceAccountName) ? (variables.podSpec.serviceAccountName != '' && variables.podSpec.serviceAccountName != 'default')"
    + " : (has(variables.podSpec.serviceAccount) && variables.podSpec.serviceAccount != '' && variables.podSpec.serviceAccount != 'default')",
};
