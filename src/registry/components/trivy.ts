// SPDX-License-Identifier: Apache-2.0
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { HardenedContainerProps } from '../../workload/hardened-container';
import { _componentPort, _tlsPath, HARBOR_COMPONENTS, HARBOR_REDIS_DB } from '../_harbor-components';
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
    const port = _componentPort('trivy', ctx.tlsOn);
    const https = ctx.tlsOn;
    const cache = ctx.dataVolume(this, 'trivy');
    const cacheDir = HARBOR_COMPONENTS.trivy.data!.mountPath;
    // trivyUpdateCidrs: trivy's own default repositories, online; else the configured source (offline by default).
    const db = ctx.r.trivyDatabase ?? { offline: false };
    const viaCore = db.repository?.startsWith(`${ctx.prefix}-core:`) ?? false;
    const token = ctx.props.trivyGitHubToken;
    const dbFile = `${cacheDir}/trivy/db/trivy.db`;
    ctx.addWorkload(this, 'trivy', [{
      ...ctx.common('trivy'),
      // Offline, an empty cache fails every scan while /probe/ready answers 200: the pod does not start until the
      // database is there, and the probe's message says what is missing.
      startup: db.offline ? ctx.probe({
        kind: 'exec',
        command: ['/bin/sh', '-c', `test -s ${dbFile} || { echo "no vulnerability database at ${dbFile}: trivy runs offline; load it `
          + '(docs/secure-registry.md, Scanning database) or set trivyDatabase"; exit 1; }'],
        initialDelaySeconds: 0,
        periodSeconds: 10,
        failureThreshold: 360,
      }, port, https) : undefined,
      envVariables: {
        ...ctx.redisPasswordEnv,
        SCANNER_LOG_LEVEL: env('info'),
        SCANNER_API_SERVER_ADDR: env(`:${port}`),
        ...(ctx.tlsOn ? {
          SCANNER_API_SERVER_TLS_CERTIFICATE: env(_tlsPath('trivy', 'tls.crt')),
          SCANNER_API_SERVER_TLS_KEY: env(_tlsPath('trivy', 'tls.key')),
        } : {}),
        SCANNER_TRIVY_CACHE_DIR: env(`${cacheDir}/trivy`),
        SCANNER_TRIVY_REPORTS_DIR: env(`${cacheDir}/reports`),
        SCANNER_TRIVY_SKIP_UPDATE: env(String(db.offline)),
        SCANNER_TRIVY_SKIP_JAVA_DB_UPDATE: env(String(db.offline)),
        SCANNER_TRIVY_OFFLINE_SCAN: env(String(db.offline)),
        ...(db.repository ? { SCANNER_TRIVY_DB_REPOSITORY: env(db.repository), SCANNER_TRIVY_JAVA_DB_REPOSITORY: env(db.javaRepository!) } : {}),
        // Through core without internal TLS the proxy cache is plain HTTP, which trivy only accepts as "insecure".
        ...(viaCore && !ctx.tlsOn ? { SCANNER_TRIVY_INSECURE: env('true') } : {}),
        ...(token ? {
          SCANNER_TRIVY_GITHUB_TOKEN: kplus.EnvValue.fromSecretValue({ secret: kplus.Secret.fromSecretName(this, 'GitHubToken', token.secretName), key: token.key }),
        } : {}),
        SCANNER_REDIS_URL: env(ctx.redisUrl(HARBOR_REDIS_DB.trivy)),
        SCANNER_STORE_REDIS_URL: env(ctx.redisUrl(HARBOR_REDIS_DB.trivy)),
        SCANNER_JOB_QUEUE_REDIS_URL: env(ctx.redisUrl(HARBOR_REDIS_DB.trivy)),
        ...ctx.proxyEnv('trivy'),
      },
      volumeMounts: [{ volume: cache, path: cacheDir, readOnly: false }, ...bundle.mounts, ...ctx.tlsMounts('trivy'), ...ctx.custCaMounts(this, 'trivy')],
    } as HardenedContainerProps], [bundle.init]);
  }
}
