// SPDX-License-Identifier: Apache-2.0
/**
 * Internal: what a cdk8s-plus-28 `Volume` renders to, read through its public API only. cdk8s-plus keeps a volume's
 * source private; the only public way to see it is to render it in a pod. A detached app (never synthesized to disk)
 * holds that pod, so the caller's tree is not touched.
 */
import { ApiObject, App, Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';

const RENDERED = new WeakMap<kplus.Volume, { [key: string]: any }>();

/**
 * The manifest form of a volume (`{ name, <source>: {...} }`, Kubernetes JSON spelling).
 * @internal
 */
export function _renderedVolume(volume: kplus.Volume): { [key: string]: any } {
  // A Volume's source is fixed when it is created (cdk8s-plus keeps it in a private readonly field): render it once.
  let rendered = RENDERED.get(volume);
  if (rendered === undefined) {
    const pod = new kplus.Pod(new Chart(new App(), 'volume'), 'Pod', { volumes: [volume], containers: [{ image: 'volume.invalid/render:1' }] });
    rendered = ApiObject.of(pod).toJson().spec.volumes[0] as { [key: string]: any };
    RENDERED.set(volume, rendered);
  }
  return JSON.parse(JSON.stringify(rendered));
}
