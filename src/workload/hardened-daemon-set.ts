// SPDX-License-Identifier: Apache-2.0
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { _addContainer, _addHardenedContainer, _addVolume, _afterHardenedWorkload, _attachContainer, _hardenedWorkloadProps, _newHardening } from './_hardened-workload';
import { _HostPathMount } from './_hardening';
import { HardenedContainerProps } from './hardened-container';
import { HardenedWorkloadProps } from './hardened-workload-props';
import { _isWritablePath, _writableVolumeName } from '../core/_writable-paths';
import { WellKnownLabels } from '../core/labels';
import { _MIN_REASON_LENGTH, _mergeSuppressions, _readSuppressionAnnotation, _showInvisible, _visibleLength, ParsedSuppression } from '../policy/engine/_suppression-annotation';
import { PodHasNoHostPathVolumes } from '../policy/rules/pod-security/pod-has-no-host-path-volumes';
import { PodSharesNoHostNamespaces } from '../policy/rules/pod-security/pod-shares-no-host-namespaces';
import { PodUsesOnlyRestrictedVolumeTypes } from '../policy/rules/pod-security/pod-uses-only-restricted-volume-types';

/**
 * A directory of the node mounted read-only into every container of a `HardenedDaemonSet`.
 */
export interface HostPathMount {
  /**
   * The directory on the node (absolute, not "/", without "..").
   * @see https://kubernetes.io/docs/concepts/storage/volumes/#hostpath
   */
  readonly hostPath: string;

  /**
   * Where the containers see it (absolute, not "/", without "..").
   */
  readonly mountPath: string;

  /**
   * Why the pods need this part of the node's file system (at least 10 visible characters). Recorded as the
   * reason of the suppressions of HARDEN-PSS-004 and HARDEN-PSS-013 for exactly this volume.
   */
  readonly reason: string;
}

/**
 * Properties for `HardenedDaemonSet`.
 */
export interface HardenedDaemonSetProps extends HardenedWorkloadProps {
  /**
   * Minimum seconds a new pod must be ready, without crashing, to count as available.
   * @default 0
   */
  readonly minReadySeconds?: number;

  /**
   * Run the pods in the node's network namespace (node agents such as CNI plugins or network exporters). Requires
   * `hostNetworkReason`; writes a suppression of HARDEN-PSS-001 for `hostNetwork` only (hostPID and hostIPC stay false).
   * @default false - pods get their own network namespace
   * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
   */
  readonly hostNetwork?: boolean;

  /**
   * Why the pods need the node's network namespace (at least 10 visible characters). Required with `hostNetwork: true`.
   * @default - none
   */
  readonly hostNetworkReason?: string;

  /**
   * Directories of the node mounted read-only into every container (e.g. `/var/log` for a log shipper), each with
   * the reason it is needed. Each writes suppressions of HARDEN-PSS-004 and HARDEN-PSS-013 for exactly its volume.
   * Writable hostPath mounts are not offered.
   * @default - none: the pods cannot see the node's file system
   */
  readonly hostPaths?: HostPathMount[];
}

/**
 * A DaemonSet that meets the restricted Pod Security Standard with default props, with the same pod and container
 * hardening as `HardenedDeployment` (numeric non-root ids, seccomp `RuntimeDefault`, no service account token,
 * no host namespaces, its own `LeastPrivilegeServiceAccount`, read-only root filesystem, all capabilities
 * dropped, bounded resources, pinned images, liveness and readiness probes).
 *
 * Node agents that need host access say so explicitly: `hostNetwork` with `hostNetworkReason`, and read-only
 * `hostPaths`, each with a reason. Each writes a suppression of exactly the rule and field it excepts, so the
 * checks report nothing else and auditors see the reason on the object.
 *
 * @see https://kubernetes.io/docs/concepts/workloads/controllers/daemonset/
 */
export class HardenedDaemonSet extends kplus.DaemonSet {
  private readonly _hostPaths: HostPathMount[];

  constructor(scope: Construct, id: string, props: HardenedDaemonSetProps) {
    const where = `HardenedDaemonSet "${id}"`;
    const path = [scope.node.path, id].filter(p => p !== '').join('/');
    const hostNetwork = props.hostNetwork ?? false;
    const suppressions: ParsedSuppression[] = [];
    if (hostNetwork) {
      const reason = requireReason(props.hostNetworkReason, 'hostNetworkReason', 'hostNetwork: true', `${where} at ${path}`);
      suppressions.push({ id: PodSharesNoHostNamespaces.ID, reason, appliesTo: ['/spec/template/spec/hostNetwork'] });
    } else if (props.hostNetworkReason !== undefined) {
      throw new Error(`${where} at ${path} sets hostNetworkReason but not hostNetwork: true. Remove hostNetworkReason, or set hostNetwork: true if the pods need the node's network.`);
    }
    const hostPaths: _HostPathMount[] = [];
    (props.hostPaths ?? []).forEach((h, i) => {
      for (const [field, value] of [['hostPath', h.hostPath], ['mountPath', h.mountPath]]) {
        if (!_isWritablePath(value)) {
          throw new Error(`Invalid ${field} "${value}" in hostPaths[${i}] of ${where} at ${path}: must be an absolute directory other than "/" without "..", e.g. "/var/log".`);
        }
      }
      const reason = requireReason(h.reason, `hostPaths[${i}].reason`, `the hostPath mount of "${h.hostPath}"`, `${where} at ${path}`);
      const volumeName = _writableVolumeName('host', h.hostPath);
      if (hostPaths.some(o => o.volumeName === volumeName || o.mountPath === h.mountPath)) {
        throw new Error(`hostPaths[${i}] of ${where} at ${path} ("${h.hostPath}" at "${h.mountPath}") repeats another entry's host directory or mount path. Declare each once.`);
      }
      hostPaths.push({ volumeName, hostPath: h.hostPath, mountPath: h.mountPath });
      // The host paths are the pod's first volumes (mounted first), so the pointers do not depend on other volumes.
      const appliesTo = [`/spec/template/spec/volumes/${i}/hostPath`];
      suppressions.push({ id: PodHasNoHostPathVolumes.ID, reason, appliesTo }, { id: PodUsesOnlyRestrictedVolumeTypes.ID, reason, appliesTo });
    });
    const hardening = _newHardening('HardenedDaemonSet', scope, id, props, 1, { hostNetwork, hostPaths });
    super(scope, id, {
      ..._hardenedWorkloadProps(props, hardening),
      hostNetwork,
      dns: hostNetwork ? { policy: kplus.DnsPolicy.CLUSTER_FIRST_WITH_HOST_NET } : undefined,
      minReadySeconds: props.minReadySeconds,
    });
    this._hostPaths = [...(props.hostPaths ?? [])];
    _afterHardenedWorkload(this, props, hardening);
    if (suppressions.length > 0) {
      // The pod template carries them too, like Suppressions.add, so they travel with the Pods.
      const current = _readSuppressionAnnotation({ metadata: this.metadata.toJson() }).suppressions;
      const value = JSON.stringify(_mergeSuppressions(current, suppressions));
      this.metadata.addAnnotation(WellKnownLabels.SUPPRESSIONS_ANNOTATION, value);
      this.podMetadata.addAnnotation(WellKnownLabels.SUPPRESSIONS_ANNOTATION, value);
    }
  }

  /** The read-only hostPath mounts declared in `hostPaths` (a copy). */
  public get hostPaths(): HostPathMount[] {
    return this._hostPaths.map(h => ({ ...h }));
  }

  /**
   * Adds a hardened container (see `HardenedContainerProps`).
   */
  public addHardenedContainer(props: HardenedContainerProps): kplus.Container {
    return _addHardenedContainer(this, props, false);
  }

  /**
   * Adds a hardened init container (see `HardenedContainerProps`; probes are not allowed).
   */
  public addHardenedInitContainer(props: HardenedContainerProps): kplus.Container {
    return _addHardenedContainer(this, props, true);
  }

  /**
   * Adds a cdk8s-plus container. Anything that would weaken the hardening (privileged, writable root filesystem,
   * privilege escalation, root, added capabilities other than NET_BIND_SERVICE, host ports, `latest` images, probe
   * hosts, missing probes or resources) throws when it is added; it gets the hardened security context (all capabilities
   * dropped) and read-only mounts unless a mount says otherwise. Prefer `addHardenedContainer`.
   */
  public addContainer(cont: kplus.ContainerProps): kplus.Container {
    return _addContainer(this, cont, false, c => super.addContainer(c));
  }

  /**
   * Adds a cdk8s-plus init container, validated like `addContainer`. Prefer `addHardenedInitContainer`.
   */
  public addInitContainer(cont: kplus.ContainerProps): kplus.Container {
    return _addContainer(this, cont, true, c => super.addInitContainer(c));
  }

  /**
   * Attaches a cdk8s-plus container object, validated like `addContainer`. Its security context and the `readOnly` of
   * its current mounts are replaced by the hardened values in the manifest.
   */
  public attachContainer(cont: kplus.Container): void {
    _attachContainer(this, cont, c => super.attachContainer(c));
  }

  /**
   * Adds a pod volume. Sources the restricted Pod Security Standard forbids (hostPath and others) throw.
   */
  public addVolume(vol: kplus.Volume): void {
    _addVolume(this, vol, v => super.addVolume(v));
  }

}

function requireReason(reason: string | undefined, field: string, what: string, at: string): string {
  if (typeof reason !== 'string' || _visibleLength(reason) < _MIN_REASON_LENGTH) {
    const got = typeof reason === 'string' ? _showInvisible(reason) : 'nothing';
    throw new Error(`${at}: ${what} needs ${field}, at least ${_MIN_REASON_LENGTH} visible characters saying why the pods need it (got ${got}). ` +
      'It is recorded as the reason of the suppression it writes, so auditors see it.');
  }
  return reason.trim();
}
