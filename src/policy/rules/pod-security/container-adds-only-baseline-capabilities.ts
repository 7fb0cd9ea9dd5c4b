// SPDX-License-Identifier: Apache-2.0
import { CelTarget, IRule, IRuleCel, RuleContext, RuleMetadata, RuleReads, RuleViolation, Severity } from '../../engine/rule';
import { _celAbsentOr, _celList } from '../_cel';
import { _containerViolations, _READS_POD_SPECS } from '../_pod-spec';
import { _arr, _containerLabel, _containerSecurityContext, _obj, _PSS_URL, _show } from './_pss';
import { _BASELINE_CAPABILITIES } from '../../../core/_pod-security-standards';

const ALLOWED = _BASELINE_CAPABILITIES;

/**
 * Pod Security Standards baseline check `capabilities_baseline`: every entry of
 * `securityContext.capabilities.add` must be one of the default container-runtime capabilities
 * (AUDIT_WRITE, CHOWN, DAC_OVERRIDE, FOWNER, FSETID, KILL, MKNOD, NET_BIND_SERVICE, SETFCAP,
 * SETGID, SETPCAP, SETUID, SYS_CHROOT). `NET_RAW` and `ALL` are refused.
 *
 * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
 */
export class ContainerAddsOnlyBaselineCapabilities implements IRule {
  /** The stable rule id. */
  public static readonly ID = 'HARDEN-PSS-003';
  /** The Pod Security Admission check ID this rule implements. */
  public static readonly PSS_CHECK_ID = 'capabilities_baseline';

  /** The objects the rule reads: objects that carry a pod spec. */
  public readonly reads?: RuleReads = _READS_POD_SPECS;

  /** The rule's metadata. */
  public readonly metadata: RuleMetadata = {
    id: ContainerAddsOnlyBaselineCapabilities.ID,
    name: 'ContainerAddsOnlyBaselineCapabilities',
    rationale: 'Capabilities beyond the container runtime defaults (SYS_ADMIN, NET_ADMIN, NET_RAW, SYS_PTRACE, ALL, ...) '
      + 'give a container kernel powers that are the usual first step of a container escape.',
    remediation: `Remove the capability from securityContext.capabilities.add; only ${ALLOWED.join(', ')} may be added.`,
    references: [
      `Pod Security Standards (baseline): Capabilities, check "capabilities_baseline" ${_PSS_URL}#baseline`,
      'CIS Kubernetes Benchmark v1.8: 5.2.8, 5.2.9',
      'NSA/CISA Kubernetes Hardening Guidance v1.2: Pod security',
    ],
    defaultSeverity: Severity.ERROR,
  };

  /** The rule's CEL, enforced in the cluster by `AdmissionGuardrails`. */
  public readonly cel?: IRuleCel = CEL;

  /** Checks one manifest object. */
  public check(obj: any, _context: RuleContext): RuleViolation[] {
    return _containerViolations(obj, (c, out) => {
      const add = _arr(_obj(_containerSecurityContext(c)?.capabilities)?.add);
      add.forEach((cap, i) => {
        if (!ALLOWED.includes(cap)) {
          out.push({
            path: `${c.path}/securityContext/capabilities/add/${i}`,
            message: `${_containerLabel(c)} adds capability ${_show(cap)}, which the baseline Pod Security Standard does not allow`,
          });
        }
      });
    });
  }
}

/** The CEL form: capabilities_baseline. */
const CEL: IRuleCel = {
  target: CelTarget.POD_BEARING,
  expression: `variables.containers.all(c, ${_celAbsentOr('c', 'securityContext.capabilities.add', `c.securityContext.capabilities.add.all(a, a in ${_celList([..._BASELINE_CAPABILITIES])})`)})`,
};
