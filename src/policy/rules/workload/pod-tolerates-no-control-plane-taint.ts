// SPDX-License-Identifier: Apache-2.0
import { CelTarget, IRule, IRuleCel, RuleContext, RuleMetadata, RuleReads, RuleViolation, Severity } from '../../engine/rule';
import { _celList } from '../_cel';
import { _forEachPod, _podFieldPath, PodTemplateRef, _READS_POD_SPECS } from '../_pod-spec';

/**
 * The taints that keep workloads off control-plane nodes. (Kubernetes 1.24+ uses the first; older clusters the second.)
 * @see https://kubernetes.io/docs/reference/labels-annotations-taints/#node-role-kubernetes-io-control-plane-taint
 */
const CONTROL_PLANE_TAINTS = ['node-role.kubernetes.io/control-plane', 'node-role.kubernetes.io/master'];

/**
 * No pod tolerates the control-plane taints, explicitly or with a key-less `operator: Exists` toleration (which
 * tolerates every taint).
 * @see https://kubernetes.io/docs/concepts/scheduling-eviction/taint-and-toleration/
 */
export class PodToleratesNoControlPlaneTaint implements IRule {
  /** The rule's stable id. */
  public static readonly ID = 'HARDEN-WL-016';

  /** The control-plane taint keys (also compiled to the admission policy). @internal */
  public static _controlPlaneTaints(): string[] {
    return [...CONTROL_PLANE_TAINTS];
  }

  /** The objects the rule reads: objects that carry a pod spec. */
  public readonly reads?: RuleReads = _READS_POD_SPECS;

  /** The rule's metadata. */
  public readonly metadata: RuleMetadata = {
    id: PodToleratesNoControlPlaneTaint.ID,
    name: 'PodToleratesNoControlPlaneTaint',
    rationale: 'Control-plane nodes hold etcd data, the API server\'s keys and admin kubeconfigs; a workload scheduled there is '
      + 'one container escape away from the whole cluster.',
    remediation: 'Remove the toleration (and key-less `operator: Exists` tolerations); only node agents that must run on every node '
      + 'should tolerate the control-plane taint, with a reasoned suppression.',
    references: [
      'https://kubernetes.io/docs/reference/labels-annotations-taints/#node-role-kubernetes-io-control-plane-taint',
      'NSA/CISA Kubernetes Hardening Guide v1.2: Control plane hardening',
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
    const tolerations = pod.spec.tolerations;
    if (!Array.isArray(tolerations)) return [];
    const out: RuleViolation[] = [];
    tolerations.forEach((t: any, i: number) => {
      if (!t || typeof t !== 'object') return;
      const key = typeof t.key === 'string' ? t.key : '';
      if (CONTROL_PLANE_TAINTS.includes(key)) {
        out.push({ path: `${_podFieldPath(pod, 'tolerations')}/${i}`, message: `the pod tolerates the control-plane taint ${key}, so it can run on control-plane nodes` });
      } else if (key === '' && t.operator === 'Exists') {
        out.push({ path: `${_podFieldPath(pod, 'tolerations')}/${i}`, message: 'the pod tolerates every taint (operator Exists without a key), control-plane nodes included' });
      }
    });
    return out;
  }
}

/** The CEL form: no toleration of the control-plane taints, nor of every taint. */
const CEL: IRuleCel = {
  target: CelTarget.POD_BEARING,
  expression: `!has(variables.podSpec.tolerations) || variables.podSpec.tolerations.all(t, !(has(t.key) && t.key in ${_celList(PodToleratesNoControlPlaneTaint._controlPlaneTaints())})`
    + " && !((!has(t.key) || t.key == '') && has(t.operator) && t.operator == 'Exists'))",
};
