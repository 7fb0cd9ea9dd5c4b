// SPDX-License-Identifier: Apache-2.0
/**
 * Internal: the CEL form of each rule that can be enforced by a ValidatingAdmissionPolicy.
 *
 * Every expression is true when the object complies. They use standard CEL (has(), all(), exists(),
 * in, startsWith, matches, ternaries) plus, for HARDEN-NET-007 only, the cel-go strings extension
 * (lowerAscii, indexOf, substring) that Kubernetes enables: no Kubernetes-specific library functions
 * and no optional syntax, so the agreement test can evaluate them with a conformance-tested CEL implementation.
 * Each is checked against the TypeScript rule on the same fixtures (test/policy/admission).
 */
import { _PINNED_DIGEST_PATTERN } from '../../core/_image-reference';
import {
  _APPARMOR_TYPES, _BASELINE_CAPABILITIES, _RESTRICTED_ADDABLE_CAPABILITY, _RESTRICTED_DROPPED_CAPABILITY,
  _RESTRICTED_VOLUME_TYPES, _SAFE_SYSCTLS, _SECCOMP_TYPES, _SELINUX_TYPES,
} from '../../core/_pod-security-standards';
import { _CLUSTER_ADMIN_ROLE, _ESCALATION_VERBS, _PRIVILEGED_SUBJECTS, _TAKEOVER_SUBRESOURCES } from '../../core/_rbac-risks';
import { ExternalNameServiceDoesNotPointInside } from '../rules/network/external-name-service-does-not-point-inside';
import { _sensitiveGrantsCel } from '../rules/rbac/_sensitive-grants';
import { RoleGrantsNoAdmissionWebhookEdits } from '../rules/rbac/role-grants-no-admission-webhook-edits';
import { RoleGrantsNoCertificateApproval } from '../rules/rbac/role-grants-no-certificate-approval';
import { RoleGrantsNoEndpointEdits } from '../rules/rbac/role-grants-no-endpoint-edits';
import { PodToleratesNoControlPlaneTaint } from '../rules/workload/pod-tolerates-no-control-plane-taint';

/** What a policy matches: pod-bearing kinds, or one other group of resources. @internal */
export enum _CelTarget {
  POD_BEARING = 'pod-bearing',
  SERVICE = 'service',
  RBAC_ROLE = 'rbac-role',
  RBAC_BINDING = 'rbac-binding',
  SECRET = 'secret',
  NAMESPACE = 'namespace',
  INGRESS = 'ingress',
  PERSISTENT_VOLUME = 'persistent-volume',
  SERVICE_ACCOUNT = 'service-account',
}

/** One rule's CEL. @internal */
export interface CelRule {
  readonly target: _CelTarget;
  /** True when compliant. May use the variables of its target. */
  readonly expression: string;
}

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

const list = (xs: string[]) => `[${xs.map(x => `'${x}'`).join(', ')}]`;
/** `has()` guard chain for a dotted path below a root: has(r.a) && has(r.a.b) ... @internal */
function present(root: string, path: string): string {
  const parts = path.split('.');
  return parts.map((_, i) => `has(${root}.${parts.slice(0, i + 1).join('.')})`).join(' && ');
}
/** The field is absent, or satisfies cond (written in terms of the full path). */
function absentOr(root: string, path: string, cond: string): string {
  return `(!(${present(root, path)}) || ${cond})`;
}

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

const BASELINE_CAPS = [..._BASELINE_CAPABILITIES];
const SAFE_SYSCTLS = [..._SAFE_SYSCTLS];
const SELINUX_TYPES = [..._SELINUX_TYPES];
const RESTRICTED_VOLUME_KEYS = ['name', ..._RESTRICTED_VOLUME_TYPES];
const SECCOMP_VALID = list([..._SECCOMP_TYPES]);
const APPARMOR_VALID = list([..._APPARMOR_TYPES]);

const seLinuxOk = (root: string) => absentOr(root, 'seLinuxOptions',
  `(${absentOr(root, 'seLinuxOptions.type', `${root}.seLinuxOptions.type in ${list(SELINUX_TYPES)}`)}`
  + ` && ${absentOr(root, 'seLinuxOptions.user', `${root}.seLinuxOptions.user == ''`)}`
  + ` && ${absentOr(root, 'seLinuxOptions.role', `${root}.seLinuxOptions.role == ''`)})`);
const hostFree = (root: string) => ['httpGet', 'tcpSocket']
  .map(h => absentOr(root, `${h}.host`, `${root}.${h}.host == ''`)).join(' && ');
const probesOk = ['livenessProbe', 'readinessProbe', 'startupProbe'].map(p => absentOr('c', p, `(${hostFree(`c.${p}`)})`))
  .concat(['postStart', 'preStop'].map(h => absentOr('c', `lifecycle.${h}`, `(${hostFree(`c.lifecycle.${h}`)})`)))
  .join(' && ');

const PRIVILEGED_SUBJECTS = [..._PRIVILEGED_SUBJECTS];

// HARDEN-WL-009's patterns in RE2 syntax (CEL `matches`): no lookahead, and JavaScript's `\s` (Unicode white space and
// line terminators, which is also what String.prototype.trim removes) spelled out, because RE2's `\s` is ASCII only.
const JS_SPACE = '\\t\\n\\x{0B}\\f\\r \\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}';
const SECRET_NAME_RE = '(?i)(PASSWORD|PASSWD|PASSPHRASE|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY|CREDENTIAL)';
const REFERENCE_SUFFIX_RE = '(?i)_(FILE|FILENAME|PATH|DIR|NAME|REF|URL|URI|ENDPOINT|HOST|USER|USERNAME)$';
const HARMLESS_VALUE_RE = `^[${JS_SPACE}]*(?i:true|false|yes|no|-?[0-9]{1,5}|\\$\\([A-Za-z_][A-Za-z0-9_.-]*\\))[${JS_SPACE}]*$`;
// A URL password is any run of [^space/@] up to the "@" that does not start with "$(" (a dependent-variable reference):
// a first character other than "$", or "$" alone, or "$" followed by anything but "(".
const URL_PASSWORD = `(?:[^${JS_SPACE}/@$][^${JS_SPACE}/@]*|\\$(?:[^${JS_SPACE}/@(][^${JS_SPACE}/@]*)?)`;
const SECRET_VALUE_RE = [
  '-----BEGIN ([A-Z0-9]+ )*PRIVATE KEY( BLOCK)?-----',
  '(^|[^A-Z0-9])(AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}([^A-Z0-9]|$)',
  '(^|[^A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{5,}\\.eyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]*',
  '(^|[^A-Za-z0-9_])(gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{40,})',
  `(?i:[a-z][a-z0-9+.-]*)://[^${JS_SPACE}/@:]*:${URL_PASSWORD}@`,
].join('|');

/** CEL per rule id. @internal */
export const _CEL_RULES: Record<string, CelRule> = {
  // hostNamespaces
  'HARDEN-PSS-001': {
    target: _CelTarget.POD_BEARING,
    expression: ['hostNetwork', 'hostPID', 'hostIPC'].map(f => `!(has(variables.podSpec.${f}) && variables.podSpec.${f})`).join(' && '),
  },
  // privileged
  'HARDEN-PSS-002': {
    target: _CelTarget.POD_BEARING,
    expression: `variables.containers.all(c, ${absentOr('c', 'securityContext.privileged', '!c.securityContext.privileged')})`,
  },
  // capabilities_baseline
  'HARDEN-PSS-003': {
    target: _CelTarget.POD_BEARING,
    expression: `variables.containers.all(c, ${absentOr('c', 'securityContext.capabilities.add', `c.securityContext.capabilities.add.all(a, a in ${list(BASELINE_CAPS)})`)})`,
  },
  // hostPathVolumes
  'HARDEN-PSS-004': {
    target: _CelTarget.POD_BEARING,
    expression: '!has(variables.podSpec.volumes) || variables.podSpec.volumes.all(v, !has(v.hostPath))',
  },
  // hostPorts
  'HARDEN-PSS-005': {
    target: _CelTarget.POD_BEARING,
    expression: 'variables.containers.all(c, !has(c.ports) || c.ports.all(p, !has(p.hostPort) || p.hostPort == 0))',
  },
  // appArmorProfile
  'HARDEN-PSS-006': {
    target: _CelTarget.POD_BEARING,
    expression: absentOr('variables.podSC', 'appArmorProfile', `(has(variables.podSC.appArmorProfile.type) && variables.podSC.appArmorProfile.type in ${APPARMOR_VALID})`)
      + ` && variables.containers.all(c, ${absentOr('c', 'securityContext.appArmorProfile', `(has(c.securityContext.appArmorProfile.type) && c.securityContext.appArmorProfile.type in ${APPARMOR_VALID})`)})`
      + " && variables.podAnnotations.all(k, !k.startsWith('container.apparmor.security.beta.kubernetes.io/')"
      + " || variables.podAnnotations[k] == '' || variables.podAnnotations[k] == 'runtime/default' || variables.podAnnotations[k].startsWith('localhost/'))",
  },
  // seLinuxOptions
  'HARDEN-PSS-007': {
    target: _CelTarget.POD_BEARING,
    expression: `${seLinuxOk('variables.podSC')} && variables.containers.all(c, !has(c.securityContext) || ${seLinuxOk('c.securityContext')})`,
  },
  // procMount (baseline; relaxed for user namespaces)
  'HARDEN-PSS-008': {
    target: _CelTarget.POD_BEARING,
    expression: `variables.userNamespace || variables.containers.all(c, ${absentOr('c', 'securityContext.procMount', "c.securityContext.procMount == 'Default'")})`,
  },
  // seccompProfile_baseline
  'HARDEN-PSS-009': {
    target: _CelTarget.POD_BEARING,
    expression: absentOr('variables.podSC', 'seccompProfile.type', `variables.podSC.seccompProfile.type in ${SECCOMP_VALID}`)
      + ` && variables.containers.all(c, ${absentOr('c', 'securityContext.seccompProfile.type', `c.securityContext.seccompProfile.type in ${SECCOMP_VALID}`)})`,
  },
  // sysctls
  'HARDEN-PSS-010': {
    target: _CelTarget.POD_BEARING,
    expression: `!has(variables.podSC.sysctls) || variables.podSC.sysctls.all(s, has(s.name) && s.name in ${list(SAFE_SYSCTLS)})`,
  },
  // windowsHostProcess
  'HARDEN-PSS-011': {
    target: _CelTarget.POD_BEARING,
    expression: absentOr('variables.podSC', 'windowsOptions.hostProcess', '!variables.podSC.windowsOptions.hostProcess')
      + ` && variables.containers.all(c, ${absentOr('c', 'securityContext.windowsOptions.hostProcess', '!c.securityContext.windowsOptions.hostProcess')})`,
  },
  // hostProbesAndHostLifecycle
  'HARDEN-PSS-012': {
    target: _CelTarget.POD_BEARING,
    expression: `variables.containers.all(c, ${probesOk})`,
  },
  // restrictedVolumes
  'HARDEN-PSS-013': {
    target: _CelTarget.POD_BEARING,
    expression: `!has(variables.podSpec.volumes) || variables.podSpec.volumes.all(v, v.all(k, k in ${list(RESTRICTED_VOLUME_KEYS)}))`,
  },
  // allowPrivilegeEscalation
  'HARDEN-PSS-014': {
    target: _CelTarget.POD_BEARING,
    expression: 'variables.isWindows || variables.containers.all(c, has(c.securityContext) && has(c.securityContext.allowPrivilegeEscalation)'
      + ' && c.securityContext.allowPrivilegeEscalation == false)',
  },
  // runAsNonRoot
  'HARDEN-PSS-015': {
    target: _CelTarget.POD_BEARING,
    expression: 'variables.userNamespace || ((!has(variables.podSC.runAsNonRoot) || variables.podSC.runAsNonRoot)'
      + ' && variables.containers.all(c, (has(c.securityContext) && has(c.securityContext.runAsNonRoot))'
      + ' ? c.securityContext.runAsNonRoot : (has(variables.podSC.runAsNonRoot) && variables.podSC.runAsNonRoot)))',
  },
  // runAsUser
  'HARDEN-PSS-016': {
    target: _CelTarget.POD_BEARING,
    expression: 'variables.userNamespace || ((!has(variables.podSC.runAsUser) || variables.podSC.runAsUser != 0)'
      + ` && variables.containers.all(c, ${absentOr('c', 'securityContext.runAsUser', 'c.securityContext.runAsUser != 0')}))`,
  },
  // seccompProfile_restricted
  'HARDEN-PSS-017': {
    target: _CelTarget.POD_BEARING,
    expression: 'variables.isWindows || ('
      + `${absentOr('variables.podSC', 'seccompProfile', `(has(variables.podSC.seccompProfile.type) && variables.podSC.seccompProfile.type in ${SECCOMP_VALID})`)}`
      + ' && variables.containers.all(c, (has(c.securityContext) && has(c.securityContext.seccompProfile))'
      + ` ? (has(c.securityContext.seccompProfile.type) && c.securityContext.seccompProfile.type in ${SECCOMP_VALID})`
      + ` : (${present('variables.podSC', 'seccompProfile.type')} && variables.podSC.seccompProfile.type in ${SECCOMP_VALID})))`,
  },
  // capabilities_restricted
  'HARDEN-PSS-018': {
    target: _CelTarget.POD_BEARING,
    expression: `variables.isWindows || variables.containers.all(c, ${present('c', 'securityContext.capabilities.drop')}`
      + ` && '${_RESTRICTED_DROPPED_CAPABILITY}' in c.securityContext.capabilities.drop`
      + ` && ${absentOr('c', 'securityContext.capabilities.add', `c.securityContext.capabilities.add.all(a, a == '${_RESTRICTED_ADDABLE_CAPABILITY}')`)})`,
  },
  // procMount_restricted
  'HARDEN-PSS-019': {
    target: _CelTarget.POD_BEARING,
    expression: `variables.containers.all(c, ${absentOr('c', 'securityContext.procMount', "c.securityContext.procMount == 'Default'")})`,
  },
  // ---- HardenedWorkloads ----
  // readOnlyRootFilesystem: true on every container
  'HARDEN-WL-001': {
    target: _CelTarget.POD_BEARING,
    expression: `variables.containers.all(c, ${present('c', 'securityContext.readOnlyRootFilesystem')} && c.securityContext.readOnlyRootFilesystem == true)`,
  },
  // cpu and memory requests and limits on every init and regular container
  'HARDEN-WL-002': {
    target: _CelTarget.POD_BEARING,
    expression: 'variables.nonEphemeralContainers.all(c, '
      + ['requests.cpu', 'requests.memory', 'limits.cpu', 'limits.memory']
        .map(f => `(${present('c', `resources.${f}`)} && string(c.resources.${f}) != '')`).join(' && ')
      + ')',
  },
  // image referenced by a well-formed digest or a tag other than latest
  'HARDEN-WL-003': {
    target: _CelTarget.POD_BEARING,
    expression: "variables.containers.all(c, has(c.image) && !c.image.matches('^\\\\s*$') && (c.image.contains('@')"
      + ` ? c.image.matches('^[^@]*@${_PINNED_DIGEST_PATTERN}$')`
      + " : (c.image.matches(':[^/]*$') && !c.image.matches(':latest$'))))",
  },
  // image pinned by digest (a tag alone is a finding)
  'HARDEN-WL-004': {
    target: _CelTarget.POD_BEARING,
    expression: "variables.containers.all(c, !has(c.image) || c.image.matches('^\\\\s*$') || c.image.contains('@')"
      + " || !c.image.matches(':[^/]*$') || c.image.matches(':latest$'))",
  },
  // liveness and readiness probes on long-running containers (not Job/CronJob, not restartPolicy Never/OnFailure)
  'HARDEN-WL-005': {
    target: _CelTarget.POD_BEARING,
    expression: "object.kind in ['Job', 'CronJob'] || (has(variables.podSpec.restartPolicy) && variables.podSpec.restartPolicy != 'Always')"
      + ' || ((!has(variables.podSpec.containers) || variables.podSpec.containers.all(c, has(c.livenessProbe) && has(c.readinessProbe)))'
      + " && (!has(variables.podSpec.initContainers) || variables.podSpec.initContainers.all(c, !has(c.restartPolicy) || c.restartPolicy != 'Always'"
      + ' || (has(c.livenessProbe) && has(c.readinessProbe)))))',
  },
  // no credential in a literal env value: a credential-shaped value, or a secret-looking name with a non-trivial value
  'HARDEN-WL-009': {
    target: _CelTarget.POD_BEARING,
    expression: "variables.containers.all(c, !has(c.env) || c.env.all(e, !has(e.value) || type(e.value) != string || e.value == ''"
      + ` || !(e.value.matches(r'${SECRET_VALUE_RE}')`
      + ` || ((has(e.name) ? e.name : '').matches(r'${SECRET_NAME_RE}') && !(has(e.name) ? e.name : '').matches(r'${REFERENCE_SUFFIX_RE}')`
      + ` && !e.value.matches(r'${HARMLESS_VALUE_RE}')))))`,
  },
  // images from trusted registries: built per configuration by _trustedRegistriesCel()
  // token automount off: an admission policy sees one object, so the pod must say false itself
  'HARDEN-WL-006': {
    target: _CelTarget.POD_BEARING,
    expression: 'has(variables.podSpec.automountServiceAccountToken) && variables.podSpec.automountServiceAccountToken == false',
  },
  // a dedicated service account (serviceAccountName, or the deprecated serviceAccount)
  'HARDEN-WL-007': {
    target: _CelTarget.POD_BEARING,
    expression: "has(variables.podSpec.serviceAccountName) ? (variables.podSpec.serviceAccountName != '' && variables.podSpec.serviceAccountName != 'default')"
      + " : (has(variables.podSpec.serviceAccount) && variables.podSpec.serviceAccount != '' && variables.podSpec.serviceAccount != 'default')",
  },
  // ---- NetworkIsolation ----
  // the Namespace itself carries pod-security.kubernetes.io/enforce: baseline or restricted
  'HARDEN-NET-005': {
    target: _CelTarget.NAMESPACE,
    expression: "has(object.metadata.labels) && 'pod-security.kubernetes.io/enforce' in object.metadata.labels"
      + " && object.metadata.labels['pod-security.kubernetes.io/enforce'] in ['baseline', 'restricted']",
  },
  // every rule host is listed in a tls entry (exactly or by a one-label wildcard, case-insensitive); hostless rules and the
  // default backend need a tls entry without hosts. Uses lowerAscii, indexOf and substring from the CEL strings extension,
  // which Kubernetes enables in every CEL environment.
  'HARDEN-NET-007': {
    target: _CelTarget.INGRESS,
    expression: '(!has(variables.spec.rules) || variables.spec.rules.all(r, (has(r.host) && r.host != \'\')'
      + ' ? variables.tls.exists(t, has(t.hosts) && t.hosts.exists(th, th.lowerAscii() == r.host.lowerAscii()'
      + " || (th.startsWith('*.') && !r.host.startsWith('*.') && r.host.indexOf('.') > 0"
      + ' && r.host.lowerAscii().substring(r.host.indexOf(\'.\')) == th.lowerAscii().substring(1))))'
      + ' : variables.defaultCert))'
      + ' && (!(has(variables.spec.defaultBackend) || has(variables.spec.backend)) || variables.defaultCert)',
  },
  // no NodePort / LoadBalancer Services
  'HARDEN-NET-006': {
    target: _CelTarget.SERVICE,
    expression: "!has(object.spec) || !has(object.spec.type) || !(object.spec.type in ['NodePort', 'LoadBalancer'])",
  },
  // ---- LeastPrivilegeRbac ----
  // no wildcard verbs, apiGroups, nonResourceURLs ("*") or resources (containing "*")
  'HARDEN-RBAC-001': {
    target: _CelTarget.RBAC_ROLE,
    expression: "!has(object.rules) || object.rules.all(r, (!has(r.verbs) || !('*' in r.verbs)) && (!has(r.apiGroups) || !('*' in r.apiGroups))"
      + " && (!has(r.nonResourceURLs) || !('*' in r.nonResourceURLs)) && (!has(r.resources) || !r.resources.exists(x, x.contains('*'))))",
  },
  // no escalate, bind, impersonate
  'HARDEN-RBAC-002': {
    target: _CelTarget.RBAC_ROLE,
    expression: `!has(object.rules) || object.rules.all(r, !has(r.verbs) || !r.verbs.exists(v, v in ${list([..._ESCALATION_VERBS])}))`,
  },
  // no takeover subresource (exec/attach: create, get; nodes/proxy: any verb; token: create) in the core group
  'HARDEN-RBAC-003': {
    target: _CelTarget.RBAC_ROLE,
    expression: "!has(object.rules) || object.rules.all(r, !has(r.apiGroups) || !('' in r.apiGroups) || !has(r.resources) || !has(r.verbs)"
      + ` || (${Object.keys(_TAKEOVER_SUBRESOURCES).map(res => `!('${res}' in r.resources && r.verbs.exists(v, v in ${list([..._TAKEOVER_SUBRESOURCES[res]])}))`).join(' && ')}))`,
  },
  // no list/watch on secrets, and get only with resourceNames (core group)
  'HARDEN-RBAC-004': {
    target: _CelTarget.RBAC_ROLE,
    expression: "!has(object.rules) || object.rules.all(r, !has(r.apiGroups) || !('' in r.apiGroups) || !has(r.resources) || !('secrets' in r.resources)"
      + " || !has(r.verbs) || !r.verbs.exists(v, v == 'list' || v == 'watch' || (v == 'get' && (!has(r.resourceNames) || size(r.resourceNames) == 0))))",
  },
  // no binding to cluster-admin
  'HARDEN-RBAC-005': {
    target: _CelTarget.RBAC_BINDING,
    expression: `!(object.roleRef.kind == 'ClusterRole' && object.roleRef.name == '${_CLUSTER_ADMIN_ROLE}')`,
  },
  // no binding of system:anonymous, system:unauthenticated or system:masters
  'HARDEN-RBAC-006': {
    target: _CelTarget.RBAC_BINDING,
    expression: `!has(object.subjects) || object.subjects.all(s, !has(s.name) || !(s.name in ${list(PRIVILEGED_SUBJECTS)}))`,
  },
  // ---- SecretsHygiene ----
  // no literal values in data / stringData
  'HARDEN-SEC-001': {
    target: _CelTarget.SECRET,
    expression: "(!has(object.data) || object.data.all(k, string(object.data[k]) == '')) && (!has(object.stringData) || object.stringData.all(k, object.stringData[k] == ''))",
  },
  // ---- issue 13: rules a checker of this kind should have ----
  // no Service externalIPs (CVE-2020-8554)
  'HARDEN-NET-008': {
    target: _CelTarget.SERVICE,
    expression: '!has(object.spec) || !has(object.spec.externalIPs) || size(object.spec.externalIPs) == 0',
  },
  // no ExternalName Service aliasing loopback, link-local or cluster names
  'HARDEN-NET-009': {
    target: _CelTarget.SERVICE,
    expression: "!has(object.spec) || !has(object.spec.type) || object.spec.type != 'ExternalName' || !has(object.spec.externalName)"
      + ` || !object.spec.externalName.matches(r'(?i)${ExternalNameServiceDoesNotPointInside.INSIDE_HOST_PATTERN}')`,
  },
  'HARDEN-RBAC-007': { target: _CelTarget.RBAC_ROLE, expression: _sensitiveGrantsCel(RoleGrantsNoCertificateApproval._GRANTS) },
  'HARDEN-RBAC-008': { target: _CelTarget.RBAC_ROLE, expression: _sensitiveGrantsCel(RoleGrantsNoAdmissionWebhookEdits._GRANTS) },
  'HARDEN-RBAC-009': { target: _CelTarget.RBAC_ROLE, expression: _sensitiveGrantsCel(RoleGrantsNoEndpointEdits._GRANTS) },
  // no long-lived service-account-token Secrets
  'HARDEN-SEC-002': {
    target: _CelTarget.SECRET,
    expression: "!has(object.type) || object.type != 'kubernetes.io/service-account-token'",
  },
  // no hostPath PersistentVolumes
  'HARDEN-WL-011': {
    target: _CelTarget.PERSISTENT_VOLUME,
    expression: '!has(object.spec) || !has(object.spec.hostPath)',
  },
  // no root group: runAsGroup (pod, containers), fsGroup, supplementalGroups
  'HARDEN-WL-012': {
    target: _CelTarget.POD_BEARING,
    expression: '!(has(variables.podSC.runAsGroup) && variables.podSC.runAsGroup == 0) && !(has(variables.podSC.fsGroup) && variables.podSC.fsGroup == 0)'
      + ' && !(has(variables.podSC.supplementalGroups) && 0 in variables.podSC.supplementalGroups)'
      + ' && variables.containers.all(c, !has(c.securityContext) || !has(c.securityContext.runAsGroup) || c.securityContext.runAsGroup != 0)',
  },
  // no "+" or "=" in sysctl values (CVE-2022-0811)
  'HARDEN-WL-013': {
    target: _CelTarget.POD_BEARING,
    expression: "!has(variables.podSC.sysctls) || variables.podSC.sysctls.all(s, !has(s.value) || !s.value.matches('[+=]'))",
  },
  // no wildcard or missing Ingress hosts
  'HARDEN-NET-010': {
    target: _CelTarget.INGRESS,
    expression: "!has(variables.spec.rules) || variables.spec.rules.all(r, has(r.host) && r.host != '' && !r.host.startsWith('*'))",
  },
  // no workload in the default namespace (PodTemplate runs nothing)
  'HARDEN-WL-015': {
    target: _CelTarget.POD_BEARING,
    expression: "object.kind == 'PodTemplate' || !has(object.metadata.namespace) || object.metadata.namespace != 'default'",
  },
  // no toleration of the control-plane taints, nor of every taint
  'HARDEN-WL-016': {
    target: _CelTarget.POD_BEARING,
    expression: `!has(variables.podSpec.tolerations) || variables.podSpec.tolerations.all(t, !(has(t.key) && t.key in ${list(PodToleratesNoControlPlaneTaint._controlPlaneTaints())})`
      + " && !((!has(t.key) || t.key == '') && has(t.operator) && t.operator == 'Exists'))",
  },
  // no ephemeral containers in manifests
  'HARDEN-WL-017': {
    target: _CelTarget.POD_BEARING,
    expression: '!has(variables.podSpec.ephemeralContainers) || size(variables.podSpec.ephemeralContainers) == 0',
  },
  // no Secret read into the environment (env valueFrom.secretKeyRef, envFrom secretRef)
  'HARDEN-WL-018': {
    target: _CelTarget.POD_BEARING,
    expression: 'variables.containers.all(c, (!has(c.env) || c.env.all(e, !has(e.valueFrom) || !has(e.valueFrom.secretKeyRef)))'
      + ' && (!has(c.envFrom) || c.envFrom.all(f, !has(f.secretRef))))',
  },
  // ServiceAccounts do not automount their token
  'HARDEN-WL-014': {
    target: _CelTarget.SERVICE_ACCOUNT,
    expression: 'has(object.automountServiceAccountToken) && object.automountServiceAccountToken == false',
  },
};

/** CEL for HARDEN-WL-010 with the configured prefixes (true when every image starts with one). @internal */
export function _trustedRegistriesCel(registries: string[]): CelRule {
  return {
    target: _CelTarget.POD_BEARING,
    expression: `variables.containers.all(c, has(c.image) && ${list(registries)}.exists(p, c.image.startsWith(p)))`,
  };
}
