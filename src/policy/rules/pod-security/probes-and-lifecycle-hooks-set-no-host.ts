// SPDX-License-Identifier: Apache-2.0
import { CelTarget, IRule, IRuleCel, RuleContext, RuleMetadata, RuleReads, RuleViolation, Severity } from '../../engine/rule';
import { _celAbsentOr } from '../_cel';
import { _containerViolations, _READS_POD_SPECS } from '../_pod-spec';
import { _containerLabel, _isSet, _obj, _PSS_URL, _show } from './_pss';

const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'];
const HOOKS = ['postStart', 'preStop'];
const HANDLERS = ['httpGet', 'tcpSocket'];

/**
 * Pod Security Standards baseline check `hostProbesAndHostLifecycle` (policy 1.34+): the `host`
 * of `httpGet` and `tcpSocket` handlers in liveness, readiness and startup probes and in
 * `lifecycle.postStart` / `lifecycle.preStop` must be empty or unset.
 *
 * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
 */
export class ProbesAndLifecycleHooksSetNoHost implements IRule {
  /** The stable rule id. */
  public static readonly ID = 'HARDEN-PSS-012';
  /** The Pod Security Admission check ID this rule implements. */
  public static readonly PSS_CHECK_ID = 'hostProbesAndHostLifecycle';

  /** The objects the rule reads: objects that carry a pod spec. */
  public readonly reads?: RuleReads = _READS_POD_SPECS;

  /** The rule's metadata. */
  public readonly metadata: RuleMetadata = {
    id: ProbesAndLifecycleHooksSetNoHost.ID,
    name: 'ProbesAndLifecycleHooksSetNoHost',
    rationale: 'The kubelet performs probes and lifecycle hooks from the node; a custom host turns them into requests to arbitrary addresses '
      + 'from the node\'s network position (server-side request forgery).',
    remediation: 'Remove the host field from httpGet and tcpSocket handlers of probes and lifecycle hooks; they then target the pod IP.',
    references: [
      `Pod Security Standards (baseline): Probes and lifecycle handlers, check "hostProbesAndHostLifecycle" ${_PSS_URL}#baseline`,
      'https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/',
    ],
    defaultSeverity: Severity.ERROR,
  };

  /** The rule's CEL, enforced in the cluster by `AdmissionGuardrails`. */
  public readonly cel?: IRuleCel = CEL;

  /** Checks one manifest object. */
  public check(obj: any, _context: RuleContext): RuleViolation[] {
    return _containerViolations(obj, (c, out) => {
      const handlers: Array<[string, any]> = [];
      for (const p of PROBES) handlers.push([p, _obj(c.container[p])]);
      const lifecycle = _obj(c.container.lifecycle);
      for (const h of HOOKS) handlers.push([`lifecycle/${h}`, _obj(lifecycle?.[h])]);
      for (const [where, handler] of handlers) {
        if (!handler) continue;
        for (const kind of HANDLERS) {
          const host = _obj(handler[kind])?.host;
          if (_isSet(host) && host !== '') {
            out.push({
              path: `${c.path}/${where}/${kind}/host`,
              message: `${_containerLabel(c)} ${where.replace('/', '.')}.${kind}.host is ${_show(host)}; it must be empty or unset`,
            });
          }
        }
      }
    });
  }
}

const hostFree = (root: string) => ['httpGet', 'tcpSocket']
  .map(h => _celAbsentOr(root, `${h}.host`, `${root}.${h}.host == ''`)).join(' && ');
const probesOk = ['livenessProbe', 'readinessProbe', 'startupProbe'].map(p => _celAbsentOr('c', p, `(${hostFree(`c.${p}`)})`))
  .concat(['postStart', 'preStop'].map(h => _celAbsentOr('c', `lifecycle.${h}`, `(${hostFree(`c.lifecycle.${h}`)})`)))
  .join(' && ');

/** The CEL form: hostProbesAndHostLifecycle. */
const CEL: IRuleCel = {
  target: CelTarget.POD_BEARING,
  expression: `variables.containers.all(c, ${probesOk})`,
};
