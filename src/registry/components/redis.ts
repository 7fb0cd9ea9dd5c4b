// SPDX-License-Identifier: Apache-2.0
import { Construct } from 'constructs';
import { HardenedContainerProps } from '../../workload/hardened-container';
import { HARBOR_COMPONENTS, HARBOR_SECRET } from '../_harbor-components';
import { HarborContext } from '../_harbor-context';

/** The internal Valkey (valkey-photon), one replica on a PVC, with a password. @internal */
export class HarborRedis extends Construct {
  constructor(scope: Construct, id: string, ctx: HarborContext) {
    super(scope, id);
    const data = ctx.dataVolume(this, 'redis');
    // Upstream runs Valkey without a password (goharbor/harbor#13270); here it requires REDIS_PASSWORD from the Harbor
    // secret, passed as `--requirepass $(REDIS_PASSWORD)` (expanded by the kubelet, so no value in the manifest)
    // after the image's own config file.
    ctx.addWorkload(this, 'redis', [{
      ...ctx.common('redis'),
      command: ['valkey-server'],
      args: ['/etc/redis.conf', '--requirepass', `$(${HARBOR_SECRET.redis})`],
      envVariables: { ...ctx.redisPasswordEnv },
      volumeMounts: [{ volume: data, path: HARBOR_COMPONENTS.redis.data!.mountPath, readOnly: false }],
    } as HardenedContainerProps]);
  }
}
