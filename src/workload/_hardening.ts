// SPDX-License-Identifier: Apache-2.0
/**
 * Internal: the hardening shared by the five hardened workloads. Validates user input when it is given (props,
 * `addHardenedContainer`, or the inherited cdk8s-plus `addContainer`/`addInitContainer`/`attachContainer`/`addVolume`),
 * expresses every hardening field through cdk8s-plus-28's public API (container props, `Container.mount`, pod
 * metadata) or, where cdk8s-plus has no prop for it, a JSON patch on the workload's own `ApiObject`, and checks at
 * synth, by running the rules, what cdk8s-plus still lets a user change afterwards.
 */
import { ApiObject, JsonPatch, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';

import { DisruptionBudget } from './disruption-budget';
import { HardenedContainerProps, ResourceQuantities } from './hardened-container';
import { HardenedWorkloadProps } from './hardened-workload-props';
import { _digestForms, _isValidRepository, _isValidTag, _parseImage } from '../core/_image-reference';
import { _validateLabels, _validatePort, _validatePortName, _validatePortOrName, _validateReplicas } from '../core/_kube-validation';
import { _RESTRICTED_ADDABLE_CAPABILITY, _RESTRICTED_DROPPED_CAPABILITY, _RESTRICTED_VOLUME_TYPES, _SECCOMP_TYPES } from '../core/_pod-security-standards';
import { _renderedContainer, _renderedContainerProps } from '../core/_rendered-container';
import { _renderedVolume } from '../core/_rendered-volume';
import { _parseQuantity, _validateDns1123Label, _validateDns1123Subdomain } from '../core/_util';
import { _isWritablePath, _WRITABLE_PATH_SIZE_LIMIT, _writableVolumeName } from '../core/_writable-paths';
import { AppArmorProfile, RestrictedSecurityContext, RestrictedSeccompProfile } from '../core/security-context';
import { Checker } from '../policy/engine/checker';
import { IRule, Severity } from '../policy/engine/rule';
import { RulePacks } from '../policy/packs/rule-packs';
import { ContainerUsesNoHostPorts } from '../policy/rules/pod-security/container-uses-no-host-ports';
import { PodUsesOnlyRestrictedVolumeTypes } from '../policy/rules/pod-security/pod-uses-only-restricted-volume-types';
import { ProbesAndLifecycleHooksSetNoHost } from '../policy/rules/pod-security/probes-and-lifecycle-hooks-set-no-host';
import { ContainerHasHealthProbes } from '../policy/rules/workload/container-has-health-probes';
import { ContainerImageIsNotLatest } from '../policy/rules/workload/container-image-is-not-latest';
import { ContainerResourcesAreBounded } from '../policy/rules/workload/container-resources-are-bounded';

const NET_BIND_SERVICE = _RESTRICTED_ADDABLE_CAPABILITY;
const MAX_ID = 2147483647;

const RESTRICTED_VOLUME_SOURCES = _RESTRICTED_VOLUME_TYPES;

/**
 * Requests and limits of a container that sets none: 100m/500m CPU, 128Mi/256Mi memory.
 * @internal
 */
export const _DEFAULT_RESOURCES = { cpuRequestMillis: 100, cpuLimitMillis: 500, memoryRequestMebibytes: 128, memoryLimitMebibytes: 256 };
const MIN_REASON_LENGTH = 10;
const MEBIBYTE = 1024 * 1024;

/** The rules whose verdicts the add-time checks of a container take. */
const RULES = {
  resources: new ContainerResourcesAreBounded(),
  hostProbes: new ProbesAndLifecycleHooksSetNoHost(),
  hostPorts: new ContainerUsesNoHostPorts(),
  probes: new ContainerHasHealthProbes(),
};

let invariants: Checker | undefined;
/**
 * The rules a hardened workload's rendered pod must pass at synth: those about what cdk8s-plus's public API still lets a
 * user change once a container is added (`Container.mount` of any volume, `Container.addPort` with a host port). The
 * rest is refused when it is given; JSON patches (the documented escape hatch) are left to `SecurityChecks`.
 */
function workloadInvariants(): Checker {
  invariants ??= new Checker({
    packs: [{
      name: 'HardenedWorkloadInvariants',
      entries: [new PodUsesOnlyRestrictedVolumeTypes(), new ContainerUsesNoHostPorts()].map(rule => ({ rule, severity: Severity.ERROR })),
    }],
    knownPacks: RulePacks.all(),
  });
  return invariants;
}

/** HARDEN-WL-003, whose verdict on an image the hardened workloads take. */
const IMAGE_RULE = new ContainerImageIsNotLatest();

/**
 * Checks that an image reference is pinned by digest or an explicit tag that is not `latest`. The verdict is
 * HARDEN-WL-003's on a pod with this image (so the construct and the rule cannot disagree); the repository and tag
 * grammar is checked here as well, and the message names the value and the fix.
 * @internal
 */
export function _validateImage(image: string): string {
  if (typeof image !== 'string' || image.trim() === '' || /\s/.test(image)) {
    throw new Error(`Invalid image "${image}": an image reference must be a non-empty string without spaces, e.g. "registry.example.com/app:1.4.2".`);
  }
  const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'image' }, spec: { containers: [{ name: 'image', image }] } };
  const refused = IMAGE_RULE.check(pod, { objects: [pod] }).length > 0;
  const ref = _parseImage(image);
  if (refused && ref.digest !== undefined) {
    throw new Error(`Invalid image digest in "${image}": a digest must be ${_digestForms()}. ` +
      'Copy the full digest from your registry (e.g. `crane digest <image>`), e.g. "app@sha256:<64 hex>".');
  }
  const tag = ref.tag;
  const repository = ref.name;
  if (!_isValidRepository(repository)) {
    throw new Error(`Invalid image "${image}": "${repository}" is not a valid repository name (lowercase path components ` +
      'separated by "/", optionally prefixed by a registry host). Fix the image reference.');
  }
  if (tag !== undefined && !_isValidTag(tag)) {
    throw new Error(`Invalid image tag "${tag}" in "${image}": a tag is 1-128 characters of letters, digits, "_", "." and "-", not starting with "." or "-".`);
  }
  if (!refused) return image;
  if (tag === undefined) {
    throw new Error(`Image "${image}" is untagged, which means "latest": the image can change under the same manifest. ` +
      `Pin it by digest ("${image}@sha256:<digest>") or by an explicit version tag ("${image}:1.2.3").`);
  }
  throw new Error(`Image "${image}" uses the "${tag}" tag, which can change under the same manifest. ` +
    `Pin it by digest ("${repository}@sha256:<digest>") or by an explicit version tag ("${repository}:1.2.3").`);
}

/**
 * Checks a numeric user or group id is an integer and not root.
 * @internal
 */
export function _validateNonRootId(value: number, field: string): number {
  if (!Number.isInteger(value) || value < 0 || value > MAX_ID) {
    throw new Error(`Invalid ${field} ${value}: must be an integer from 1 to ${MAX_ID}. Use e.g. ${RestrictedSecurityContext.DEFAULT_USER_ID}.`);
  }
  if (value === 0) {
    throw new Error(`Invalid ${field} 0: 0 is root, and the restricted Pod Security Standard requires a non-root id. ` +
      `Use a non-zero id such as ${RestrictedSecurityContext.DEFAULT_USER_ID} and make the image work as that user.`);
  }
  return value;
}

/** Resolved requests/limits of one container. @internal */
export interface _Resources {
  readonly requests: { cpu: string; memory: string };
  readonly limits: { cpu: string; memory: string };
}

function positive(value: string, what: string): number {
  const n = _parseQuantity(value, what);
  if (n <= 0) {
    throw new Error(`Invalid ${what} "${value}": must be greater than zero, e.g. "100m" for CPU or "128Mi" for memory.`);
  }
  return n;
}

/** A request or limit: the value handed on (a string, a `Cpu` or a `Size`) and the quantity it renders as. */
interface Amount<T> {
  readonly value: T;
  readonly text: string;
}

/**
 * Resolves one resource's request and limit: the request defaults to `defaults.request`, the limit to `defaults.limit` or
 * the request when that is higher; both must be above zero and the limit not below the request. `names` are the
 * props in messages (`cpuLimit`, or `cpu.limit`).
 */
function resolveAmounts<T>(resource: string, container: string, given: { request?: Amount<T>; limit?: Amount<T> },
  defaults: { request: Amount<T>; limit: Amount<T> }, names: { request: string; limit: string }): { request: Amount<T>; limit: Amount<T> } {
  const request = given.request ?? defaults.request;
  const requested = positive(request.text, `${resource} request of container "${container}"`);
  const limit = given.limit ?? (requested > _parseQuantity(defaults.limit.text) ? request : defaults.limit);
  const limited = positive(limit.text, `${resource} limit of container "${container}"`);
  if (limited < requested) {
    throw new Error(`Invalid ${resource} limit "${limit.text}" of container "${container}": it is below the request "${request.text}", ` +
      `which Kubernetes rejects (a limit must be >= its request). Raise ${names.limit} to at least "${request.text}" or lower ${names.request}.`);
  }
  return { request, limit };
}

const text = (value: string | undefined): Amount<string> | undefined => (value === undefined ? undefined : { value, text: value });

/**
 * Resolves and validates a container's requests and limits given as quantity strings (the deprecated `resources`).
 * @internal
 */
export function _resolveResources(container: string, r: ResourceQuantities = {}): _Resources {
  const d = _DEFAULT_RESOURCES;
  const cpu = resolveAmounts('cpu', container, { request: text(r.cpuRequest), limit: text(r.cpuLimit) },
    { request: text(`${d.cpuRequestMillis}m`)!, limit: text(`${d.cpuLimitMillis}m`)! }, { request: 'cpuRequest', limit: 'cpuLimit' });
  const memory = resolveAmounts('memory', container, { request: text(r.memoryRequest), limit: text(r.memoryLimit) },
    { request: text(`${d.memoryRequestMebibytes}Mi`)!, limit: text(`${d.memoryLimitMebibytes}Mi`)! }, { request: 'memoryRequest', limit: 'memoryLimit' });
  return { requests: { cpu: cpu.request.text, memory: memory.request.text }, limits: { cpu: cpu.limit.text, memory: memory.limit.text } };
}

/** A `Size` as cdk8s-plus renders a container's memory (whole mebibytes), or a message naming the value and the fix. */
function mebibytes(size: Size | undefined, what: string): Amount<Size> | undefined {
  if (size === undefined) return undefined;
  let mi: number;
  try {
    mi = size.toMebibytes();
  } catch {
    throw new Error(`Invalid ${what}: cdk8s-plus renders memory in whole mebibytes, and this Size is not one. Use Size.mebibytes(n) or Size.gibibytes(n).`);
  }
  return { value: size, text: `${mi}Mi` };
}

/**
 * Resolves and validates a container's requests and limits given as cdk8s-plus `ContainerResources`, with the same
 * defaults and checks as the string form. The result is handed to cdk8s-plus, which renders it.
 * @internal
 */
export function _resolveContainerResources(container: string, r: kplus.ContainerResources = {}): kplus.ContainerResources {
  const d = _DEFAULT_RESOURCES;
  const cpuAmount = (c: kplus.Cpu | undefined): Amount<kplus.Cpu> | undefined => (c === undefined ? undefined : { value: c, text: c.amount });
  const cpu = resolveAmounts('cpu', container, { request: cpuAmount(r.cpu?.request), limit: cpuAmount(r.cpu?.limit) },
    { request: cpuAmount(kplus.Cpu.millis(d.cpuRequestMillis))!, limit: cpuAmount(kplus.Cpu.millis(d.cpuLimitMillis))! },
    { request: 'cpu.request', limit: 'cpu.limit' });
  const memory = resolveAmounts('memory', container,
    { request: mebibytes(r.memory?.request, `memory request of container "${container}"`), limit: mebibytes(r.memory?.limit, `memory limit of container "${container}"`) },
    { request: mebibytes(Size.mebibytes(d.memoryRequestMebibytes), 'default')!, limit: mebibytes(Size.mebibytes(d.memoryLimitMebibytes), 'default')! },
    { request: 'memory.request', limit: 'memory.limit' });
  return {
    cpu: { request: cpu.request.value, limit: cpu.limit.value },
    memory: { request: memory.request.value, limit: memory.limit.value },
    ephemeralStorage: r.ephemeralStorage,
  };
}

function volumeSources(vol: kplus.Volume): string[] {
  const rendered = _renderedVolume(vol);
  return Object.keys(rendered).filter(k => k !== 'name' && rendered[k] !== undefined);
}

function checkVolumeSources(name: string, sources: string[]): void {
  const bad = sources.filter(s => !RESTRICTED_VOLUME_SOURCES.includes(s));
  if (bad.length > 0) {
    throw new Error(`Volume "${name}" uses the ${bad.join(', ')} source, which the restricted Pod Security Standard forbids ` +
      `(allowed: ${RESTRICTED_VOLUME_SOURCES.join(', ')}). Use a PersistentVolumeClaim, ConfigMap, Secret or emptyDir instead.`);
  }
}

/** A writable emptyDir mount of one container. @internal */
export interface _WritablePath {
  readonly path: string;
  readonly volumeName: string;
  readonly sizeLimit: string;
  /** `sizeLimit` as cdk8s-plus takes it (it renders emptyDir sizes in whole mebibytes). */
  readonly size: Size;
}

/** A read-only hostPath volume a HardenedDaemonSet declared, with its reason. @internal */
export interface _HostPathMount {
  readonly volumeName: string;
  readonly hostPath: string;
  readonly mountPath: string;
}

/** Kind-specific hardening choices. @internal */
export interface _HardeningOptions {
  /** Job and CronJob pods run to completion: probes are neither required nor derived. */
  readonly runsToCompletion?: boolean;
  /** A DaemonSet that declared (with a reason) that it needs the node's network namespace. */
  readonly hostNetwork?: boolean;
  /** Read-only hostPath volumes a DaemonSet declared (with a reason), mounted into every container. */
  readonly hostPaths?: _HostPathMount[];
}

/** What the hardening knows about a container added through HardenedContainerProps. @internal */
export interface _ContainerRecord {
  readonly name: string;
  readonly init: boolean;
  /** Requests and limits given as quantity strings, written by a JSON patch (ContainerResources are cdk8s-plus props). */
  readonly resources?: _Resources;
  readonly writable: _WritablePath[];
  readonly netBindService: boolean;
  readonly disableProbes: boolean;
  /**
   * Whether the user gave probes or lifecycle hooks (cdk8s-plus objects whose host and ports only show when rendered).
   * Without them, everything the rendered checks look at was checked in `prepare`, so the container is not rendered.
   */
  readonly givenHandlers: boolean;
  readonly appArmorProfile?: AppArmorProfile;
}

/**
 * Validates the props of a foreign (cdk8s-plus `ContainerProps`) container: nothing may weaken the hardening.
 * @internal
 */
export function _validateContainerProps(cont: kplus.ContainerProps, where: string): void {
  _validateImage(cont.image);
  const sc = cont.securityContext ?? {};
  const name = cont.name ?? 'main';
  const refuse = (field: string, value: unknown, fix: string) => {
    throw new Error(`Container "${name}" of ${where} sets securityContext.${field} to ${JSON.stringify(value)}, ` +
      `which the hardened workload does not allow (restricted Pod Security Standard). ${fix}`);
  };
  if (sc.privileged === true) refuse('privileged', true, 'Remove it: privileged containers have full access to the node.');
  if (sc.allowPrivilegeEscalation === true) refuse('allowPrivilegeEscalation', true, 'Remove it.');
  if (sc.readOnlyRootFilesystem === false) refuse('readOnlyRootFilesystem', false, 'Remove it and declare writable paths with `writablePaths` on addHardenedContainer.');
  if (sc.ensureNonRoot === false) refuse('runAsNonRoot', false, 'Remove it and build the image to run as a non-root user.');
  if (sc.user === 0) refuse('runAsUser', 0, 'Use a non-zero user id.');
  if (sc.group === 0) refuse('runAsGroup', 0, 'Use a non-zero group id.');
  const seccomp = sc.seccompProfile?.type;
  if (seccomp !== undefined && !_SECCOMP_TYPES.includes(seccomp)) {
    refuse('seccompProfile.type', seccomp, 'Remove it: containers inherit the pod\'s RuntimeDefault or Localhost profile.');
  }
  const added = (sc.capabilities?.add ?? []).filter(c => c !== NET_BIND_SERVICE);
  if (added.length > 0) refuse('capabilities.add', added, `Only ${NET_BIND_SERVICE} may be added back.`);
  for (const port of cont.ports ?? []) {
    if (port.hostPort) {
      throw new Error(`Container "${name}" of ${where} sets hostPort ${port.hostPort}, which the baseline Pod Security Standard forbids. ` +
        'Remove hostPort and expose the port through a Service.');
    }
  }
}

/**
 * The hardening state of one workload.
 * @internal
 */
export class _WorkloadHardening {
  public readonly runAsUser: number;
  public readonly runAsGroup: number;
  public readonly fsGroup: number;
  public readonly seccompProfile: RestrictedSeccompProfile;
  public readonly appArmorProfile?: AppArmorProfile;
  public readonly disruptionBudget: DisruptionBudget;
  public readonly containerProps: kplus.ContainerProps[] = [];
  public readonly initContainerProps: kplus.ContainerProps[] = [];
  private readonly records = new Map<string, _ContainerRecord>();
  /** Container props this hardening prepared (from `HardenedContainerProps`). */
  private readonly prepared = new WeakSet<kplus.ContainerProps>();
  /** The names of the writable paths' emptyDir volumes (mounted without `readOnly`). */
  private readonly writableVolumes = new Set<string>();
  private readonly hostVolumes = new Map<string, kplus.Volume>();
  private workload?: kplus.Workload;
  private podSpec = '/spec/template/spec';
  private adding = false;
  /** The last synth-time verdict and the state of the pod it was reached on. */
  private validated?: { state: string; errors: string[] };
  private initCount = 0;

  /** `where` names the construct in messages (`HardenedDeployment "web"`); `path` is its construct path. */
  constructor(props: HardenedWorkloadProps, public readonly replicas: number, private readonly where: string, private readonly path: string = '',
    private readonly options: _HardeningOptions = {}) {
    if (props.name !== undefined) _validateDns1123Subdomain(props.name, `name of ${where}`);
    this.runAsUser = _validateNonRootId(props.runAsUser ?? RestrictedSecurityContext.DEFAULT_USER_ID, 'runAsUser');
    this.runAsGroup = _validateNonRootId(props.runAsGroup ?? RestrictedSecurityContext.DEFAULT_GROUP_ID, 'runAsGroup');
    this.fsGroup = _validateNonRootId(props.fsGroup ?? RestrictedSecurityContext.DEFAULT_GROUP_ID, 'fsGroup');
    this.seccompProfile = props.seccompProfile ?? RestrictedSeccompProfile.runtimeDefault();
    this.appArmorProfile = props.appArmorProfile;
    _validateReplicas(replicas, this.at);
    _validateLabels(props.labels, `labels of ${this.at}`);
    this.disruptionBudget = props.disruptionBudget ?? DisruptionBudget.maxUnavailable(1);
    if (replicas > 1) this.disruptionBudget._validateFor(replicas);
    if (!props.containers || props.containers.length === 0) {
      throw new Error(`${where} has no containers: pass at least one in \`containers\`.`);
    }
    for (const c of props.containers) this.containerProps.push(this.prepare(c, false));
    for (const c of props.initContainers ?? []) this.initContainerProps.push(this.prepare(c, true));
  }

  /** The construct in messages, with its path: `HardenedDeployment "web" at app/web`. */
  private get at(): string {
    return this.path ? `${this.where} at ${this.path}` : this.where;
  }

  /** Validates a hardened container and converts it to cdk8s-plus props. */
  public prepare(c: HardenedContainerProps, init: boolean): kplus.ContainerProps {
    const name = c.name ?? (init ? `init-${this.initCount}` : 'main');
    if (init) this.initCount++;
    _validateDns1123Label(name, `container name of ${this.where}`);
    if (this.records.has(name)) {
      throw new Error(`Duplicate container name "${name}" in ${this.where}: container names must be unique in a pod. ` +
        'Give each container its own `name`.');
    }
    const where = `container "${name}" of ${this.where}`;
    _validateImage(c.image);
    if (c.portNumber !== undefined) _validatePort(c.portNumber, `portNumber of ${where} at ${this.path}`);
    for (const p of c.ports ?? []) {
      _validatePort(p.number, `port of ${where} at ${this.path}`);
      if (p.name !== undefined) _validatePortName(p.name, `port name of ${where} at ${this.path}`);
    }
    if (c.resources !== undefined && c.containerResources !== undefined) {
      throw new Error(`${where} sets both resources and containerResources: pass containerResources only (resources is deprecated).`);
    }
    // Quantity strings (deprecated) are written verbatim by a JSON patch; ContainerResources (and the defaults) go to cdk8s-plus.
    const resources = c.resources !== undefined ? _resolveResources(name, c.resources) : undefined;
    const containerResources = resources ? {} : _resolveContainerResources(name, c.containerResources);

    // Probes: long-running containers need liveness and readiness, derived from the port when none is given.
    let liveness = c.liveness;
    let readiness = c.readiness;
    const disableProbes = c.disableProbes ?? false;
    if (init) {
      if (c.liveness || c.readiness || c.startup) {
        throw new Error(`Init container "${name}" of ${this.where} has a probe: init containers run to completion and must not have probes. Remove it.`);
      }
    } else if (this.options.runsToCompletion) {
      if (disableProbes) {
        throw new Error(`${where} sets disableProbes, but its pods run to completion and need no probes. Remove disableProbes and disableProbesReason.`);
      }
    } else if (disableProbes) {
      if (!c.disableProbesReason || c.disableProbesReason.trim().length < MIN_REASON_LENGTH) {
        throw new Error(`${where} sets disableProbes without a disableProbesReason of at least ${MIN_REASON_LENGTH} characters: ` +
          'say why this container cannot be probed.');
      }
      if (liveness || readiness) {
        throw new Error(`${where} sets disableProbes but also passes probes: remove one or the other.`);
      }
    } else if (!liveness && !readiness) {
      const port = c.portNumber ?? c.ports?.find(p => (p.protocol ?? kplus.Protocol.TCP) === kplus.Protocol.TCP)?.number;
      if (port === undefined) {
        throw new Error(`${where} has no liveness or readiness probe and no TCP port to derive them from. ` +
          'Pass `liveness` and `readiness` (Probe.fromHttpGet / fromTcpSocket / fromCommand), declare `portNumber`, ' +
          'or set `disableProbes: true` with a `disableProbesReason`.');
      }
      liveness = kplus.Probe.fromTcpSocket({ port });
      readiness = kplus.Probe.fromTcpSocket({ port });
    } else if (!liveness || !readiness) {
      throw new Error(`${where} has a ${liveness ? 'liveness' : 'readiness'} probe but no ${liveness ? 'readiness' : 'liveness'} probe: ` +
        'long-running containers need both. Pass the missing one (it may reuse the same check).');
    }

    // Mounts: read-only unless explicitly writable; volume sources restricted.
    const mounts: kplus.VolumeMount[] = (c.volumeMounts ?? []).map(m => {
      checkVolumeSources(m.volume.name, volumeSources(m.volume));
      return { ...m, readOnly: m.readOnly ?? true };
    });
    const mountPaths = new Set(mounts.map(m => m.path));
    const sizeLimit = c.writablePathSizeLimit ?? _WRITABLE_PATH_SIZE_LIMIT;
    const bytes = positive(sizeLimit, `writablePathSizeLimit of ${where}`);
    if (bytes % MEBIBYTE !== 0) {
      throw new Error(`Invalid writablePathSizeLimit of ${where} "${sizeLimit}": cdk8s-plus sizes an emptyDir in whole mebibytes. ` +
        `Use a multiple of 1Mi, e.g. "${Math.ceil(bytes / MEBIBYTE)}Mi".`);
    }
    const size = Size.mebibytes(bytes / MEBIBYTE);
    const writable: _WritablePath[] = [];
    for (const path of c.writablePaths ?? []) {
      if (!_isWritablePath(path)) {
        throw new Error(`Invalid writable path "${path}" of ${where}: must be an absolute directory other than "/" without "..", e.g. "/tmp".`);
      }
      if (mountPaths.has(path)) {
        throw new Error(`Writable path "${path}" of ${where} is declared twice (or is also a volume mount). Declare each path once.`);
      }
      mountPaths.add(path);
      const volumeName = _writableVolumeName(name, path);
      if (writable.some(w => w.volumeName === volumeName)) {
        throw new Error(`Writable paths of ${where} map to the same volume name "${volumeName}": use paths that differ in their letters and digits.`);
      }
      writable.push({ path, volumeName, sizeLimit, size });
    }

    const netBindService = c.allowNetBindService ?? false;
    const props: kplus.ContainerProps = {
      image: c.image,
      name,
      portNumber: c.portNumber,
      ports: c.ports,
      command: c.command,
      args: c.args,
      workingDir: c.workingDir,
      envVariables: c.envVariables,
      envFrom: c.envFrom,
      volumeMounts: mounts,
      imagePullPolicy: c.imagePullPolicy,
      liveness,
      readiness,
      startup: c.startup,
      lifecycle: c.lifecycle,
      resources: containerResources,
      securityContext: {
        ensureNonRoot: true,
        privileged: false,
        readOnlyRootFilesystem: true,
        allowPrivilegeEscalation: false,
        capabilities: { drop: [kplus.Capability.ALL], add: netBindService ? [kplus.Capability.NET_BIND_SERVICE] : undefined },
      },
    };
    _validateContainerProps(props, this.where);
    if (this.workload !== undefined) _checkUniqueName(this.workload, name, this.where);
    this.prepared.add(props);
    this.records.set(name, {
      name,
      init,
      resources,
      writable,
      netBindService,
      disableProbes,
      appArmorProfile: c.appArmorProfile,
      givenHandlers: [c.liveness, c.readiness, c.startup, c.lifecycle].some(h => h !== undefined),
    });
    return props;
  }

  /**
   * Binds the hardening to its workload once the cdk8s-plus constructor has run: hardens the containers it added
   * from the props, adds the pod-level fields cdk8s-plus has no prop for (JSON patches on the workload's own
   * `ApiObject`), and registers the synth-time check of what can still change afterwards.
   *
   * `podSpec` is the JSON pointer of the pod spec in the L1 object (`/spec/template/spec`; CronJob:
   * `/spec/jobTemplate/spec/template/spec`). The L1 object converts its props to Kubernetes JSON after the patches
   * apply, so patch paths and values use the L1 spelling (`hostPid`) and keys end up in the usual order.
   */
  public bind(workload: kplus.Workload, podSpec: string, matchLabelKeys: string[]): void {
    this.workload = workload;
    this.podSpec = podSpec;
    if (this.defersContainers) {
      for (const props of this.containerProps) workload.addContainer(this.withHostPathMounts(workload, props));
      for (const props of this.initContainerProps) workload.addInitContainer(props);
      // The host paths are the first volumes; cdk8s-plus writes their default `type: ""` (no check), which is the
      // same as leaving it out: left out, as it always was.
      (this.options.hostPaths ?? []).forEach((_h, i) => ApiObject.of(workload).addJsonPatch(JsonPatch.remove(`${podSpec}/volumes/${i}/hostPath/type`)));
    } else {
      workload.containers.forEach((c, i) => this.harden(workload, c, false, i, this.containerProps[i]));
      workload.initContainers.forEach((c, i) => this.harden(workload, c, true, i, this.initContainerProps[i]));
    }
    const api = ApiObject.of(workload);
    const seccomp = _definedOnly({ localhostProfile: this.seccompProfile.localhostProfile, type: this.seccompProfile.type });
    api.addJsonPatch(
      JsonPatch.add(`${podSpec}/hostIpc`, false),
      JsonPatch.add(`${podSpec}/hostPid`, false),
      JsonPatch.add(`${podSpec}/securityContext/seccompProfile`, seccomp),
    );
    if (this.replicas > 1) {
      const selector = { matchLabels: { ...workload.matchLabels } };
      const keys = matchLabelKeys.length > 0 ? { matchLabelKeys: [...matchLabelKeys] } : {};
      api.addJsonPatch(JsonPatch.add(`${podSpec}/topologySpreadConstraints`, [
        { labelSelector: selector, ...keys, maxSkew: 1, nodeTaintsPolicy: 'Honor', topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'DoNotSchedule' },
        { labelSelector: selector, ...keys, maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway' },
      ]));
    }
    workload.node.addValidation({ validate: () => this.validateRendered(workload) });
  }

  /**
   * Adds a container through the workload's cdk8s-plus `addContainer`/`addInitContainer` (`add`). Props prepared
   * by `prepare` pass as they are; other cdk8s-plus props are checked (nothing may weaken the hardening) and given
   * the hardened security context and read-only mounts. Either way the container is checked as it renders, at once.
   */
  public addContainer(workload: kplus.Workload, cont: kplus.ContainerProps, init: boolean,
    add: (props: kplus.ContainerProps) => kplus.Container): kplus.Container {
    if (this.workload === undefined) return add(cont); // the cdk8s-plus constructor adding the props' containers: hardened in bind()
    let props = cont;
    if (!this.prepared.has(cont)) {
      if (init) {
        _validateInitContainerProps(workload, cont, this.where);
      } else {
        _validateContainerProps(cont, this.where);
        _checkUniqueName(workload, cont.name ?? 'main', this.where);
      }
      props = this.foreignProps(cont, init ? `init-${workload.initContainers.length}` : 'main');
    }
    const index = init ? workload.initContainers.length : workload.containers.length;
    this.adding = true; // cdk8s-plus's addContainer attaches the Container it builds through attachContainer
    let added: kplus.Container;
    try {
      added = add(props);
    } finally {
      this.adding = false;
    }
    this.harden(workload, added, init, index, props);
    return added;
  }

  /** Attaches a cdk8s-plus `Container` object through the workload's `attachContainer` (`attach`), checked first. */
  public attachContainer(workload: kplus.Workload, cont: kplus.Container, attach: (c: kplus.Container) => void): void {
    if (this.adding) return attach(cont); // inside addContainer: hardened there
    _validateContainer(workload, cont, this.where);
    const index = workload.containers.length;
    this.checkRendered(_renderedContainer(cont), false);
    attach(cont);
    // Its security context and mounts were set by whoever built it: the hardened values replace them in the manifest.
    const sc = cont.securityContext;
    const netBind = (sc.capabilities?.add ?? []).includes(kplus.Capability.NET_BIND_SERVICE);
    const at = `${this.podSpec}/containers/${index}`;
    const api = ApiObject.of(workload);
    api.addJsonPatch(JsonPatch.replace(`${at}/securityContext`, _definedOnly({
      allowPrivilegeEscalation: false,
      capabilities: netBind ? { add: [NET_BIND_SERVICE], drop: [_RESTRICTED_DROPPED_CAPABILITY] } : { drop: [_RESTRICTED_DROPPED_CAPABILITY] },
      privileged: false,
      readOnlyRootFilesystem: true,
      runAsGroup: sc.group,
      runAsNonRoot: true,
      runAsUser: sc.user,
      seccompProfile: sc.seccompProfile
        ? _definedOnly({ localhostProfile: sc.seccompProfile.localhostProfile, type: sc.seccompProfile.type })
        : undefined,
    })));
    cont.mounts.forEach((m, j) => {
      checkVolumeSources(m.volume.name, volumeSources(m.volume));
      if (m.readOnly === undefined) api.addJsonPatch(JsonPatch.add(`${at}/volumeMounts/${j}/readOnly`, true));
    });
    this.mountHostPaths(workload, cont, false);
    this.annotateAppArmor(workload, cont.name, undefined);
  }

  /** Adds a pod volume through the workload's cdk8s-plus `addVolume` (`add`), refusing sources the restricted profile forbids. */
  public addVolume(vol: kplus.Volume, add: (v: kplus.Volume) => void): void {
    checkVolumeSources(vol.name, volumeSources(vol));
    add(vol);
  }

  /**
   * Whether the workload adds its containers after the cdk8s-plus constructor (in `bind`) rather than through its props:
   * with host paths, so their volumes (children of the workload) can be the first mounts, hence the first volumes, and the
   * suppressions' `appliesTo` pointers (`volumes/<i>`) do not depend on the other volumes.
   */
  public get defersContainers(): boolean {
    return (this.options.hostPaths ?? []).length > 0;
  }

  /** Prepared props with the host paths mounted (read-only) before the container's own mounts. */
  private withHostPathMounts(workload: kplus.Workload, props: kplus.ContainerProps): kplus.ContainerProps {
    const mounts = (this.options.hostPaths ?? []).map(h => ({ path: h.mountPath, volume: this.hostVolume(workload, h), readOnly: true }));
    const out = { ...props, volumeMounts: [...mounts, ...(props.volumeMounts ?? [])] };
    this.prepared.add(out);
    return out;
  }

  private hostVolume(workload: kplus.Workload, h: _HostPathMount): kplus.Volume {
    let volume = this.hostVolumes.get(h.volumeName);
    if (volume === undefined) {
      volume = kplus.Volume.fromHostPath(this.holder(workload, 'HostPaths'), h.volumeName, h.volumeName, { path: h.hostPath });
      this.hostVolumes.set(h.volumeName, volume);
    }
    return volume;
  }

  /** The hardened form of foreign cdk8s-plus container props: all capabilities dropped, mounts read-only unless said otherwise. */
  private foreignProps(cont: kplus.ContainerProps, defaultName: string): kplus.ContainerProps {
    const sc = cont.securityContext ?? {};
    const netBind = (sc.capabilities?.add ?? []).includes(kplus.Capability.NET_BIND_SERVICE);
    const mounts = (cont.volumeMounts ?? []).map(m => {
      checkVolumeSources(m.volume.name, volumeSources(m.volume));
      return { ...m, readOnly: m.readOnly ?? true };
    });
    return {
      ...cont,
      name: cont.name ?? defaultName,
      volumeMounts: mounts,
      securityContext: {
        ...sc,
        ensureNonRoot: true,
        privileged: false,
        readOnlyRootFilesystem: true,
        allowPrivilegeEscalation: false,
        capabilities: { drop: [kplus.Capability.ALL], add: netBind ? [kplus.Capability.NET_BIND_SERVICE] : undefined },
      },
    };
  }

  /**
   * Hardens a container the workload has just added (at `index` of its containers or init containers): checks it as
   * it renders, mounts its writable paths and the DaemonSet's host paths, sets its resources and AppArmor profile.
   */
  private harden(workload: kplus.Workload, c: kplus.Container, init: boolean, index: number, props: kplus.ContainerProps): void {
    const record = this.prepared.has(props) ? this.records.get(c.name) : undefined;
    if (!record || record.givenHandlers) this.checkRendered(_renderedContainerProps(props, init), init, record);
    if (record) {
      const existing = podVolumeNames(workload);
      for (const w of record.writable) {
        if (existing.has(w.volumeName)) {
          throw new Error(`Duplicate volume name "${w.volumeName}" in ${this.where}: a writable path's emptyDir is named "<container>-<path>"; rename the other volume.`);
        }
        existing.add(w.volumeName);
        this.writableVolumes.add(w.volumeName);
        c.mount(w.path, kplus.Volume.fromEmptyDir(this.holder(workload, 'WritablePaths'), w.volumeName, w.volumeName, { sizeLimit: w.size }));
      }
      if (record.resources) {
        const q = (r: { cpu: string; memory: string }) => ({ cpu: k8s.Quantity.fromString(r.cpu), memory: k8s.Quantity.fromString(r.memory) });
        ApiObject.of(workload).addJsonPatch(JsonPatch.add(`${this.podSpec}/${init ? 'initContainers' : 'containers'}/${index}/resources`,
          { limits: q(record.resources.limits), requests: q(record.resources.requests) }));
      }
    }
    this.mountHostPaths(workload, c, init);
    this.annotateAppArmor(workload, c.name, record);
  }

  private mountHostPaths(workload: kplus.Workload, c: kplus.Container, init: boolean): void {
    if (init) return;
    for (const h of this.options.hostPaths ?? []) {
      const volume = this.hostVolume(workload, h);
      if (!c.mounts.some(m => m.volume === volume)) c.mount(h.mountPath, volume, { readOnly: true });
    }
  }

  private annotateAppArmor(workload: kplus.Workload, name: string, record: _ContainerRecord | undefined): void {
    const appArmor = record?.appArmorProfile ?? this.appArmorProfile;
    if (appArmor) workload.podMetadata.addAnnotation(`container.apparmor.security.beta.kubernetes.io/${name}`, appArmor._toAnnotationValue());
  }

  private holder(workload: kplus.Workload, id: string): Construct {
    return (workload.node.tryFindChild(id) as Construct | undefined) ?? new Construct(workload, id);
  }

  /** What only the rendered container shows: probe and hook hosts and ports, host ports, probes, foreign resources. */
  private checkRendered(c: any, init: boolean, record?: _ContainerRecord): void {
    const where = `${init ? 'init container' : 'container'} "${c.name}" of ${this.where}`;
    // The verdicts come from the rules, run on a pod holding just this container as it renders; the messages name
    // the container, the value and the fix, as they always have.
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'container' }, spec: init ? { containers: [], initContainers: [c] } : { containers: [c] } };
    const findings = (rule: IRule) => rule.check(pod, { objects: [pod] });
    const at = (path: string) => path.split('/').slice(4); // below /spec/<containers|initContainers>/0/
    if (!record) {
      const missing = findings(RULES.resources)[0];
      if (missing) {
        const [, group, resource] = at(missing.path);
        throw new Error(`${where} has no ${resource} ${group === 'requests' ? 'request' : 'limit'}: every container needs requests and ` +
          `limits for cpu and memory. Set \`resources.${resource}\`.`);
      }
      checkForeignResourceOrder(c, where);
    }
    const host = findings(RULES.hostProbes)[0];
    if (host) {
      const field = at(host.path).slice(0, -2).join('.'); // livenessProbe, lifecycle.postStart, ...
      const value = at(host.path).reduce((o: any, k) => o?.[k], c);
      throw new Error(`${where} sets ${field} host "${value}": the kubelet would connect to another host on the pod's behalf, ` +
        'which the baseline Pod Security Standard forbids (Kubernetes 1.34+). Remove `host`; checks go to the pod IP.');
    }
    const hostPort = findings(RULES.hostPorts)[0];
    if (hostPort) {
      throw new Error(`${where} sets hostPort ${c.ports[Number(at(hostPort.path)[1])].hostPort}: remove it and expose the port through a Service.`);
    }
    for (const p of c.ports ?? []) _validatePort(p.containerPort, `containerPort of ${where} at ${this.path}`);
    // Probe and lifecycle handler ports: what the API server would refuse (a number outside 1..65535, a bad name).
    const handlers: Array<[string, any]> = [
      ['livenessProbe', c.livenessProbe], ['readinessProbe', c.readinessProbe], ['startupProbe', c.startupProbe],
      ['lifecycle.postStart', c.lifecycle?.postStart], ['lifecycle.preStop', c.lifecycle?.preStop],
    ];
    for (const [field, handler] of handlers) {
      for (const action of ['httpGet', 'tcpSocket', 'grpc']) {
        const port = handler?.[action]?.port;
        if (port !== undefined) _validatePortOrName(port, `${field}.${action}.port of ${where} at ${this.path}`);
      }
    }
    if (!init && !this.options.runsToCompletion && !(record?.disableProbes)) {
      const probe = findings(RULES.probes)[0];
      if (probe) {
        throw new Error(`${where} has no ${at(probe.path)[0].replace('Probe', '')} probe: long-running containers need liveness and ` +
          'readiness probes. Pass both, or add the container with addHardenedContainer and `disableProbes` plus a reason.');
      }
    }
  }

  /**
   * The synth-time check (`node.addValidation`): the rules of the restricted Pod Security Standard and the workload
   * invariants run on what the workload renders, so what was changed after a container was added (a mount or port
   * added to a cdk8s-plus `Container` object) cannot pass. Each error names the construct path, the rule, the field
   * and the fix. Also: mounts added that way must say `readOnly`.
   */
  private validateRendered(workload: kplus.Workload): string[] {
    // cdk8s validates the whole app each time a chart renders (chart.toJson), so this runs once per chart of the app.
    // What it checks can only change through the containers' mounts and ports and the pod's volumes: render and run
    // the rules again only when one of those changed.
    const state = [...workload.containers, ...workload.initContainers].map(c => `${c.name}:${c.mounts.length}:${c.ports.length}`)
      .concat(String(workload.volumes.length)).join(',');
    if (this.validated?.state === state) return [...this.validated.errors];
    const errors = this.runRules(workload);
    this.validated = { state, errors };
    return [...errors];
  }

  private runRules(workload: kplus.Workload): string[] {
    const obj = ApiObject.of(workload).toJson();
    const errors: string[] = [];
    const report = workloadInvariants().check(obj);
    for (const f of report.findings) {
      if (f.suppressed || f.severity !== Severity.ERROR) continue;
      errors.push(`${this.at}: ${f.ruleId} ${f.ruleName}: ${f.message} (at ${f.path}). ${f.remediation}`);
    }
    const spec = this.podSpec.split('/').slice(1).reduce((o: any, k) => o?.[k], obj);
    for (const list of ['initContainers', 'containers']) {
      for (const c of spec?.[list] ?? []) {
        for (const m of c.volumeMounts ?? []) {
          if (m.readOnly === undefined && !this.writableVolumes.has(m.name)) {
            errors.push(`${this.at}: container "${c.name}" mounts volume "${m.name}" at "${m.mountPath}" without readOnly (added through the ` +
              'cdk8s-plus Container.mount after the container was added). Mounts of a hardened workload are read-only unless declared ' +
              'otherwise: pass { readOnly: true }, or { readOnly: false } if the container must write there.');
          }
        }
      }
    }
    return errors;
  }
}

/** The names of the volumes a workload's pod has so far (from its containers' mounts and its own volumes). */
function podVolumeNames(workload: kplus.Workload): Set<string> {
  const names = new Set<string>();
  for (const c of [...workload.containers, ...workload.initContainers]) for (const m of c.mounts) names.add(m.volume.name);
  for (const v of workload.volumes) names.add(v.name);
  return names;
}

/** A foreign container's limits are not below its requests (that they are set is HARDEN-WL-002's verdict). */
function checkForeignResourceOrder(c: any, where: string): void {
  for (const resource of ['cpu', 'memory']) {
    const request = c.resources.requests[resource];
    const limit = c.resources.limits[resource];
    const req = positive(String(request), `${resource} request of ${where}`);
    const lim = positive(String(limit), `${resource} limit of ${where}`);
    if (lim < req) {
      throw new Error(`Invalid ${resource} limit of ${where}: ${limit} is below the request ${request}. Raise the limit to at least the request.`);
    }
  }
}

/**
 * The cdk8s-plus workload members the shared helpers use.
 * @internal
 */
export interface _HardenablePod {
  readonly containers: kplus.Container[];
  readonly initContainers: kplus.Container[];
}

/**
 * Validates a cdk8s-plus `Container` object before it joins a hardened pod.
 * @internal
 */
export function _validateContainer(pod: _HardenablePod, c: kplus.Container, where: string): void {
  const sc = c.securityContext;
  _validateContainerProps({
    image: c.image,
    name: c.name,
    ports: c.ports,
    securityContext: {
      ensureNonRoot: sc.ensureNonRoot,
      privileged: sc.privileged,
      readOnlyRootFilesystem: sc.readOnlyRootFilesystem,
      allowPrivilegeEscalation: sc.allowPrivilegeEscalation,
      user: sc.user,
      group: sc.group,
      capabilities: sc.capabilities,
      seccompProfile: sc.seccompProfile,
    },
  }, where);
  _checkUniqueName(pod, c.name, where);
}

/**
 * Checks a cdk8s-plus init container before it is added: the hardening checks of `addContainer` (under the name
 * cdk8s-plus will give it) and a name unique in the pod.
 * @internal
 */
export function _validateInitContainerProps(pod: _HardenablePod, cont: kplus.ContainerProps, where: string): void {
  const name = cont.name ?? `init-${pod.initContainers.length}`;
  _validateContainerProps({ ...cont, name }, where);
  _checkUniqueName(pod, name, where);
}

/** @internal */
export function _checkUniqueName(pod: _HardenablePod, name: string, where: string): void {
  if ([...pod.containers, ...pod.initContainers].some(x => x.name === name)) {
    throw new Error(`Duplicate container name "${name}" in ${where}: container and init container names must be unique in a pod. ` +
      'Give each container its own `name`.');
  }
}

/**
 * Copy without undefined values: cdk8s lets an explicit `name: undefined` in metadata override the generated name.
 * @internal
 */
export function _definedOnly<T extends object>(obj: T): T {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined)) as T;
}
