// SPDX-License-Identifier: Apache-2.0
import { Construct } from 'constructs';
import { HardenedContainerProps } from '../../workload/hardened-container';
import { HarborContext } from '../_harbor-context';

/** harbor-portal: nginx serving the static UI; no secret but its TLS certificate. @internal */
export class HarborPortal extends Construct {
  constructor(scope: Construct, id: string, ctx: HarborContext) {
    super(scope, id);
    ctx.addWorkload(this, 'portal', [{
      ...ctx.common('portal'),
      volumeMounts: [ctx.configMount('portal'), ...ctx.tlsMounts('portal')],
    } as HardenedContainerProps]);
  }
}
