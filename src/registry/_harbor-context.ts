// SPDX-License-Identifier: Apache-2.0
/**
 * What every Harbor component reads: resolved props, URLs and endpoints, the Harbor secret and its references, the
 * internal TLS mounts, the CA bundle of install_cert.sh images, data volumes, and the one way a component becomes a
 * workload (service account, Service, Deployment or StatefulSet). Internal.
 */
import { Duration, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import {
  _clientsOf, _componentPort, _componentPortName, _containerPortName, _servicePortName,
  HARBOR_COMPONENTS, HARBOR_METRICS_PORT, HARBOR_PROXY_COMPONENTS, HARBOR_REDIS_DB, HARBOR_SECRET,
  HarborComponentName, HarborProbe,
} from './_harbor-components';
import {
  _coreAppConf, _ConfigInput, _jobserviceConfig, _portalNginxConf, _registryConfig, _registryctlConfig,
} from './_harbor-config';
import type { _ResolvedRegistryProps } from './_harbor-props';
import type { SecureRegistryStackProps } from './secure-registry-stack';
import { _isPinnedByDigest, _parseImage } from '../core/_image-reference';
import { _parseQuantity } from '../core/_util';
import { HardenedNamespace } from '../namespace/hardened-namespace';
import { Suppressions } from '../policy/integrations/suppressions';
import { ContainerEnvReadsNoSecrets } from '../policy/rules/workload/container-env-reads-no-secrets';
import { ContainerImageIsPinnedByDigest } from '../policy/rules/workload/container-image-is-pinned-by-digest';
import { LeastPrivilegeServiceAccount } from '../rbac/least-privilege-service-account';
import { HardenedContainerProps } from '../workload/hardened-container';
import { HardenedDeployment } from '../workload/hardened-deployment';
import { HardenedStatefulSet } from '../workload/hardened-stateful-set';

/** Requests and limits of the small init containers. */
const INIT_RESOURCES = { cpuRequest: '10m', memoryRequest: '16Mi', cpuLimit: '100m', memoryLimit: '64Mi' };

/** A component's workload with its service account and Service. @internal */
export interface _HarborWorkload {
  readonly workload: kplus.AbstractPod;
  readonly service: kplus.Service;
  readonly serviceAccount: LeastPrivilegeServiceAccount;
}

/** Options of `HarborContext.addWorkload`. @internal */
export interface _WorkloadOptions {
  /** The pod mounts a ReadWriteOnce PVC: a Deployment then uses the Recreate strategy. */
  readonly readWriteOnceVolume?: boolean;
}

/** The CA bundle of an install_cert.sh image: the init container that seeds it and the container's mounts. @internal */
export interface _CaBundle {
  readonly init: HardenedContainerProps;
  readonly mounts: kplus.VolumeMount[];
}

/** Inputs of the context that the stack creates before it (namespace, certificates, secret). @internal */
export interface _HarborContextInputs {
  readonly props: SecureRegistryStackProps;
  readonly resolved: _ResolvedRegistryProps;
  readonly namespace: HardenedNamespace;
  readonly secretName: string;
  /** Internal TLS certificate Secrets by component. */
  readonly certSecrets: Partial<Record<HarborComponentName, string>>;
  /** Secret of the token-signing certificate. */
  readonly tokenSecretName: string;
  /** Secret of the external (Ingress) certificate. */
  readonly ingressTlsSecretName: string;
}

/** @internal */
export class HarborContext extends Construct {
  public readonly props: SecureRegistryStackProps;
  public readonly r: _ResolvedRegistryProps;
  public readonly namespace: HardenedNamespace;
  public readonly prefix: string;
  public readonly tlsOn: boolean;
  public readonly scheme: string;
  public readonly secretName: string;
  public readonly harborSecret: kplus.ISecret;
  public readonly certSecrets: Partial<Record<HarborComponentName, string>>;
  public readonly tokenSecretName: string;
  public readonly ingressTlsSecretName: string;
  /** The Redis password as an env value (internal Valkey: the Harbor secret; external: its Secret, if any). */
  public readonly redisPassword?: kplus.EnvValue;
  /** `REDIS_PASSWORD` first in the env of every Redis client, so `$(REDIS_PASSWORD)` expands in the URLs after it. */
  public readonly redisPasswordEnv: { [k: string]: kplus.EnvValue };
  public readonly dbHost: string;
  public readonly dbPort: number;
  public readonly dbUser: string;
  public readonly dbName: string;
  public readonly dbSslMode: string;
  public readonly dbPassword: kplus.EnvValue;
  public readonly redisHost: string;
  public readonly redisPort: number;
  public readonly configVolume: kplus.Volume;
  /** Workloads by component (registryctl has none: it runs in the registry pod). */
  public readonly workloads: Partial<Record<HarborComponentName, _HarborWorkload>> = {};
  private readonly redisAuth: string;
  private readonly tlsVolumes: Construct;
  private readonly volumes: Record<string, kplus.Volume> = {};
  /** The Secret behind each Secret volume, and whether a change of it needs a restart (Reloader). */
  private readonly volumeSecrets = new Map<kplus.Volume, { readonly secretName: string; readonly reload: boolean }>();

  constructor(scope: Construct, id: string, inputs: _HarborContextInputs) {
    super(scope, id);
    const r = inputs.resolved;
    this.props = inputs.props;
    this.r = r;
    this.namespace = inputs.namespace;
    this.prefix = r.prefix;
    this.tlsOn = r.internalTls;
    this.scheme = this.tlsOn ? 'https' : 'http';
    this.secretName = inputs.secretName;
    this.certSecrets = inputs.certSecrets;
    this.tokenSecretName = inputs.tokenSecretName;
    this.ingressTlsSecretName = inputs.ingressTlsSecretName;
    this.harborSecret = kplus.Secret.fromSecretName(this, 'HarborSecret', this.secretName);
    this.tlsVolumes = new Construct(this, 'InternalTlsVolumes');

    const redis = r.externalRedis;
    this.redisHost = redis ? redis.host : `${this.prefix}-redis`;
    this.redisPort = redis?.port ?? 6379;
    // The Redis password (the internal Valkey's from the Harbor secret, an external server's from its own Secret) is
    // expanded by the kubelet into the URLs ($(REDIS_PASSWORD), defined first in each container's env), so it never
    // appears in the manifests.
    this.redisPassword = redis
      ? (redis.password
        ? kplus.EnvValue.fromSecretValue({ secret: kplus.Secret.fromSecretName(this, 'RedisPassword', redis.password.secretName), key: redis.password.key })
        : undefined)
      : this.sv(HARBOR_SECRET.redis);
    this.redisPasswordEnv = this.redisPassword ? { [HARBOR_SECRET.redis]: this.redisPassword } : {};
    this.redisAuth = this.redisPassword ? `:$(${HARBOR_SECRET.redis})@` : '';

    const db = r.externalDatabase;
    this.dbHost = db ? db.host : `${this.prefix}-database`;
    this.dbPort = db?.port ?? 5432;
    this.dbUser = db?.username ?? (db ? 'harbor' : 'postgres');
    this.dbName = db?.database ?? 'registry';
    this.dbSslMode = db ? 'verify-full' : 'disable';
    this.dbPassword = db
      ? kplus.EnvValue.fromSecretValue({ secret: kplus.Secret.fromSecretName(this, 'DbPassword', db.password.secretName), key: db.password.key })
      : this.sv(HARBOR_SECRET.database);

    const s3 = this.props.s3Storage;
    const cfg: _ConfigInput = {
      prefix: this.prefix,
      internalTls: this.tlsOn,
      redisAddr: `${this.redisHost}:${this.redisPort}`,
      redisTls: !!redis,
      redisSentinelMasterSet: redis?.sentinelMasterSet,
      metrics: r.metrics,
      metricsPort: HARBOR_METRICS_PORT,
      s3: s3 ? { bucket: s3.bucket, region: s3.region, endpoint: s3.endpoint } : undefined,
      jobLogDir: HARBOR_COMPONENTS.jobservice.data!.mountPath,
      jobLogsInDatabase: r.replicas > 1,
    };
    const configMap = new kplus.ConfigMap(this, 'Config', {
      metadata: { name: `${this.prefix}-config`, namespace: r.namespaceName },
      data: {
        [HARBOR_COMPONENTS.core.config!.key]: _coreAppConf(cfg),
        [HARBOR_COMPONENTS.jobservice.config!.key]: _jobserviceConfig(cfg, this.jobQueueRedisUrl().replace(this.redisAuth, '')),
        [HARBOR_COMPONENTS.portal.config!.key]: _portalNginxConf(cfg),
        [HARBOR_COMPONENTS.registry.config!.key]: _registryConfig(cfg),
        [HARBOR_COMPONENTS.registryctl.config!.key]: _registryctlConfig(cfg),
      },
    });
    this.configVolume = kplus.Volume.fromConfigMap(this, 'ConfigVolume', configMap, { name: 'config' });
  }

  /** A key of the Harbor secret as an env value. */
  public sv(key: string): kplus.EnvValue {
    return kplus.EnvValue.fromSecretValue({ secret: this.harborSecret, key });
  }

  /** The in-cluster URL of a component (registryctl is served by the registry Service). */
  public url(c: HarborComponentName): string {
    return `${this.scheme}://${this.prefix}-${HARBOR_COMPONENTS[c].pod}:${_componentPort(c, this.tlsOn)}`;
  }

  /** A Redis URL for a database index, with `$(REDIS_PASSWORD)` when there is a password. */
  public redisUrl(dbIndex: number): string {
    const redis = this.r.externalRedis;
    const hostPort = `${this.redisAuth}${this.redisHost}:${this.redisPort}`;
    if (!redis) return `redis://${hostPort}/${dbIndex}?idle_timeout_seconds=30`;
    if (redis.sentinelMasterSet) return `rediss+sentinel://${hostPort}/${redis.sentinelMasterSet}/${dbIndex}?idle_timeout_seconds=30`;
    return `rediss://${hostPort}/${dbIndex}?idle_timeout_seconds=30`;
  }

  /** The jobservice queue (database 1) without query, as jobservice and the exporter use it. */
  public jobQueueRedisUrl(): string {
    return this.redisUrl(HARBOR_REDIS_DB.jobservice).replace(/\?.*$/, '');
  }

  /** The ConfigMap file of a component, mounted read-only at its path. */
  public configMount(c: HarborComponentName): kplus.VolumeMount {
    const config = HARBOR_COMPONENTS[c].config!;
    return { volume: this.configVolume, path: config.path, subPath: config.key, readOnly: true };
  }

  /**
   * A volume of Secret `secretName` (a `Secret` reference is created next to it). `reload: false` for a directory mount
   * that the process re-reads (the kubelet refreshes it), so its renewal restarts nothing.
   */
  public secretVolume(scope: Construct, id: string, secretName: string, options: kplus.SecretVolumeOptions, reload = true): kplus.Volume {
    const holder = new Construct(scope, id);
    const volume = kplus.Volume.fromSecret(holder, 'Volume', kplus.Secret.fromSecretName(holder, 'Secret', secretName), options);
    this.volumeSecrets.set(volume, { secretName, reload });
    return volume;
  }

  /** A volume created once per scope and id. */
  public volume(scope: Construct, id: string, make: () => kplus.Volume): kplus.Volume {
    const key = `${scope.node.path}/${id}`;
    if (!this.volumes[key]) this.volumes[key] = make();
    return this.volumes[key];
  }

  /** Private CAs of external servers, appended to the component's bundle by install_cert.sh (`/harbor_cust_cert`). */
  public custCaMounts(scope: Construct, c: HarborComponentName): kplus.VolumeMount[] {
    const mounts: kplus.VolumeMount[] = [];
    const db = this.r.externalDatabase;
    const redis = this.r.externalRedis;
    const secretVolume = (id: string, secretName: string, name: string) => this.volume(scope, id, () => {
      const holder = new Construct(scope, id);
      return this.secretVolume(holder, 'Volume', secretName, { name });
    });
    // The clients of the database and Redis are the sources of their flows (one table, HARBOR_FLOWS).
    if (db && _clientsOf('database').includes(c)) {
      mounts.push({ volume: secretVolume('DbCa', db.caSecretName, 'db-ca'), path: '/harbor_cust_cert/postgresql-ca.crt', subPath: 'ca.crt', readOnly: true });
    }
    if (redis && _clientsOf('redis').includes(c)) {
      mounts.push({ volume: secretVolume('RedisCa', redis.caSecretName, 'redis-ca'), path: '/harbor_cust_cert/redis-ca.crt', subPath: 'ca.crt', readOnly: true });
    }
    // Object storage with a private CA: registry and registryctl (garbage collection) both reach the bucket.
    const s3Ca = this.props.s3Storage?.caSecretName;
    if (s3Ca && ['registry', 'registryctl'].includes(c)) {
      mounts.push({ volume: secretVolume('S3Ca', s3Ca, 's3-ca'), path: '/harbor_cust_cert/s3-ca.crt', subPath: 'ca.crt', readOnly: true });
    }
    return mounts;
  }

  /** `HTTP_PROXY`, `HTTPS_PROXY` and `NO_PROXY` for the containers the chart proxies, when a proxy is set. */
  public proxyEnv(c: HarborComponentName): { [k: string]: kplus.EnvValue } {
    const proxy = this.r.httpProxy;
    if (!proxy || !HARBOR_PROXY_COMPONENTS.includes(c)) return {};
    return {
      ...(proxy.httpProxy ? { HTTP_PROXY: kplus.EnvValue.fromValue(proxy.httpProxy) } : {}),
      ...(proxy.httpsProxy ? { HTTPS_PROXY: kplus.EnvValue.fromValue(proxy.httpsProxy) } : {}),
      NO_PROXY: kplus.EnvValue.fromValue(proxy.noProxy),
    };
  }

  /** The internal TLS env of a container that uses the certificate of `certOf`. */
  public tlsEnv(certOf: HarborComponentName): { [k: string]: kplus.EnvValue } {
    if (!this.tlsOn) return {};
    return {
      INTERNAL_TLS_ENABLED: kplus.EnvValue.fromValue('true'),
      INTERNAL_TLS_KEY_PATH: kplus.EnvValue.fromValue(`/etc/harbor/ssl/${certOf}/tls.key`),
      INTERNAL_TLS_CERT_PATH: kplus.EnvValue.fromValue(`/etc/harbor/ssl/${certOf}/tls.crt`),
      INTERNAL_TLS_TRUST_CA_PATH: kplus.EnvValue.fromValue(`/etc/harbor/ssl/${certOf}/ca.crt`),
    };
  }

  /** The internal TLS Secret of `certOf` mounted read-only at `/etc/harbor/ssl/<certOf>`. */
  public tlsMounts(certOf: HarborComponentName): kplus.VolumeMount[] {
    const secretName = this.certSecrets[certOf];
    if (!this.tlsOn || !secretName) return [];
    const holder = (this.tlsVolumes.node.tryFindChild(certOf) as Construct | undefined) ?? new Construct(this.tlsVolumes, certOf);
    const volume = this.volume(holder, 'Volume',
      () => this.secretVolume(holder, 'Volume', secretName, { name: `${certOf}-internal-tls` }));
    return [{ volume, path: `/etc/harbor/ssl/${certOf}`, readOnly: true }];
  }

  /**
   * Only `ca.crt` of the internal TLS Secret of `certOf`, at `/etc/harbor/ssl/<certOf>/ca.crt`: for a client that must
   * trust that component but has no business holding its private key (install_cert.sh adds it to the bundle).
   */
  public trustMounts(scope: Construct, certOf: HarborComponentName): kplus.VolumeMount[] {
    const secretName = this.certSecrets[certOf];
    if (!this.tlsOn || !secretName) return [];
    const volume = this.secretVolume(scope, 'TrustVolume', secretName, { name: `${certOf}-internal-ca`, items: { 'ca.crt': { path: 'ca.crt' } } });
    return [{ volume, path: `/etc/harbor/ssl/${certOf}`, readOnly: true }];
  }

  /** The container props every component shares: name, image, ports, resources, probes, writable paths. */
  public common(c: HarborComponentName): Partial<HardenedContainerProps> {
    const spec = HARBOR_COMPONENTS[c];
    const port = _componentPort(c, this.tlsOn);
    const https = this.tlsOn && spec.internalTls;
    return {
      name: c,
      image: this.r.image(c),
      // With metrics, core, jobservice and registry also declare 8001 (`http-metrics`), so their Services carry it as the chart's do.
      ports: [{ number: port, name: _containerPortName(_componentPortName(c, this.tlsOn)) },
        ...(this.r.metrics && spec.metricsPort && spec.metricsPort !== port ? [{ number: spec.metricsPort, name: 'http-metrics' }] : [])],
      resources: { ...spec.resources },
      liveness: this.probe(spec.liveness, port, https),
      readiness: this.probe(spec.readiness, port, https),
      startup: spec.startup ? this.probe(spec.startup, port, https) : undefined,
      writablePaths: spec.writablePaths.filter(w => w.mountPath !== '/etc/pki/tls/certs' && !w.medium).map(w => w.mountPath),
      writablePathSizeLimit: spec.writablePaths.reduce((max, w) => (_parseQuantity(w.sizeLimit) > _parseQuantity(max) ? w.sizeLimit : max), '1Mi'),
    };
  }

  /**
   * The CA bundle of an install_cert.sh image on a read-only root: an emptyDir over `/etc/pki/tls/certs` seeded by an
   * init container, and `ca-bundle.crt.original` pre-created next to the script (subPath).
   */
  public caBundle(scope: Construct, id: string, c: HarborComponentName): _CaBundle {
    const dir = HARBOR_COMPONENTS[c].installCertDir!;
    const holder = new Construct(scope, id);
    const certs = kplus.Volume.fromEmptyDir(holder, 'Certs', `${c}-ca-bundle`, { sizeLimit: Size.mebibytes(16) });
    const original = kplus.Volume.fromEmptyDir(holder, 'Original', `${c}-ca-original`, { sizeLimit: Size.mebibytes(16) });
    return {
      init: {
        name: `${c}-ca-bundle-init`,
        image: this.r.image(c),
        // `cp -R`, not `cp -a`: as a non-root user GNU cp cannot set the times of the emptyDir root and exits 1; toybox
        // (Photon) and GNU both copy the contents with `-R dir/.`.
        command: ['/bin/sh', '-c', 'cp -R /etc/pki/tls/certs/. /ca-bundle/ && cp /etc/pki/tls/certs/ca-bundle.crt /ca-original/ca-bundle.crt.original'],
        volumeMounts: [{ volume: certs, path: '/ca-bundle', readOnly: false }, { volume: original, path: '/ca-original', readOnly: false }],
        resources: { ...INIT_RESOURCES },
      },
      mounts: [
        { volume: certs, path: '/etc/pki/tls/certs', readOnly: false },
        { volume: original, path: `${dir}/ca-bundle.crt.original`, subPath: 'ca-bundle.crt.original' },
      ],
    };
  }

  /** The data PVC of a component (`<prefix>-<volume>`, ReadWriteOnce) as a pod volume. */
  public dataVolume(scope: Construct, c: HarborComponentName, size?: string): kplus.Volume {
    const data = HARBOR_COMPONENTS[c].data!;
    const claim = new kplus.PersistentVolumeClaim(scope, 'Data', {
      metadata: { name: `${this.prefix}-${data.volume}`, namespace: this.r.namespaceName },
      storage: Size.mebibytes(Math.ceil(_parseQuantity(size ?? data.size) / 2 ** 20)),
      accessModes: [kplus.PersistentVolumeAccessMode.READ_WRITE_ONCE],
      storageClassName: this.props.storageClassName,
    });
    return kplus.Volume.fromPersistentVolumeClaim(scope, 'DataVolume', claim, { name: data.volume });
  }

  /** Requests and limits of an init container. */
  public initResources(): HardenedContainerProps['resources'] {
    return { ...INIT_RESOURCES };
  }

  /** The pod labels of a component (registryctl: the registry pod). */
  public podLabels(c: HarborComponentName): { [key: string]: string } {
    return { 'app.kubernetes.io/component': HARBOR_COMPONENTS[c].pod, 'app.kubernetes.io/instance': this.prefix, 'app.kubernetes.io/name': 'harbor' };
  }

  /**
   * Makes a component's workload under `scope`: its service account, its ClusterIP Service (named like the chart's,
   * `<prefix>-<component>`; for a StatefulSet also the governing Service) and the Deployment or StatefulSet.
   */
  public addWorkload(scope: Construct, c: HarborComponentName, containers: HardenedContainerProps[],
    initContainers: HardenedContainerProps[] = [], options: _WorkloadOptions = {}): _HarborWorkload {
    const spec = HARBOR_COMPONENTS[c];
    const name = `${this.prefix}-${c}`;
    const serviceAccount = new LeastPrivilegeServiceAccount(scope, 'ServiceAccount', { name, namespace: this.namespace });
    const common = {
      name,
      namespace: this.namespace,
      labels: this.podLabels(c),
      runAsUser: spec.uid,
      runAsGroup: spec.uid,
      fsGroup: spec.uid,
      serviceAccount,
      containers,
      initContainers: initContainers.length > 0 ? initContainers : undefined,
      terminationGracePeriod: Duration.seconds(120),
      replicas: spec.replicated ? this.r.replicas : 1,
      // A data volume is re-owned to fsGroup only when its root is not already (else every start walks every blob).
      fsGroupChangePolicy: spec.data ? kplus.FsGroupChangePolicy.ON_ROOT_MISMATCH : undefined,
    };
    // A ReadWriteOnce volume cannot be attached to the new pod while the old one holds it on another node (Multi-Attach):
    // replace the pod instead of surging (the chart's values advise Recreate for a non-RWX registry volume).
    const strategy = options.readWriteOnceVolume ? kplus.DeploymentStrategy.recreate() : undefined;
    const ports = containers.flatMap(ct => (ct.ports ?? []).map(p => ({ port: p.number, targetPort: p.number, name: _servicePortName(p.name) })));
    const service = new kplus.Service(scope, 'Service', {
      metadata: { name, namespace: this.namespace.name, labels: this.podLabels(c) },
      ports,
    });
    const workload = spec.kind === 'Deployment'
      ? new HardenedDeployment(scope, 'Resource', { ...common, strategy })
      : new HardenedStatefulSet(scope, 'Resource', { ...common, service });
    if (spec.kind === 'Deployment') service.select(workload);
    // Restart only what changed: the Secrets this pod mounts (except those it re-reads live) or reads into its env.
    const reload = this.secretsRead([...containers, ...initContainers]);
    if (reload.length > 0) workload.podMetadata.addAnnotation('secret.reloader.stakater.com/reload', reload.join(','));
    const tagOnly = [...containers, ...initContainers].map(ct => ct.image).filter(image => !_isPinnedByDigest(_parseImage(image)));
    if (tagOnly.length > 0) {
      Suppressions.add(workload, [{
        id: ContainerImageIsPinnedByDigest.ID,
        reason: `Harbor images pinned by release tag only (${[...new Set(tagOnly)].sort().join(', ')}); set SecureRegistryStack imageDigests to pin them by digest.`,
      }]);
    }
    this.suppressSecretEnv(workload, [...containers, ...initContainers]);
    const result = { workload, service, serviceAccount };
    this.workloads[c] = result;
    return result;
  }

  /**
   * The Harbor images are configured through environment variables (core/jobservice/registry secrets, database and Redis
   * passwords, S3 keys, the GitHub token), as the harbor-helm chart passes them: HARDEN-WL-018 is
   * suppressed on the workloads whose containers read a Secret into env, naming the variables (never values). The
   * suppression covers the whole object, not `appliesTo` the env lists: AdmissionGuardrails honours only whole-object
   * suppressions (CEL cannot map JSON pointers), so a scoped one would make the cluster warn on every Harbor pod.
   */
  private suppressSecretEnv(workload: Construct, containers: HardenedContainerProps[]): void {
    const names = containers.flatMap(ct => Object.entries(ct.envVariables ?? {}).filter(([, v]) => v.valueFrom?.secretKeyRef).map(([n]) => n));
    if (names.length === 0) return;
    Suppressions.add(workload, [{
      id: ContainerEnvReadsNoSecrets.ID,
      reason: `The Harbor images are configured through these environment variables, as harbor-helm passes them: ${
        [...new Set(names)].sort().join(', ')}; each comes from a Secret by secretKeyRef, never a literal.`,
    }]);
  }

  /** The Secrets that containers read into env vars or mount (restart-relevant mounts only), sorted. */
  private secretsRead(containers: HardenedContainerProps[]): string[] {
    const names = new Set<string>();
    for (const c of containers) {
      for (const value of Object.values(c.envVariables ?? {})) {
        const name: string | undefined = value.valueFrom?.secretKeyRef?.name;
        if (name) names.add(name);
      }
      for (const m of c.volumeMounts ?? []) {
        const secret = this.volumeSecrets.get(m.volume);
        if (secret?.reload) names.add(secret.secretName);
      }
    }
    return [...names].sort();
  }

  /** A probe as the chart defines it (section 1.6), timeout 1 s. */
  public probe(p: HarborProbe, port: number, https: boolean): kplus.Probe {
    const opts = {
      initialDelaySeconds: Duration.seconds(p.initialDelaySeconds),
      failureThreshold: p.failureThreshold,
      periodSeconds: p.periodSeconds ? Duration.seconds(p.periodSeconds) : undefined,
      timeoutSeconds: Duration.seconds(1),
    };
    if (p.kind === 'http') return kplus.Probe.fromHttpGet(p.path!, { ...opts, port, scheme: https ? kplus.ConnectionScheme.HTTPS : kplus.ConnectionScheme.HTTP });
    if (p.kind === 'tcp') return kplus.Probe.fromTcpSocket({ ...opts, port });
    return kplus.Probe.fromCommand(p.command!, opts);
  }
}
