// SPDX-License-Identifier: Apache-2.0
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { HardenedContainerProps } from '../../workload/hardened-container';
import { _componentPort, HARBOR_COMPONENTS } from '../_harbor-components';
import { HarborContext } from '../_harbor-context';

/**
 * The Trivy adapter. One replica: its cache (vulnerability DB, reports) is one ReadWriteOnce PVC, which a second pod
 * could not mount (the chart gives each replica its own claim instead). Scans are queued in Redis, so core keeps
 * working meanwhile. @internal
 */
export class HarborTrivy extends Construct {
  constructor(scope: Construct, id: string, ctx: HarborContext) {
    super(scope, id);
    const env = (value: string) => kplus.EnvValue.fromValue(value);
    const bundle = ctx.caBundle(this, 'CaBundle', 'trivy');
    const offline = !ctx.props.trivyUpdateCidrs;
    const cache = ctx.dataVolume(this, 'trivy');
    const port = _componentPort('trivy', ctx.tlsOn);
    const cacheDir = HARBOR_COMPONENTS.trivy.data!.mountPath;
    ctx.addWorkload(this, 'trivy', [{
      ...ctx.common('trivy'),
      envVariables: {
        ...ctx.redisPasswordEnv,
        SCANNER_LOG_LEVEL: env('info'),
        SCANNER_API_SERVER_ADDR: env(`:${port}`),
        ...(ctx.tlsOn ? {
          SCANNER_API_SERVER_TLS_CERTIFICATE: env('/etc/harbor/ssl/trivy/tls.crt'),
          SCANNER_API_SERVER_TLS_KEY: env('/etc/harbor/ssl/trivy/tls.key'),
        } : {}),
        SCANNER_TRIVY_CACHE_DIR: env(`${cacheDir}/trivy`),
        SCANNER_TRIVY_REPORTS_DIR: env(`${cacheDir}/reports`),
        SCANNER_TRIVY_SKIP_UPDATE: env(String(offline)),
        SCANNER_TRIVY_SKIP_JAVA_DB_UPDATE: env(String(offline)),
        SCANNER_TRIVY_OFFLINE_SCAN: env(String(offline)),
        SCANNER_REDIS_URL: env(ctx.redisUrl(5)),
        SCANNER_STORE_REDIS_URL: env(ctx.redisUrl(5)),
        SCANNER_JOB_QUEUE_REDIS_URL: env(ctx.redisUrl(5)),
      },
      volumeMounts: [{ volume: cache, path: cacheDir, readOnly: false }, ...bundle.mounts, ...ctx.tlsMounts('trivy'), ...ctx.custCaMounts(this, 'trivy')],
    } as HardenedContainerProps], [bundle.init]);
  }
}
