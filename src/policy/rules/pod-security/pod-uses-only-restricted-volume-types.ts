// SPDX-License-Identifier: Apache-2.0
import { CelTarget, IRule, IRuleCel, RuleContext, RuleMetadata, RuleReads, RuleViolation, Severity } from '../../engine/rule';
import { _celList } from '../_cel';
import { _forEachPod, _podFieldPath, PodTemplateRef, _READS_POD_SPECS } from '../_pod-spec';
import { _arr, _isSet, _obj, _PSS_URL, _show } from './_pss';
import { _RESTRICTED_VOLUME_TYPES } from '../../../core/_pod-security-standards';

const ALLOWED = _RESTRICTED_VOLUME_TYPES;

/**
 * Pod Security Standards restricted check `restrictedVolumes` (replaces `hostPathVolumes`): every
 * `spec.volumes[*]` must use one of `configMap`, `csi`, `downwardAPI`, `emptyDir`, `ephemeral`,
 * `image`, `persistentVolumeClaim`, `projected` or `secret`. A volume with no source is an
 * `emptyDir` (API-server defaulting) and passes.
 *
 * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted
 */
export class PodUsesOnlyRestrictedVolumeTypes implements IRule {
  /** The stable rule id. */
  public static readonly ID = 'HARDEN-PSS-013';
  /** The Pod Security Admission check ID this rule implements. */
  public static readonly PSS_CHECK_ID = 'restrictedVolumes';

  /** The objects the rule reads: objects that carry a pod spec. */
  public readonly reads?: RuleReads = _READS_POD_SPECS;

  /** The rule's metadata. */
  public readonly metadata: RuleMetadata = {
    id: PodUsesOnlyRestrictedVolumeTypes.ID,
    name: 'PodUsesOnlyRestrictedVolumeTypes',
    rationale: 'Volume types other than the core projected, ephemeral and claim-based ones (hostPath, nfs, iscsi, flexVolume, gitRepo, ...) '
      + 'mount node or network storage directly, bypassing the PersistentVolume access model, and some run code on the node.',
    remediation: `Use a persistentVolumeClaim (or csi / ephemeral) instead; only ${ALLOWED.join(', ')} volumes are allowed.`,
    references: [
      `Pod Security Standards (restricted): Volume Types, check "restrictedVolumes" ${_PSS_URL}#restricted`,
      'CIS Kubernetes Benchmark v1.8: 5.2.12',
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
      if (!vol) return;
      const sources = Object.keys(vol).filter(k => k !== 'name' && _isSet(vol[k])).sort();
      // Pod Security Admission accepts a volume as soon as one allowed source is set; no source means emptyDir.
      if (sources.length === 0 || sources.some(s => ALLOWED.includes(s))) return;
      for (const s of sources) {
        out.push({
          path: `${_podFieldPath(pod, 'volumes')}/${i}/${s}`,
          message: `volume ${_show(vol.name)} uses a ${s} source; the restricted Pod Security Standard allows only ${ALLOWED.join(', ')}`,
        });
      }
    });
    return out;
  }
}

/** The CEL form: restrictedVolumes. */
const CEL: IRuleCel = {
  target: CelTarget.POD_BEARING,
  expression: `!has(variables.podSpec.volumes) || variables.podSpec.volumes.all(v, v.all(k, k in ${_celList(['name', ..._RESTRICTED_VOLUME_TYPES])}))`,
};
