// SPDX-License-Identifier: Apache-2.0
import { CelTarget, IRule, IRuleCel, RuleContext, RuleMetadata, RuleReads, RuleViolation, Severity } from '../../engine/rule';
import { _forEachPod, _podFieldPath, PodTemplateRef, _READS_POD_SPECS } from '../_pod-spec';
import { _arr, _isSet, _obj, _PSS_URL, _show } from './_pss';

/**
 * Pod Security Standards baseline check `hostPathVolumes`: no `spec.volumes[*].hostPath`.
 * At the restricted level `PodUsesOnlyRestrictedVolumeTypes` (`restrictedVolumes`) replaces it.
 *
 * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
 */
export class PodHasNoHostPathVolumes implements IRule {
  /** The stable rule id. */
  public static readonly ID = 'HARDEN-PSS-004';
  /** The Pod Security Admission check ID this rule implements. */
  public static readonly PSS_CHECK_ID = 'hostPathVolumes';

  /** The objects the rule reads: objects that carry a pod spec. */
  public readonly reads?: RuleReads = _READS_POD_SPECS;

  /** The rule's metadata. */
  public readonly metadata: RuleMetadata = {
    id: PodHasNoHostPathVolumes.ID,
    name: 'PodHasNoHostPathVolumes',
    rationale: 'A hostPath volume exposes the node\'s file system (kubelet credentials, the container runtime socket, other pods\' data) to the pod.',
    remediation: 'Replace the hostPath volume with a persistentVolumeClaim, emptyDir, configMap, secret or projected volume.',
    references: [
      `Pod Security Standards (baseline): HostPath Volumes, check "hostPathVolumes" ${_PSS_URL}#baseline`,
      'CIS Kubernetes Benchmark v1.8: 5.2.12',
      'NSA/CISA Kubernetes Hardening Guidance v1.2: Pod security',
    ],
    defaultSeverity: Severity.ERROR,
  };

  /** The rule's CEL, enforced in the cluster by `AdmissionGuardrails`. */
  public readonly cel?: IRuleCel = CEL;

  /** Checks one manifest object. */
  public check(obj: any, _context: RuleContext): RuleViolation[] {
    return _forEachPod(obj, pod => this.checkPod(pod));
  }

  private checkPod(pod: PodTemplateRef): RuleViolation[] {
    const out: RuleViolation[] = [];
    _arr(pod.spec.volumes).forEach((v, i) => {
      const vol = _obj(v);
      if (vol && _isSet(vol.hostPath)) {
        out.push({
          path: `${_podFieldPath(pod, 'volumes')}/${i}/hostPath`,
          message: `volume ${_show(vol.name)} mounts hostPath ${_show(_obj(vol.hostPath)?.path ?? vol.hostPath)}; hostPath volumes are not allowed`,
        });
      }
    });
    return out;
  }
}

/** The CEL form: hostPathVolumes. */
const CEL: IRuleCel = {
  target: CelTarget.POD_BEARING,
  expression: '!has(variables.podSpec.volumes) || variables.podSpec.volumes.all(v, !has(v.hostPath))',
};
