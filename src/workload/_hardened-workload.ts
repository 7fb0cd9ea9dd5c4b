// SPDX-License-Identifier: Apache-2.0
/**
 * Internal: what HardenedDeployment and HardenedStatefulSet pass to their cdk8s-plus base class and do after it,
 * written once. (They extend different cdk8s-plus classes, so the sharing is by functions, not by a base class.)
 */
import { Names } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { _createDisruptionBudget } from './_disruption-budget';
import { _definedOnly, _WorkloadHardening } from './_hardening';
import { HardenedWorkloadProps } from './hardened-workload-props';
import { LeastPrivilegeServiceAccount } from '../rbac/least-privilege-service-account';

/**
 * The workload's own service account: created next to the workload (it must exist before the cdk8s-plus
 * constructor runs) under its own scope, named after the workload, or from that scope's path.
 */
function defaultServiceAccount(scope: Construct, id: string, props: HardenedWorkloadProps): kplus.IServiceAccount {
  const holder = new Construct(scope, `${id}ServiceAccount`);
  return new LeastPrivilegeServiceAccount(holder, 'Default', { name: props.name ?? Names.toDnsLabel(holder), namespace: props.namespace });
}

/**
 * The cdk8s-plus props common to the hardened workloads: metadata, containers, the service account and the fixed
 * pod-level hardening (no token, no host network, non-root ids). Kind-specific props are added by the caller.
 * @internal
 */
export function _hardenedWorkloadProps(scope: Construct, id: string, props: HardenedWorkloadProps,
  hardening: _WorkloadHardening): kplus.WorkloadProps {
  return {
    metadata: _definedOnly({ name: props.name, namespace: props.namespace?.name, labels: props.labels }),
    podMetadata: { labels: props.labels },
    containers: hardening.containerProps,
    initContainers: hardening.initContainerProps,
    serviceAccount: props.serviceAccount ?? defaultServiceAccount(scope, id, props),
    automountServiceAccountToken: false,
    hostNetwork: false,
    isolate: false,
    spread: false,
    securityContext: {
      ensureNonRoot: true,
      user: hardening.runAsUser,
      group: hardening.runAsGroup,
      fsGroup: hardening.fsGroup,
      fsGroupChangePolicy: props.fsGroupChangePolicy,
    },
    dockerRegistryAuth: props.dockerRegistryAuth,
    terminationGracePeriod: props.terminationGracePeriod,
  };
}

/** What follows the cdk8s-plus constructor: the PodDisruptionBudget when replicated. @internal */
export function _afterHardenedWorkload(workload: kplus.Workload, props: HardenedWorkloadProps, hardening: _WorkloadHardening): void {
  if (hardening.replicas > 1) _createDisruptionBudget(workload, hardening.disruptionBudget, props.namespace?.name);
}
