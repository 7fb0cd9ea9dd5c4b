// SPDX-License-Identifier: Apache-2.0
import { CelTarget, IRule, IRuleCel, RuleContext, RuleMetadata, RuleReads, RuleViolation, Severity } from '../../engine/rule';
import { _celAbsentOr } from '../_cel';
import { _containerViolations, _READS_POD_SPECS } from '../_pod-spec';
import { _containerLabel, _containerSecurityContext, _isSet, _PSS_URL, _show } from './_pss';

/**
 * Pod Security Standards restricted check `procMount_restricted` (replaces `procMount`, policy
 * 1.35+): `securityContext.procMount` of every container must be unset or `Default`, with no
 * relaxation for user-namespaced pods.
 *
 * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted
 */
export class ContainerProcMountIsDefault implements IRule {
  /** The stable rule id. */
  public static readonly ID = 'HARDEN-PSS-019';
  /** The Pod Security Admission check ID this rule implements. */
  public static readonly PSS_CHECK_ID = 'procMount_restricted';

  /** The objects the rule reads: objects that carry a pod spec. */
  public readonly reads?: RuleReads = _READS_POD_SPECS;

  /** The rule's metadata. */
  public readonly metadata: RuleMetadata = {
    id: ContainerProcMountIsDefault.ID,
    name: 'ContainerProcMountIsDefault',
    rationale: 'An Unmasked /proc exposes kernel information and writable paths that the default masks hide; the restricted level refuses it even in a user namespace.',
    remediation: 'Remove securityContext.procMount or set it to Default.',
    references: [
      `Pod Security Standards (restricted): /proc Mount Type, check "procMount_restricted" ${_PSS_URL}#restricted`,
    ],
    defaultSeverity: Severity.ERROR,
  };

  /** The rule's CEL, enforced in the cluster by `AdmissionGuardrails`. */
  public readonly cel?: IRuleCel = CEL;

  /** Checks one manifest object. */
  public check(obj: any, _context: RuleContext): RuleViolation[] {
    return _containerViolations(obj, (c, out) => {
      const procMount = _containerSecurityContext(c)?.procMount;
      if (_isSet(procMount) && procMount !== 'Default') {
        out.push({ path: `${c.path}/securityContext/procMount`, message: `${_containerLabel(c)} sets procMount ${_show(procMount)}; it must be unset or Default` });
      }
    });
  }
}

/** The CEL form: procMount_restricted. */
const CEL: IRuleCel = {
  target: CelTarget.POD_BEARING,
  expression: `variables.containers.all(c, ${_celAbsentOr('c', 'securityContext.procMount', "c.securityContext.procMount == 'Default'")})`,
};
