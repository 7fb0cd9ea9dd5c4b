// SPDX-License-Identifier: Apache-2.0
import { Lazy } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { k8s } from 'cdk8s-plus-28';
import { DisruptionBudget } from './disruption-budget';

function intOrString(value: string | number | undefined): k8s.IntOrString | undefined {
  if (value === undefined) return undefined;
  return typeof value === 'number' ? k8s.IntOrString.fromNumber(value) : k8s.IntOrString.fromString(value);
}

/**
 * Creates the `policy/v1` PodDisruptionBudget of a workload as its child `DisruptionBudget`, selecting the
 * workload's pods. `unhealthyPodEvictionPolicy: AlwaysAllow` lets drains evict pods that are not ready
 * anyway, so a crash-looping pod cannot block node maintenance.
 * @internal
 */
export function _createDisruptionBudget(workload: kplus.Workload, budget: DisruptionBudget, namespace?: string): k8s.KubePodDisruptionBudget {
  const { minAvailable, maxUnavailable } = budget._toSpec();
  return new k8s.KubePodDisruptionBudget(workload, 'DisruptionBudget', {
    metadata: { namespace },
    spec: Lazy.any({
      produce: () => ({
        // The workload's selector, from its public getters (the same fields cdk8s-plus renders in its own spec).
        selector: {
          matchExpressions: workload.matchExpressions.length > 0 ? workload.matchExpressions : undefined,
          matchLabels: Object.keys(workload.matchLabels).length > 0 ? workload.matchLabels : undefined,
        },
        minAvailable: intOrString(minAvailable),
        maxUnavailable: intOrString(maxUnavailable),
        unhealthyPodEvictionPolicy: 'AlwaysAllow',
      }),
    }),
  });
}
