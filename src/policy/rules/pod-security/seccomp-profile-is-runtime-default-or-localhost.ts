// SPDX-License-Identifier: Apache-2.0
import { CelTarget, IRule, IRuleCel, IRuleFix, RuleContext, RuleFixChange, RuleFixOptions, RuleMetadata, RuleReads, RuleViolation, Severity } from '../../engine/rule';
import { _celAbsentOr, _celList, _celPresent } from '../_cel';
import { _allContainers, _forEachPod, _podFieldPath, _podChild, _podTemplates, PodTemplateRef, _READS_POD_SPECS } from '../_pod-spec';
import { _containerLabel, _containerSecurityContext, _isWindowsPod, _obj, _podSecurityContext, _PSS_URL, _show } from './_pss';
import { _SECCOMP_TYPES } from '../../../core/_pod-security-standards';

/**
 * Pod Security Standards restricted check `seccompProfile_restricted` (replaces
 * `seccompProfile_baseline`): every container must have a seccomp profile of type `RuntimeDefault`
 * or `Localhost`, set on the container or inherited from a valid pod-level profile; an invalid
 * explicit value on the pod or a container fails. Windows pods (`spec.os.name: windows`) are exempt.
 *
 * Fix: sets the pod's `seccompProfile.type: RuntimeDefault` where the pod sets none. An explicit
 * `Unconfined` (pod or container) stays a finding.
 *
 * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted
 */
export class SeccompProfileIsRuntimeDefaultOrLocalhost implements IRule {
  /** The stable rule id. */
  public static readonly ID = 'HARDEN-PSS-017';
  /** The Pod Security Admission check ID this rule implements. */
  public static readonly PSS_CHECK_ID = 'seccompProfile_restricted';

  /** The objects the rule reads: objects that carry a pod spec. */
  public readonly reads?: RuleReads = _READS_POD_SPECS;

  /** The rule's metadata. */
  public readonly metadata: RuleMetadata = {
    id: SeccompProfileIsRuntimeDefaultOrLocalhost.ID,
    name: 'SeccompProfileIsRuntimeDefaultOrLocalhost',
    rationale: 'Without a seccomp profile a container may use every system call; RuntimeDefault blocks the rarely needed ones that kernel exploits rely on.',
    remediation: 'Set spec.securityContext.seccompProfile.type: RuntimeDefault on the pod (or Localhost with a reviewed profile), and remove any other value on containers.',
    references: [
      `Pod Security Standards (restricted): Seccomp, check "seccompProfile_restricted" ${_PSS_URL}#restricted`,
      'CIS Kubernetes Benchmark v1.8: 5.7.2',
      'https://kubernetes.io/docs/tutorials/security/seccomp/',
    ],
    defaultSeverity: Severity.ERROR,
  };

  /** The rule's CEL, enforced in the cluster by `AdmissionGuardrails`. */
  public readonly cel?: IRuleCel = CEL;

  /** Sets the pod's `seccompProfile.type: RuntimeDefault` where the pod sets none. */
  public readonly fix?: IRuleFix = { apply: (obj, options) => this.applyFix(obj, options) };

  /** Checks one manifest object. */
  public check(obj: any, _context: RuleContext): RuleViolation[] {
    return _forEachPod(obj, pod => this.checkPod(pod));
  }

  private checkPod(pod: PodTemplateRef): RuleViolation[] {
    if (_isWindowsPod(pod)) return [];
    const out: RuleViolation[] = [];
    const podProfile = _obj(_podSecurityContext(pod)?.seccompProfile);
    let podValid = false;
    if (podProfile) {
      if (_SECCOMP_TYPES.includes(podProfile.type)) {
        podValid = true;
      } else {
        out.push({
          path: `${_podFieldPath(pod, 'securityContext')}/seccompProfile/type`,
          message: `the pod sets seccompProfile.type ${_show(podProfile.type)}; only RuntimeDefault or Localhost are allowed`,
        });
      }
    }
    for (const c of _allContainers(pod)) {
      const profile = _obj(_containerSecurityContext(c)?.seccompProfile);
      if (profile) {
        if (!_SECCOMP_TYPES.includes(profile.type)) {
          out.push({
            path: `${c.path}/securityContext/seccompProfile/type`,
            message: `${_containerLabel(c)} sets seccompProfile.type ${_show(profile.type)}; only RuntimeDefault or Localhost are allowed`,
          });
        }
      } else if (!podValid) {
        out.push({
          path: `${c.path}/securityContext/seccompProfile`,
          message: `${_containerLabel(c)} has no seccompProfile and the pod sets no valid one; set seccompProfile.type to RuntimeDefault or Localhost`,
        });
      }
    }
    return out;
  }

  private applyFix(obj: any, _options: RuleFixOptions): RuleFixChange[] {
    const out: RuleFixChange[] = [];
    for (const pod of _podTemplates(obj)) {
      if (this.checkPod(pod).length === 0) continue;
      const sc = _podChild(pod, 'securityContext');
      if (!sc || (sc.value.seccompProfile !== undefined && sc.value.seccompProfile !== null)) continue;
      sc.value.seccompProfile = { type: 'RuntimeDefault' };
      out.push({ path: `${sc.path}/seccompProfile`, description: 'set seccompProfile.type: RuntimeDefault' });
    }
    return out;
  }
}

const SECCOMP_VALID = _celList([..._SECCOMP_TYPES]);

/** The CEL form: seccompProfile_restricted. */
const CEL: IRuleCel = {
  target: CelTarget.POD_BEARING,
  expression: 'variables.isWindows || ('
    + `${_celAbsentOr('variables.podSC', 'seccompProfile', `(has(variables.podSC.seccompProfile.type) && variables.podSC.seccompProfile.type in ${SECCOMP_VALID})`)}`
    + ' && variables.containers.all(c, (has(c.securityContext) && has(c.securityContext.seccompProfile))'
    + ` ? (has(c.securityContext.seccompProfile.type) && c.securityContext.seccompProfile.type in ${SECCOMP_VALID})`
    + ` : (${_celPresent('variables.podSC', 'seccompProfile.type')} && variables.podSC.seccompProfile.type in ${SECCOMP_VALID})))`,
};
