// SPDX-License-Identifier: Apache-2.0
import { CelTarget, IRule, IRuleCel, RuleContext, RuleMetadata, RuleReads, RuleViolation, Severity } from '../../engine/rule';
import { _celAbsentOr } from '../_cel';
import { _allContainers, _forEachPod, PodTemplateRef, _READS_POD_SPECS } from '../_pod-spec';
import { _containerLabel, _containerSecurityContext, _isSet, _PSS_URL, _show, _usesUserNamespace } from './_pss';

/**
 * Pod Security Standards baseline check `procMount`: `securityContext.procMount` of every
 * container must be unset or `Default`, unless the pod runs in a user namespace
 * (`spec.hostUsers: false`, policy 1.35+). At the restricted level `ContainerProcMountIsDefault`
 * (`procMount_restricted`) replaces it.
 *
 * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
 */
export class ContainerProcMountIsDefaultOrUserNamespaced implements IRule {
  /** The stable rule id. */
  public static readonly ID = 'HARDEN-PSS-008';
  /** The Pod Security Admission check ID this rule implements. */
  public static readonly PSS_CHECK_ID = 'procMount';

  /** The objects the rule reads: objects that carry a pod spec. */
  public readonly reads?: RuleReads = _READS_POD_SPECS;

  /** The rule's metadata. */
  public readonly metadata: RuleMetadata = {
    id: ContainerProcMountIsDefaultOrUserNamespaced.ID,
    name: 'ContainerProcMountIsDefaultOrUserNamespaced',
    rationale: 'An Unmasked /proc exposes kernel information and writable paths that the default masks hide; it is only tolerable inside a user namespace.',
    remediation: 'Remove securityContext.procMount or set it to Default, or run the pod in a user namespace with spec.hostUsers: false.',
    references: [
      `Pod Security Standards (baseline): /proc Mount Type, check "procMount" ${_PSS_URL}#baseline`,
      'https://kubernetes.io/docs/concepts/workloads/pods/user-namespaces/',
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
    if (_usesUserNamespace(pod)) return [];
    const out: RuleViolation[] = [];
    for (const c of _allContainers(pod)) {
      const procMount = _containerSecurityContext(c)?.procMount;
      if (_isSet(procMount) && procMount !== 'Default') {
        out.push({
          path: `${c.path}/securityContext/procMount`,
          message: `${_containerLabel(c)} sets procMount ${_show(procMount)}; it must be unset or Default unless spec.hostUsers is false`,
        });
      }
    }
    return out;
  }
}

/** The CEL form: procMount (baseline; relaxed for user namespaces). */
const CEL: IRuleCel = {
  target: CelTarget.POD_BEARING,
  expression: `variables.userNamespace || variables.containers.all(c, ${_celAbsentOr('c', 'securityContext.procMount', "c.securityContext.procMount == 'Default'")})`,
};
