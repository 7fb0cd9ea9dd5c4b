// SPDX-License-Identifier: Apache-2.0
/**
 * Internal: the contents of a cdk8s-plus-28 `LabelSelector`, read through its public API only. cdk8s-plus keeps a
 * selector's labels and expressions private; a workload that selects with it exposes them through its public
 * `matchLabels` and `matchExpressions`. A detached app (never synthesized) holds that workload.
 */
import { App, Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';

/** A label selector in manifest form (`matchLabels`, `matchExpressions`), empty parts left out. @internal */
export interface _LabelSelectorJson {
  readonly matchLabels?: { [key: string]: string };
  readonly matchExpressions?: kplus.LabelSelectorRequirement[];
}

/**
 * What a cdk8s-plus `LabelSelector` selects, as the manifest writes it.
 * @internal
 */
export function _labelSelectorJson(selector: kplus.LabelSelector): _LabelSelectorJson {
  const holder = new kplus.Deployment(new Chart(new App(), 'selector'), 'Selector', { select: false });
  holder.select(selector);
  const labels = holder.matchLabels;
  const expressions = holder.matchExpressions;
  return {
    ...(expressions.length > 0 ? { matchExpressions: expressions } : {}),
    ...(Object.keys(labels).length > 0 ? { matchLabels: labels } : {}),
  };
}
