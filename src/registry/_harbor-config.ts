// SPDX-License-Identifier: Apache-2.0
/**
 * Config files of the Harbor components (registry, registryctl, jobservice, core app.conf, portal nginx.conf),
 * following the goharbor chart's ConfigMaps with the hardened choices of this library. YAML files are rendered with
 * `yaml.stringify`; app.conf (INI) and nginx.conf are line lists. Internal.
 */
import { stringify } from 'yaml';
import { _componentPort, _tlsPath, HARBOR_COMPONENTS, HARBOR_REDIS_DB } from './_harbor-components';

/** @internal */
export interface _ConfigInput {
  readonly prefix: string;
  readonly internalTls: boolean;
  /** registry `redis.addr` (host:port) and the Redis password env, or undefined without a cache. */
  readonly redisAddr: string;
  readonly redisTls: boolean;
  /** Sentinel master set of an external Redis reached through Sentinel (`redisAddr` is then the Sentinel). */
  readonly redisSentinelMasterSet?: string;
  /** Metrics on: registry and jobservice serve Prometheus metrics on `metricsPort` (`/metrics`). */
  readonly metrics: boolean;
  readonly metricsPort: number;
  readonly s3?: { bucket: string; region: string; endpoint?: string };
  readonly jobLogDir: string;
  /**
   * Job logs in the database instead of files: with several jobservice replicas each pod has its own log directory,
   * so core could ask a pod that never ran the job (the chart's HA guide uses the database logger for that reason).
   */
  readonly jobLogsInDatabase: boolean;
}

/** The registry's (distribution's) `config.yml`. @internal */
export function _registryConfig(c: _ConfigInput): string {
  const port = _componentPort('registry', c.internalTls);
  const storage = c.s3
    ? { s3: { region: c.s3.region, bucket: c.s3.bucket, ...(c.s3.endpoint ? { regionendpoint: c.s3.endpoint } : {}), secure: true, v4auth: true } }
    : { filesystem: { rootdirectory: HARBOR_COMPONENTS.registry.data!.mountPath } };
  return stringify({
    version: 0.1,
    log: { level: 'info', fields: { service: 'registry' } },
    storage: {
      ...storage,
      cache: { layerinfo: 'redis' },
      maintenance: { uploadpurging: { enabled: true, age: '168h', interval: '24h', dryrun: false } },
      delete: { enabled: true },
      redirect: { disable: true },
    },
    redis: {
      addr: c.redisAddr,
      // Through Sentinel, the registry asks the Sentinel at `addr` for the master of this set (Harbor's registry build).
      ...(c.redisSentinelMasterSet ? { sentinelMasterSet: c.redisSentinelMasterSet } : {}),
      db: HARBOR_REDIS_DB.registry,
      readtimeout: '10s',
      writetimeout: '10s',
      dialtimeout: '10s',
      // Harbor's distribution reads `enableTLS` (REGISTRY_REDIS_ENABLETLS); a `tls.enabled` key is ignored.
      ...(c.redisTls ? { enableTLS: true } : {}),
      // The chart's connection pool (registry/registry-cm.yaml).
      pool: { maxidle: 100, maxactive: 500, idletimeout: '60s' },
    },
    http: {
      relativeurls: true,
      addr: `:${port}`,
      ...(c.internalTls ? { tls: { certificate: _tlsPath('registry', 'tls.crt'), key: _tlsPath('registry', 'tls.key'), minimumtls: 'tls1.2' } } : {}),
      // The debug server carries the Prometheus endpoint: on the metrics port when metrics are on, else loopback only.
      debug: c.metrics ? { addr: `:${c.metricsPort}`, prometheus: { enabled: true, path: '/metrics' } } : { addr: 'localhost:5001' },
    },
    auth: { htpasswd: { realm: 'harbor-registry-basic-realm', path: '/etc/registry/passwd' } },
    validation: { disabled: true },
  });
}

/** The registry controller's `config.yml`. @internal */
export function _registryctlConfig(c: _ConfigInput): string {
  return stringify({
    protocol: c.internalTls ? 'https' : 'http',
    port: _componentPort('registryctl', c.internalTls),
    ...(c.internalTls ? { https_config: { cert: _tlsPath('registryctl', 'tls.crt'), key: _tlsPath('registryctl', 'tls.key') } } : {}),
    log_level: 'info',
    registry_config: '/etc/registry/config.yml',
  });
}

/** Jobservice's `config.yml`. @internal */
export function _jobserviceConfig(c: _ConfigInput, redisUrl: string): string {
  const logger = c.jobLogsInDatabase
    ? { name: 'DB', level: 'INFO', sweeper: { duration: 14 } }
    : { name: 'FILE', level: 'INFO', settings: { base_dir: c.jobLogDir }, sweeper: { duration: 14, settings: { work_dir: c.jobLogDir } } };
  return stringify({
    protocol: c.internalTls ? 'https' : 'http',
    port: _componentPort('jobservice', c.internalTls),
    ...(c.internalTls ? { https_config: { cert: _tlsPath('jobservice', 'tls.crt'), key: _tlsPath('jobservice', 'tls.key') } } : {}),
    worker_pool: {
      workers: 10,
      backend: 'redis',
      redis_pool: { redis_url: redisUrl, namespace: 'harbor_job_service_namespace', idle_timeout_second: 3600 },
    },
    job_loggers: [{ name: 'STD_OUTPUT', level: 'INFO' }, logger],
    // Jobservice takes its metrics switch from this file (the chart's jobservice ConfigMap carries the same block).
    metric: { enabled: c.metrics, path: '/metrics', port: c.metricsPort },
    loggers: [{ name: 'STD_OUTPUT', level: 'INFO' }],
    reaper: { max_update_hours: 24, max_dangling_hours: 168 },
  });
}

/** @internal */
export function _coreAppConf(c: _ConfigInput): string {
  return ['appname = Harbor', 'runmode = prod', 'enablegzip = true', '', '[prod]', `httpport = ${_componentPort('core', c.internalTls)}`, ''].join('\n');
}

/** Headers the portal sends with every response (clickjacking protection). */
const SECURITY_HEADERS = ['add_header X-Frame-Options DENY always;', 'add_header Content-Security-Policy "frame-ancestors \'none\'" always;'];

/** @internal */
export function _portalNginxConf(c: _ConfigInput): string {
  const port = _componentPort('portal', c.internalTls);
  const listen = c.internalTls
    ? [`    listen ${port} ssl;`, `    ssl_certificate ${_tlsPath('portal', 'tls.crt')};`, `    ssl_certificate_key ${_tlsPath('portal', 'tls.key')};`,
      '    ssl_protocols TLSv1.2 TLSv1.3;']
    : [`    listen ${port};`];
  return [
    // One worker: `auto` starts one per node CPU, and on a large node their buffers alone exceed the 128Mi limit.
    'worker_processes 1;',
    'pid /tmp/nginx.pid;',
    'events {',
    '  worker_connections 1024;',
    '}',
    'http {',
    '  client_body_temp_path /tmp/client_body_temp;',
    '  proxy_temp_path /tmp/proxy_temp;',
    '  fastcgi_temp_path /tmp/fastcgi_temp;',
    '  uwsgi_temp_path /tmp/uwsgi_temp;',
    '  scgi_temp_path /tmp/scgi_temp;',
    '  access_log /dev/stdout;',
    '  error_log /dev/stderr;',
    '  server_tokens off;',
    '  server {',
    ...listen,
    '    server_name localhost;',
    '    root /usr/share/nginx/html;',
    '    index index.html index.htm;',
    '    include /etc/nginx/mime.types;',
    // The chart's compression settings.
    '    gzip on;',
    '    gzip_min_length 1000;',
    '    gzip_proxied expired no-cache no-store private auth;',
    '    gzip_types text/plain text/css application/json application/javascript application/x-javascript text/xml application/xml application/xml+rss text/javascript;',
    ...SECURITY_HEADERS.map(h => `    ${h}`),
    '    location /service/notifications {',
    '      return 404;',
    '    }',
    '    location /devcenter-api-2.0 {',
    '      try_files $uri $uri/ /swagger-ui-index.html;',
    '    }',
    '    location / {',
    '      try_files $uri $uri/ /index.html;',
    '    }',
    '    location = /index.html {',
    // A block with its own add_header inherits none from the server block: repeat the security headers.
    ...SECURITY_HEADERS.map(h => `      ${h}`),
    '      add_header Cache-Control "no-store, no-cache, must-revalidate";',
    '    }',
    '  }',
    '}',
    '',
  ].join('\n');
}
