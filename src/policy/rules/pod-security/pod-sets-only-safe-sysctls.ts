// SPDX-License-Identifier: Apache-2.0
import { CelTarget, IRule, IRuleCel, RuleContext, RuleMetadata, RuleReads, RuleViolation, Severity } from '../../engine/rule';
import { _celList } from '../_cel';
import { _forEachPod, _podFieldPath, PodTemplateRef, _READS_POD_SPECS } from '../_pod-spec';
import { _arr, _obj, _podSecurityContext, _PSS_URL, _show } from './_pss';
import { _SAFE_SYSCTLS } from '../../../core/_pod-security-standards';

const ALLOWED = _SAFE_SYSCTLS;

/**
 * Pod Security Standards baseline check `sysctls`: every `spec.securityContext.sysctls[*].name`
 * must be one of the namespaced "safe" sysctls of policy 1.37.
 *
 * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
 */
export class PodSetsOnlySafeSysctls implements IRule {
  /** The stable rule id. */
  public static readonly ID = 'HARDEN-PSS-010';
  /** The Pod Security Admission check ID this rule implements. */
  public static readonly PSS_CHECK_ID = 'sysctls';

  /** The objects the rule reads: objects that carry a pod spec. */
  public readonly reads?: RuleReads = _READS_POD_SPECS;

  /** The rule's metadata. */
  public readonly metadata: RuleMetadata = {
    id: PodSetsOnlySafeSysctls.ID,
    name: 'PodSetsOnlySafeSysctls',
    rationale: 'Sysctls outside the safe, namespaced set can change kernel behaviour for the whole node and every other pod on it.',
    remediation: `Remove the sysctl from spec.securityContext.sysctls; only these are allowed: ${ALLOWED.join(', ')}.`,
    references: [
      `Pod Security Standards (baseline): Sysctls, check "sysctls" ${_PSS_URL}#baseline`,
      'https://kubernetes.io/docs/tasks/administer-cluster/sysctl-cluster/',
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
    _arr(_podSecurityContext(pod)?.sysctls).forEach((s, i) => {
      const name = _obj(s)?.name;
      if (!ALLOWED.includes(name)) {
        out.push({ path: `${_podFieldPath(pod, 'securityContext')}/sysctls/${i}/name`, message: `sysctl ${_show(name)} is not in the baseline Pod Security Standard's safe set` });
      }
    });
    return out;
  }
}

/** The CEL form: sysctls. */
const CEL: IRuleCel = {
  target: CelTarget.POD_BEARING,
  expression: `!has(variables.podSC.sysctls) || variables.podSC.sysctls.all(s, has(s.name) && s.name in ${_celList([..._SAFE_SYSCTLS])})`,
};
