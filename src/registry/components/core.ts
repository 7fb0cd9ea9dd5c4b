// SPDX-License-Identifier: Apache-2.0
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { HardenedContainerProps } from '../../workload/hardened-container';
import {
  _componentPort, HARBOR_METRICS_PORT, HARBOR_PROXY_CACHE_TYPES, HARBOR_REDIS_DB, HARBOR_REPLICATION_ADAPTERS, HARBOR_SECRET,
} from '../_harbor-components';
import { HarborContext } from '../_harbor-context';

/** harbor-core: API, token service, UI backend; reads the database, Redis and the Harbor secret. @internal */
export class HarborCore extends Construct {
  constructor(scope: Construct, id: string, ctx: HarborContext) {
    super(scope, id);
    const { r, tlsOn, scheme } = ctx;
    const env = (value: string) => kplus.EnvValue.fromValue(value);
    const bundle = ctx.caBundle(this, 'CaBundle', 'core');
    // A renewal brings a new signing key; every core replica must pick it up (restart), or tokens issued by one are refused by another.
    const tokenVolume = ctx.secretVolume(this, 'TokenVolume', ctx.tokenSecretName, { name: 'token-service-private-key' });
    const secretKeyVolume = ctx.secretVolume(this, 'SecretKeyVolume', ctx.secretName, { name: 'core-secret-key', items: { secretKey: { path: 'key' } } });
    // `GET /api/v2.0/systeminfo/getcert` (the UI's "Registry Root Certificate") serves /etc/core/ca/ca.crt, as the chart
    // mounts it: only `ca.crt` of the external certificate's Secret, never its key. Optional, because an ACME (public
    // CA) certificate has no `ca.crt`; core then answers 404 and clients use their system trust.
    // A directory mount, refreshed by the kubelet and read per request: its renewal restarts nothing.
    const caDownload = ctx.secretVolume(this, 'CaDownloadVolume', ctx.ingressTlsSecretName,
      { name: 'ca-download', items: { 'ca.crt': { path: 'ca.crt' } }, optional: true }, false);
    ctx.addWorkload(this, 'core', [{
      ...ctx.common('core'),
      envVariables: {
        ...ctx.redisPasswordEnv,
        CONFIG_PATH: env('/etc/core/app.conf'),
        PORT: env(String(_componentPort('core', tlsOn))),
        LOG_LEVEL: env('info'),
        CORE_URL: env(ctx.url('core')),
        CORE_LOCAL_URL: env(`${scheme}://127.0.0.1:${_componentPort('core', tlsOn)}`),
        JOBSERVICE_URL: env(ctx.url('jobservice')),
        REGISTRY_URL: env(ctx.url('registry')),
        REGISTRY_CONTROLLER_URL: env(ctx.url('registryctl')),
        TOKEN_SERVICE_URL: env(`${ctx.url('core')}/service/token`),
        PORTAL_URL: env(ctx.url('portal')),
        ...(r.trivy ? { TRIVY_ADAPTER_URL: env(ctx.url('trivy')), WITH_TRIVY: env('true') } : { WITH_TRIVY: env('false') }),
        EXT_ENDPOINT: env(`https://${r.hostname}`),
        DATABASE_TYPE: env('postgresql'),
        POSTGRESQL_HOST: env(ctx.dbHost),
        POSTGRESQL_PORT: env(String(ctx.dbPort)),
        POSTGRESQL_USERNAME: env(ctx.dbUser),
        POSTGRESQL_DATABASE: env(ctx.dbName),
        POSTGRESQL_SSLMODE: env(ctx.dbSslMode),
        POSTGRESQL_PASSWORD: ctx.dbPassword,
        POSTGRESQL_MAX_IDLE_CONNS: env(String(r.databaseMaxIdleConns)),
        POSTGRESQL_MAX_OPEN_CONNS: env(String(r.databaseMaxOpenConns)),
        _REDIS_URL_CORE: env(ctx.redisUrl(HARBOR_REDIS_DB.core)),
        _REDIS_URL_REG: env(ctx.redisUrl(HARBOR_REDIS_DB.registry)),
        REGISTRY_STORAGE_PROVIDER_NAME: env(ctx.props.s3Storage ? 's3' : 'filesystem'),
        REGISTRY_CREDENTIAL_USERNAME: env(HARBOR_SECRET.registryUser),
        REGISTRY_CREDENTIAL_PASSWORD: ctx.sv('REGISTRY_CREDENTIAL_PASSWORD'),
        CORE_SECRET: ctx.sv('CORE_SECRET'),
        JOBSERVICE_SECRET: ctx.sv('JOBSERVICE_SECRET'),
        HARBOR_ADMIN_PASSWORD: ctx.sv('HARBOR_ADMIN_PASSWORD'),
        CSRF_KEY: ctx.sv('CSRF_KEY'),
        // Without these lists core refuses every proxy-cache project and the UI offers no replication adapter.
        PERMITTED_REGISTRY_TYPES_FOR_PROXY_CACHE: env(HARBOR_PROXY_CACHE_TYPES.join(',')),
        REPLICATION_ADAPTER_WHITELIST: env(HARBOR_REPLICATION_ADAPTERS.join(',')),
        METRIC_ENABLE: env(String(r.metrics)),
        ...(r.metrics ? {
          METRIC_PATH: env('/metrics'),
          METRIC_PORT: env(String(HARBOR_METRICS_PORT)),
          // The metric name prefix (harbor_core_...), as the chart sets it.
          METRIC_NAMESPACE: env('harbor'),
          METRIC_SUBSYSTEM: env('core'),
        } : {}),
        ...ctx.tlsEnv('core'),
        ...ctx.proxyEnv('core'),
      },
      volumeMounts: [
        ctx.configMount('core'),
        { volume: secretKeyVolume, path: '/etc/core/key', subPath: 'key', readOnly: true },
        { volume: tokenVolume, path: '/etc/core/private_key.pem', subPath: 'tls.key', readOnly: true },
        { volume: caDownload, path: '/etc/core/ca', readOnly: true },
        ...bundle.mounts, ...ctx.tlsMounts('core'), ...ctx.custCaMounts(this, 'core'),
      ],
    } as HardenedContainerProps], [bundle.init]);
  }
}
