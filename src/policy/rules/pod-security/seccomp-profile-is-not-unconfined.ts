// SPDX-License-Identifier: Apache-2.0
import { CelTarget, IRule, IRuleCel, RuleContext, RuleMetadata, RuleReads, RuleViolation, Severity } from '../../engine/rule';
import { _celAbsentOr, _celList } from '../_cel';
import { _allContainers, _forEachPod, _podFieldPath, PodTemplateRef, _READS_POD_SPECS } from '../_pod-spec';
import { _containerLabel, _containerSecurityContext, _obj, _podSecurityContext, _PSS_URL, _show } from './_pss';
import { _SECCOMP_TYPES } from '../../../core/_pod-security-standards';

/**
 * Pod Security Standards baseline check `seccompProfile_baseline` (policy 1.19+): where
 * `seccompProfile` is set on the pod or a container, its `type` must be `RuntimeDefault` or
 * `Localhost` (so `Unconfined` fails). At the restricted level
 * `SeccompProfileIsRuntimeDefaultOrLocalhost` (`seccompProfile_restricted`) replaces it.
 *
 * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
 */
export class SeccompProfileIsNotUnconfined implements IRule {
  /** The stable rule id. */
  public static readonly ID = 'HARDEN-PSS-009';
  /** The Pod Security Admission check ID this rule implements. */
  public static readonly PSS_CHECK_ID = 'seccompProfile_baseline';

  /** The objects the rule reads: objects that carry a pod spec. */
  public readonly reads?: RuleReads = _READS_POD_SPECS;

  /** The rule's metadata. */
  public readonly metadata: RuleMetadata = {
    id: SeccompProfileIsNotUnconfined.ID,
    name: 'SeccompProfileIsNotUnconfined',
    rationale: 'An Unconfined seccomp profile lets the container call every system call, including the ones used in known kernel exploits.',
    remediation: 'Remove the seccompProfile override or set seccompProfile.type to RuntimeDefault (or Localhost with a reviewed profile).',
    references: [
      `Pod Security Standards (baseline): Seccomp, check "seccompProfile_baseline" ${_PSS_URL}#baseline`,
      'CIS Kubernetes Benchmark v1.8: 5.7.2',
      'https://kubernetes.io/docs/tutorials/security/seccomp/',
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
    const podProfile = _obj(_podSecurityContext(pod)?.seccompProfile);
    if (podProfile && !_SECCOMP_TYPES.includes(podProfile.type)) {
      out.push({
        path: `${_podFieldPath(pod, 'securityContext')}/seccompProfile/type`,
        message: `the pod sets seccompProfile.type ${_show(podProfile.type)}; only RuntimeDefault or Localhost are allowed`,
      });
    }
    for (const c of _allContainers(pod)) {
      const profile = _obj(_containerSecurityContext(c)?.seccompProfile);
      if (profile && !_SECCOMP_TYPES.includes(profile.type)) {
        out.push({
          path: `${c.path}/securityContext/seccompProfile/type`,
          message: `${_containerLabel(c)} sets seccompProfile.type ${_show(profile.type)}; only RuntimeDefault or Localhost are allowed`,
        });
      }
    }
    return out;
  }
}

const SECCOMP_VALID = _celList([..._SECCOMP_TYPES]);

/** The CEL form: seccompProfile_baseline. */
const CEL: IRuleCel = {
  target: CelTarget.POD_BEARING,
  expression: _celAbsentOr('variables.podSC', 'seccompProfile.type', `variables.podSC.seccompProfile.type in ${SECCOMP_VALID}`)
    + ` && variables.containers.all(c, ${_celAbsentOr('c', 'securityContext.seccompProfile.type', `c.securityContext.seccompProfile.type in ${SECCOMP_VALID}`)})`,
};
