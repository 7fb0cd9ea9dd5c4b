// SPDX-License-Identifier: Apache-2.0
/**
 * Validation of `SecureRegistryStackProps`: every check runs before anything is created, and each error names the
 * value, what is wrong and the fix. Internal.
 */
import { _componentPort, HARBOR_COMPONENTS, HARBOR_DATABASE_POOL, HARBOR_IMAGE_PREFIX, HARBOR_VERSION, HarborComponentName } from './_harbor-components';
import { _TrivyDatabaseSettings, HarborTrivyDatabase } from './harbor-trivy-database';
import type { HarborExternalDatabase, HarborExternalRedis, HarborHttpProxy, SecretKeyReference, SecureRegistryStackProps } from './secure-registry-stack';
import { _digestForms, _isPinnedDigest } from '../core/_image-reference';
import { _isIpv4, _parseQuantity, _validateCidr, _validateDns1123Label, _validateDns1123Subdomain, _validatePort } from '../core/_util';

/** A fully qualified DNS name: at least two lowercase labels. */
const FQDN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)+$/;

/** The props with defaults applied, validated. @internal */
export interface _ResolvedRegistryProps {
  readonly hostname: string;
  readonly namespaceName: string;
  readonly prefix: string;
  /** The image reference of a component (`<registry>/<image>:<tag>[@<digest>]`). */
  readonly image: (c: HarborComponentName) => string;
  readonly replicas: number;
  readonly registryStorageSize: string;
  readonly internalTls: boolean;
  readonly trivy: boolean;
  readonly metrics: boolean;
  readonly externalDatabase?: HarborExternalDatabase;
  readonly externalRedis?: HarborExternalRedis;
  /** Trivy's database settings (undefined: trivyUpdateCidrs, or no trivy). */
  readonly trivyDatabase?: _TrivyDatabaseSettings;
  /** The HTTP proxy with its NO_PROXY list and the ports egress opens to. */
  readonly httpProxy?: {
    readonly httpProxy?: string; readonly httpsProxy?: string; readonly noProxy: string; readonly cidrs: string[]; readonly ports: number[];
  };
  readonly databaseMaxIdleConns: number;
  readonly databaseMaxOpenConns: number;
  /** The components deployed, in build order. */
  readonly components: HarborComponentName[];
}

/** Throws unless every CIDR parses; an empty list is refused (NetworkPolicies match addresses, not names). @internal */
export function _checkCidrs(cidrs: string[] | undefined, what: string): void {
  if (!cidrs || cidrs.length === 0) {
    throw new Error(`${what} is empty: give the CIDRs to open egress to (NetworkPolicies match addresses, not host names), e.g. ["10.20.0.0/16"].`);
  }
  for (const c of cidrs) _validateCidr(c, what);
}

/** The TCP port of an S3 endpoint URL (`https://host[:port][/path]`), 443 when it names none or for AWS S3. @internal */
export function _s3Port(endpoint: string | undefined): number {
  const port = endpoint?.match(/^https:\/\/[^/:]+:([0-9]{1,5})(\/|$)/)?.[1];
  return port ? _validatePort(Number(port), 's3Storage.endpoint port') : 443;
}

/** A server host name that TLS verification can match: a DNS name or an IPv4 address. */
function checkServerHost(host: string, what: string, example: string): void {
  const dns = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(host) && host.length <= 253;
  if (!dns && !_isIpv4(host)) {
    throw new Error(`Invalid ${what} "${host}": must be a lowercase DNS name or an IPv4 address that the server certificate covers `
      + `(TLS verifies it), e.g. "${example}".`);
  }
}

/** A Secret key reference in the registry namespace. */
function checkSecretKeyRef(ref: SecretKeyReference | undefined, what: string): void {
  if (!ref) throw new Error(`${what} is missing: give the Secret name and key that hold the password, e.g. { secretName: "pg-auth", key: "password" }.`);
  _validateDns1123Subdomain(ref.secretName, `${what}.secretName`);
  if (!ref.key || !/^[-._a-zA-Z0-9]+$/.test(ref.key)) {
    throw new Error(`Invalid ${what}.key "${ref.key ?? ''}": a Secret key uses letters, digits, '-', '_' or '.', e.g. "password".`);
  }
}

function checkImages(props: SecureRegistryStackProps): (c: HarborComponentName) => string {
  const tag = props.imageTag ?? HARBOR_VERSION;
  if (tag === 'latest' || !/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/.test(tag)) {
    throw new Error(`Invalid imageTag "${tag}": pin a Harbor release such as "${HARBOR_VERSION}" ("latest" is never allowed).`);
  }
  const imageRegistry = (props.imageRegistry ?? HARBOR_IMAGE_PREFIX).replace(/\/+$/, '');
  if (!/^[a-z0-9.-]+(:[0-9]+)?(\/[a-z0-9._-]+)*$/.test(imageRegistry)) {
    throw new Error(`Invalid imageRegistry "${props.imageRegistry}": expected a registry host and path such as "mirror.example.com/goharbor".`);
  }
  const digests: { [c: string]: string | undefined } = { ...(props.imageDigests ?? {}) };
  for (const [component, digest] of Object.entries(digests)) {
    if (!(component in HARBOR_COMPONENTS)) {
      throw new Error(`Invalid imageDigests key "${component}": expected one of ${Object.keys(HARBOR_COMPONENTS).join(', ')}.`);
    }
    if (digest !== undefined && !_isPinnedDigest(digest)) {
      throw new Error(`Invalid imageDigests["${component}"] "${digest}": expected ${_digestForms()} (see \`crane digest <image>\`).`);
    }
  }
  return c => `${imageRegistry}/${HARBOR_COMPONENTS[c].image}:${tag}${digests[c] ? `@${digests[c]}` : ''}`;
}

function checkExternalDatabase(db: HarborExternalDatabase): void {
  if (!db.host) throw new Error('externalDatabase.host is empty: give the PostgreSQL host name (it must match the server certificate).');
  checkServerHost(db.host, 'externalDatabase.host', 'pg.example.com');
  if (!db.caSecretName) throw new Error('externalDatabase.caSecretName is empty: TLS with sslmode=verify-full needs the server CA (Secret key "ca.crt").');
  _validateDns1123Subdomain(db.caSecretName, 'externalDatabase.caSecretName');
  checkSecretKeyRef(db.password, 'externalDatabase.password');
  _checkCidrs(db.cidrs, 'externalDatabase.cidrs');
  _validatePort(db.port ?? 5432, 'externalDatabase.port');
  if (db.username !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(db.username)) {
    throw new Error(`Invalid externalDatabase.username "${db.username}": use a PostgreSQL role name of lowercase letters, digits and '_' `
      + '(at most 63 characters, not starting with a digit), e.g. "harbor".');
  }
  if (db.database !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(db.database)) {
    throw new Error(`Invalid externalDatabase.database "${db.database}": use a database name of lowercase letters, digits and '_' `
      + '(at most 63 characters, not starting with a digit), e.g. "registry".');
  }
}

function checkExternalRedis(redis: HarborExternalRedis): void {
  if (!redis.host) throw new Error('externalRedis.host is empty: give the Redis host name (it must match the server certificate).');
  checkServerHost(redis.host, 'externalRedis.host', 'redis.example.com');
  if (!redis.caSecretName) throw new Error('externalRedis.caSecretName is empty: rediss:// needs the server CA (Secret key "ca.crt").');
  _validateDns1123Subdomain(redis.caSecretName, 'externalRedis.caSecretName');
  if (redis.password) checkSecretKeyRef(redis.password, 'externalRedis.password');
  if (redis.sentinelMasterSet !== undefined && !/^[A-Za-z0-9._-]+$/.test(redis.sentinelMasterSet)) {
    throw new Error(`Invalid externalRedis.sentinelMasterSet "${redis.sentinelMasterSet}": it becomes part of the Redis URLs, so use only `
      + "letters, digits, '.', '_' and '-', e.g. \"mymaster\".");
  }
  _checkCidrs(redis.cidrs, 'externalRedis.cidrs');
  _validatePort(redis.port ?? 6379, 'externalRedis.port');
  if (redis.sentinelRedisPort !== undefined) {
    if (!redis.sentinelMasterSet) {
      throw new Error(`externalRedis.sentinelRedisPort ${redis.sentinelRedisPort} is set without sentinelMasterSet: it is the port of the Redis `
        + 'servers behind Sentinel. Set sentinelMasterSet, or remove sentinelRedisPort and give the server port as externalRedis.port.');
    }
    _validatePort(redis.sentinelRedisPort, 'externalRedis.sentinelRedisPort');
  }
}

function checkS3(props: SecureRegistryStackProps): void {
  const s3 = props.s3Storage;
  if (!s3) return;
  if (!s3.credentialsSecretName) {
    throw new Error('s3Storage.credentialsSecretName is empty: object storage needs credentials from a Secret (REGISTRY_STORAGE_S3_ACCESSKEY/SECRETKEY).');
  }
  _validateDns1123Subdomain(s3.credentialsSecretName, 's3Storage.credentialsSecretName');
  if (s3.caSecretName !== undefined) _validateDns1123Subdomain(s3.caSecretName, 's3Storage.caSecretName');
  const { bucket, region, endpoint } = s3;
  if (!bucket || !/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) {
    throw new Error(`Invalid s3Storage.bucket "${bucket ?? ''}": an S3 bucket name has 3 to 63 lowercase letters, digits, '.' or '-', `
      + 'starting and ending with a letter or digit, e.g. "harbor-blobs".');
  }
  if (!region || !/^[a-z0-9-]+$/.test(region)) {
    throw new Error(`Invalid s3Storage.region "${region ?? ''}": give the bucket's region in lowercase letters, digits and '-', e.g. "eu-west-1" `
      + '(S3-compatible stores accept any such name, e.g. "us-east-1").');
  }
  if (endpoint !== undefined && !/^https:\/\/[a-z0-9.-]+(:[0-9]{1,5})?(\/[^\s]*)?$/.test(endpoint)) {
    throw new Error(`Invalid s3Storage.endpoint "${endpoint}": must be an https:// URL with a lowercase host (the registry reaches object `
      + 'storage over TLS only), e.g. "https://minio.example.com:9000".');
  }
  _checkCidrs(s3.cidrs, 's3Storage.cidrs');
}

/** A proxy URL `http(s)://host[:port]`, without credentials; returns its port. */
function proxyPort(url: string, what: string): number {
  if (/^[a-z]+:\/\/[^/]*@/.test(url)) {
    throw new Error(`Invalid ${what} "${url.replace(/\/\/[^/]*@/, '//***@')}": credentials in the proxy URL would be written into the manifests. `
      + 'Use a proxy that authorises the registry namespace by address, or give the URL without user and password.');
  }
  const m = /^(https?):\/\/([a-z0-9.-]+|\[[0-9a-f:]+\])(:([0-9]{1,5}))?\/?$/.exec(url);
  if (!m) throw new Error(`Invalid ${what} "${url}": expected http://host:port or https://host:port, e.g. "http://proxy.example.com:3128".`);
  return _validatePort(m[4] ? Number(m[4]) : (m[1] === 'https' ? 443 : 80), `${what} port`);
}

function checkHttpProxy(proxy: HarborHttpProxy, prefix: string, namespaceName: string): NonNullable<_ResolvedRegistryProps['httpProxy']> {
  if (!proxy.httpProxy && !proxy.httpsProxy) {
    throw new Error('httpProxy has neither httpProxy nor httpsProxy: give the proxy URL, e.g. { httpsProxy: "http://proxy.example.com:3128", cidrs: [...] }.');
  }
  const ports = [...new Set([proxy.httpProxy, proxy.httpsProxy].filter((u): u is string => !!u).map(u => proxyPort(u, u === proxy.httpProxy ? 'httpProxy.httpProxy' : 'httpProxy.httpsProxy')))]
    .sort((a, b) => a - b);
  _checkCidrs(proxy.cidrs, 'httpProxy.cidrs');
  for (const entry of proxy.noProxy ?? []) {
    if (!/^[A-Za-z0-9.*:/\[\]-]+$/.test(entry)) {
      throw new Error(`Invalid httpProxy.noProxy entry "${entry}": give a host, a domain with a leading '.', an IP or a CIDR, without spaces or commas.`);
    }
  }
  // The chart's list (every component's Service and 127.0.0.1,localhost,.local,.internal) plus Redis and the namespace's FQDNs.
  const inCluster = ['core', 'jobservice', 'database', 'registry', 'portal', 'trivy', 'exporter', 'redis'].map(c => `${prefix}-${c}`);
  const noProxy = [...inCluster, `.${namespaceName}.svc`, '.svc', '127.0.0.1', 'localhost', '.local', '.internal', ...(proxy.noProxy ?? [])];
  return { httpProxy: proxy.httpProxy, httpsProxy: proxy.httpsProxy, noProxy: [...new Set(noProxy)].join(','), cidrs: proxy.cidrs, ports };
}

/** Validates the props and applies the defaults. @internal */
export function _resolveRegistryProps(props: SecureRegistryStackProps): _ResolvedRegistryProps {
  if (!props.hostname || !FQDN.test(props.hostname) || props.hostname.length > 253 || props.hostname.split('.').some(l => l.length > 63)) {
    throw new Error(`Invalid hostname "${props.hostname}" for SecureRegistryStack: must be a fully qualified DNS name of at least two lowercase `
      + 'labels (letters, digits and \'-\', at most 63 characters each and 253 in all), because it becomes the Ingress host and the '
      + 'certificate SAN. Use a name such as "registry.example.com".');
  }
  const namespaceName = _validateDns1123Label(props.namespaceName ?? 'harbor', 'registry namespace name');
  const prefix = _validateDns1123Label(props.namePrefix ?? 'harbor', 'registry name prefix');
  const image = checkImages(props);
  if ((props.ingressIssuer ? 1 : 0) + (props.ingressTlsSecretName ? 1 : 0) !== 1) {
    throw new Error('SecureRegistryStack needs exactly one of ingressIssuer (a cert-manager issuer for the external certificate) ' +
      'and ingressTlsSecretName (an existing kubernetes.io/tls Secret): the registry is only served over TLS.');
  }
  if (props.ingressTlsSecretName) _validateDns1123Subdomain(props.ingressTlsSecretName, 'ingressTlsSecretName');
  const replicas = props.replicas ?? 1;
  if (!Number.isInteger(replicas) || replicas < 1) {
    throw new Error(`Invalid replicas ${replicas} for SecureRegistryStack: must be an integer of at least 1. Use 1, or 2 and more `
      + 'together with s3Storage for high availability.');
  }
  if (replicas > 1 && !props.s3Storage) {
    throw new Error(`replicas ${replicas} needs object storage: the registry PVC is ReadWriteOnce. Set s3Storage, or keep replicas at 1.`);
  }
  const registryStorageSize = props.registryStorageSize ?? HARBOR_COMPONENTS.registry.data!.size;
  if (props.s3Storage && props.registryStorageSize) {
    throw new Error('registryStorageSize and s3Storage conflict: the registry stores blobs either on a PVC or in object storage. Remove one.');
  }
  if (_parseQuantity(registryStorageSize, 'registryStorageSize') <= 0) {
    throw new Error(`Invalid registryStorageSize "${registryStorageSize}": must be greater than zero, e.g. "50Gi".`);
  }
  const db = props.externalDatabase;
  if (db) checkExternalDatabase(db);
  const redis = props.externalRedis;
  if (redis) checkExternalRedis(redis);
  checkS3(props);
  if (props.trivyUpdateCidrs && props.trivy === false) {
    throw new Error('trivyUpdateCidrs is set but trivy is false: remove trivyUpdateCidrs or enable trivy.');
  }
  if (props.trivyUpdateCidrs) _checkCidrs(props.trivyUpdateCidrs, 'trivyUpdateCidrs');
  if (props.trivyDatabase && props.trivy === false) {
    throw new Error('trivyDatabase is set but trivy is false: remove trivyDatabase or enable trivy.');
  }
  if (props.trivyDatabase && props.trivyUpdateCidrs) {
    throw new Error('trivyDatabase and trivyUpdateCidrs conflict: both say where trivy downloads its databases. Keep trivyDatabase '
      + '(for example HarborTrivyDatabase.ociMirror({ repository, javaRepository, cidrs })) and remove trivyUpdateCidrs.');
  }
  if (props.trivyGitHubToken && props.trivy === false) {
    throw new Error('trivyGitHubToken is set but trivy is false: remove trivyGitHubToken or enable trivy.');
  }
  if (props.trivyGitHubToken) checkSecretKeyRef(props.trivyGitHubToken, 'trivyGitHubToken');
  const coreAddress = `${prefix}-core:${_componentPort('core', props.internalTls ?? true)}`;
  const trivyDatabase = props.trivy === false || props.trivyUpdateCidrs ? undefined
    : (props.trivyDatabase ?? HarborTrivyDatabase.offline())._resolve(coreAddress);
  if (trivyDatabase?.egress) _checkCidrs(trivyDatabase.egress.cidrs, 'trivyDatabase cidrs');
  const httpProxy = props.httpProxy ? checkHttpProxy(props.httpProxy, prefix, namespaceName) : undefined;
  const internalTls = props.internalTls ?? true;
  if (!internalTls && props.internalIssuer) {
    throw new Error('internalIssuer is set but internalTls is false: remove internalIssuer or enable internalTls.');
  }
  const databaseMaxIdleConns = props.databaseMaxIdleConns ?? HARBOR_DATABASE_POOL.maxIdleConns;
  const databaseMaxOpenConns = props.databaseMaxOpenConns ?? HARBOR_DATABASE_POOL.maxOpenConns;
  for (const [what, value] of [['databaseMaxIdleConns', databaseMaxIdleConns], ['databaseMaxOpenConns', databaseMaxOpenConns]] as const) {
    if (!Number.isInteger(value) || value < 1) {
      throw new Error(`Invalid ${what} ${value}: must be an integer of at least 1 (the chart uses ${HARBOR_DATABASE_POOL.maxIdleConns} idle and `
        + `${HARBOR_DATABASE_POOL.maxOpenConns} open connections).`);
    }
  }
  if (databaseMaxIdleConns > databaseMaxOpenConns) {
    throw new Error(`databaseMaxIdleConns ${databaseMaxIdleConns} exceeds databaseMaxOpenConns ${databaseMaxOpenConns}: idle connections are `
      + 'part of the open ones. Lower databaseMaxIdleConns or raise databaseMaxOpenConns.');
  }
  const trivy = props.trivy ?? true;
  const metrics = props.metricsNamespace !== undefined;
  const components: HarborComponentName[] = ['core', 'portal', 'registry', 'registryctl', 'jobservice',
    ...(trivy ? ['trivy' as const] : []), ...(metrics ? ['exporter' as const] : []),
    ...(db ? [] : ['database' as const]), ...(redis ? [] : ['redis' as const])];
  return {
    hostname: props.hostname,
    namespaceName,
    prefix,
    image,
    replicas,
    registryStorageSize,
    internalTls,
    trivy,
    metrics,
    externalDatabase: db,
    externalRedis: redis,
    databaseMaxIdleConns,
    databaseMaxOpenConns,
    trivyDatabase,
    httpProxy,
    components,
  };
}
