// SPDX-License-Identifier: Apache-2.0
/**
 * Internal: what `AdmissionGuardrails` wraps around each rule's own CEL (`IRule.cel`): the resources each
 * `CelTarget` matches and the variables its expressions may read (the pod-spec traversal of every pod-bearing kind).
 * The expressions themselves live in the rules; their builders in `policy/rules/_cel.ts`.
 *
 * Expressions use standard CEL (has(), all(), exists(), in, startsWith, matches, ternaries) plus, for HARDEN-NET-007
 * only, the cel-go strings extension (lowerAscii, indexOf, substring) that Kubernetes enables: no Kubernetes-specific
 * library functions and no optional syntax, so the agreement test can evaluate them with a conformance-tested CEL
 * implementation. Each is checked against the TypeScript rule on the same fixtures (test/policy/admission).
 */
import { CelTarget as _CelTarget, IRuleCel } from '../engine/rule';
import { RulePacks } from '../packs/rule-packs';
import { _celPresent as present } from '../rules/_cel';

/** Resources matched per target (group, version, plural resources). @internal */
export const _TARGET_RESOURCES: Record<string, Array<{ apiGroups: string[]; apiVersions: string[]; resources: string[] }>> = {
  [_CelTarget.POD_BEARING]: [
    { apiGroups: [''], apiVersions: ['v1'], resources: ['pods', 'pods/ephemeralcontainers', 'podtemplates', 'replicationcontrollers'] },
    { apiGroups: ['apps'], apiVersions: ['v1'], resources: ['daemonsets', 'deployments', 'replicasets', 'statefulsets'] },
    { apiGroups: ['batch'], apiVersions: ['v1'], resources: ['cronjobs', 'jobs'] },
  ],
  [_CelTarget.SERVICE]: [
    { apiGroups: [''], apiVersions: ['v1'], resources: ['services'] },
  ],
  [_CelTarget.RBAC_ROLE]: [
    { apiGroups: ['rbac.authorization.k8s.io'], apiVersions: ['v1'], resources: ['clusterroles', 'roles'] },
  ],
  [_CelTarget.RBAC_BINDING]: [
    { apiGroups: ['rbac.authorization.k8s.io'], apiVersions: ['v1'], resources: ['clusterrolebindings', 'rolebindings'] },
  ],
  [_CelTarget.SECRET]: [
    { apiGroups: [''], apiVersions: ['v1'], resources: ['secrets'] },
  ],
  [_CelTarget.NAMESPACE]: [
    { apiGroups: [''], apiVersions: ['v1'], resources: ['namespaces'] },
  ],
  [_CelTarget.INGRESS]: [
    { apiGroups: ['networking.k8s.io'], apiVersions: ['v1'], resources: ['ingresses'] },
  ],
  [_CelTarget.PERSISTENT_VOLUME]: [
    { apiGroups: [''], apiVersions: ['v1'], resources: ['persistentvolumes'] },
  ],
  [_CelTarget.SERVICE_ACCOUNT]: [
    { apiGroups: [''], apiVersions: ['v1'], resources: ['serviceaccounts'] },
  ],
};

const POD_SPEC = "object.kind == 'Pod' ? object.spec : object.kind == 'CronJob' ? object.spec.jobTemplate.spec.template.spec"
  + " : object.kind == 'PodTemplate' ? object.template.spec : object.spec.template.spec";
/** The template annotations of a pod-bearing object, or an empty map. */
function annotationsAt(metadataPath: string): string {
  return `(${present('object', `${metadataPath}.annotations`)} ? object.${metadataPath}.annotations : {})`;
}
const POD_ANNOTATIONS = `object.kind == 'Pod' ? ${annotationsAt('metadata')}`
  + ` : object.kind == 'CronJob' ? ${annotationsAt('spec.jobTemplate.spec.template.metadata')}`
  + ` : object.kind == 'PodTemplate' ? ${annotationsAt('template.metadata')}`
  + ` : ${annotationsAt('spec.template.metadata')}`;

/** Variables per target, evaluated in order (VAP `spec.variables`). @internal */
export const _TARGET_VARIABLES: Record<string, Array<{ name: string; expression: string }>> = {
  [_CelTarget.POD_BEARING]: [
    { name: 'podSpec', expression: POD_SPEC },
    { name: 'podAnnotations', expression: POD_ANNOTATIONS },
    {
      name: 'containers',
      expression: '(has(variables.podSpec.initContainers) ? variables.podSpec.initContainers : [])'
        + ' + (has(variables.podSpec.containers) ? variables.podSpec.containers : [])'
        + ' + (has(variables.podSpec.ephemeralContainers) ? variables.podSpec.ephemeralContainers : [])',
    },
    {
      name: 'nonEphemeralContainers',
      expression: '(has(variables.podSpec.initContainers) ? variables.podSpec.initContainers : [])'
        + ' + (has(variables.podSpec.containers) ? variables.podSpec.containers : [])',
    },
    { name: 'podSC', expression: 'has(variables.podSpec.securityContext) ? variables.podSpec.securityContext : {}' },
    { name: 'isWindows', expression: "has(variables.podSpec.os) && has(variables.podSpec.os.name) && variables.podSpec.os.name == 'windows'" },
    { name: 'userNamespace', expression: 'has(variables.podSpec.hostUsers) && variables.podSpec.hostUsers == false' },
  ],
  [_CelTarget.SERVICE]: [],
  [_CelTarget.RBAC_ROLE]: [],
  [_CelTarget.RBAC_BINDING]: [],
  [_CelTarget.SECRET]: [],
  [_CelTarget.NAMESPACE]: [],
  [_CelTarget.PERSISTENT_VOLUME]: [],
  [_CelTarget.SERVICE_ACCOUNT]: [],
  [_CelTarget.INGRESS]: [
    { name: 'spec', expression: 'has(object.spec) ? object.spec : {}' },
    { name: 'tls', expression: 'has(variables.spec.tls) ? variables.spec.tls : []' },
    // a tls entry without hosts serves the controller's default certificate for any host
    { name: 'defaultCert', expression: 'variables.tls.exists(t, !has(t.hosts) || size(t.hosts) == 0)' },
  ],
};


/** One rule's CEL with an expression. @internal */
export interface CelRule {
  readonly target: _CelTarget;
  /** True when compliant. May use the variables of its target. */
  readonly expression: string;
}

/**
 * Index by rule id of the built-in rules' CEL (derived from each rule's `cel`, nothing written here), for RULES.md and
 * the agreement test. HARDEN-WL-010 is absent: its CEL depends on the configured registries. @internal
 */
export const _CEL_RULES: Record<string, CelRule> = Object.fromEntries(RulePacks.all().flatMap(p => p.entries)
  .map(e => [e.rule.metadata.id, e.rule.cel] as [string, IRuleCel | undefined])
  .filter(([, cel]) => cel?.expression !== undefined)
  .map(([id, cel]) => [id, { target: cel!.target, expression: cel!.expression! }]));
