// SPDX-License-Identifier: Apache-2.0
import { CelTarget, IRule, IRuleCel, RuleContext, RuleMetadata, RuleReads, RuleViolation, Severity } from '../../engine/rule';
import { _allContainers, _forEachPod, _podFieldPath, PodTemplateRef, _READS_POD_SPECS } from '../_pod-spec';
import { _describeContainer } from './_describe';

/**
 * No pod or container runs with group 0: `runAsGroup: 0` (pod or container), `fsGroup: 0`, or 0 in
 * `supplementalGroups`. Unset is fine (the image decides, and `runAsNonRoot` does not cover groups).
 * @see https://kubernetes.io/docs/tasks/configure-pod-container/security-context/
 */
export class PodRunsWithoutRootGroup implements IRule {
  /** The rule's stable id. */
  public static readonly ID = 'HARDEN-WL-012';

  /** The objects the rule reads: objects that carry a pod spec. */
  public readonly reads?: RuleReads = _READS_POD_SPECS;

  /** The rule's metadata. */
  public readonly metadata: RuleMetadata = {
    id: PodRunsWithoutRootGroup.ID,
    name: 'PodRunsWithoutRootGroup',
    rationale: 'Group 0 owns many files on the node and in images (for example /etc/shadow on some distributions); a process '
      + 'in the root group can read or write them after a breakout, and fsGroup 0 makes mounted volumes root-group owned.',
    remediation: 'Set runAsGroup, fsGroup and supplementalGroups to non-zero ids (for example 10001), or leave them unset.',
    references: [
      'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/',
      'NSA/CISA Kubernetes Hardening Guide v1.2: Non-root containers and rootless container engines',
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
    const out: RuleViolation[] = [];
    const sc = pod.spec.securityContext ?? {};
    const at = `${_podFieldPath(pod, 'securityContext')}`;
    if (sc.runAsGroup === 0) out.push({ path: `${at}/runAsGroup`, message: 'the pod sets runAsGroup 0 (root group); use a non-zero group id' });
    if (sc.fsGroup === 0) out.push({ path: `${at}/fsGroup`, message: 'the pod sets fsGroup 0 (root group); use a non-zero group id' });
    if (Array.isArray(sc.supplementalGroups)) {
      sc.supplementalGroups.forEach((g: any, i: number) => {
        if (g === 0) out.push({ path: `${at}/supplementalGroups/${i}`, message: 'the pod adds supplemental group 0 (root group); remove it' });
      });
    }
    for (const c of _allContainers(pod)) {
      if (c.container.securityContext?.runAsGroup === 0) {
        out.push({ path: `${c.path}/securityContext/runAsGroup`, message: `${_describeContainer(c)} sets runAsGroup 0 (root group); use a non-zero group id` });
      }
    }
    return out;
  }
}

/** The CEL form: no root group: runAsGroup (pod, containers), fsGroup, supplementalGroups. */
const CEL: IRuleCel = {
  target: CelTarget.POD_BEARING,
  expression: '!(has(variables.podSC.runAsGroup) && variables.podSC.runAsGroup == 0) && !(has(variables.podSC.fsGroup) && variables.podSC.fsGroup == 0)'
    + ' && !(has(variables.podSC.supplementalGroups) && 0 in variables.podSC.supplementalGroups)'
    + ' && variables.containers.all(c, !has(c.securityContext) || !has(c.securityContext.runAsGroup) || c.securityContext.runAsGroup != 0)',
};
