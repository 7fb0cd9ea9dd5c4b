// SPDX-License-Identifier: Apache-2.0
import { CelTarget, IRule, IRuleCel, RuleContext, RuleMetadata, RuleReads, RuleViolation, Severity } from '../../engine/rule';

/**
 * No PersistentVolume is of type `hostPath`.
 *
 * The restricted Pod Security Standard forbids hostPath volumes in pods but allows PersistentVolumeClaims, so a
 * hostPath PersistentVolume hands a node directory to any pod whose claim binds to it.
 * @see https://kubernetes.io/docs/concepts/storage/volumes/#hostpath
 */
export class PersistentVolumeIsNotHostPath implements IRule {
  /** The rule's stable id. */
  public static readonly ID = 'HARDEN-WL-011';

  /** The objects the rule reads: objects of kind PersistentVolume. */
  public readonly reads?: RuleReads = RuleReads.kinds('PersistentVolume');

  /** The rule's metadata. */
  public readonly metadata: RuleMetadata = {
    id: PersistentVolumeIsNotHostPath.ID,
    name: 'PersistentVolumeIsNotHostPath',
    rationale: 'A hostPath PersistentVolume exposes a node directory (for example / or /var/lib/kubelet) to every pod that claims it, '
      + 'which bypasses the restricted Pod Security Standard\'s ban on hostPath volumes.',
    remediation: 'Use a CSI driver or `local` volumes with node affinity for node-local storage; never hostPath PersistentVolumes.',
    references: [
      'https://kubernetes.io/docs/concepts/storage/volumes/#hostpath',
      'NSA/CISA Kubernetes Hardening Guide v1.2: Pod security',
    ],
    defaultSeverity: Severity.ERROR,
  };

  /** The rule's CEL, enforced in the cluster by `AdmissionGuardrails`. */
  public readonly cel?: IRuleCel = CEL;

  /** Checks one object. */
  public check(obj: any, _context: RuleContext): RuleViolation[] {
    if (obj?.kind !== 'PersistentVolume' || obj.apiVersion !== 'v1') return [];
    const hostPath = obj.spec?.hostPath;
    if (hostPath === undefined || hostPath === null) return [];
    return [{ path: '/spec/hostPath', message: `PersistentVolume "${obj.metadata?.name}" is a hostPath volume (${JSON.stringify(hostPath?.path)}) that any claim can bind to` }];
  }
}

/** The CEL form: no hostPath PersistentVolumes. */
const CEL: IRuleCel = {
  target: CelTarget.PERSISTENT_VOLUME,
  expression: '!has(object.spec) || !has(object.spec.hostPath)',
};
