// SPDX-License-Identifier: Apache-2.0
/**
 * Evaluates generated ValidatingAdmissionPolicies against objects the way the API server does:
 * resource match, matchConditions, variables, then validations. CEL is evaluated by @bufbuild/cel
 * (a CEL implementation tested against the cel-spec conformance suite; CommonJS build works under jest),
 * with the cel-go strings extension (lowerAscii, indexOf, substring, ...) that Kubernetes also enables.
 */
import { CelInput, run as celRun } from '@bufbuild/cel';
import { strings } from '@bufbuild/cel/ext';

/** CEL with the cel-go strings extension, which Kubernetes enables in every CEL environment. */
function run(expression: string, bindings: Record<string, CelInput>) {
  return celRun(expression, bindings, { funcs: strings });
}

/** kind → [group, plural resource] for the kinds our policies match. */
const RESOURCES: Record<string, [string, string]> = {
  Pod: ['', 'pods'],
  PodTemplate: ['', 'podtemplates'],
  ReplicationController: ['', 'replicationcontrollers'],
  Deployment: ['apps', 'deployments'],
  StatefulSet: ['apps', 'statefulsets'],
  DaemonSet: ['apps', 'daemonsets'],
  ReplicaSet: ['apps', 'replicasets'],
  Job: ['batch', 'jobs'],
  CronJob: ['batch', 'cronjobs'],
  Service: ['', 'services'],
  Role: ['rbac.authorization.k8s.io', 'roles'],
  ClusterRole: ['rbac.authorization.k8s.io', 'clusterroles'],
  RoleBinding: ['rbac.authorization.k8s.io', 'rolebindings'],
  ClusterRoleBinding: ['rbac.authorization.k8s.io', 'clusterrolebindings'],
  ConfigMap: ['', 'configmaps'],
  Secret: ['', 'secrets'],
  Namespace: ['', 'namespaces'],
  Ingress: ['networking.k8s.io', 'ingresses'],
  PersistentVolume: ['', 'persistentvolumes'],
  ServiceAccount: ['', 'serviceaccounts'],
};

/** JSON → CEL input: objects become maps, integers become int (bigint) as in Kubernetes, nulls are dropped as the API server does. */
export function toCel(v: any): any {
  if (Array.isArray(v)) return v.filter(x => x !== null).map(toCel);
  if (v !== null && typeof v === 'object') {
    const m = new Map<string, any>();
    for (const [k, x] of Object.entries(v)) if (x !== null && x !== undefined) m.set(k, toCel(x));
    return m;
  }
  if (typeof v === 'number' && Number.isInteger(v)) return BigInt(v);
  return v;
}

export interface Verdict {
  /** The policy applies to the object (resource matched and match conditions true). */
  readonly applies: boolean;
  /** Admitted (true when not applicable). */
  readonly allowed: boolean;
  /** Messages of failed validations. */
  readonly messages: string[];
}

function matches(policy: any, obj: any): boolean {
  const gr = RESOURCES[obj.kind];
  if (!gr) return false;
  const [group, resource] = gr;
  const apiGroup = obj.apiVersion.includes('/') ? obj.apiVersion.split('/')[0] : '';
  if (apiGroup !== group) return false;
  return policy.spec.matchConstraints.resourceRules.some((r: any) =>
    r.apiGroups.includes(group) && r.resources.includes(resource) && r.operations.includes('CREATE'));
}

function evalBool(expression: string, bindings: any, what: string): boolean {
  const result = run(expression, bindings);
  if (typeof result !== 'boolean') {
    throw new Error(`${what} did not evaluate to a bool: ${String(result)}\n${expression}`);
  }
  return result;
}

/** Evaluates one policy against one object on CREATE. CEL errors throw (failurePolicy Fail would reject). */
export function evaluatePolicy(policy: any, obj: any): Verdict {
  if (!matches(policy, obj)) return { applies: false, allowed: true, messages: [] };
  const object = toCel(obj);
  for (const mc of policy.spec.matchConditions ?? []) {
    if (!evalBool(mc.expression, { object }, `matchCondition ${mc.name}`)) return { applies: false, allowed: true, messages: [] };
  }
  const variables = new Map<string, any>();
  for (const v of policy.spec.variables ?? []) {
    variables.set(v.name, run(v.expression, { object, variables }));
  }
  const messages: string[] = [];
  for (const val of policy.spec.validations) {
    if (!evalBool(val.expression, { object, variables }, `validation of ${policy.metadata.name}`)) messages.push(val.message);
  }
  return { applies: true, allowed: messages.length === 0, messages };
}

/** Kinds our policies match that are cluster-scoped: a binding's namespaceSelector does not apply to them. */
const CLUSTER_SCOPED = new Set(['ClusterRole', 'ClusterRoleBinding']);

function selectorMatches(selector: any, labels: Record<string, string>): boolean {
  const sel = selector ?? {};
  const byLabels = Object.entries(sel.matchLabels ?? {}).every(([k, v]) => labels[k] === v);
  const byExpressions = (sel.matchExpressions ?? []).every((e: any) => {
    switch (e.operator) {
      case 'In': return e.key in labels && e.values.includes(labels[e.key]);
      case 'NotIn': return !(e.key in labels) || !e.values.includes(labels[e.key]);
      case 'Exists': return e.key in labels;
      case 'DoesNotExist': return !(e.key in labels);
      default: throw new Error(`unsupported selector operator ${e.operator}`);
    }
  });
  return byLabels && byExpressions;
}

/**
 * Whether a ValidatingAdmissionPolicyBinding's namespaceSelector selects the object, as the API server decides:
 * cluster-scoped objects are always selected, a Namespace is matched on its own labels, any other object on the
 * labels of its namespace (`default` when unset) taken from `objects`, plus the `kubernetes.io/metadata.name`
 * label the API server sets on every namespace.
 */
export function bindingSelects(binding: any, obj: any, objects: any[]): boolean {
  if (CLUSTER_SCOPED.has(obj.kind)) return true;
  const ns = obj.kind === 'Namespace' ? obj.metadata.name : (obj.metadata?.namespace ?? 'default');
  const nsObject = obj.kind === 'Namespace' ? obj : objects.find(o => o.kind === 'Namespace' && o.metadata?.name === ns);
  const labels = { ...(nsObject?.metadata?.labels ?? {}), 'kubernetes.io/metadata.name': ns };
  return selectorMatches(binding.spec.matchResources?.namespaceSelector, labels);
}
