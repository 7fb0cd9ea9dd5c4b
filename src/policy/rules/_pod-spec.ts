// SPDX-License-Identifier: Apache-2.0
/**
 * Internal: finds every pod spec an object carries, wherever it carries it, and visits every
 * container (init, regular, ephemeral, and the container-like fields of known custom resources).
 *
 * The one home of "where do pod specs live":
 * - the built-in kinds, as Pod Security Admission's DefaultPodSpecExtractor reads them;
 * - a generic walk: `spec.template.spec` and `spec.jobTemplate.spec.template.spec` of any kind
 *   (Argo Rollout, Knative Service/Configuration, OpenKruise CloneSet, Advanced StatefulSet and
 *   DaemonSet, BroadcastJob, ...), when that spec lists containers;
 * - known custom resources with other shapes: Knative Revision, OpenKruise AdvancedCronJob, Argo
 *   Workflow / WorkflowTemplate / ClusterWorkflowTemplate / CronWorkflow templates, Tekton
 *   Task / ClusterTask / Pipeline / TaskRun / PipelineRun.
 * KubeVirt VirtualMachine(Instance) specs are not pod specs (no containers) and are not read as one.
 * Lists named `containers`, `initContainers` or `ephemeralContainers` anywhere else are reported by
 * `ContainersAreInARecognizedPodSpec`, never skipped silently (`_unrecognizedContainerLists`).
 */

import { _apiGroup } from '../../core/_object-identity';
import { RuleReads, RuleViolation } from '../engine/rule';

/** Where a pod's metadata and spec live inside an object. @internal */
export interface PodTemplateRef {
  /** Template metadata (annotations are read from here), may be undefined. */
  readonly metadata: any;
  /**
   * The pod-level fields (securityContext, volumes, hostNetwork, serviceAccountName, ...). For custom resources
   * that spread them over several places this is a merged view; `_podFieldPath` gives each field's real pointer.
   */
  readonly spec: any;
  /** JSON pointer to the pod spec, e.g. `/spec/template/spec`. */
  readonly specPath: string;
  /** JSON pointer to the template metadata, e.g. `/spec/template/metadata`. */
  readonly metadataPath: string;
  /** Pointers of pod-level fields that do not live under `specPath` (inherited from an enclosing spec). */
  readonly fieldPaths?: Readonly<Record<string, string>>;
  /** The containers, when they are not the `initContainers`/`containers`/`ephemeralContainers` lists of `spec`. */
  readonly containers?: ReadonlyArray<ContainerRef>;
  /** True when the pod runs to completion (Job, CronJob, workflow steps, pipeline tasks). */
  readonly runsToCompletion?: boolean;
  /**
   * True when some pod-level fields are decided outside this object or this view (a Tekton Task gets its service
   * account and pod template from the run; an extra view of volumes only). Rules that require a pod-level field to be
   * present skip such views; rules about values that are set still apply.
   */
  readonly partial?: boolean;
  /**
   * The object of the manifest where this view's own pod-level fields are written (the spec itself for a plain pod
   * spec, the template for an Argo template); undefined when the view cannot take new pod-level fields (a Tekton
   * task, whose pod-level fields the run decides; a view of volumes only). Fixes write through `_podChild`.
   */
  readonly source?: any;
}

/** A container with its JSON pointer. @internal */
export interface ContainerRef {
  readonly container: any;
  /** `initContainers`, `containers` or `ephemeralContainers`; for custom resources the field, e.g. `steps`, `sidecars`, `container`. */
  readonly field: string;
  /** JSON pointer, e.g. `/spec/template/spec/containers/0`. */
  readonly path: string;
}

/** Kinds whose pod template lives at `spec.template`. @internal */
export const _TEMPLATE_KINDS = ['ReplicationController', 'ReplicaSet', 'Deployment', 'DaemonSet', 'StatefulSet', 'Job'];

/** Every built-in kind that carries a pod spec. @internal */
export const _POD_BEARING_KINDS = ['Pod', 'PodTemplate', ..._TEMPLATE_KINDS, 'CronJob'];

/** The three container lists of a pod spec, in the order PSA visits them. @internal */
export const _CONTAINER_LISTS: ReadonlyArray<string> = ['initContainers', 'containers', 'ephemeralContainers'];

/** Pod-level fields an Argo Workflow spec gives every template that does not set them. */
const ARGO_INHERITED = ['securityContext', 'volumes', 'hostNetwork', 'serviceAccountName', 'automountServiceAccountToken', 'dnsPolicy', 'priorityClassName'];

/** Custom resources whose pods are templates only (nothing runs until something references them). */
const TEMPLATE_ONLY: ReadonlyArray<string> = [
  'argoproj.io/WorkflowTemplate', 'argoproj.io/ClusterWorkflowTemplate', 'tekton.dev/Task', 'tekton.dev/ClusterTask', 'tekton.dev/Pipeline',
];

function isObj(x: unknown): x is Record<string, any> {
  return x !== null && typeof x === 'object' && !Array.isArray(x);
}

function hasContainerList(spec: any): boolean {
  return isObj(spec) && _CONTAINER_LISTS.some(f => Array.isArray(spec[f]));
}

function plain(spec: any, specPath: string, metadata: any, metadataPath: string, runsToCompletion: boolean): PodTemplateRef {
  return { metadata, spec, specPath, metadataPath, source: spec, ...(runsToCompletion ? { runsToCompletion } : {}) };
}

/** A template (`{metadata, spec}`) at `path` whose spec is a pod spec. */
function fromTemplate(t: any, path: string, runsToCompletion: boolean, requireContainers: boolean): PodTemplateRef[] {
  if (!isObj(t) || !isObj(t.spec) || (requireContainers && !hasContainerList(t.spec))) return [];
  return [plain(t.spec, `${path}/spec`, t.metadata, `${path}/metadata`, runsToCompletion)];
}

function containersAt(list: unknown, field: string, path: string, merge?: any): ContainerRef[] {
  if (!Array.isArray(list)) return [];
  const out: ContainerRef[] = [];
  list.forEach((c, i) => {
    if (isObj(c)) out.push({ container: merge ? mergeStepTemplate(merge, c) : c, field, path: `${path}/${i}` });
  });
  return out;
}

/** Tekton merges `stepTemplate` into every step (the step's own values win; securityContext field by field). */
function mergeStepTemplate(template: any, step: any): any {
  const merged: any = { ...template, ...step };
  if (isObj(template.securityContext) && isObj(step.securityContext)) {
    merged.securityContext = { ...template.securityContext, ...step.securityContext };
  }
  return merged;
}

/** Argo Workflow templates (`templates`, `templateDefaults`) of a WorkflowSpec at `path`. */
function argoTemplates(spec: any, path: string): PodTemplateRef[] {
  if (!isObj(spec)) return [];
  const out: PodTemplateRef[] = [];
  const visit = (t: any, tPath: string) => {
    if (!isObj(t)) return;
    const containers: ContainerRef[] = [];
    if (isObj(t.container)) containers.push({ container: t.container, field: 'container', path: `${tPath}/container` });
    if (isObj(t.script)) containers.push({ container: t.script, field: 'script', path: `${tPath}/script` });
    containers.push(...containersAt(t.initContainers, 'initContainers', `${tPath}/initContainers`));
    containers.push(...containersAt(isObj(t.containerSet) ? t.containerSet.containers : undefined, 'containerSet.containers', `${tPath}/containerSet/containers`));
    containers.push(...containersAt(t.sidecars, 'sidecars', `${tPath}/sidecars`));
    if (containers.length === 0) return;
    const merged: any = { ...t };
    const fieldPaths: Record<string, string> = {};
    for (const f of ARGO_INHERITED) {
      if (t[f] === undefined && spec[f] !== undefined) {
        merged[f] = spec[f];
        fieldPaths[f] = `${path}/${f}`;
      }
    }
    out.push({ metadata: t.metadata, spec: merged, specPath: tPath, metadataPath: `${tPath}/metadata`, fieldPaths, containers, runsToCompletion: true, source: t });
    // Workflow-level volumes are added to the template's own: check them too (once, below).
    if (Array.isArray(t.volumes) && Array.isArray(spec.volumes)) sharedVolumes = true;
  };
  let sharedVolumes = false;
  if (Array.isArray(spec.templates)) spec.templates.forEach((t: any, i: number) => visit(t, `${path}/templates/${i}`));
  visit(spec.templateDefaults, `${path}/templateDefaults`);
  if (sharedVolumes) out.push(volumesOnly(spec.volumes, path));
  return out;
}

/** A view of `volumes` alone (pod-level checks of volumes that another view does not include). */
function volumesOnly(volumes: any, path: string): PodTemplateRef {
  return {
    metadata: undefined, spec: { volumes }, specPath: path, metadataPath: `${path}/metadata`, containers: [], runsToCompletion: true, partial: true,
  };
}

/** Where a Tekton run sets the pod-level fields of its tasks. */
interface TektonRun {
  readonly podTemplate?: { readonly value: any; readonly path: string };
  readonly serviceAccount?: { readonly value: any; readonly path: string };
}

/**
 * A Tekton TaskSpec at `path`: steps (with stepTemplate merged in) and sidecars, with the pod-level fields
 * of the run when there is one (a Task or Pipeline alone is a partial view: the run decides them).
 */
function tektonTask(spec: any, path: string, run?: TektonRun): PodTemplateRef[] {
  if (!isObj(spec)) return [];
  const template = isObj(spec.stepTemplate) ? spec.stepTemplate : undefined;
  const containers = [...containersAt(spec.steps, 'steps', `${path}/steps`, template), ...containersAt(spec.sidecars, 'sidecars', `${path}/sidecars`)];
  if (containers.length === 0) return [];
  const merged: any = { ...spec };
  const fieldPaths: Record<string, string> = {};
  const out: PodTemplateRef[] = [];
  const pt = run?.podTemplate;
  if (pt && isObj(pt.value)) {
    for (const [f, v] of Object.entries(pt.value)) {
      if (f === 'volumes' && Array.isArray(spec.volumes)) {
        out.push(volumesOnly(v, pt.path));
        continue;
      }
      merged[f] = v;
      fieldPaths[f] = `${pt.path}/${f}`;
    }
  }
  if (run?.serviceAccount && typeof run.serviceAccount.value === 'string') {
    merged.serviceAccountName = run.serviceAccount.value;
    fieldPaths.serviceAccountName = run.serviceAccount.path;
  }
  out.unshift({ metadata: undefined, spec: merged, specPath: path, metadataPath: `${path}/metadata`, fieldPaths, containers, runsToCompletion: true, ...(run ? {} : { partial: true }) });
  return out;
}

/** A Tekton pod template (TaskRun / PipelineRun) alone: its pod-level fields, no containers. */
function tektonPodTemplate(value: any, path: string): PodTemplateRef[] {
  return isObj(value) ? [{ metadata: undefined, spec: value, specPath: path, metadataPath: `${path}/metadata`, containers: [], runsToCompletion: true, partial: true, source: value }] : [];
}

/** Inline task specs of a Tekton PipelineSpec (`tasks`, `finally`). */
function tektonPipeline(spec: any, path: string, run?: TektonRun): PodTemplateRef[] {
  if (!isObj(spec)) return [];
  const out: PodTemplateRef[] = [];
  for (const list of ['tasks', 'finally']) {
    if (!Array.isArray(spec[list])) continue;
    spec[list].forEach((t: any, i: number) => {
      if (isObj(t)) out.push(...tektonTask(t.taskSpec, `${path}/${list}/${i}/taskSpec`, run));
    });
  }
  return out;
}

function at(value: any, path: string): { value: any; path: string } | undefined {
  return value !== undefined && value !== null ? { value, path } : undefined;
}

function compute(obj: any): PodTemplateRef[] {
  const kind = obj.kind;
  const group = _apiGroup(obj.apiVersion);
  const spec = obj.spec;
  // Built-in kinds (by kind, whatever the group, as before; the generic walk below would find the same specs).
  if (kind === 'Pod') return isObj(spec) ? [plain(spec, '/spec', obj.metadata, '/metadata', false)] : [];
  if (kind === 'PodTemplate') return fromTemplate(obj.template, '/template', false, false);
  if (_TEMPLATE_KINDS.includes(kind) && group !== 'tekton.dev' && group !== 'argoproj.io') {
    return fromTemplate(spec?.template, '/spec/template', kind === 'Job', false);
  }
  if (kind === 'CronJob' && group === 'batch') return fromTemplate(spec?.jobTemplate?.spec?.template, '/spec/jobTemplate/spec/template', true, false);
  if (group === 'kubevirt.io') return [];
  if (group === 'argoproj.io') {
    if (['Workflow', 'WorkflowTemplate', 'ClusterWorkflowTemplate'].includes(kind)) return argoTemplates(spec, '/spec');
    if (kind === 'CronWorkflow') return argoTemplates(spec?.workflowSpec, '/spec/workflowSpec');
  }
  if (group === 'tekton.dev') {
    if (kind === 'Task' || kind === 'ClusterTask') return tektonTask(spec, '/spec');
    if (kind === 'Pipeline') return tektonPipeline(spec, '/spec');
    if (kind === 'TaskRun') {
      const run: TektonRun = { podTemplate: isObj(spec?.podTemplate) ? at(spec.podTemplate, '/spec/podTemplate') : undefined, serviceAccount: at(spec?.serviceAccountName, '/spec/serviceAccountName') };
      const task = tektonTask(spec?.taskSpec, '/spec/taskSpec', run);
      return task.length > 0 ? task : tektonPodTemplate(run.podTemplate?.value, '/spec/podTemplate');
    }
    if (kind === 'PipelineRun') {
      // v1: spec.taskRunTemplate.{podTemplate,serviceAccountName}; v1beta1: spec.{podTemplate,serviceAccountName}.
      const v1 = isObj(spec?.taskRunTemplate);
      const base = v1 ? '/spec/taskRunTemplate' : '/spec';
      const holder = v1 ? spec.taskRunTemplate : spec;
      const run: TektonRun = {
        podTemplate: isObj(holder?.podTemplate) ? at(holder.podTemplate, `${base}/podTemplate`) : undefined,
        serviceAccount: at(holder?.serviceAccountName, `${base}/serviceAccountName`),
      };
      const tasks = tektonPipeline(spec?.pipelineSpec, '/spec/pipelineSpec', run);
      const out = tasks.length > 0 ? tasks : tektonPodTemplate(run.podTemplate?.value, `${base}/podTemplate`);
      // Per-task overrides: v1 taskRunSpecs[].podTemplate, v1beta1 taskRunSpecs[].taskPodTemplate.
      if (isObj(spec) && Array.isArray(spec.taskRunSpecs)) {
        spec.taskRunSpecs.forEach((s: any, i: number) => {
          for (const f of ['podTemplate', 'taskPodTemplate']) if (isObj(s?.[f])) out.push(...tektonPodTemplate(s[f], `/spec/taskRunSpecs/${i}/${f}`));
        });
      }
      return out;
    }
  }
  if (group === 'serving.knative.dev' && kind === 'Revision') {
    return hasContainerList(spec) ? [plain(spec, '/spec', obj.metadata, '/metadata', false)] : [];
  }
  if (group === 'apps.kruise.io' && kind === 'AdvancedCronJob') {
    return [
      ...fromTemplate(spec?.template?.jobTemplate?.spec?.template, '/spec/template/jobTemplate/spec/template', true, true),
      ...fromTemplate(spec?.template?.broadcastJobTemplate?.spec?.template, '/spec/template/broadcastJobTemplate/spec/template', true, true),
    ];
  }
  // The generic walk: any kind with a pod template at the places the built-in controllers use.
  const generic = fromTemplate(spec?.template, '/spec/template', false, true);
  if (generic.length > 0) return generic;
  return fromTemplate(spec?.jobTemplate?.spec?.template, '/spec/jobTemplate/spec/template', true, true);
}

const CACHE = new WeakMap<object, PodTemplateRef[]>();
const NO_PODS: ReadonlyArray<PodTemplateRef> = Object.freeze([]);

/**
 * Every pod spec an object carries (none for other objects). Rules must not mutate the result. Cached per object
 * that carries one; for the others (most objects) the answer is cheaper to recompute than to keep in a WeakMap. @internal
 */
export function _podTemplates(obj: any): ReadonlyArray<PodTemplateRef> {
  if (!isObj(obj)) return NO_PODS;
  const hit = CACHE.get(obj);
  if (hit) return hit;
  const found = compute(obj);
  if (found.length === 0) return NO_PODS;
  CACHE.set(obj, found);
  return found;
}

/** The first pod spec of an object, or undefined. Prefer `_podTemplates`: custom resources may carry several. @internal */
export function _podTemplate(obj: any): PodTemplateRef | undefined {
  return _podTemplates(obj)[0];
}

/**
 * What the pod-spec rules read (`IRule.reads`): the objects that carry a pod spec, as `_podTemplates` finds them.
 * Those rules visit pod specs only (`_forEachPod`, `_containerViolations`), so they find nothing elsewhere. @internal
 */
export const _READS_POD_SPECS = RuleReads._matching('objects that carry a pod spec', obj => _podTemplates(obj).length > 0);

/** Whether applying the object runs pods (not for PodTemplate, WorkflowTemplate, Task, Pipeline: templates only). @internal */
export function _runsPods(obj: any): boolean {
  if (!isObj(obj) || obj.kind === 'PodTemplate' || TEMPLATE_ONLY.includes(`${_apiGroup(obj.apiVersion)}/${obj.kind}`)) return false;
  return _podTemplates(obj).length > 0;
}

/** Runs `check` on every pod spec of the object and returns all violations. @internal */
export function _forEachPod(obj: any, check: (pod: PodTemplateRef) => RuleViolation[]): RuleViolation[] {
  const pods = _podTemplates(obj);
  if (pods.length === 1) return check(pods[0]);
  const out: RuleViolation[] = [];
  for (const pod of pods) for (const v of check(pod)) out.push(v);
  return out;
}

/**
 * For fixes: the object held by the pod-level field `field` of a pod spec (e.g. `securityContext`), with its JSON
 * pointer, created in the manifest when absent or null. The value is the one the rules read: the view's own, or the
 * one it inherits (an Argo Workflow's `spec.securityContext`, a Tekton run's pod template), so a fix changes what is
 * in force and never replaces an inherited object with a new one. Undefined when the field holds something else
 * (left for the rule to report) or when the view cannot take a new pod-level field (`source` undefined). @internal
 */
export function _podChild(pod: PodTemplateRef, field: string): { readonly value: any; readonly path: string } | undefined {
  const v = pod.spec[field];
  if (v !== undefined && v !== null) return isObj(v) ? { value: v, path: _podFieldPath(pod, field) } : undefined;
  return _setPodField(pod, field, {}) ? { value: pod.spec[field], path: `${pod.specPath}/${field}` } : undefined;
}

/**
 * For fixes: sets a pod-level field of a pod spec in the manifest (and in the view, so later reads agree). Returns
 * false, changing nothing, when the view cannot take a new pod-level field (`source` undefined). @internal
 */
export function _setPodField(pod: PodTemplateRef, field: string, value: any): boolean {
  if (!isObj(pod.source)) return false;
  pod.source[field] = value;
  if (pod.spec !== pod.source) pod.spec[field] = value;
  return true;
}

/** JSON pointer of a pod-level field (`securityContext`, `volumes`, ...) of a pod spec. @internal */
export function _podFieldPath(pod: PodTemplateRef, field: string): string {
  return pod.fieldPaths?.[field] ?? `${pod.specPath}/${field}`;
}

const CONTAINERS = new WeakMap<PodTemplateRef, ReadonlyArray<ContainerRef>>();

/**
 * Every container of a pod spec: initContainers, containers, ephemeralContainers, in that order. Computed once per
 * pod spec (every container rule asks); rules must not mutate the result. @internal
 */
export function _allContainers(pod: PodTemplateRef): ReadonlyArray<ContainerRef> {
  if (pod.containers) return pod.containers;
  const hit = CONTAINERS.get(pod);
  if (hit) return hit;
  const out: ContainerRef[] = [];
  for (const field of _CONTAINER_LISTS) {
    const list = pod.spec[field];
    if (!Array.isArray(list)) continue;
    list.forEach((container: any, i: number) => {
      if (container && typeof container === 'object') out.push({ container, field, path: `${pod.specPath}/${field}/${i}` });
    });
  }
  CONTAINERS.set(pod, out);
  return out;
}

/** Escapes a key for use in a JSON pointer (RFC 6901). @internal */
export function _pointerEscape(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

/**
 * Visits every container of every pod spec of an object (nothing for other objects) and returns the violations
 * `visit` pushed. The shared loop of the per-container rules. @internal
 */
export function _containerViolations(obj: any, visit: (c: ContainerRef, out: RuleViolation[], pod: PodTemplateRef) => void): RuleViolation[] {
  const out: RuleViolation[] = [];
  for (const pod of _podTemplates(obj)) {
    for (const c of _allContainers(pod)) visit(c, out, pod);
  }
  return out;
}

/**
 * JSON pointers of the lists named `containers`, `initContainers` or `ephemeralContainers` (holding at least one
 * object) that no recognized pod spec of the object covers, outside `/metadata` and `/status`. @internal
 */
export function _unrecognizedContainerLists(obj: any): string[] {
  if (!isObj(obj)) return [];
  // Almost every object holds no container list outside its recognized pod specs: one scan that allocates next to
  // nothing says so, and the walk below (which builds pointers) runs only for the others.
  if (!mayHoldStrayContainerList(obj)) return [];
  const covered = coveredContainerLists(obj);
  const out: string[] = [];
  // Path segments of the value being walked; a pointer is built only for a list named like a container list.
  const segments: string[] = [];
  const pointer = () => `/${segments.map(_pointerEscape).join('/')}`;
  const walk = (value: any, depth: number): void => {
    if (depth > 64) return;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const child = value[i];
        if (child === null || typeof child !== 'object') continue;
        segments.push(String(i));
        walk(child, depth + 1);
        segments.pop();
      }
      return;
    }
    for (const key of Object.keys(value)) {
      const child = value[key];
      if (child === null || typeof child !== 'object') continue;
      if (depth === 0 && (key === 'metadata' || key === 'status')) continue;
      segments.push(key);
      if (key === 'containers' || key === 'initContainers' || key === 'ephemeralContainers') {
        const path = pointer();
        if (covered.has(path)) {
          // Containers the rules read: nothing below them is another pod spec.
          segments.pop();
          continue;
        }
        if (Array.isArray(child) && child.some(isObj)) out.push(path);
      }
      walk(child, depth + 1);
      segments.pop();
    }
  };
  walk(obj, 0);
  return out;
}

/** Pointers of the container lists the recognized pod specs of `obj` cover (the rules read those). */
function coveredContainerLists(obj: any): Set<string> {
  const covered = new Set<string>();
  for (const pod of _podTemplates(obj)) {
    for (const f of _CONTAINER_LISTS) covered.add(`${pod.specPath}/${f}`);
    for (const c of _allContainers(pod)) covered.add(c.path.slice(0, c.path.lastIndexOf('/')));
  }
  return covered;
}

/** The scan's state, kept at module level so that it allocates nothing per object (it calls nothing that scans). */
const SCAN_PATH: string[] = [];
let scanRoot: any;
let scanCovered: Set<string> | undefined;

/**
 * Whether the walk of `_unrecognizedContainerLists` (same order, same limits: own keys, depth 64, `metadata` and
 * `status` skipped at the top, covered lists not entered) can meet a key named `containers`, `initContainers` or
 * `ephemeralContainers` that holds an object or array outside the covered lists. A pointer (and the covered set)
 * is built only at such a key, so an object without one costs one pass and no allocation.
 */
function mayHoldStrayContainerList(obj: any): boolean {
  SCAN_PATH.length = 0;
  scanRoot = obj;
  scanCovered = undefined;
  try {
    return scan(obj, 0);
  } finally {
    scanRoot = undefined;
    scanCovered = undefined;
  }
}

function scan(value: any, depth: number): boolean {
  if (depth > 64) return false;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const child = value[i];
      if (child === null || typeof child !== 'object') continue;
      SCAN_PATH.push(String(i));
      const hit = scan(child, depth + 1);
      SCAN_PATH.pop();
      if (hit) return true;
    }
    return false;
  }
  for (const key in value) {
    if (!Object.prototype.hasOwnProperty.call(value, key)) continue; // the own keys, as Object.keys gives them
    const child = value[key];
    if (child === null || typeof child !== 'object') continue;
    if (depth === 0 && (key === 'metadata' || key === 'status')) continue;
    SCAN_PATH.push(key);
    if (key === 'containers' || key === 'initContainers' || key === 'ephemeralContainers') {
      scanCovered ??= coveredContainerLists(scanRoot);
      if (!scanCovered.has(`/${SCAN_PATH.map(_pointerEscape).join('/')}`)) return true;
      SCAN_PATH.pop();
      continue; // a covered list: the walk does not enter it either
    }
    const hit = scan(child, depth + 1);
    SCAN_PATH.pop();
    if (hit) return true;
  }
  return false;
}
