// SPDX-License-Identifier: Apache-2.0
import { Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { _addContainer, _addHardenedContainer, _addVolume, _afterHardenedWorkload, _attachContainer, _hardenedWorkloadProps, _newHardening } from './_hardened-workload';
import { HardenedContainerProps } from './hardened-container';
import { HardenedWorkloadProps } from './hardened-workload-props';

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

  constructor(scope: Construct, id: string, props: HardenedJobProps) {
    const hardening = _newHardening('HardenedJob', scope, id, props, 1, { runsToCompletion: true });
    super(scope, id, {
      ..._hardenedWorkloadProps(props, hardening),
      activeDeadline: props.activeDeadline,
      backoffLimit: props.backoffLimit,
      ttlAfterFinished: props.ttlAfterFinished,
    });
    _afterHardenedWorkload(this, props, hardening);
  }

  /**
   * Adds a hardened container (see `HardenedContainerProps`; probes are optional).
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
