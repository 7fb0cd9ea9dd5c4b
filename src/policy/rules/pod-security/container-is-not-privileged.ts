// SPDX-License-Identifier: Apache-2.0
import { CelTarget, IRule, IRuleCel, RuleContext, RuleMetadata, RuleReads, RuleViolation, Severity } from '../../engine/rule';
import { _celAbsentOr } from '../_cel';
import { _containerViolations, _READS_POD_SPECS } from '../_pod-spec';
import { _containerLabel, _containerSecurityContext, _PSS_URL } from './_pss';

/**
 * Pod Security Standards baseline check `privileged`: `securityContext.privileged` of every
 * init, regular and ephemeral container must be unset or `false`.
 *
 * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
 */
export class ContainerIsNotPrivileged implements IRule {
  /** The stable rule id. */
  public static readonly ID = 'HARDEN-PSS-002';
  /** The Pod Security Admission check ID this rule implements. */
  public static readonly PSS_CHECK_ID = 'privileged';

  /** The objects the rule reads: objects that carry a pod spec. */
  public readonly reads?: RuleReads = _READS_POD_SPECS;

  /** The rule's metadata. */
  public readonly metadata: RuleMetadata = {
    id: ContainerIsNotPrivileged.ID,
    name: 'ContainerIsNotPrivileged',
    rationale: 'A privileged container has every capability and access to all host devices; it is root on the node.',
    remediation: 'Remove securityContext.privileged from the container or set it to false.',
    references: [
      `Pod Security Standards (baseline): Privileged Containers, check "privileged" ${_PSS_URL}#baseline`,
      'CIS Kubernetes Benchmark v1.8: 5.2.2',
      'NSA/CISA Kubernetes Hardening Guidance v1.2: Pod security',
    ],
    defaultSeverity: Severity.ERROR,
  };

  /** The rule's CEL, enforced in the cluster by `AdmissionGuardrails`. */
  public readonly cel?: IRuleCel = CEL;

  /** Checks one manifest object. */
  public check(obj: any, _context: RuleContext): RuleViolation[] {
    return _containerViolations(obj, (c, out) => {
      if (_containerSecurityContext(c)?.privileged === true) {
        out.push({ path: `${c.path}/securityContext/privileged`, message: `${_containerLabel(c)} sets privileged: true; it must be unset or false` });
      }
    });
  }
}

/** The CEL form: privileged. */
const CEL: IRuleCel = {
  target: CelTarget.POD_BEARING,
  expression: `variables.containers.all(c, ${_celAbsentOr('c', 'securityContext.privileged', '!c.securityContext.privileged')})`,
};
