// SPDX-License-Identifier: Apache-2.0
import { CelTarget, IRule, IRuleCel, RuleContext, RuleMetadata, RuleReads, RuleViolation, Severity } from '../../engine/rule';
import { _containerViolations, _READS_POD_SPECS } from '../_pod-spec';
import { _arr, _containerLabel, _isSet, _obj, _PSS_URL, _show } from './_pss';

/**
 * Pod Security Standards baseline check `hostPorts`: `ports[*].hostPort` of every container must
 * be unset or `0`.
 *
 * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
 */
export class ContainerUsesNoHostPorts implements IRule {
  /** The stable rule id. */
  public static readonly ID = 'HARDEN-PSS-005';
  /** The Pod Security Admission check ID this rule implements. */
  public static readonly PSS_CHECK_ID = 'hostPorts';

  /** The objects the rule reads: objects that carry a pod spec. */
  public readonly reads?: RuleReads = _READS_POD_SPECS;

  /** The rule's metadata. */
  public readonly metadata: RuleMetadata = {
    id: ContainerUsesNoHostPorts.ID,
    name: 'ContainerUsesNoHostPorts',
    rationale: 'A host port binds the container to the node\'s network interface, bypassing Services and most NetworkPolicy implementations, '
      + 'and limits scheduling.',
    remediation: 'Remove ports[*].hostPort (or set it to 0) and expose the container through a Service.',
    references: [
      `Pod Security Standards (baseline): Host Ports, check "hostPorts" ${_PSS_URL}#baseline`,
      'CIS Kubernetes Benchmark v1.8: 5.2.13',
    ],
    defaultSeverity: Severity.ERROR,
  };

  /** The rule's CEL, enforced in the cluster by `AdmissionGuardrails`. */
  public readonly cel?: IRuleCel = CEL;

  /** Checks one manifest object. */
  public check(obj: any, _context: RuleContext): RuleViolation[] {
    return _containerViolations(obj, (c, out) => {
      _arr(c.container.ports).forEach((p, i) => {
        const hostPort = _obj(p)?.hostPort;
        if (_isSet(hostPort) && hostPort !== 0) {
          out.push({ path: `${c.path}/ports/${i}/hostPort`, message: `${_containerLabel(c)} uses hostPort ${_show(hostPort)}; host ports must be unset or 0` });
        }
      });
    });
  }
}

/** The CEL form: hostPorts. */
const CEL: IRuleCel = {
  target: CelTarget.POD_BEARING,
  expression: 'variables.containers.all(c, !has(c.ports) || c.ports.all(p, !has(p.hostPort) || p.hostPort == 0))',
};
