// SPDX-License-Identifier: Apache-2.0
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { _afterHardenedWorkload, _hardenedWorkloadProps } from './_hardened-workload';
import { _validateContainer, _validateContainerProps, _validateInitContainerProps, _WorkloadHardening } from './_hardening';
import { HardenedContainerProps } from './hardened-container';
import { HardenedWorkloadProps } from './hardened-workload-props';
import { _ensureUniqueObjects } from '../core/_kube-validation';

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

  private readonly _hardening: _WorkloadHardening;

  constructor(scope: Construct, id: string, props: HardenedDeploymentProps) {
    const replicas = props.replicas ?? 2;
    const hardening = new _WorkloadHardening(props, replicas, `HardenedDeployment "${id}"`, [scope.node.path, id].filter(p => p !== '').join('/'));
    super(scope, id, {
      ..._hardenedWorkloadProps(props, hardening),
      replicas,
      strategy: props.strategy,
    });
    this._hardening = hardening;
    _ensureUniqueObjects(this);
    this.allowExternalServiceTypes = props.allowExternalServiceTypes ?? false;
    _afterHardenedWorkload(this, props, hardening);
  }

  /**
   * Adds a hardened container (see `HardenedContainerProps`).
   */
  public addHardenedContainer(props: HardenedContainerProps): kplus.Container {
    return this.addContainer(this._hardening.prepare(props, false));
  }

  /**
   * Adds a hardened init container (see `HardenedContainerProps`; probes are not allowed).
   */
  public addHardenedInitContainer(props: HardenedContainerProps): kplus.Container {
    return this.addInitContainer(this._hardening.prepare(props, true));
  }

  /**
   * Adds a cdk8s-plus container. Anything that would weaken the hardening (privileged, writable root filesystem,
   * privilege escalation, root, added capabilities other than NET_BIND_SERVICE, host ports, `latest` images) throws;
   * the hardened security context is applied on synthesis. Prefer `addHardenedContainer`.
   */
  public addContainer(cont: kplus.ContainerProps): kplus.Container {
    _validateContainerProps(cont, `HardenedDeployment "${this.node.id}"`);
    return super.addContainer(cont);
  }

  /**
   * Adds a cdk8s-plus init container, validated like `addContainer`. Prefer `addHardenedInitContainer`.
   */
  public addInitContainer(cont: kplus.ContainerProps): kplus.Container {
    _validateInitContainerProps(this, cont, `HardenedDeployment "${this.node.id}"`);
    return super.addInitContainer(cont);
  }

  /**
   * Attaches a cdk8s-plus container object, validated like `addContainer`.
   */
  public attachContainer(cont: kplus.Container): void {
    _validateContainer(this, cont, `HardenedDeployment "${this.node.id}"`);
    super.attachContainer(cont);
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

  /** @internal */
  public _toKube(): any {
    const spec = super._toKube();
    return { ...spec, template: this._hardening.hardenTemplate(spec.template, this.matchLabels, ['pod-template-hash']) };
  }
}
