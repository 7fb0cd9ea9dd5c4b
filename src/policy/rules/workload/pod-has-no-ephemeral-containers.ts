// SPDX-License-Identifier: Apache-2.0
import { CelTarget, IRule, IRuleCel, RuleContext, RuleMetadata, RuleReads, RuleViolation, Severity } from '../../engine/rule';
import { _forEachPod, PodTemplateRef, _READS_POD_SPECS } from '../_pod-spec';

/**
 * No pod declares `ephemeralContainers`.
 *
 * Ephemeral containers are for `kubectl debug` on a running pod; in a manifest they mean a debugging shell shipped
 * with the workload (and the API refuses them on create, so the manifest is also broken).
 * @see https://kubernetes.io/docs/concepts/workloads/pods/ephemeral-containers/
 */
export class PodHasNoEphemeralContainers implements IRule {
  /** The rule's stable id. */
  public static readonly ID = 'HARDEN-WL-017';

  /** The objects the rule reads: objects that carry a pod spec. */
  public readonly reads?: RuleReads = _READS_POD_SPECS;

  /** The rule's metadata. */
  public readonly metadata: RuleMetadata = {
    id: PodHasNoEphemeralContainers.ID,
    name: 'PodHasNoEphemeralContainers',
    rationale: 'An ephemeral container shares the pod\'s namespaces and volumes without probes or resource limits; shipped in a '
      + 'manifest it is a standing debugging entry point.',
    remediation: 'Remove `ephemeralContainers`; debug with `kubectl debug` when needed, under an audited, time-bound role.',
    references: [
      'https://kubernetes.io/docs/concepts/workloads/pods/ephemeral-containers/',
    ],
    defaultSeverity: Severity.WARNING,
  };

  /** The rule's CEL, enforced in the cluster by `AdmissionGuardrails`. */
  public readonly cel?: IRuleCel = CEL;

  /** Checks one object. */
  public check(obj: any, _context: RuleContext): RuleViolation[] {
    return _forEachPod(obj, pod => this.checkPod(pod));
  }

  private checkPod(pod: PodTemplateRef): RuleViolation[] {
    const list = pod.spec.ephemeralContainers;
    if (!Array.isArray(list) || list.length === 0) return [];
    return [{ path: `${pod.specPath}/ephemeralContainers`, message: `the pod declares ${list.length} ephemeral container(s); remove them and use kubectl debug` }];
  }
}

/** The CEL form: no ephemeral containers in manifests. */
const CEL: IRuleCel = {
  target: CelTarget.POD_BEARING,
  expression: '!has(variables.podSpec.ephemeralContainers) || size(variables.podSpec.ephemeralContainers) == 0',
};
