// SPDX-License-Identifier: Apache-2.0
/**
 * Internal model of Harbor 2.15 (chart 1.19.x), taken from docs/harbor-architecture.md (in the shared docs):
 * images, UIDs, ports, probes, writable paths, internal TLS SANs and the communication flows.
 * Not exported from the package.
 */

/** The Harbor release the defaults pin (chart 1.19.2 / app 2.15.2). @internal */
export const HARBOR_VERSION = 'v2.15.2';

/** Default image registry and namespace of the upstream images. @internal */
export const HARBOR_IMAGE_PREFIX = 'docker.io/goharbor';

/**
 * Core's proxy-cache registry types (`PERMITTED_REGISTRY_TYPES_FOR_PROXY_CACHE`, chart `core/core-cm.yaml`): unset, core
 * refuses every proxy-cache project. @internal
 */
export const HARBOR_PROXY_CACHE_TYPES = ['docker-hub', 'harbor', 'azure-acr', 'ali-acr', 'aws-ecr', 'google-gcr', 'docker-registry',
  'github-ghcr', 'jfrog-artifactory'];

/** Core's replication adapters (`REPLICATION_ADAPTER_WHITELIST`, same file): unset, the UI lists none. @internal */
export const HARBOR_REPLICATION_ADAPTERS = ['ali-acr', 'aws-ecr', 'azure-acr', 'docker-hub', 'docker-registry', 'github-ghcr', 'google-gcr',
  'harbor', 'huawei-SWR', 'jfrog-artifactory', 'tencent-tcr', 'volcengine-cr'];

/** Containers that get the HTTP proxy env (chart `proxy.components`, registry included: its containers are registry and registryctl). @internal */
export const HARBOR_PROXY_COMPONENTS: HarborComponentName[] = ['core', 'jobservice', 'trivy', 'registry', 'registryctl'];

/**
 * Redis (Valkey) database indexes (chart `_helpers.tpl`): core's cache, the jobservice queue (also read by the exporter),
 * the registry's layer cache (also core's `_REDIS_URL_REG`), trivy's store and queue. @internal
 */
export const HARBOR_REDIS_DB = { core: 0, jobservice: 1, registry: 2, trivy: 5 } as const;

/** Database connection pools of core and the exporter (chart `database.maxIdleConns` / `maxOpenConns`). @internal */
export const HARBOR_DATABASE_POOL = { maxIdleConns: 100, maxOpenConns: 900 };

/** Component keys. `registryctl` shares the registry pod. @internal */
export type HarborComponentName =
  | 'core' | 'portal' | 'registry' | 'registryctl' | 'jobservice' | 'trivy' | 'exporter' | 'database' | 'redis';

/** An HTTP(S) or exec/TCP probe as the chart defines it (section 1.6). @internal */
export interface HarborProbe {
  readonly kind: 'http' | 'tcp' | 'exec';
  /** HTTP path (http probes). */
  readonly path?: string;
  /** Command (exec probes). */
  readonly command?: string[];
  readonly initialDelaySeconds: number;
  readonly failureThreshold?: number;
  readonly periodSeconds?: number;
}

/** A writable path on a read-only root filesystem (section 3.3). @internal */
export interface HarborWritablePath {
  /** Volume name (DNS-1123 label). */
  readonly volume: string;
  readonly mountPath: string;
  /** `Memory` for tmpfs (database `/dev/shm`). */
  readonly medium?: 'Memory';
  /** emptyDir size limit. */
  readonly sizeLimit: string;
}

/** A PersistentVolumeClaim of a component (named `<prefix>-<volume>`, also the pod volume name). @internal */
export interface HarborDataVolume {
  readonly volume: string;
  readonly mountPath: string;
  /** Default size (the registry's is `registryStorageSize`). */
  readonly size: string;
}

/** One container of a Harbor component. @internal */
export interface HarborComponentSpec {
  readonly name: HarborComponentName;
  /** The workload (and pod) the container runs in: registryctl runs in the registry pod. */
  readonly pod: HarborComponentName;
  /** Workload kind of the pod. */
  readonly kind: 'Deployment' | 'StatefulSet';
  /** Whether the workload takes the stack's `replicas` (else one replica: one ReadWriteOnce volume, or one exporter). */
  readonly replicated: boolean;
  /** The data volume (a PVC; the registry's is replaced by object storage, the job logs' by an emptyDir with replicas > 1). */
  readonly data?: HarborDataVolume;
  /** The config file: key in the Harbor ConfigMap and its path in the container. */
  readonly config?: { readonly key: string; readonly path: string };
  /** Whether the component gets its own internal TLS certificate (`<prefix>-<name>-internal-tls`). */
  readonly ownCertificate: boolean;
  /** The internal TLS certificate it mounts under `/etc/harbor/ssl/<certificate>` (registryctl uses the registry's). */
  readonly certificate?: HarborComponentName;
  /** Image repository name under the prefix (`harbor-core`). */
  readonly image: string;
  /** The numeric UID/GID baked into the image (section 3.2); also used as fsGroup. */
  readonly uid: number;
  /** Container port with internal TLS off / on (section 1.2). */
  readonly httpPort: number;
  readonly httpsPort: number;
  /** Whether the port switches to HTTPS with internal TLS (database/redis stay plaintext, section 1.7). */
  readonly internalTls: boolean;
  /** Port name on the container and Service (plaintext). */
  readonly portName: string;
  /** Port name with internal TLS: `https-*`, so meshes and ServiceMonitors see the protocol (as the chart names them). */
  readonly tlsPortName?: string;
  /** Metrics port (section 1.2), only with metrics enabled. */
  readonly metricsPort?: number;
  readonly liveness: HarborProbe;
  readonly readiness: HarborProbe;
  readonly startup?: HarborProbe;
  /** emptyDir-backed writable paths (persistent paths are added by the stack). */
  readonly writablePaths: HarborWritablePath[];
  /**
   * Directory of the entrypoint's `install_cert.sh`, which copies `ca-bundle.crt.original` from there and
   * overwrites `/etc/pki/tls/certs/ca-bundle.crt` (section 3.3). Undefined for images without it.
   */
  readonly installCertDir?: string;
  /** Internal TLS SAN suffixes: the Service name is `<prefix>-<name>`; `localhost`/`127.0.0.1` for core (section 1.7). */
  readonly extraDnsNames?: string[];
  readonly extraIpAddresses?: string[];
  /** Default requests/limits (overridable). */
  readonly resources: { cpuRequest: string; memoryRequest: string; cpuLimit: string; memoryLimit: string };
}

const TMP: HarborWritablePath = { volume: 'tmp', mountPath: '/tmp', sizeLimit: '256Mi' };
const PKI: HarborWritablePath = { volume: 'ca-bundle', mountPath: '/etc/pki/tls/certs', sizeLimit: '16Mi' };

/** The components, from sections 1.1, 1.2, 1.6, 1.7, 3.2 and 3.3. @internal */
export const HARBOR_COMPONENTS: Record<HarborComponentName, HarborComponentSpec> = {
  core: {
    name: 'core',
    pod: 'core',
    kind: 'Deployment',
    replicated: true,
    config: { key: 'core-app.conf', path: '/etc/core/app.conf' },
    ownCertificate: true,
    certificate: 'core',
    image: 'harbor-core',
    uid: 10000,
    httpPort: 8080,
    httpsPort: 8443,
    internalTls: true,
    portName: 'http-web',
    tlsPortName: 'https-web',
    metricsPort: 8001,
    liveness: { kind: 'http', path: '/api/v2.0/ping', initialDelaySeconds: 0 },
    readiness: { kind: 'http', path: '/api/v2.0/ping', initialDelaySeconds: 0 },
    startup: { kind: 'http', path: '/api/v2.0/ping', initialDelaySeconds: 10, failureThreshold: 360, periodSeconds: 10 },
    writablePaths: [TMP, PKI, { volume: 'psc', mountPath: '/etc/core/token', sizeLimit: '16Mi' }],
    installCertDir: '/harbor',
    extraDnsNames: ['localhost'],
    extraIpAddresses: ['127.0.0.1'],
    resources: { cpuRequest: '100m', memoryRequest: '256Mi', cpuLimit: '1', memoryLimit: '1Gi' },
  },
  portal: {
    name: 'portal',
    pod: 'portal',
    kind: 'Deployment',
    replicated: true,
    config: { key: 'portal-nginx.conf', path: '/etc/nginx/nginx.conf' },
    ownCertificate: true,
    certificate: 'portal',
    image: 'harbor-portal',
    uid: 10000,
    httpPort: 8080,
    httpsPort: 8443,
    internalTls: true,
    portName: 'http-web',
    tlsPortName: 'https-web',
    liveness: { kind: 'http', path: '/', initialDelaySeconds: 300 },
    readiness: { kind: 'http', path: '/', initialDelaySeconds: 1 },
    writablePaths: [TMP,
      { volume: 'nginx-cache', mountPath: '/var/cache/nginx', sizeLimit: '64Mi' },
      { volume: 'nginx-log', mountPath: '/var/log/nginx', sizeLimit: '64Mi' },
      { volume: 'run', mountPath: '/run', sizeLimit: '1Mi' }],
    resources: { cpuRequest: '50m', memoryRequest: '64Mi', cpuLimit: '250m', memoryLimit: '128Mi' },
  },
  registry: {
    name: 'registry',
    pod: 'registry',
    kind: 'Deployment',
    replicated: true,
    data: { volume: 'registry-data', mountPath: '/storage', size: '50Gi' },
    config: { key: 'registry-config.yml', path: '/etc/registry/config.yml' },
    ownCertificate: true,
    certificate: 'registry',
    image: 'registry-photon',
    uid: 10000,
    httpPort: 5000,
    httpsPort: 5443,
    internalTls: true,
    portName: 'http-registry',
    tlsPortName: 'https-registry',
    metricsPort: 8001,
    liveness: { kind: 'http', path: '/', initialDelaySeconds: 300 },
    readiness: { kind: 'http', path: '/', initialDelaySeconds: 1 },
    writablePaths: [TMP, PKI],
    installCertDir: '/home/harbor',
    resources: { cpuRequest: '100m', memoryRequest: '256Mi', cpuLimit: '1', memoryLimit: '1Gi' },
  },
  registryctl: {
    name: 'registryctl',
    pod: 'registry',
    kind: 'Deployment',
    replicated: true,
    data: { volume: 'registry-data', mountPath: '/storage', size: '50Gi' },
    config: { key: 'registryctl-config.yml', path: '/etc/registryctl/config.yml' },
    ownCertificate: false,
    certificate: 'registry',
    image: 'harbor-registryctl',
    uid: 10000,
    httpPort: 8080,
    httpsPort: 8443,
    internalTls: true,
    portName: 'http-controller',
    tlsPortName: 'https-controller',
    liveness: { kind: 'http', path: '/api/health', initialDelaySeconds: 300 },
    readiness: { kind: 'http', path: '/api/health', initialDelaySeconds: 1 },
    writablePaths: [TMP, PKI],
    installCertDir: '/home/harbor',
    resources: { cpuRequest: '50m', memoryRequest: '64Mi', cpuLimit: '250m', memoryLimit: '256Mi' },
  },
  jobservice: {
    name: 'jobservice',
    pod: 'jobservice',
    kind: 'Deployment',
    replicated: true,
    data: { volume: 'jobservice-logs', mountPath: '/var/log/jobs', size: '1Gi' },
    config: { key: 'jobservice-config.yml', path: '/etc/jobservice/config.yml' },
    ownCertificate: true,
    certificate: 'jobservice',
    image: 'harbor-jobservice',
    uid: 10000,
    httpPort: 8080,
    httpsPort: 8443,
    internalTls: true,
    portName: 'http-jobservice',
    tlsPortName: 'https-jobservice',
    metricsPort: 8001,
    liveness: { kind: 'http', path: '/api/v1/stats', initialDelaySeconds: 300 },
    readiness: { kind: 'http', path: '/api/v1/stats', initialDelaySeconds: 20 },
    // The CVE export job writes its CSV under /var/scandata_exports before uploading it (the chart mounts a volume there).
    writablePaths: [TMP, PKI, { volume: 'scandata-exports', mountPath: '/var/scandata_exports', sizeLimit: '1Gi' }],
    installCertDir: '/harbor',
    resources: { cpuRequest: '100m', memoryRequest: '256Mi', cpuLimit: '1', memoryLimit: '1Gi' },
  },
  trivy: {
    name: 'trivy',
    pod: 'trivy',
    kind: 'StatefulSet',
    replicated: false,
    data: { volume: 'trivy-cache', mountPath: '/home/scanner/.cache', size: '5Gi' },
    ownCertificate: true,
    certificate: 'trivy',
    image: 'trivy-adapter-photon',
    uid: 10000,
    httpPort: 8080,
    httpsPort: 8443,
    internalTls: true,
    portName: 'http-trivy',
    tlsPortName: 'https-trivy',
    liveness: { kind: 'http', path: '/probe/healthy', initialDelaySeconds: 5, failureThreshold: 10 },
    readiness: { kind: 'http', path: '/probe/ready', initialDelaySeconds: 5 },
    writablePaths: [{ ...TMP, sizeLimit: '2Gi' }, PKI],
    installCertDir: '/home/scanner',
    resources: { cpuRequest: '200m', memoryRequest: '512Mi', cpuLimit: '1', memoryLimit: '1Gi' },
  },
  exporter: {
    name: 'exporter',
    pod: 'exporter',
    kind: 'Deployment',
    replicated: false,
    ownCertificate: false,
    certificate: 'core',
    image: 'harbor-exporter',
    uid: 10000,
    httpPort: 8001,
    httpsPort: 8001,
    internalTls: false,
    portName: 'http-metrics',
    liveness: { kind: 'http', path: '/', initialDelaySeconds: 300 },
    readiness: { kind: 'http', path: '/', initialDelaySeconds: 30 },
    writablePaths: [TMP, PKI],
    installCertDir: '/harbor',
    resources: { cpuRequest: '50m', memoryRequest: '64Mi', cpuLimit: '250m', memoryLimit: '256Mi' },
  },
  database: {
    name: 'database',
    pod: 'database',
    kind: 'StatefulSet',
    replicated: false,
    data: { volume: 'database-data', mountPath: '/var/lib/postgresql/data', size: '10Gi' },
    ownCertificate: false,
    image: 'harbor-db',
    uid: 999,
    httpPort: 5432,
    httpsPort: 5432,
    internalTls: false,
    portName: 'postgresql',
    liveness: { kind: 'exec', command: ['/docker-healthcheck.sh'], initialDelaySeconds: 300 },
    readiness: { kind: 'exec', command: ['/docker-healthcheck.sh'], initialDelaySeconds: 1 },
    writablePaths: [TMP,
      { volume: 'run-postgresql', mountPath: '/run/postgresql', sizeLimit: '16Mi' },
      { volume: 'shm', mountPath: '/dev/shm', medium: 'Memory', sizeLimit: '512Mi' }],
    resources: { cpuRequest: '250m', memoryRequest: '512Mi', cpuLimit: '2', memoryLimit: '2Gi' },
  },
  redis: {
    name: 'redis',
    pod: 'redis',
    kind: 'StatefulSet',
    replicated: false,
    data: { volume: 'redis-data', mountPath: '/var/lib/redis', size: '1Gi' },
    ownCertificate: false,
    image: 'valkey-photon',
    uid: 999,
    httpPort: 6379,
    httpsPort: 6379,
    internalTls: false,
    portName: 'redis',
    liveness: { kind: 'tcp', initialDelaySeconds: 300 },
    readiness: { kind: 'tcp', initialDelaySeconds: 1 },
    writablePaths: [TMP, { volume: 'run', mountPath: '/var/run', sizeLimit: '1Mi' }],
    resources: { cpuRequest: '100m', memoryRequest: '128Mi', cpuLimit: '500m', memoryLimit: '512Mi' },
  },
};

/** Container port name of a component for the chosen internal TLS mode. @internal */
export function _componentPortName(name: HarborComponentName, internalTls: boolean): string {
  const c = HARBOR_COMPONENTS[name];
  return internalTls && c.internalTls && c.tlsPortName ? c.tlsPortName : c.portName;
}

/** A file of the internal TLS certificate a component mounts (`/etc/harbor/ssl/<certificate>/<file>`). @internal */
export function _tlsPath(name: HarborComponentName, file: 'tls.crt' | 'tls.key' | 'ca.crt'): string {
  return `/etc/harbor/ssl/${HARBOR_COMPONENTS[name].certificate}/${file}`;
}

/** Container port of a component for the chosen internal TLS mode. @internal */
export function _componentPort(name: HarborComponentName, internalTls: boolean): number {
  const c = HARBOR_COMPONENTS[name];
  return internalTls && c.internalTls ? c.httpsPort : c.httpPort;
}

/**
 * The in-namespace flows of section 2.2 (`from` -> `to`, on the destination's container port), DNS (F21) and the
 * migration job (F20, not deployed) excluded. Flows to database/redis exist only when they are internal; exporter flows
 * only with metrics. With an external database or Redis, the sources of the flows to `database` / `redis` get egress to
 * the server's CIDRs instead (E6), on the server's port; through Redis Sentinel on the Sentinel port and the Redis port
 * of the master (section 2.3 E6: Redis 6379, Sentinel 26379). This table is the one place the documented flows live: the stack's NetworkPolicies
 * are generated from it, and the registry tests compare the reachability analysis of those policies with it. @internal
 */
export const HARBOR_FLOWS: ReadonlyArray<{ id: string; from: HarborComponentName; to: HarborComponentName }> = [
  { id: 'F1', from: 'core', to: 'registry' },
  { id: 'F2', from: 'core', to: 'registryctl' },
  { id: 'F3', from: 'core', to: 'jobservice' },
  { id: 'F4', from: 'core', to: 'trivy' },
  { id: 'F5', from: 'core', to: 'portal' },
  { id: 'F6', from: 'core', to: 'database' },
  { id: 'F7', from: 'core', to: 'redis' },
  { id: 'F8', from: 'jobservice', to: 'core' },
  { id: 'F9', from: 'jobservice', to: 'registry' },
  { id: 'F10', from: 'jobservice', to: 'registryctl' },
  { id: 'F11', from: 'jobservice', to: 'trivy' },
  { id: 'F12', from: 'jobservice', to: 'database' },
  { id: 'F13', from: 'jobservice', to: 'redis' },
  { id: 'F14', from: 'registry', to: 'redis' },
  { id: 'F15', from: 'trivy', to: 'core' },
  { id: 'F16', from: 'trivy', to: 'redis' },
  { id: 'F17', from: 'exporter', to: 'core' },
  { id: 'F18', from: 'exporter', to: 'database' },
  { id: 'F19', from: 'exporter', to: 'redis' },
  // Core reaches the local registry for replication and scans through CORE_URL, its own Service: with several
  // replicas (or during a rollout) that is another core pod (chart: CORE_URL in core/core-cm.yaml).
  { id: 'F22', from: 'core', to: 'core' },
];

/** A source outside the registry namespace (section 2.1). @internal */
export type HarborEdgeSource = 'ingress-controller' | 'prometheus';

/** The metrics port of core, jobservice, registry and the exporter (section 1.2). @internal */
export const HARBOR_METRICS_PORT = 8001;

/**
 * The flows into Harbor of section 2.1 that the stack admits: the ingress controller to core and portal on their
 * container port (I1, I2), and, with metrics, Prometheus to port 8001 of core, jobservice, registry and the exporter
 * (I5). Nginx (I3, I4) is not deployed: the Ingress replaces it. @internal
 */
export const HARBOR_EDGE_FLOWS: ReadonlyArray<{ id: string; from: HarborEdgeSource; to: HarborComponentName; metrics: boolean }> = [
  { id: 'I1', from: 'ingress-controller', to: 'core', metrics: false },
  { id: 'I2', from: 'ingress-controller', to: 'portal', metrics: false },
  { id: 'I5', from: 'prometheus', to: 'core', metrics: true },
  { id: 'I5', from: 'prometheus', to: 'jobservice', metrics: true },
  { id: 'I5', from: 'prometheus', to: 'registry', metrics: true },
  { id: 'I5', from: 'prometheus', to: 'exporter', metrics: true },
];

/** The components that talk to `to` (database or redis): they get egress to an external server instead (E6). @internal */
export function _clientsOf(to: HarborComponentName): HarborComponentName[] {
  return HARBOR_FLOWS.filter(f => f.to === to).map(f => f.from);
}

/** Ingress paths (section 1.8): core serves the API, token service, OCI API and callbacks; portal serves the UI. @internal */
export const HARBOR_INGRESS_PATHS: ReadonlyArray<{ path: string; backend: 'core' | 'portal' }> = [
  { path: '/api/', backend: 'core' },
  { path: '/service/', backend: 'core' },
  { path: '/v2/', backend: 'core' },
  { path: '/c/', backend: 'core' },
  { path: '/', backend: 'portal' },
];

/**
 * Keys of the Harbor secret (one Secret, consumed key by key with `secretKeyRef`, so each pod gets only its keys).
 * `secretKey` (exactly 16 characters), `CORE_SECRET`, `JOBSERVICE_SECRET`, `REGISTRY_HTTP_SECRET` (16),
 * `CSRF_KEY` (exactly 32), `HARBOR_ADMIN_PASSWORD`, `REGISTRY_CREDENTIAL_PASSWORD`, `REGISTRY_HTPASSWD` (bcrypt line for
 * `harbor_registry_user`) and, with the internal database, `POSTGRES_PASSWORD`, with the internal Redis, `REDIS_PASSWORD`.
 * @internal
 */
export const HARBOR_SECRET = {
  keys16: ['secretKey', 'CORE_SECRET', 'JOBSERVICE_SECRET', 'REGISTRY_HTTP_SECRET'] as readonly string[],
  keys32: ['CSRF_KEY', 'HARBOR_ADMIN_PASSWORD', 'REGISTRY_CREDENTIAL_PASSWORD'] as readonly string[],
  database: 'POSTGRES_PASSWORD',
  redis: 'REDIS_PASSWORD',
  htpasswd: 'REGISTRY_HTPASSWD',
  /** Keys whose value Harbor requires to have an exact length. */
  exactLength: { secretKey: 16, CSRF_KEY: 32 } as Readonly<Record<string, number>>,
  /** The registry's basic-auth user (core and jobservice log in with it). */
  registryUser: 'harbor_registry_user',
} as const;
