// SPDX-License-Identifier: Apache-2.0
/**
 * Internal: what a cdk8s-plus-28 `Volume` renders to, read through its public API only. cdk8s-plus keeps a volume's
 * source private; the only public way to see it is to render it in a pod. A detached app (never synthesized to disk)
 * holds that pod, so the caller's tree is not touched.
 */
import { App, Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';

/**
 * The manifest form of a volume (`{ name, <source>: {...} }`, Kubernetes JSON spelling).
 * @internal
 */
export function _renderedVolume(volume: kplus.Volume): { [key: string]: any } {
  const chart = new Chart(new App(), 'volume');
  new kplus.Pod(chart, 'Pod', { volumes: [volume], containers: [{ image: 'volume.invalid/render:1' }] });
  const pod = chart.toJson().find((o: any) => o.kind === 'Pod');
  return pod.spec.volumes[0];
}
