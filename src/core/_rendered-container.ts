// SPDX-License-Identifier: Apache-2.0
/**
 * Internal: what a cdk8s-plus-28 container renders to, read through its public API only. cdk8s-plus keeps a probe's or
 * a lifecycle handler's host and port private; the only public way to see them is to render the container in a pod.
 * A detached app (never synthesized to disk) holds that pod, so the caller's tree is not touched.
 */
import { ApiObject, App, Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';

const PLACEHOLDER: kplus.ContainerProps = { name: 'render-placeholder', image: 'container.invalid/render:1' };

/**
 * The manifest form of container props (Kubernetes JSON spelling), as cdk8s-plus renders them in a pod.
 * @internal
 */
export function _renderedContainerProps(props: kplus.ContainerProps, init: boolean): { [key: string]: any } {
  const pod = new kplus.Pod(new Chart(new App(), 'container'), 'Pod', init ? { containers: [PLACEHOLDER], initContainers: [props] } : { containers: [props] });
  const spec = ApiObject.of(pod).toJson().spec;
  return init ? spec.initContainers[0] : spec.containers[0];
}

/**
 * The manifest form of a cdk8s-plus `Container` object, as it renders in a pod (it is only read, not changed).
 * @internal
 */
export function _renderedContainer(container: kplus.Container): { [key: string]: any } {
  const pod = new kplus.Pod(new Chart(new App(), 'container'), 'Pod');
  pod.attachContainer(container);
  return ApiObject.of(pod).toJson().spec.containers[0];
}
