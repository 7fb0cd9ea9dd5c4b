// SPDX-License-Identifier: Apache-2.0
import { CelTarget, IRule, IRuleCel, RuleContext, RuleMetadata, RuleReads, RuleViolation, Severity } from '../../engine/rule';
import { _forEachPod, _podFieldPath, PodTemplateRef, _READS_POD_SPECS } from '../_pod-spec';

/**
 * No sysctl value in a pod's `securityContext.sysctls` contains `+` or `=`.
 *
 * CRI-O before 1.24 split sysctl values on `+` and applied each `key=value` part, so an allowed sysctl could set
 * `kernel.core_pattern` on the node and run code as root (CVE-2022-0811, "cr8escape"). This checks every sysctl,
 * allowed or not; the Pod Security packs check which sysctls are allowed.
 * @see https://www.crowdstrike.com/blog/cr8escape-new-vulnerability-discovered-in-cri-o-container-engine-cve-2022-0811/
 */
export class PodSysctlsCarryNoInjection implements IRule {
  /** The rule's stable id. */
  public static readonly ID = 'HARDEN-WL-013';

  /** The objects the rule reads: objects that carry a pod spec. */
  public readonly reads?: RuleReads = _READS_POD_SPECS;

  /** The rule's metadata. */
  public readonly metadata: RuleMetadata = {
    id: PodSysctlsCarryNoInjection.ID,
    name: 'PodSysctlsCarryNoInjection',
    rationale: 'A sysctl value carrying "+" or "=" can smuggle a second, unsafe sysctl past the allow-list on vulnerable runtimes '
      + '(CVE-2022-0811), which turns a pod into root on the node.',
    remediation: 'Remove "+" and "=" from sysctl values; set each sysctl as its own entry, and upgrade CRI-O to 1.24 or later.',
    references: [
      'CVE-2022-0811: https://nvd.nist.gov/vuln/detail/CVE-2022-0811',
      'https://kubernetes.io/docs/tasks/administer-cluster/sysctl-cluster/',
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
    const sysctls = pod.spec.securityContext?.sysctls;
    if (!Array.isArray(sysctls)) return [];
    const out: RuleViolation[] = [];
    sysctls.forEach((s: any, i: number) => {
      const value = s?.value;
      if (typeof value === 'string' && /[+=]/.test(value)) {
        out.push({
          path: `${_podFieldPath(pod, 'securityContext')}/sysctls/${i}/value`,
          message: `sysctl ${JSON.stringify(s.name)} has a value containing "+" or "=" (${JSON.stringify(value)}), which can set other sysctls (CVE-2022-0811)`,
        });
      }
    });
    return out;
  }
}

/** The CEL form: no "+" or "=" in sysctl values (CVE-2022-0811). */
const CEL: IRuleCel = {
  target: CelTarget.POD_BEARING,
  expression: "!has(variables.podSC.sysctls) || variables.podSC.sysctls.all(s, !has(s.value) || !s.value.matches('[+=]'))",
};
