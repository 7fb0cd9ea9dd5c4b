// SPDX-License-Identifier: Apache-2.0
/**
 * Internal: the identity of a Kubernetes object as the API server sees it. Two objects with the same
 * API group (not version: `apps/v1` and `apps/v1beta2` are one resource), kind, namespace and name are the
 * same object: applying both leaves only the later one. The engine, the reachability analysis and the
 * constructs' synth-time check all use this one definition.
 */

/** Built-in cluster-scoped kinds, by `group/kind` (their `metadata.namespace` is ignored by the API server). */
const CLUSTER_SCOPED: ReadonlySet<string> = new Set([
  '/Namespace', '/Node', '/PersistentVolume', '/ComponentStatus',
  'rbac.authorization.k8s.io/ClusterRole', 'rbac.authorization.k8s.io/ClusterRoleBinding',
  'storage.k8s.io/StorageClass', 'storage.k8s.io/CSIDriver', 'storage.k8s.io/CSINode', 'storage.k8s.io/VolumeAttachment',
  'scheduling.k8s.io/PriorityClass', 'node.k8s.io/RuntimeClass', 'networking.k8s.io/IngressClass',
  'admissionregistration.k8s.io/ValidatingWebhookConfiguration', 'admissionregistration.k8s.io/MutatingWebhookConfiguration',
  'admissionregistration.k8s.io/ValidatingAdmissionPolicy', 'admissionregistration.k8s.io/ValidatingAdmissionPolicyBinding',
  'apiextensions.k8s.io/CustomResourceDefinition', 'apiregistration.k8s.io/APIService',
  'certificates.k8s.io/CertificateSigningRequest', 'flowcontrol.apiserver.k8s.io/FlowSchema',
  'flowcontrol.apiserver.k8s.io/PriorityLevelConfiguration', 'cert-manager.io/ClusterIssuer',
  'external-secrets.io/ClusterSecretStore', 'external-secrets.io/ClusterExternalSecret',
]);

/** The API group of an apiVersion (`apps/v1` -> `apps`, `v1` -> `` for the core group). @internal */
export function _apiGroup(apiVersion: unknown): string {
  if (typeof apiVersion !== 'string') return '';
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

/** Whether a kind of a group is a known cluster-scoped kind. @internal */
export function _isClusterScoped(group: string, kind: string): boolean {
  return CLUSTER_SCOPED.has(`${group}/${kind}`);
}

/**
 * The identity key of an object (`group/kind namespace/name`), or undefined when it has no kind or no
 * name (a `generateName` object is new on every create). `defaultNamespace` stands for an absent
 * `metadata.namespace` (the namespace chosen at apply time).
 * @internal
 */
export function _objectIdentity(obj: any, defaultNamespace: string = ''): string | undefined {
  if (obj === null || typeof obj !== 'object' || typeof obj.kind !== 'string' || obj.kind === '') return undefined;
  const md = obj.metadata;
  const name = md !== null && typeof md === 'object' ? md.name : undefined;
  if (typeof name !== 'string' || name === '') return undefined;
  const group = _apiGroup(obj.apiVersion);
  const ns = _isClusterScoped(group, obj.kind) ? '' : typeof md.namespace === 'string' ? md.namespace : defaultNamespace;
  return JSON.stringify([group, obj.kind, ns, name]);
}

/** Human form of an identity key: `apps Deployment shop/web` (`core` for the core group). @internal */
export function _describeIdentity(key: string): string {
  const [group, kind, ns, name] = JSON.parse(key) as string[];
  return `${group === '' ? 'core' : group} ${kind} ${ns === '' ? '' : `${ns}/`}${name}`;
}

const LAST = new WeakMap<object, Map<string, object>>();

/**
 * For each identity among `objects`, the last object that has it (the one applying them all leaves).
 * Cached per array; callers must not mutate the array afterwards. @internal
 */
export function _lastByIdentity(objects: ReadonlyArray<any>): Map<string, object> {
  const hit = LAST.get(objects);
  if (hit) return hit;
  const last = new Map<string, object>();
  for (const o of objects) {
    const key = _objectIdentity(o);
    if (key !== undefined) last.set(key, o);
  }
  LAST.set(objects, last);
  return last;
}

const REPLACED = new WeakMap<object, Map<object, string>>();

/**
 * A key equal for two objects exactly when `_objectIdentity` is (lengths make it unambiguous), cheaper to build than
 * the JSON key: it is computed for every object of an input.
 */
function fastIdentity(obj: any): string | undefined {
  if (obj === null || typeof obj !== 'object' || typeof obj.kind !== 'string' || obj.kind === '') return undefined;
  const md = obj.metadata;
  const name = md !== null && typeof md === 'object' ? md.name : undefined;
  if (typeof name !== 'string' || name === '') return undefined;
  const group = _apiGroup(obj.apiVersion);
  const ns = _isClusterScoped(group, obj.kind) ? '' : typeof md.namespace === 'string' ? md.namespace : '';
  return `${group.length}:${obj.kind.length}:${ns.length}:${group}${obj.kind}${ns}${name}`;
}

/**
 * The objects of `objects` that a later object with the same identity replaces on apply, each with its identity key
 * (`_objectIdentity`). Cached per array; callers must not mutate the array afterwards. @internal
 */
export function _replacedByIdentity(objects: ReadonlyArray<any>): Map<object, string> {
  const hit = REPLACED.get(objects);
  if (hit) return hit;
  const keys: Array<string | undefined> = new Array(objects.length);
  const last = new Map<string, object>();
  for (let i = 0; i < objects.length; i++) {
    const key = fastIdentity(objects[i]);
    keys[i] = key;
    if (key !== undefined) last.set(key, objects[i]);
  }
  const replaced = new Map<object, string>();
  for (let i = 0; i < objects.length; i++) {
    const key = keys[i];
    if (key !== undefined && last.get(key) !== objects[i]) replaced.set(objects[i], _objectIdentity(objects[i])!);
  }
  REPLACED.set(objects, replaced);
  return replaced;
}
