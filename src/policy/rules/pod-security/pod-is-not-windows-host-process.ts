// SPDX-License-Identifier: Apache-2.0
import { CelTarget, IRule, IRuleCel, RuleContext, RuleMetadata, RuleReads, RuleViolation, Severity } from '../../engine/rule';
import { _celAbsentOr } from '../_cel';
import { _allContainers, _forEachPod, _podFieldPath, PodTemplateRef, _READS_POD_SPECS } from '../_pod-spec';
import { _containerLabel, _containerSecurityContext, _obj, _podSecurityContext, _PSS_URL } from './_pss';

/**
 * Pod Security Standards baseline check `windowsHostProcess`: `windowsOptions.hostProcess` on the
 * pod and on every container must be unset or `false`.
 *
 * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
 */
export class PodIsNotWindowsHostProcess implements IRule {
  /** The stable rule id. */
  public static readonly ID = 'HARDEN-PSS-011';
  /** The Pod Security Admission check ID this rule implements. */
  public static readonly PSS_CHECK_ID = 'windowsHostProcess';

  /** The objects the rule reads: objects that carry a pod spec. */
  public readonly reads?: RuleReads = _READS_POD_SPECS;

  /** The rule's metadata. */
  public readonly metadata: RuleMetadata = {
    id: PodIsNotWindowsHostProcess.ID,
    name: 'PodIsNotWindowsHostProcess',
    rationale: 'A Windows HostProcess container runs directly on the Windows node with host privileges, the Windows equivalent of a privileged container.',
    remediation: 'Remove windowsOptions.hostProcess from the pod and container security contexts, or set it to false.',
    references: [
      `Pod Security Standards (baseline): HostProcess, check "windowsHostProcess" ${_PSS_URL}#baseline`,
      'CIS Kubernetes Benchmark v1.8: 5.2.11',
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
    if (_obj(_podSecurityContext(pod)?.windowsOptions)?.hostProcess === true) {
      out.push({ path: `${_podFieldPath(pod, 'securityContext')}/windowsOptions/hostProcess`, message: 'the pod sets windowsOptions.hostProcess: true; it must be unset or false' });
    }
    for (const c of _allContainers(pod)) {
      if (_obj(_containerSecurityContext(c)?.windowsOptions)?.hostProcess === true) {
        out.push({ path: `${c.path}/securityContext/windowsOptions/hostProcess`, message: `${_containerLabel(c)} sets windowsOptions.hostProcess: true; it must be unset or false` });
      }
    }
    return out;
  }
}

/** The CEL form: windowsHostProcess. */
const CEL: IRuleCel = {
  target: CelTarget.POD_BEARING,
  expression: _celAbsentOr('variables.podSC', 'windowsOptions.hostProcess', '!variables.podSC.windowsOptions.hostProcess')
    + ` && variables.containers.all(c, ${_celAbsentOr('c', 'securityContext.windowsOptions.hostProcess', '!c.securityContext.windowsOptions.hostProcess')})`,
};
