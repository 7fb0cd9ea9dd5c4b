// SPDX-License-Identifier: Apache-2.0
import { CelTarget, IRule, IRuleCel, RuleContext, RuleMetadata, RuleReads, RuleViolation, Severity } from '../../engine/rule';
import { _allContainers, _forEachPod, PodTemplateRef, _READS_POD_SPECS } from '../_pod-spec';

/** Kinds whose pods run to completion: probes are not required there. */
const RUN_TO_COMPLETION_KINDS = ['Job', 'CronJob'];

/**
 * Every long-running container has a `livenessProbe` and a `readinessProbe`.
 *
 * Long-running means: a regular container, or a sidecar init container (`restartPolicy: Always`),
 * of a Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, or a Pod/PodTemplate
 * whose `restartPolicy` is `Always` (the default). Job and CronJob pods, pods with
 * `restartPolicy: Never|OnFailure`, ordinary init containers and ephemeral containers are not applicable.
 * @see https://kubernetes.io/docs/concepts/configuration/liveness-readiness-startup-probes/
 */
export class ContainerHasHealthProbes implements IRule {
  /** The rule's stable id. */
  public static readonly ID = 'HARDEN-WL-005';

  /** The objects the rule reads: objects that carry a pod spec. */
  public readonly reads?: RuleReads = _READS_POD_SPECS;

  /** The rule's metadata. */
  public readonly metadata: RuleMetadata = {
    id: ContainerHasHealthProbes.ID,
    name: 'ContainerHasHealthProbes',
    rationale: 'Without a liveness probe a hung process keeps its pod Running forever; without a readiness probe traffic is '
      + 'sent to pods that cannot serve it. Both turn partial failures (including resource exhaustion attacks) into outages.',
    remediation: 'Add `livenessProbe` and `readinessProbe` (httpGet, tcpSocket, grpc or exec) to every long-running container.',
    references: [
      'https://kubernetes.io/docs/concepts/configuration/liveness-readiness-startup-probes/',
      'https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/',
    ],
    defaultSeverity: Severity.WARNING,
  };

  /** The rule's CEL, enforced in the cluster by `AdmissionGuardrails`. */
  public readonly cel?: IRuleCel = CEL;

  /** Checks one object. */
  public check(obj: any, _context: RuleContext): RuleViolation[] {
    return _forEachPod(obj, pod => this.checkPod(pod, obj));
  }

  private checkPod(pod: PodTemplateRef, obj: any): RuleViolation[] {
    if (pod.runsToCompletion || RUN_TO_COMPLETION_KINDS.includes(obj.kind)) return [];
    const restartPolicy = pod.spec.restartPolicy;
    if (restartPolicy !== undefined && restartPolicy !== 'Always') return [];
    const out: RuleViolation[] = [];
    for (const c of _allContainers(pod)) {
      const longRunning = c.field === 'containers' || (c.field === 'initContainers' && c.container.restartPolicy === 'Always');
      if (!longRunning) continue;
      for (const probe of ['livenessProbe', 'readinessProbe']) {
        if (c.container[probe] && typeof c.container[probe] === 'object') continue;
        out.push({
          path: `${c.path}/${probe}`,
          message: `${c.field === 'initContainers' ? 'sidecar init container' : 'container'} "${c.container.name}" has no ${probe}`,
        });
      }
    }
    return out;
  }
}

/** The CEL form: liveness and readiness probes on long-running containers (not Job/CronJob, not restartPolicy Never/OnFailure). */
const CEL: IRuleCel = {
  target: CelTarget.POD_BEARING,
  expression: "object.kind in ['Job', 'CronJob'] || (has(variables.podSpec.restartPolicy) && variables.podSpec.restartPolicy != 'Always')"
    + ' || ((!has(variables.podSpec.containers) || variables.podSpec.containers.all(c, has(c.livenessProbe) && has(c.readinessProbe)))'
    + " && (!has(variables.podSpec.initContainers) || variables.podSpec.initContainers.all(c, !has(c.restartPolicy) || c.restartPolicy != 'Always'"
    + ' || (has(c.livenessProbe) && has(c.readinessProbe)))))',
};
