// SPDX-License-Identifier: Apache-2.0
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import {
  _clientsOf, _componentPort, HARBOR_COMPONENTS, HARBOR_EDGE_FLOWS, HARBOR_FLOWS, HARBOR_INGRESS_PATHS, HARBOR_METRICS_PORT, HARBOR_PROXY_COMPONENTS,
  HarborComponentName,
} from './_harbor-components';
import { HarborContext } from './_harbor-context';
import { _checkCidrs, _resolveRegistryProps, _s3Port } from './_harbor-props';
import { HarborCore } from './components/core';
import { HarborDatabase } from './components/database';
import { HarborExporter } from './components/exporter';
import { HarborJobservice } from './components/jobservice';
import { HarborPortal } from './components/portal';
import { HarborRedis } from './components/redis';
import { HarborRegistry } from './components/registry';
import { HarborTrivy } from './components/trivy';
import { HarborSecretSource } from './harbor-secret-source';
import { HarborTrivyDatabase } from './harbor-trivy-database';
import { VeleroSchedule } from '../backup/velero-schedule';
import { _validateDns1123Subdomain, _validatePort } from '../core/_util';
import { INamespaceRef } from '../core/namespace-ref';
import { HardenedNamespace } from '../namespace/hardened-namespace';
import { QuotaPreset } from '../namespace/resource-guardrails';
import { DnsEgressOptions } from '../network/default-deny-policy';
import { LeastPrivilegeServiceAccount } from '../rbac/least-privilege-service-account';
import { Certificate, KeyUsage, PrivateKeyAlgorithm } from '../tls/certificate';
import { IIssuer } from '../tls/issuer';
import { PrivateCaIssuer } from '../tls/private-ca-issuer';


/** A key of a Secret. */
export interface SecretKeyReference {
  /** The Secret name (in the registry namespace). */
  readonly secretName: string;
  /** The key inside the Secret. */
  readonly key: string;
}

/**
 * An external PostgreSQL server. TLS with full verification (`sslmode=verify-full`) is always used.
 */
export interface HarborExternalDatabase {
  /** Host name of the server (must match its certificate). */
  readonly host: string;
  /**
   * Port of the server.
   * @default 5432
   */
  readonly port?: number;
  /** CIDRs the server's addresses are in; egress is opened to these only. */
  readonly cidrs: string[];
  /**
   * The database user.
   * @default "harbor"
   */
  readonly username?: string;
  /**
   * The database name.
   * @default "registry"
   */
  readonly database?: string;
  /** The password, from a Secret. */
  readonly password: SecretKeyReference;
  /** Name of a Secret holding the server's CA certificate under key `ca.crt`. */
  readonly caSecretName: string;
}

/**
 * An external Redis (or Valkey) server, reached with TLS (`rediss://`), optionally through Sentinel.
 */
export interface HarborExternalRedis {
  /** Host name of the server or of a Sentinel (must match its certificate). */
  readonly host: string;
  /**
   * Port of the server (Sentinel: 26379).
   * @default 6379
   */
  readonly port?: number;
  /** CIDRs the server's (and Sentinels') addresses are in; egress is opened to these only. */
  readonly cidrs: string[];
  /**
   * Sentinel master set name; when set, Harbor connects through Sentinel.
   * @default - no Sentinel
   */
  readonly sentinelMasterSet?: string;
  /**
   * With Sentinel: the port of the Redis servers the Sentinels name as master. Harbor asks a Sentinel on `port`, then
   * connects to the master on this port, so egress is opened to `cidrs` on both.
   * @default 6379
   */
  readonly sentinelRedisPort?: number;
  /**
   * The password, from a Secret.
   * @default - no password (not recommended)
   */
  readonly password?: SecretKeyReference;
  /** Name of a Secret holding the server's CA certificate under key `ca.crt`. */
  readonly caSecretName: string;
}

/** S3-compatible object storage for image blobs. */
export interface HarborS3Storage {
  /** The bucket. */
  readonly bucket: string;
  /** The region. */
  readonly region: string;
  /**
   * Endpoint of an S3-compatible service (MinIO, Ceph).
   * @default - AWS S3
   */
  readonly endpoint?: string;
  /** CIDRs of the object storage endpoint; egress is opened to these only, on the endpoint's port (443 unless `endpoint` names one). */
  readonly cidrs: string[];
  /** Secret with keys `REGISTRY_STORAGE_S3_ACCESSKEY` and `REGISTRY_STORAGE_S3_SECRETKEY`. */
  readonly credentialsSecretName: string;
  /**
   * Name of a Secret holding, under key `ca.crt`, the CA that issued the endpoint's certificate, for an S3-compatible
   * service with a private CA (the registry verifies it; `secure` is always on).
   * @default - the image's public CA bundle
   */
  readonly caSecretName?: string;
}

/**
 * A Harbor workload. Values equal the `app.kubernetes.io/component` label of its pods (and the suffix of its
 * service account, Service and workload names). registryctl runs in the registry pod.
 */
export enum HarborComponent {
  /**
   * harbor-core: API, token service, proxy cache, LDAP/OIDC (architecture flow E4). Replication runs in core as well
   * as in jobservice: core lists the source artifacts, checks endpoint health and prepares the destination, so
   * replication targets need egress from both.
   */
  CORE = 'core',
  /** harbor-portal: the web UI (nginx). */
  PORTAL = 'portal',
  /** The registry pod (distribution and registryctl): object storage (E1). */
  REGISTRY = 'registry',
  /** harbor-jobservice: replication copies, webhooks, preheat (E3); see CORE for replication. */
  JOBSERVICE = 'jobservice',
  /** The Trivy adapter: vulnerability database downloads (E2). */
  TRIVY = 'trivy',
  /** harbor-exporter (only with metrics). */
  EXPORTER = 'exporter',
  /** The internal PostgreSQL (not with an external database). */
  DATABASE = 'database',
  /** The internal Valkey (not with an external Redis). */
  REDIS = 'redis',
}

/**
 * Image digests of the Harbor images, each `sha256:<64 hex>`, appended to the image reference
 * (`...:v2.15.2@sha256:...`). Resolve them from the registry you pull from, e.g.
 * `crane digest mirror.example.com/goharbor/harbor-core:v2.15.2`.
 */
export interface HarborImageDigests {
  /** harbor-core. @default - pinned by tag only */
  readonly core?: string;
  /** harbor-portal. @default - pinned by tag only */
  readonly portal?: string;
  /** registry-photon. @default - pinned by tag only */
  readonly registry?: string;
  /** harbor-registryctl. @default - pinned by tag only */
  readonly registryctl?: string;
  /** harbor-jobservice. @default - pinned by tag only */
  readonly jobservice?: string;
  /** trivy-adapter-photon. @default - pinned by tag only */
  readonly trivy?: string;
  /** harbor-exporter. @default - pinned by tag only */
  readonly exporter?: string;
  /** harbor-db. @default - pinned by tag only */
  readonly database?: string;
  /** valkey-photon. @default - pinned by tag only */
  readonly redis?: string;
}

/** Options for `SecureRegistryStack.allowEgress`. */
export interface HarborEgressOptions {
  /** Destination CIDRs. */
  readonly cidrs: string[];
  /** Destination TCP ports. */
  readonly ports: number[];
}

/**
 * An HTTP proxy for Harbor's outbound HTTP(S): core, jobservice, trivy and the registry pod (registry, registryctl) get
 * `HTTP_PROXY`, `HTTPS_PROXY` and `NO_PROXY` (the chart's component list) and egress to the proxy only.
 */
export interface HarborHttpProxy {
  /**
   * Proxy for `http://` requests (`HTTP_PROXY`), e.g. "http://proxy.example.com:3128". No credentials in the URL:
   * they would be written into the manifests.
   * @default - none
   */
  readonly httpProxy?: string;
  /**
   * Proxy for `https://` requests (`HTTPS_PROXY`), e.g. "http://proxy.example.com:3128".
   * @default - none
   */
  readonly httpsProxy?: string;
  /**
   * Extra `NO_PROXY` entries (host names, domains with a leading '.', IPs or CIDRs), appended to the in-cluster ones.
   * @default - only the in-cluster names: every component's Service, `.<namespace>.svc`, `.svc`, `127.0.0.1`,
   * `localhost`, `.local`, `.internal`
   */
  readonly noProxy?: string[];
  /** CIDRs of the proxy; the proxied components get egress to them on the proxy URLs' ports. */
  readonly cidrs: string[];
}

/** Options of the registry's Velero backup. */
export interface HarborBackupOptions {
  /**
   * Cron expression (five fields, UTC).
   * @default - daily at 02:00 (VeleroSchedule's default)
   */
  readonly schedule?: string;
  /**
   * How long each backup is kept, as a Go duration.
   * @default - 30 days (VeleroSchedule's default)
   */
  readonly ttl?: string;
  /**
   * The BackupStorageLocation to write to.
   * @default - Velero's default location
   */
  readonly storageLocation?: string;
  /**
   * The namespace Velero runs in.
   * @default "velero"
   */
  readonly veleroNamespace?: string;
}

/**
 * Properties for `SecureRegistryStack`.
 */
export interface SecureRegistryStackProps {
  /** External host name of the registry (Ingress host and certificate SAN), e.g. `registry.example.com`. */
  readonly hostname: string;

  /**
   * Name of the registry's own namespace (created as a `HardenedNamespace`, PSA restricted).
   * @default "harbor"
   */
  readonly namespaceName?: string;

  /**
   * Name prefix of every object (`<prefix>-core`, ...).
   * @default "harbor"
   */
  readonly namePrefix?: string;

  /**
   * Image registry prefix, for a private mirror in air-gapped clusters (`mirror.example.com/goharbor`).
   * @default "docker.io/goharbor"
   */
  readonly imageRegistry?: string;

  /**
   * Image tag of the Harbor images (a v2.15 release; `latest` is refused).
   * @default "v2.15.2"
   */
  readonly imageTag?: string;

  /**
   * Image digests by image, each `sha256:<64 hex>`, appended to the image reference (`...:v2.15.2@sha256:...`).
   *
   * Without a digest a component is pinned by its release tag only, and its workload carries a visible suppression of
   * HARDEN-WL-004 (image pinned by digest) saying so: the library cannot know the digests of your mirror offline, and
   * a made-up digest would not pull.
   * @default - no digests: images pinned by tag, HARDEN-WL-004 suppressed with that reason
   */
  readonly imageDigests?: HarborImageDigests;

  /**
   * Issuer of the external (Ingress) certificate, for example an ACME or corporate ClusterIssuer.
   * Exactly one of `ingressIssuer` and `ingressTlsSecretName` is required.
   * @default - none
   */
  readonly ingressIssuer?: IIssuer;

  /**
   * An existing `kubernetes.io/tls` Secret for the Ingress, instead of a cert-manager Certificate.
   * @default - none
   */
  readonly ingressTlsSecretName?: string;

  /**
   * IngressClass of the Ingress.
   * @default "nginx"
   * @see https://kubernetes.io/docs/concepts/services-networking/ingress/#ingress-class
   */
  readonly ingressClassName?: string;

  /**
   * Namespace of the ingress controller pods, the only source admitted to core and portal.
   * @default "ingress-nginx"
   */
  readonly ingressControllerNamespace?: string;

  /**
   * Labels of the ingress controller pods.
   * @default - the ingress-nginx controller labels
   */
  readonly ingressControllerPodLabels?: { [key: string]: string };

  /**
   * TLS between the Harbor components (core, portal, registry, registryctl, jobservice, trivy).
   * @default true
   */
  readonly internalTls?: boolean;

  /**
   * Issuer of the internal certificates.
   * @default - a private CA in the registry namespace, bootstrapped from a self-signed issuer
   */
  readonly internalIssuer?: IIssuer;

  /**
   * Where the Harbor secrets come from.
   * @default HarborSecretSource.generated(): random values generated in the cluster, never in the YAML
   */
  readonly secrets?: HarborSecretSource;

  /**
   * An external PostgreSQL instead of the internal StatefulSet.
   * @default - internal PostgreSQL (harbor-db) on a PVC
   */
  readonly externalDatabase?: HarborExternalDatabase;

  /**
   * Idle connections core and the exporter keep to PostgreSQL (`POSTGRESQL_MAX_IDLE_CONNS`, `HARBOR_DATABASE_MAX_IDLE_CONNS`).
   * Harbor's own default (2) is not meant for production.
   * @default 100 (the chart's)
   */
  readonly databaseMaxIdleConns?: number;

  /**
   * Open connections core and the exporter may hold to PostgreSQL (`POSTGRESQL_MAX_OPEN_CONNS`, `HARBOR_DATABASE_MAX_OPEN_CONNS`).
   * Keep the sum over all replicas below the server's `max_connections`.
   * @default 900 (the chart's)
   */
  readonly databaseMaxOpenConns?: number;

  /**
   * An external Redis instead of the internal StatefulSet.
   * @default - internal Valkey (valkey-photon) on a PVC, reachable only by the components that need it
   */
  readonly externalRedis?: HarborExternalRedis;

  /**
   * S3-compatible object storage for image blobs instead of a PVC.
   * @default - a PVC
   */
  readonly s3Storage?: HarborS3Storage;

  /**
   * Size of the registry PVC (filesystem storage).
   * @default "50Gi"
   */
  readonly registryStorageSize?: string;

  /**
   * StorageClass of every PVC.
   * @default - the cluster's default StorageClass
   */
  readonly storageClassName?: string;

  /**
   * Deploy the Trivy scanner.
   * @default true
   */
  readonly trivy?: boolean;

  /**
   * Egress for Trivy database updates straight from trivy's default repositories (E2: mirror.gcr.io / ghcr.io, port
   * 443). Prefer `trivyDatabase`, which can keep trivy off the internet.
   * @default - no egress (see `trivyDatabase`)
   */
  readonly trivyUpdateCidrs?: string[];

  /**
   * Where Trivy gets its vulnerability databases: `HarborTrivyDatabase.harborProxyCache(...)` (through Harbor's own
   * proxy cache, no egress for trivy), `.ociMirror(...)` or `.offline()`.
   * @default - `HarborTrivyDatabase.offline()`, unless `trivyUpdateCidrs` is set
   */
  readonly trivyDatabase?: HarborTrivyDatabase;

  /**
   * A GitHub token for trivy's downloads from ghcr.io (`SCANNER_TRIVY_GITHUB_TOKEN`), from a Secret, against the
   * anonymous rate limit.
   * @default - anonymous
   */
  readonly trivyGitHubToken?: SecretKeyReference;

  /**
   * An HTTP proxy for outbound HTTP(S) of core, jobservice, trivy and the registry.
   * @default - no proxy
   */
  readonly httpProxy?: HarborHttpProxy;

  /**
   * Namespace of the Prometheus that scrapes metrics. When set, metrics and the exporter are enabled and port 8001
   * is opened to that namespace only.
   * @default - metrics off, no exporter
   */
  readonly metricsNamespace?: INamespaceRef;

  /**
   * A Velero backup of the registry namespace and its volumes (Velero must be installed). Give the cron schedule
   * and any other `VeleroSchedule` option; `includedNamespaces` is always the registry namespace.
   * @default - no backup object
   * @see https://velero.io/docs/main/api-types/schedule/
   */
  readonly backup?: HarborBackupOptions;

  /**
   * DNS egress of the registry namespace (passed to its `HardenedNamespace`): the cluster DNS pods, ports other than
   * 53 (`dnsPorts`), NodeLocal DNSCache (`nodeLocalDnsIp`, or the node CIDR in `dnsCidrs` when it answers from the
   * host network).
   * @default - UDP and TCP 53 to the kube-dns pods in kube-system
   */
  readonly dnsEgress?: DnsEgressOptions;

  /**
   * Replicas of core, portal, jobservice and registry. With more than one, each gets a PodDisruptionBudget and
   * topology spread; the registry then needs object storage (`s3Storage`). Trivy, the database and Redis stay at one
   * replica (each keeps its data on one ReadWriteOnce PVC).
   * @default 1
   */
  readonly replicas?: number;
}

/**
 * Harbor 2.15 (the base of MSR 4) with PostgreSQL and Redis, hardened end to end: its own `HardenedNamespace`
 * (PSA restricted, default-deny), one `LeastPrivilegeServiceAccount` per component, hardened workloads (numeric
 * UIDs, read-only root filesystem, drop ALL, seccomp, requests and limits, probes), NetworkPolicies for exactly the
 * documented flows, cert-manager TLS at the edge and between components, and secrets only by reference.
 *
 * Certificate renewal: cert-manager rewrites the certificate Secrets ahead of expiry; the pods carry the
 * `secret.reloader.stakater.com/reload` annotation so Stakater Reloader restarts them and the Go processes load
 * the new certificate (install Reloader, or restart the Deployments on renewal).
 *
 * @see https://goharbor.io/docs/2.15.0/install-config/harbor-ha-helm/
 */
export class SecureRegistryStack extends Construct {
  /** The registry's namespace. */
  public readonly namespace: HardenedNamespace;
  /** Whether internal TLS is on. */
  public readonly internalTls: boolean;
  /** Name of the Secret holding the Harbor secrets. */
  public readonly secretName: string;
  /** The external hostname. */
  public readonly hostname: string;
  /** The Ingress. */
  public readonly ingress: kplus.Ingress;
  /** The Velero backup schedule, when `backup` is set. */
  public readonly backup?: VeleroSchedule;

  private readonly prefix: string;
  private readonly _components: HarborComponentName[];
  private readonly ctx: HarborContext;
  private readonly _prerequisites: string[];

  constructor(scope: Construct, id: string, props: SecureRegistryStackProps) {
    super(scope, id);
    const r = _resolveRegistryProps(props);
    this.hostname = r.hostname;
    this.internalTls = r.internalTls;
    this.prefix = r.prefix;
    this._components = r.components;
    const namespaceName = r.namespaceName;

    this.namespace = new HardenedNamespace(this, 'Namespace', {
      name: namespaceName,
      resourceQuota: { preset: QuotaPreset.MEDIUM },
      limitRange: { maxCpu: '2', maxMemory: '2Gi' },
      dnsEgress: props.dnsEgress,
    });
    const ns = this.namespace;

    // cert-manager: a private CA in the namespace (unless an issuer is given) for internal TLS and the token key
    const internalIssuer: IIssuer = props.internalIssuer
      // The CA keeps its key on renewal: leaves issued before a CA renewal keep verifying against the renewed CA
      // certificate (same key, same subject), so a renewal never breaks trust. Rotating the key is a manual step
      // (docs/secure-registry.md, Day 2).
      ?? new PrivateCaIssuer(this, 'InternalCa', { namespace: ns, name: `${this.prefix}-internal-ca`, reusePrivateKey: true });
    const certSecrets: Partial<Record<HarborComponentName, string>> = {};
    if (this.internalTls) {
      const certificates = new Construct(this, 'InternalTls');
      for (const c of this._components.filter(x => HARBOR_COMPONENTS[x].ownCertificate)) {
        const spec = HARBOR_COMPONENTS[c];
        const svc = `${this.prefix}-${c}`;
        const cert = new Certificate(certificates, c, {
          namespace: ns,
          name: `${svc}-internal-tls`,
          issuer: internalIssuer,
          commonName: svc,
          dnsNames: [svc, `${svc}.${namespaceName}.svc`, ...(spec.extraDnsNames ?? [])],
          ipAddresses: spec.extraIpAddresses,
        });
        certSecrets[c] = cert.secretName;
      }
    }
    // A renewal brings a new signing key; every core replica must pick it up, or tokens issued by one are refused by another.
    const tokenCert = new Certificate(this, 'TokenSigning', {
      namespace: ns,
      name: `${this.prefix}-token-signing`,
      issuer: internalIssuer,
      commonName: 'harbor-token-ca',
      usages: [KeyUsage.DIGITAL_SIGNATURE],
      privateKeyAlgorithm: PrivateKeyAlgorithm.RSA_4096,
    });

    const source = props.secrets ?? HarborSecretSource.generated();
    this._prerequisites = [
      'cert-manager (cert-manager.io/v1): issues the external, internal TLS and token-signing certificates',
      'Stakater Reloader: restarts each pod when a Secret it lists in secret.reloader.stakater.com/reload changes; without it the '
        + 'components keep their old certificates and internal TLS breaks when those expire',
      ...(source._needsExternalSecretsOperator ? ['External Secrets Operator (external-secrets.io): creates the Harbor secret'] : []),
      ...(props.backup ? ['Velero (velero.io): runs the backup Schedule'] : []),
    ];
    this.secretName = source._bind(this, {
      namespace: ns, prefix: this.prefix, internalDatabase: !r.externalDatabase, internalRedis: !r.externalRedis,
    });

    const ingressTlsSecretName = this.createIngressCertificate(props);
    const ctx = new HarborContext(this, 'Context', {
      props, resolved: r, namespace: ns, secretName: this.secretName, certSecrets, tokenSecretName: tokenCert.secretName, ingressTlsSecretName,
    });
    this.ctx = ctx;
    new HarborCore(this, 'Core', ctx);
    new HarborPortal(this, 'Portal', ctx);
    new HarborRegistry(this, 'Registry', ctx);
    new HarborJobservice(this, 'Jobservice', ctx);
    if (r.trivy) new HarborTrivy(this, 'Trivy', ctx);
    if (r.metrics) new HarborExporter(this, 'Exporter', ctx);
    if (!r.externalDatabase) new HarborDatabase(this, 'Database', ctx);
    if (!r.externalRedis) new HarborRedis(this, 'Redis', ctx);

    this.createNetworkPolicies(props, r.externalDatabase !== undefined, r.externalRedis !== undefined);

    if (props.backup) {
      this.backup = new VeleroSchedule(this, 'Backup', {
        ...props.backup,
        includedNamespaces: [namespaceName],
        name: `${this.prefix}-${namespaceName}`,
      });
    }
    this.ingress = this.createIngress(props, ingressTlsSecretName);
  }

  /**
   * What the cluster must run for this stack to work, one line each (`npm run example` prints them): cert-manager
   * (every certificate), Stakater Reloader (restarts pods when a certificate renews: without it internal TLS breaks
   * when the old leaf certificates expire), External Secrets Operator (generated or store secrets) and Velero (backup).
   */
  public get prerequisites(): string[] {
    return [...this._prerequisites];
  }

  /** Names of the components deployed (registryctl included), sorted. */
  public get components(): string[] {
    return [...this._components].sort();
  }

  /** The service account of a component. */
  public serviceAccount(component: HarborComponent): LeastPrivilegeServiceAccount {
    const w = this.ctx.workloads[component as HarborComponentName];
    if (!w) {
      const deployed = Object.keys(this.ctx.workloads).sort().join(', ');
      throw new Error(`SecureRegistryStack has no component "${component}": it has ${deployed}.`);
    }
    return w.serviceAccount;
  }

  /**
   * Opens extra egress for one component (architecture flows E2-E5: remote registries, LDAP/OIDC, webhooks,
   * an HTTP proxy), only to the given CIDRs and TCP ports. Replication needs it on both CORE and JOBSERVICE: core
   * lists and checks the remote endpoint, jobservice copies.
   */
  public allowEgress(component: HarborComponent, options: HarborEgressOptions): void {
    if (!this._components.includes(component as HarborComponentName)) {
      throw new Error(`allowEgress: component "${component}" is not deployed in this registry (components: ${this.components.join(', ')}).`);
    }
    _checkCidrs(options.cidrs, `allowEgress(${component}).cidrs`);
    if (!options.ports || options.ports.length === 0) {
      throw new Error(`allowEgress(${component}): no ports given; list the destination ports (e.g. [443]).`);
    }
    this.egressToCidrs(component as HarborComponentName, options.cidrs, options.ports);
  }

  /** Default-deny (namespace) plus exactly the documented flows: an egress policy at the source, an ingress policy at the destination. */
  private createNetworkPolicies(props: SecureRegistryStackProps, externalDb: boolean, externalRedis: boolean): void {
    const ns = this.namespace;
    const tlsOn = this.internalTls;
    const deployed = (c: HarborComponentName) => this._components.includes(c);
    const labels = (c: HarborComponentName) => this.ctx.podLabels(c);
    const flows = new Construct(this, 'Flows');
    for (const f of HARBOR_FLOWS) {
      if (!deployed(f.from) || !deployed(f.to)) continue;
      const ports = [{ port: _componentPort(f.to, tlsOn) }];
      const scope = new Construct(flows, f.id);
      ns.allowEgressToPods(kplus.Pods.select(scope, 'To', { labels: labels(f.to) }), { ports, targetPodLabels: labels(f.from) });
      ns.allowIngressFromPods(kplus.Pods.select(scope, 'From', { labels: labels(f.from) }), { ports, targetPodLabels: labels(f.to) });
    }
    for (const f of HARBOR_EDGE_FLOWS) {
      if (!deployed(f.to)) continue;
      if (f.from === 'ingress-controller') {
        ns.allowIngressFromIngressController({
          controllerNamespace: props.ingressControllerNamespace,
          controllerPodLabels: props.ingressControllerPodLabels,
          ports: [{ port: _componentPort(f.to, tlsOn) }],
          targetPodLabels: labels(f.to),
        });
      } else if (props.metricsNamespace) {
        ns.allowIngressFromNamespace(props.metricsNamespace, { ports: [{ port: HARBOR_METRICS_PORT }], targetPodLabels: labels(f.to) });
      }
    }
    // External database / Redis: the components that would talk to the internal one get egress to its CIDRs (E6).
    const db = props.externalDatabase;
    if (externalDb && db) {
      for (const c of _clientsOf('database').filter(deployed)) this.egressToCidrs(c, db.cidrs, [db.port ?? 5432]);
    }
    const redis = props.externalRedis;
    if (externalRedis && redis) {
      // Through Sentinel the clients ask a Sentinel for the master, then talk to the master on the Redis port.
      const port = redis.port ?? 6379;
      const ports = redis.sentinelMasterSet ? [...new Set([port, redis.sentinelRedisPort ?? 6379])].sort((a, b) => a - b) : [port];
      for (const c of _clientsOf('redis').filter(deployed)) this.egressToCidrs(c, redis.cidrs, ports);
    }
    // Object storage on the endpoint's port (443 unless the endpoint URL names one, e.g. MinIO on 9000).
    if (props.s3Storage) this.egressToCidrs('registry', props.s3Storage.cidrs, [_s3Port(props.s3Storage.endpoint)]);
    if (props.trivyUpdateCidrs) this.egressToCidrs('trivy', props.trivyUpdateCidrs, [443]);
    const trivyEgress = this.ctx.r.trivyDatabase?.egress;
    if (trivyEgress && deployed(trivyEgress.component)) this.egressToCidrs(trivyEgress.component, trivyEgress.cidrs, [trivyEgress.port]);
    const proxy = this.ctx.r.httpProxy;
    if (proxy) {
      // One policy per pod: registryctl shares the registry pod.
      const pods = HARBOR_PROXY_COMPONENTS.filter(x => deployed(x) && HARBOR_COMPONENTS[x].pod === x);
      for (const c of pods) this.egressToCidrs(c, proxy.cidrs, proxy.ports);
    }
  }

  /** The external certificate: a cert-manager Certificate from `ingressIssuer`, or the given Secret. Returns the Secret name. */
  private createIngressCertificate(props: SecureRegistryStackProps): string {
    if (!props.ingressIssuer) return props.ingressTlsSecretName!;
    return new Certificate(this, 'IngressTls', {
      namespace: this.namespace,
      name: `${this.prefix}-ingress-tls`,
      issuer: props.ingressIssuer,
      dnsNames: [this.hostname],
      usages: [KeyUsage.DIGITAL_SIGNATURE, KeyUsage.SERVER_AUTH],
    }).secretName;
  }

  /** The Ingress: TLS from the external certificate, the documented paths to core and portal. */
  private createIngress(props: SecureRegistryStackProps, ingressSecretName: string): kplus.Ingress {
    const tlsOn = this.internalTls;
    const annotations: { [k: string]: string } = {
      'nginx.ingress.kubernetes.io/force-ssl-redirect': 'true',
      'nginx.ingress.kubernetes.io/proxy-body-size': '0',
      'nginx.ingress.kubernetes.io/ssl-redirect': 'true',
      ...(tlsOn ? { 'nginx.ingress.kubernetes.io/backend-protocol': 'HTTPS' } : {}),
    };
    const backend = (c: 'core' | 'portal') => kplus.IngressBackend.fromService(this.ctx.workloads[c]!.service, { port: _componentPort(c, tlsOn) });
    return new kplus.Ingress(this, 'Ingress', {
      metadata: { name: `${this.prefix}-ingress`, namespace: this.namespace.name, annotations },
      className: _validateDns1123Subdomain(props.ingressClassName ?? 'nginx', 'ingressClassName'),
      rules: [
        ...HARBOR_INGRESS_PATHS.map(p => ({
          host: this.hostname, path: p.path, pathType: kplus.HttpIngressPathType.PREFIX, backend: backend(p.backend),
        })),
        // Not exposed at the edge: job hooks are internal (portal answers 404).
        { host: this.hostname, path: '/service/notifications', pathType: kplus.HttpIngressPathType.PREFIX, backend: backend('portal') },
      ],
      tls: [{ hosts: [this.hostname], secret: kplus.Secret.fromSecretName(this, 'IngressTlsSecret', ingressSecretName) }],
    });
  }

  private egressToCidrs(c: HarborComponentName, cidrs: string[], ports: number[]): void {
    for (const cidr of [...new Set(cidrs)].sort()) {
      this.namespace.allowEgressToCidr(cidr, { ports: ports.map(port => ({ port: _validatePort(port, 'egress port') })), targetPodLabels: this.ctx.podLabels(c) });
    }
  }
}
