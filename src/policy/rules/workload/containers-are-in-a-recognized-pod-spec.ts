// SPDX-License-Identifier: Apache-2.0
import { IRule, RuleContext, RuleMetadata, RuleViolation, Severity } from '../../engine/rule';
import { _unrecognizedContainerLists } from '../_pod-spec';

/**
 * Every list of containers in an object is part of a pod spec the rules understand, so every
 * container is checked.
 *
 * The pod-spec rules read pod specs of the built-in kinds, any `spec.template.spec` or
 * `spec.jobTemplate.spec.template.spec` (Argo Rollout, Knative Service, OpenKruise CloneSet, ...), and the
 * known shapes of Argo Workflows, Tekton and Knative Revision (see docs/rule-engine.md). A `containers`,
 * `initContainers` or `ephemeralContainers` list anywhere else (an unknown custom resource, an OpenKruise
 * SidecarSet, an operator's own workload kind) would otherwise pass every rule unchecked: this rule
 * reports it, once per list, at the list's JSON pointer.
 */
export class ContainersAreInARecognizedPodSpec implements IRule {
  /** The rule's stable id. */
  public static readonly ID = 'HARDEN-WL-020';

  /** The rule's metadata. */
  public readonly metadata: RuleMetadata = {
    id: ContainersAreInARecognizedPodSpec.ID,
    name: 'ContainersAreInARecognizedPodSpec',
    rationale: 'A controller that turns a custom resource into pods can run privileged, root or host-namespace containers that no '
      + 'rule looked at. Containers the checker cannot place in a pod spec must be reported as not checked, never passed silently.',
    remediation: 'Check these containers another way (the controller\'s own admission policy, or Pod Security Admission on the pods '
      + 'it creates), then suppress this rule on the object with that reason; or render the workload with a built-in kind.',
    references: [
      'https://kubernetes.io/docs/concepts/security/pod-security-admission/',
      'docs/rule-engine.md#where-pod-specs-are-found',
    ],
    defaultSeverity: Severity.WARNING,
  };

  /** Why the rule has no CEL form. */
  public readonly noCelReason?: string = 'reports containers of kinds no rule reads; an admission policy matches only the resources it names, '
    + 'and the cluster\'s Pod Security Admission checks the pods those kinds create';

  /** Checks one object. */
  public check(obj: any, _context: RuleContext): RuleViolation[] {
    return _unrecognizedContainerLists(obj).map(path => ({
      path,
      message: `${path} holds containers at a place no rule understands for ${typeof obj.apiVersion === 'string' ? obj.apiVersion : '?'} ${typeof obj.kind === 'string' ? obj.kind : '?'}; `
        + 'they were not checked (privileges, capabilities, images, host access)',
    }));
  }
}
