// SPDX-License-Identifier: Apache-2.0
import { Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { _afterHardenedWorkload, _hardenedWorkloadProps } from './_hardened-workload';
import { _validateContainer, _validateContainerProps, _validateInitContainerProps, _WorkloadHardening } from './_hardening';
import { HardenedContainerProps } from './hardened-container';
import { HardenedWorkloadProps } from './hardened-workload-props';
import { _ensureUniqueObjects } from '../core/_kube-validation';

/**
 * Properties for `HardenedJob`.
 */
export interface HardenedJobProps extends HardenedWorkloadProps {
  /**
   * How long the Job may be active before Kubernetes terminates it.
   * @default - no deadline
   * @see https://kubernetes.io/docs/concepts/workloads/controllers/job/#job-termination-and-cleanup
   */
  readonly activeDeadline?: Duration;

  /**
   * Number of retries before the Job is marked failed.
   * @default - Kubernetes' default (6)
   */
  readonly backoffLimit?: number;

  /**
   * How long a finished Job is kept before it is deleted.
   * @default - kept until deleted
   * @see https://kubernetes.io/docs/concepts/workloads/controllers/ttlafterfinished/
   */
  readonly ttlAfterFinished?: Duration;
}

/**
 * A Job that meets the restricted Pod Security Standard with default props, with the same pod and container
 * hardening as `HardenedDeployment` (numeric non-root ids, seccomp `RuntimeDefault`, no service account token,
 * no host namespaces, its own `LeastPrivilegeServiceAccount`, read-only root filesystem, all capabilities
 * dropped, bounded resources, pinned images).
 *
 * Its pods run to completion (`restartPolicy: Never`), so containers need no liveness or readiness probes.
 *
 * @see https://kubernetes.io/docs/concepts/workloads/controllers/job/
 */
export class HardenedJob extends kplus.Job {
  private readonly _hardening: _WorkloadHardening;

  constructor(scope: Construct, id: string, props: HardenedJobProps) {
    const hardening = new _WorkloadHardening(props, 1, `HardenedJob "${id}"`, [scope.node.path, id].filter(p => p !== '').join('/'),
      { runsToCompletion: true });
    super(scope, id, {
      ..._hardenedWorkloadProps(props, hardening),
      activeDeadline: props.activeDeadline,
      backoffLimit: props.backoffLimit,
      ttlAfterFinished: props.ttlAfterFinished,
    });
    this._hardening = hardening;
    _ensureUniqueObjects(this);
    _afterHardenedWorkload(this, props, hardening);
  }

  /**
   * Adds a hardened container (see `HardenedContainerProps`; probes are optional).
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
    _validateContainerProps(cont, `HardenedJob "${this.node.id}"`);
    return super.addContainer(cont);
  }

  /**
   * Adds a cdk8s-plus init container, validated like `addContainer`. Prefer `addHardenedInitContainer`.
   */
  public addInitContainer(cont: kplus.ContainerProps): kplus.Container {
    _validateInitContainerProps(this, cont, `HardenedJob "${this.node.id}"`);
    return super.addInitContainer(cont);
  }

  /**
   * Attaches a cdk8s-plus container object, validated like `addContainer`.
   */
  public attachContainer(cont: kplus.Container): void {
    _validateContainer(this, cont, `HardenedJob "${this.node.id}"`);
    super.attachContainer(cont);
  }

  /** @internal */
  public _toKube(): any {
    const spec = super._toKube();
    return { ...spec, template: this._hardening.hardenTemplate(spec.template, {}, []) };
  }
}
