// SPDX-License-Identifier: Apache-2.0
import * as kplus from 'cdk8s-plus-28';
import { AppArmorProfile } from '../core/security-context';

/**
 * CPU and memory requests and limits of a container, as Kubernetes quantity strings.
 *
 * @deprecated use `kplus.ContainerResources` in `HardenedContainerProps.containerResources`
 *
 * @see https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/
 */
export interface ResourceQuantities {
  /**
   * CPU the scheduler reserves for the container (`resources.requests.cpu`).
   * @default "100m"
   */
  readonly cpuRequest?: string;

  /**
   * CPU the container is throttled at (`resources.limits.cpu`). Must not be below the request.
   * @default - "500m", or the CPU request when that is higher
   */
  readonly cpuLimit?: string;

  /**
   * Memory the scheduler reserves for the container (`resources.requests.memory`).
   * @default "128Mi"
   */
  readonly memoryRequest?: string;

  /**
   * Memory above which the container is OOM-killed (`resources.limits.memory`). Must not be below the request.
   * @default - "256Mi", or the memory request when that is higher
   */
  readonly memoryLimit?: string;
}

/**
 * A container of a hardened workload. Its security context is not configurable: every container runs
 * with a read-only root filesystem, no privilege escalation, not privileged, all capabilities dropped
 * and as non-root, inheriting the pod's numeric user and seccomp profile.
 *
 * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted
 */
export interface HardenedContainerProps {
  /**
   * The image, pinned by digest (`registry/app@sha256:<64 hex>`) or by an explicit tag other than `latest`.
   * Untagged and `latest` images are refused because they change under the same manifest.
   * @see https://kubernetes.io/docs/concepts/containers/images/#image-names
   */
  readonly image: string;

  /**
   * The container name (a DNS-1123 label, unique in the pod).
   * @default - "main" for containers, "init-<index>" for init containers
   */
  readonly name?: string;

  /**
   * The port the container listens on. Also used to derive TCP liveness and readiness probes when none are given.
   * @default - no port
   */
  readonly portNumber?: number;

  /**
   * Further ports the container listens on. `hostPort` is refused (restricted Pod Security Standard).
   * @default - none
   */
  readonly ports?: kplus.ContainerPort[];

  /**
   * The entrypoint (`command`).
   * @default - the image's ENTRYPOINT
   */
  readonly command?: string[];

  /**
   * Arguments to the entrypoint (`args`).
   * @default - the image's CMD
   */
  readonly args?: string[];

  /**
   * The working directory.
   * @default - the image's WORKDIR
   */
  readonly workingDir?: string;

  /**
   * Environment variables. Reference Secrets with `EnvValue.fromSecretValue` rather than literal values.
   * @default - none
   */
  readonly envVariables?: { [name: string]: kplus.EnvValue };

  /**
   * Whole ConfigMaps or Secrets exposed as environment variables.
   * @default - none
   */
  readonly envFrom?: kplus.EnvFrom[];

  /**
   * Volumes to mount. Mounts are read-only unless a mount sets `readOnly: false` explicitly
   * (for example a StatefulSet's data volume).
   * @default - none
   */
  readonly volumeMounts?: kplus.VolumeMount[];

  /**
   * Paths the container may write to, each backed by its own size-limited `emptyDir` (e.g. `['/tmp']`).
   * The rest of the filesystem stays read-only.
   * @default - nothing is writable
   * @see https://kubernetes.io/docs/concepts/storage/volumes/#emptydir
   */
  readonly writablePaths?: string[];

  /**
   * The `sizeLimit` of each writable path's `emptyDir`, a whole number of mebibytes (cdk8s-plus renders emptyDir sizes
   * in `Mi`: "1Gi" is written "1024Mi", which the API server stores as "1Gi").
   * @default "64Mi"
   */
  readonly writablePathSizeLimit?: string;

  /**
   * CPU and memory requests and limits, as cdk8s-plus takes them (`Cpu`, `Size`). Every container always has all four:
   * a missing request takes the default, a missing limit the default limit or the request when that is higher.
   * @default - requests 100m CPU / 128Mi memory, limits 500m CPU / 256Mi memory
   * @see https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/
   */
  readonly containerResources?: kplus.ContainerResources;

  /**
   * CPU and memory requests and limits as Kubernetes quantity strings, written as given. Not together with `containerResources`.
   * @default - requests 100m CPU / 128Mi memory, limits 500m CPU / 256Mi memory
   * @deprecated use `containerResources` (`Cpu` and `Size`, as cdk8s-plus takes them)
   */
  readonly resources?: ResourceQuantities;

  /**
   * Readiness probe (HTTP, TCP or exec via `Probe.fromHttpGet` / `fromTcpSocket` / `fromCommand`).
   * Not allowed on init containers.
   * @default - a TCP probe on `portNumber` when neither liveness nor readiness is given
   * @see https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/
   */
  readonly readiness?: kplus.Probe;

  /**
   * Liveness probe. Not allowed on init containers.
   * @default - a TCP probe on `portNumber` when neither liveness nor readiness is given
   */
  readonly liveness?: kplus.Probe;

  /**
   * Startup probe. Not allowed on init containers.
   * @default - a TCP probe on `portNumber` when a port is declared (cdk8s-plus default), otherwise none
   */
  readonly startup?: kplus.Probe;

  /**
   * Run the container without liveness and readiness probes. Requires `disableProbesReason`.
   * Without probes Kubernetes cannot restart a hung container or keep traffic from an unready one.
   * @default false
   */
  readonly disableProbes?: boolean;

  /**
   * Why this container has no probes (at least 10 characters). Required when `disableProbes` is true.
   * @default - none
   */
  readonly disableProbesReason?: string;

  /**
   * Add back the `NET_BIND_SERVICE` capability so the process can bind ports below 1024. The only
   * capability the restricted profile allows; prefer a port >= 1024 instead.
   * @default false
   */
  readonly allowNetBindService?: boolean;

  /**
   * The AppArmor profile of this container.
   * @default - the workload's `appArmorProfile`, otherwise the node's default
   */
  readonly appArmorProfile?: AppArmorProfile;

  /**
   * When the kubelet pulls the image.
   * @default ImagePullPolicy.ALWAYS
   */
  readonly imagePullPolicy?: kplus.ImagePullPolicy;

  /**
   * Lifecycle hooks (postStart, preStop).
   * @default - none
   */
  readonly lifecycle?: kplus.ContainerLifecycle;
}
