// SPDX-License-Identifier: Apache-2.0

/**
 * How many pods of a workload voluntary disruptions (node drains, cluster upgrades) may take down at once,
 * synthesized to a `policy/v1` PodDisruptionBudget.
 *
 * @see https://kubernetes.io/docs/concepts/workloads/pods/disruptions/#pod-disruption-budgets
 */
export class DisruptionBudget {
  /**
   * At most `count` pods may be unavailable (`maxUnavailable`). Must be at least 1, or drains block forever.
   */
  public static maxUnavailable(count: number): DisruptionBudget {
    DisruptionBudget.checkCount(count, 'maxUnavailable', 1);
    return new DisruptionBudget(undefined, count);
  }

  /**
   * At most `percent` % of the pods may be unavailable (`maxUnavailable: "<percent>%"`), 1 to 100.
   */
  public static maxUnavailablePercent(percent: number): DisruptionBudget {
    DisruptionBudget.checkPercent(percent, 'maxUnavailable', 1, 100);
    return new DisruptionBudget(undefined, `${percent}%`);
  }

  /**
   * At least `count` pods must stay available (`minAvailable`). Must be below the replica count, or drains block forever.
   */
  public static minAvailable(count: number): DisruptionBudget {
    DisruptionBudget.checkCount(count, 'minAvailable', 0);
    return new DisruptionBudget(count, undefined);
  }

  /**
   * At least `percent` % of the pods must stay available (`minAvailable: "<percent>%"`), 0 to 99.
   */
  public static minAvailablePercent(percent: number): DisruptionBudget {
    DisruptionBudget.checkPercent(percent, 'minAvailable', 0, 99);
    return new DisruptionBudget(`${percent}%`, undefined);
  }

  private static checkCount(count: number, field: string, min: number): void {
    if (!Number.isInteger(count) || count < min) {
      throw new Error(`Invalid PodDisruptionBudget ${field} ${count}: must be an integer >= ${min}` +
        (min > 0 ? ', otherwise no pod can ever be evicted and node drains hang.' : '.'));
    }
  }

  private static checkPercent(percent: number, field: string, min: number, max: number): void {
    if (!Number.isInteger(percent) || percent < min || percent > max) {
      throw new Error(`Invalid PodDisruptionBudget ${field} percentage ${percent}: must be an integer from ${min} to ${max}` +
        ', so that at least one pod can be evicted during a node drain.');
    }
  }

  /**
   * @param minAvailable the `minAvailable` value (number or percentage string)
   * @param maxUnavailable the `maxUnavailable` value (number or percentage string)
   */
  private constructor(private readonly minAvailable?: any, private readonly maxUnavailable?: any) {}

  /**
   * Throws when the budget cannot be met by `replicas` pods while still allowing an eviction.
   * @internal
   */
  public _validateFor(replicas: number): void {
    if (typeof this.minAvailable === 'number' && this.minAvailable >= replicas) {
      throw new Error(`PodDisruptionBudget minAvailable ${this.minAvailable} is not below the replica count ${replicas}: ` +
        'no pod could ever be evicted and node drains would hang. Lower minAvailable or raise replicas.');
    }
  }

  /** @internal */
  public _toSpec(): { minAvailable?: string | number; maxUnavailable?: string | number } {
    return { minAvailable: this.minAvailable, maxUnavailable: this.maxUnavailable };
  }
}
