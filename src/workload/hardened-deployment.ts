// SPDX-License-Identifier: Apache-2.0
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { _addContainer, _addHardenedContainer, _addVolume, _afterHardenedWorkload, _attachContainer, _hardenedWorkloadProps, _newHardening } from './_hardened-workload';
import { HardenedContainerProps } from './hardened-container';
import { HardenedWorkloadProps } from './hardened-workload-props';

/**
 * Properties for `HardenedDeployment`.
 */
export interface HardenedDeploymentProps extends HardenedWorkloadProps {
  /**
   * Number of pods. With more than one, a PodDisruptionBudget and topology spread constraints are added.
   * @default 2 - survives the loss of one node
   * @see https://kubernetes.io/docs/concepts/workloads/controllers/deployment/
   */
  readonly replicas?: number;

  /**
   * How pods are replaced on update.
   * @default DeploymentStrategy.rollingUpdate()
   */
  readonly strategy?: kplus.DeploymentStrategy;

  /**
   * Allow `exposeViaService` / `exposeViaIngress` to create NodePort, LoadBalancer or ExternalName Services,
   * which make the pods reachable from outside the cluster network.
   * @default false - only ClusterIP Services
   * @see https://kubernetes.io/docs/concepts/services-networking/service/#publishing-services-service-types
   */
  readonly allowExternalServiceTypes?: boolean;
}

/**
 * A Deployment that meets the restricted Pod Security Standard with default props.
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
export class HardenedDeployment extends kplus.Deployment {
  /** Whether NodePort, LoadBalancer and ExternalName Services may be created by `exposeViaService`. */
  public readonly allowExternalServiceTypes: boolean;


  constructor(scope: Construct, id: string, props: HardenedDeploymentProps) {
    const replicas = props.replicas ?? 2;
    const hardening = _newHardening('HardenedDeployment', scope, id, props, replicas);
    super(scope, id, {
      ..._hardenedWorkloadProps(props, hardening),
      replicas,
      strategy: props.strategy,
    });
    this.allowExternalServiceTypes = props.allowExternalServiceTypes ?? false;
    _afterHardenedWorkload(this, props, hardening, { matchLabelKeys: ['pod-template-hash'] });
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

  /**
   * Exposes the Deployment through a Service. Only ClusterIP unless `allowExternalServiceTypes` is set.
   */
  public exposeViaService(options: kplus.DeploymentExposeViaServiceOptions = {}): kplus.Service {
    const type = options.serviceType ?? kplus.ServiceType.CLUSTER_IP;
    if (type !== kplus.ServiceType.CLUSTER_IP && !this.allowExternalServiceTypes) {
      throw new Error(`HardenedDeployment "${this.node.id}" refuses a ${type} Service: it exposes the pods beyond the cluster network. ` +
        'Use a ClusterIP Service behind an Ingress, or set `allowExternalServiceTypes: true` if the exposure is intended.');
    }
    return super.exposeViaService(options);
  }

}
