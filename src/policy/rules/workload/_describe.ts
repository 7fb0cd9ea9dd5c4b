// SPDX-License-Identifier: Apache-2.0
import { ContainerRef } from '../_pod-spec';

const LABELS: Record<string, string> = { initContainers: 'init container', containers: 'container', ephemeralContainers: 'ephemeral container' };

/** `container "app"`, `init container "setup"`, `ephemeral container "debug"`. @internal */
export function _describeContainer(c: ContainerRef): string {
  return `${LABELS[c.field] ?? c.field} "${c.container.name}"`;
}
