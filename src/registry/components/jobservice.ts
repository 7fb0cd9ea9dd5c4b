// SPDX-License-Identifier: Apache-2.0
import { Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { HardenedContainerProps } from '../../workload/hardened-container';
import { HARBOR_COMPONENTS, HARBOR_SECRET } from '../_harbor-components';
import { HarborContext } from '../_harbor-context';

/** harbor-jobservice: replication, garbage collection, scans, webhooks; queue in Redis. @internal */
export class HarborJobservice extends Construct {
  constructor(scope: Construct, id: string, ctx: HarborContext) {
    super(scope, id);
    const { r } = ctx;
    const env = (value: string) => kplus.EnvValue.fromValue(value);
    const bundle = ctx.caBundle(this, 'CaBundle', 'jobservice');
    const data = HARBOR_COMPONENTS.jobservice.data!;
    // With several replicas the job logs go to the database (see the jobservice config), so the volume is scratch.
    const logs = r.replicas === 1
      ? ctx.dataVolume(this, 'jobservice')
      : kplus.Volume.fromEmptyDir(this, 'Logs', data.volume, { sizeLimit: Size.gibibytes(1) });
    ctx.addWorkload(this, 'jobservice', [{
      ...ctx.common('jobservice'),
      envVariables: {
        ...ctx.redisPasswordEnv,
        JOB_SERVICE_POOL_REDIS_URL: env(ctx.jobQueueRedisUrl()),
        CORE_URL: env(ctx.url('core')),
        TOKEN_SERVICE_URL: env(`${ctx.url('core')}/service/token`),
        REGISTRY_URL: env(ctx.url('registry')),
        REGISTRY_CONTROLLER_URL: env(ctx.url('registryctl')),
        REGISTRY_CREDENTIAL_USERNAME: env(HARBOR_SECRET.registryUser),
        REGISTRY_CREDENTIAL_PASSWORD: ctx.sv('REGISTRY_CREDENTIAL_PASSWORD'),
        CORE_SECRET: ctx.sv('CORE_SECRET'),
        JOBSERVICE_SECRET: ctx.sv('JOBSERVICE_SECRET'),
        METRIC_ENABLE: env(String(r.metrics)),
        ...(r.metrics ? { METRIC_NAMESPACE: env('harbor'), METRIC_SUBSYSTEM: env('jobservice') } : {}),
        ...ctx.tlsEnv('jobservice'),
        ...ctx.proxyEnv('jobservice'),
      },
      volumeMounts: [
        ctx.configMount('jobservice'),
        { volume: logs, path: data.mountPath, readOnly: false },
        ...bundle.mounts, ...ctx.tlsMounts('jobservice'), ...ctx.custCaMounts(this, 'jobservice'),
      ],
    } as HardenedContainerProps], [bundle.init], { readWriteOnceVolume: r.replicas === 1 });
  }
}
