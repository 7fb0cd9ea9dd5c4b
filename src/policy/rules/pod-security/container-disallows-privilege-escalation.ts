// SPDX-License-Identifier: Apache-2.0
import { CelTarget, IRule, IRuleCel, IRuleFix, RuleContext, RuleFixChange, RuleFixOptions, RuleMetadata, RuleReads, RuleViolation, Severity } from '../../engine/rule';
import { _allContainers, _forEachPod, _podTemplates, PodTemplateRef, _READS_POD_SPECS } from '../_pod-spec';
import { _arr, _containerLabel, _containerSecurityContext, _isSet, _isWindowsPod, _obj, _PSS_URL, _show } from './_pss';
import { _child, _setIfAbsent } from '../_fix';

/**
 * Pod Security Standards restricted check `allowPrivilegeEscalation`: every container must set
 * `securityContext.allowPrivilegeEscalation: false` explicitly (unset fails). Windows pods
 * (`spec.os.name: windows`) are exempt.
 *
 * Fix: sets `allowPrivilegeEscalation: false` where it is unset, except on privileged containers and those
 * adding `SYS_ADMIN` (the API rejects the combination; they stay findings). An explicit `true` stays a finding.
 *
 * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted
 */
export class ContainerDisallowsPrivilegeEscalation implements IRule {
  /** The stable rule id. */
  public static readonly ID = 'HARDEN-PSS-014';
  /** The Pod Security Admission check ID this rule implements. */
  public static readonly PSS_CHECK_ID = 'allowPrivilegeEscalation';

  /** The objects the rule reads: objects that carry a pod spec. */
  public readonly reads?: RuleReads = _READS_POD_SPECS;

  /** The rule's metadata. */
  public readonly metadata: RuleMetadata = {
    id: ContainerDisallowsPrivilegeEscalation.ID,
    name: 'ContainerDisallowsPrivilegeEscalation',
    rationale: 'Unless no_new_privs is set, a process in the container can gain more privileges than its parent through setuid binaries or file capabilities.',
    remediation: 'Set securityContext.allowPrivilegeEscalation: false on every container, init container and ephemeral container.',
    references: [
      `Pod Security Standards (restricted): Privilege Escalation, check "allowPrivilegeEscalation" ${_PSS_URL}#restricted`,
      'CIS Kubernetes Benchmark v1.8: 5.2.6',
      'NSA/CISA Kubernetes Hardening Guidance v1.2: Pod security',
    ],
    defaultSeverity: Severity.ERROR,
  };

  /** The rule's CEL, enforced in the cluster by `AdmissionGuardrails`. */
  public readonly cel?: IRuleCel = CEL;

  /** Sets `allowPrivilegeEscalation: false` where unset. */
  public readonly fix?: IRuleFix = { apply: (obj, options) => this.applyFix(obj, options) };

  /** Checks one manifest object. */
  public check(obj: any, _context: RuleContext): RuleViolation[] {
    return _forEachPod(obj, pod => this.checkPod(pod));
  }

  private checkPod(pod: PodTemplateRef): RuleViolation[] {
    if (_isWindowsPod(pod)) return [];
    const out: RuleViolation[] = [];
    for (const c of _allContainers(pod)) {
      const value = _containerSecurityContext(c)?.allowPrivilegeEscalation;
      if (value !== false) {
        out.push({
          path: `${c.path}/securityContext/allowPrivilegeEscalation`,
          message: `${_containerLabel(c)} ${_isSet(value) ? `sets allowPrivilegeEscalation ${_show(value)}` : 'does not set allowPrivilegeEscalation'}; it must be explicitly false`,
        });
      }
    }
    return out;
  }

  private applyFix(obj: any, _options: RuleFixOptions): RuleFixChange[] {
    const out: RuleFixChange[] = [];
    const containers = _podTemplates(obj).filter(pod => !_isWindowsPod(pod)).flatMap(_allContainers);
    for (const c of containers) {
      const current = _containerSecurityContext(c);
      if (_isSet(current?.allowPrivilegeEscalation) || current?.privileged === true) continue;
      const added = _arr(_obj(current?.capabilities)?.add);
      if (added.includes('SYS_ADMIN') || added.includes('CAP_SYS_ADMIN')) continue;
      const sc = _child(c.container, 'securityContext');
      if (sc) _setIfAbsent(sc, 'allowPrivilegeEscalation', false, `${c.path}/securityContext/allowPrivilegeEscalation`, out);
    }
    return out;
  }
}

/** The CEL form: allowPrivilegeEscalation. */
const CEL: IRuleCel = {
  target: CelTarget.POD_BEARING,
  expression: 'variables.isWindows || variables.containers.all(c, has(c.securityContext) && has(c.securityContext.allowPrivilegeEscalation)'
    + ' && c.securityContext.allowPrivilegeEscalation == false)',
};
