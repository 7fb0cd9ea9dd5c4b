// SPDX-License-Identifier: Apache-2.0
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { _addContainer, _addHardenedContainer, _addVolume, _afterHardenedWorkload, _attachContainer, _hardenedWorkloadProps, _newHardening } from './_hardened-workload';
import { HardenedContainerProps } from './hardened-container';
import { HardenedWorkloadProps } from './hardened-workload-props';

/**
 * Properties for `HardenedStatefulSet`.
 */
export interface HardenedStatefulSetProps extends HardenedWorkloadProps {
  /**
   * Number of pods. With more than one, a PodDisruptionBudget and topology spread constraints are added.
   * @default 1 - stateful applications usually need explicit clustering before they can scale
   * @see https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/
   */
  readonly replicas?: number;

  /**
   * The Service that governs the pods' network identity.
   * @default - a headless ClusterIP Service over the containers' ports, in the workload's namespace
   */
  readonly service?: kplus.Service;

  /**
   * Whether pods are created one after another or in parallel.
   * @default PodManagementPolicy.ORDERED_READY
   */
  readonly podManagementPolicy?: kplus.PodManagementPolicy;

  /**
   * How pods are replaced on update.
   * @default StatefulSetUpdateStrategy.rollingUpdate()
   */
  readonly strategy?: kplus.StatefulSetUpdateStrategy;
}

/**
 * A StatefulSet that meets the restricted Pod Security Standard with default props.
 *
 * - Pod: numeric non-root `runAsUser`/`runAsGroup`/`fsGroup` (10001), `runAsNonRoot`, seccomp `RuntimeDefault`,
 *   no service account token, no host namespaces, its own `LeastPrivilegeServiceAccount`.
 * - Every container and init container: read-only root filesystem, no privilege escalation, not privileged,
 *   all capabilities dropped, requests and limits for CPU and memory, writable `emptyDir`s only where declared.
 * - Long-running containers have liveness and readiness probes; images are pinned by digest or tag (never `latest`).
 * - With more than one replica: a PodDisruptionBudget and topology spread over nodes and zones.
 *
 * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted
 */
export class HardenedStatefulSet extends kplus.StatefulSet {

  constructor(scope: Construct, id: string, props: HardenedStatefulSetProps) {
    const replicas = props.replicas ?? 1;
    const hardening = _newHardening('HardenedStatefulSet', scope, id, props, replicas);
    super(scope, id, {
      ..._hardenedWorkloadProps(props, hardening),
      replicas,
      strategy: props.strategy,
      service: props.service,
      podManagementPolicy: props.podManagementPolicy,
    });
    _afterHardenedWorkload(this, props, hardening);
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
