// SPDX-License-Identifier: Apache-2.0
import { CelTarget, IRule, IRuleCel, RuleContext, RuleMetadata, RuleReads, RuleViolation, Severity } from '../../engine/rule';
import { _forEachPod, _podFieldPath, PodTemplateRef, _READS_POD_SPECS } from '../_pod-spec';
import { _PSS_URL, _show } from './_pss';

const FIELDS = ['hostNetwork', 'hostPID', 'hostIPC'];

/**
 * Pod Security Standards baseline check `hostNamespaces`: `spec.hostNetwork`, `spec.hostPID` and
 * `spec.hostIPC` must be unset or `false`.
 *
 * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
 */
export class PodSharesNoHostNamespaces implements IRule {
  /** The stable rule id. */
  public static readonly ID = 'HARDEN-PSS-001';
  /** The Pod Security Admission check ID this rule implements. */
  public static readonly PSS_CHECK_ID = 'hostNamespaces';

  /** The objects the rule reads: objects that carry a pod spec. */
  public readonly reads?: RuleReads = _READS_POD_SPECS;

  /** The rule's metadata. */
  public readonly metadata: RuleMetadata = {
    id: PodSharesNoHostNamespaces.ID,
    name: 'PodSharesNoHostNamespaces',
    rationale: 'A pod in the host network, PID or IPC namespace can sniff node traffic, reach services bound to localhost on the node, '
      + 'see and signal every process on the node, and read shared memory of other workloads.',
    remediation: 'Remove spec.hostNetwork, spec.hostPID and spec.hostIPC from the pod template, or set them to false.',
    references: [
      `Pod Security Standards (baseline): Host Namespaces, check "hostNamespaces" ${_PSS_URL}#baseline`,
      'CIS Kubernetes Benchmark v1.8: 5.2.3, 5.2.4, 5.2.5',
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
    for (const f of FIELDS) {
      if (pod.spec[f] === true) {
        out.push({ path: `${_podFieldPath(pod, f)}`, message: `${f} is ${_show(pod.spec[f])}; the baseline Pod Security Standard requires it to be unset or false` });
      }
    }
    return out;
  }
}

/** The CEL form: hostNamespaces. */
const CEL: IRuleCel = {
  target: CelTarget.POD_BEARING,
  expression: ['hostNetwork', 'hostPID', 'hostIPC'].map(f => `!(has(variables.podSpec.${f}) && variables.podSpec.${f})`).join(' && '),
};
