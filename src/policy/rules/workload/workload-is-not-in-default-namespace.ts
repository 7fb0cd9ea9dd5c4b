// SPDX-License-Identifier: Apache-2.0
import { CelTarget, IRule, IRuleCel, RuleContext, RuleMetadata, RuleReads, RuleViolation, Severity } from '../../engine/rule';
import { _WORKLOAD_KINDS } from '../_objects';

/**
 * No workload (a pod-bearing kind that runs pods) sets `metadata.namespace: default`.
 *
 * A workload without `metadata.namespace` lands wherever it is applied and is not reported; name the namespace
 * explicitly so it is reviewed.
 * @see https://kubernetes.io/docs/concepts/overview/working-with-objects/namespaces/
 */
export class WorkloadIsNotInDefaultNamespace implements IRule {
  /** The rule's stable id. */
  public static readonly ID = 'HARDEN-WL-015';

  /** The objects the rule reads: the built-in kinds that run pods. */
  public readonly reads?: RuleReads = RuleReads.kinds(..._WORKLOAD_KINDS);

  /** The rule's metadata. */
  public readonly metadata: RuleMetadata = {
    id: WorkloadIsNotInDefaultNamespace.ID,
    name: 'WorkloadIsNotInDefaultNamespace',
    rationale: 'The default namespace usually has no Pod Security level, NetworkPolicy, quota or dedicated RBAC, and everyone '
      + 'with any access can see into it: workloads there share the weakest boundary of the cluster.',
    remediation: 'Put the workload in its own namespace (a HardenedNamespace) with Pod Security, default-deny NetworkPolicies and a quota.',
    references: [
      'CIS Kubernetes Benchmark 5.7.4: The default namespace should not be used',
      'https://kubernetes.io/docs/concepts/overview/working-with-objects/namespaces/#initial-namespaces',
    ],
    defaultSeverity: Severity.WARNING,
  };

  /** The rule's CEL, enforced in the cluster by `AdmissionGuardrails`. */
  public readonly cel?: IRuleCel = CEL;

  /** Checks one object. */
  public check(obj: any, _context: RuleContext): RuleViolation[] {
    if (!_WORKLOAD_KINDS.includes(obj?.kind) || obj.metadata?.namespace !== 'default') return [];
    return [{ path: '/metadata/namespace', message: `${obj.kind} "${obj.metadata?.name}" runs in the default namespace; give it its own namespace` }];
  }
}

/** The CEL form: no workload in the default namespace (PodTemplate runs nothing). */
const CEL: IRuleCel = {
  target: CelTarget.POD_BEARING,
  expression: "object.kind == 'PodTemplate' || !has(object.metadata.namespace) || object.metadata.namespace != 'default'",
};
