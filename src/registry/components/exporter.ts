// SPDX-License-Identifier: Apache-2.0
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { HardenedContainerProps } from '../../workload/hardened-container';
import { _componentPort, HARBOR_METRICS_PORT } from '../_harbor-components';
import { HarborContext } from '../_harbor-context';

/** harbor-exporter (metrics on): reads core's API, the database and the jobservice queue. @internal */
export class HarborExporter extends Construct {
  constructor(scope: Construct, id: string, ctx: HarborContext) {
    super(scope, id);
    const env = (value: string) => kplus.EnvValue.fromValue(value);
    const bundle = ctx.caBundle(this, 'CaBundle', 'exporter');
    ctx.addWorkload(this, 'exporter', [{
      ...ctx.common('exporter'),
      envVariables: {
        ...ctx.redisPasswordEnv,
        HARBOR_SERVICE_SCHEME: env(ctx.scheme),
        HARBOR_SERVICE_HOST: env(`${ctx.prefix}-core`),
        HARBOR_SERVICE_PORT: env(String(_componentPort('core', ctx.tlsOn))),
        HARBOR_EXPORTER_PORT: env(String(HARBOR_METRICS_PORT)),
        HARBOR_EXPORTER_METRICS_PATH: env('/metrics'),
        HARBOR_EXPORTER_METRICS_ENABLED: env('true'),
        HARBOR_EXPORTER_CACHE_TIME: env('23'),
        HARBOR_EXPORTER_CACHE_CLEAN_INTERVAL: env('14400'),
        HARBOR_METRIC_NAMESPACE: env('harbor'),
        HARBOR_METRIC_SUBSYSTEM: env('exporter'),
        HARBOR_DATABASE_HOST: env(ctx.dbHost),
        HARBOR_DATABASE_PORT: env(String(ctx.dbPort)),
        HARBOR_DATABASE_USERNAME: env(ctx.dbUser),
        HARBOR_DATABASE_DBNAME: env(ctx.dbName),
        HARBOR_DATABASE_SSLMODE: env(ctx.dbSslMode),
        HARBOR_DATABASE_PASSWORD: ctx.dbPassword,
        HARBOR_DATABASE_MAX_IDLE_CONNS: env(String(ctx.r.databaseMaxIdleConns)),
        HARBOR_DATABASE_MAX_OPEN_CONNS: env(String(ctx.r.databaseMaxOpenConns)),
        // The jobservice queue URL without query, as jobservice itself uses it.
        HARBOR_REDIS_URL: env(ctx.jobQueueRedisUrl()),
        HARBOR_REDIS_NAMESPACE: env('harbor_job_service_namespace'),
        HARBOR_REDIS_TIMEOUT: env('3600'),
        HARBOR_ADMIN_PASSWORD: ctx.sv('HARBOR_ADMIN_PASSWORD'),
      },
      // Only the CA of core's certificate (to verify core), never core's private key.
      volumeMounts: [...bundle.mounts, ...ctx.trustMounts(this, 'core'), ...ctx.custCaMounts(this, 'exporter')],
    } as HardenedContainerProps], [bundle.init]);
  }
}
