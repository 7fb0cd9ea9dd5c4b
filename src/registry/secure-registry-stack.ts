// SPDX-License-Identifier: Apache-2.0
import { createHash } from 'crypto';
import * as bcrypt from 'bcryptjs';
import { Duration, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import {
  _clientsOf, _componentPort, HARBOR_COMPONENTS, HARBOR_EDGE_FLOWS, HARBOR_FLOWS, HARBOR_IMAGE_PREFIX, HARBOR_INGRESS_PATHS,
  HARBOR_METRICS_PORT, HARBOR_VERSION, HarborComponentName, HarborProbe,
} from './_harbor-components';
import {
  _coreAppConf, _ConfigInput, _jobserviceConfig, _portalNginxConf, _registryConfig, _registryctlConfig,
} from './_harbor-config';
import { VeleroSchedule } from '../backup/velero-schedule';
import { _isIpv4, _parseQuantity, _validateCidr, _validateDns1123Label, _validateDns1123Subdomain, _validatePort } from '../core/_util';
import { INamespaceRef } from '../core/namespace-ref';
import { HardenedNamespace } from '../namespace/hardened-namespace';
import { QuotaPreset } from '../namespace/resource-guardrails';
import { Suppressions } from '../policy/integrations/suppressions';
import { ContainerImageIsPinnedByDigest } from '../policy/rules/workload/container-image-is-pinned-by-digest';
import { LeastPrivilegeServiceAccount } from '../rbac/least-privilege-service-account';
import { ExternalSecret } from '../secrets/external-secret';
import { PasswordGenerator } from '../secrets/password-generator';
import { ISecretStore } from '../secrets/secret-store';
import { Certificate, KeyUsage, PrivateKeyAlgorithm } from '../tls/certificate';
import { IIssuer } from '../tls/issuer';
import { PrivateCaIssuer } from '../tls/private-ca-issuer';
import { HardenedContainerProps } from '../workload/hardened-container';
import { HardenedDeployment } from '../workload/hardened-deployment';
import { HardenedStatefulSet } from '../workload/hardened-stateful-set';

/**
 * Keys of the Harbor secret (one Secret, consumed key by key with `secretKeyRef`, so each pod gets only its keys).
 * `secretKey` (exactly 16 characters), `CORE_SECRET`, `JOBSERVICE_SECRET`, `REGISTRY_HTTP_SECRET` (16),
 * `CSRF_KEY` (exactly 32), `HARBOR_ADMIN_PASSWORD`, `REGISTRY_CREDENTIAL_PASSWORD`, `REGISTRY_HTPASSWD` (bcrypt line for
 * `harbor_registry_user`) and, with the internal database, `POSTGRES_PASSWORD`, with the internal Redis, `REDIS_PASSWORD`.
 */
const SECRET_KEYS_16 = ['secretKey', 'CORE_SECRET', 'JOBSERVICE_SECRET', 'REGISTRY_HTTP_SECRET'];
const SECRET_KEYS_32 = ['CSRF_KEY', 'HARBOR_ADMIN_PASSWORD', 'REGISTRY_CREDENTIAL_PASSWORD'];
const DB_KEY = 'POSTGRES_PASSWORD';
const REDIS_KEY = 'REDIS_PASSWORD';
const HTPASSWD_KEY = 'REGISTRY_HTPASSWD';
const REGISTRY_USER = 'harbor_registry_user';
/** PostgreSQL data directory of harbor-db (on the database PVC mounted at /var/lib/postgresql/data). */
const PGDATA = '/var/lib/postgresql/data/pgdata';
/** Keys whose value Harbor requires to have an exact length. */
const EXACT_LENGTH: Record<string, number> = { secretKey: 16, CSRF_KEY: 32 };
/** Characters a value may use when it is expanded into a Redis URL (RFC 3986 unreserved). */
const URL_SAFE = /^[A-Za-z0-9._~-]+$/;
/** Annotation carrying the reason on a Secret written with `insecureInlineForDevelopment`. */
const INLINE_REASON_ANNOTATION = 'hardened.cdk8s.io/insecure-inline-secrets-reason';
const MIN_REASON_LENGTH = 20;
/** A fully qualified DNS name: at least two lowercase labels. */
const FQDN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)+$/;

/** A server host name that TLS verification can match: a DNS name or an IPv4 address. */
function checkServerHost(host: string, what: string, example: string): void {
  const dns = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(host) && host.length <= 253;
  if (!dns && !_isIpv4(host)) {
    throw new Error(`Invalid ${what} "${host}": must be a lowercase DNS name or an IPv4 address that the server certificate covers `
      + `(TLS verifies it), e.g. "${example}".`);
  }
}

/** The TCP port of an S3 endpoint URL (`https://host[:port][/path]`), 443 when it names none or for AWS S3. */
function s3Port(endpoint: string | undefined): number {
  const port = endpoint?.match(/^https:\/\/[^/:]+:([0-9]{1,5})(\/|$)/)?.[1];
  return port ? _validatePort(Number(port), 's3Storage.endpoint port') : 443;
}

/** A Secret key reference in the registry namespace. */
function checkSecretKeyRef(ref: SecretKeyReference | undefined, what: string): void {
  if (!ref) throw new Error(`${what} is missing: give the Secret name and key that hold the password, e.g. { secretName: "pg-auth", key: "password" }.`);
  _validateDns1123Subdomain(ref.secretName, `${what}.secretName`);
  if (!ref.key || !/^[-._a-zA-Z0-9]+$/.test(ref.key)) {
    throw new Error(`Invalid ${what}.key "${ref.key ?? ''}": a Secret key uses letters, digits, '-', '_' or '.', e.g. "password".`);
  }
}

/** Options of `HarborSecretSource.insecureInlineForDevelopment`. */
export interface HarborInlineSecretsOptions {
  /**
   * Why plain secret values in the manifests are acceptable here, at least 20 characters (for example "kind cluster
   * for UI development, deleted every evening"). Written into the Secret's `hardened.cdk8s.io/insecure-inline-secrets-reason`
   * annotation so a reviewer sees it next to the values.
   */
  readonly reason: string;

  /**
   * Values by Harbor key (`secretKey`, `CORE_SECRET`, `JOBSERVICE_SECRET`, `REGISTRY_HTTP_SECRET`, `CSRF_KEY`,
   * `HARBOR_ADMIN_PASSWORD`, `REGISTRY_CREDENTIAL_PASSWORD`, `REGISTRY_HTPASSWD`, `POSTGRES_PASSWORD` with the internal
   * database, `REDIS_PASSWORD` with the internal Redis). `secretKey` must be exactly 16 characters and `CSRF_KEY` 32;
   * `REDIS_PASSWORD` may use only `A-Z a-z 0-9 . _ ~ -` (it is expanded into Redis URLs). `REGISTRY_HTPASSWD`, when given,
   * must be the bcrypt line of `REGISTRY_CREDENTIAL_PASSWORD`; when left out it is computed from it.
   *
   * Keys left out are derived deterministically (SHA-256 of the namespace, the name prefix and the key): anyone who
   * reads this library can recompute them, so they are placeholders, not secrets.
   * @default - every value derived: stable across synths, and not secret
   */
  readonly values?: { [key: string]: string };
}

/**
 * Where the Harbor secrets come from. Enum-like class: use the static factories. No factory writes a secret
 * value into the synthesized YAML, except `insecureInlineForDevelopment`, which exists for throw-away clusters.
 */
export class HarborSecretSource {
  /**
   * Random values generated in the cluster by External Secrets Operator `Password` generators, created once
   * (`refreshPolicy: CreatedOnce`), with the registry htpasswd templated from the generated password.
   * Requires External Secrets Operator in the cluster.
   */
  public static generated(): HarborSecretSource {
    return new HarborSecretSource('generated');
  }

  /**
   * A pre-created Secret (for example sealed or managed by another tool) holding every key Harbor needs:
   * `secretKey`, `CORE_SECRET`, `JOBSERVICE_SECRET`, `REGISTRY_HTTP_SECRET`, `CSRF_KEY`, `HARBOR_ADMIN_PASSWORD`,
   * `REGISTRY_CREDENTIAL_PASSWORD`, `REGISTRY_HTPASSWD`, `POSTGRES_PASSWORD` (internal database) and
   * `REDIS_PASSWORD` (internal Redis; only `A-Z a-z 0-9 . _ ~ -`, as it is expanded into Redis URLs).
   */
  public static existingSecret(secretName: string): HarborSecretSource {
    _validateDns1123Subdomain(secretName, 'Harbor secret name');
    return new HarborSecretSource('existing', secretName);
  }

  /**
   * Values read by External Secrets Operator from a store (for example Vault): one remote entry `remoteKey` with one
   * property per Harbor key (the keys listed in `existingSecret`, except `REGISTRY_HTPASSWD`, which is templated).
   */
  public static externalStore(store: ISecretStore, remoteKey: string): HarborSecretSource {
    if (!remoteKey) throw new Error('HarborSecretSource.externalStore: remoteKey is empty; name the entry in the store, e.g. "harbor/secrets".');
    return new HarborSecretSource('store', undefined, store, remoteKey);
  }

  /**
   * INSECURE, for throw-away development clusters only: writes the Harbor secret as a plain `Secret` with its values
   * in `stringData`, so they end up in the YAML, in Git and in CI logs. Needs no External Secrets Operator.
   *
   * The rule engine reports that Secret as an error (HARDEN-SEC-001, SecretHasNoLiteralData), and the stack does not
   * suppress it: `SecurityChecks` fails the synth until you suppress the finding yourself, with your own reason.
   * Values not given are derived deterministically and are not secret (see `HarborInlineSecretsOptions.values`).
   */
  public static insecureInlineForDevelopment(options: HarborInlineSecretsOptions): HarborSecretSource {
    const reason = (options?.reason ?? '').trim();
    if (reason.length < MIN_REASON_LENGTH) {
      throw new Error(`HarborSecretSource.insecureInlineForDevelopment: reason "${reason}" is too short (${reason.length} characters, at least `
        + `${MIN_REASON_LENGTH} required). Plain secret values in manifests are for throw-away clusters only: say why this one is, `
        + 'e.g. "kind cluster for UI development, deleted every evening", or use HarborSecretSource.generated().');
    }
    const values = options.values ?? {};
    const known = [...SECRET_KEYS_16, ...SECRET_KEYS_32, HTPASSWD_KEY, DB_KEY, REDIS_KEY];
    for (const [key, value] of Object.entries(values)) {
      if (!known.includes(key)) {
        throw new Error(`HarborSecretSource.insecureInlineForDevelopment: unknown key "${key}" in values; Harbor reads ${[...known].sort().join(', ')}.`);
      }
      if (typeof value !== 'string' || value.length === 0) {
        throw new Error(`HarborSecretSource.insecureInlineForDevelopment: values["${key}"] is empty; give a value or leave the key out to derive one.`);
      }
      if (EXACT_LENGTH[key] !== undefined && value.length !== EXACT_LENGTH[key]) {
        throw new Error(`HarborSecretSource.insecureInlineForDevelopment: values["${key}"] has ${value.length} characters; Harbor needs exactly `
          + `${EXACT_LENGTH[key]}. Give a ${EXACT_LENGTH[key]}-character value or leave the key out to derive one.`);
      }
    }
    if (values[REDIS_KEY] !== undefined && !URL_SAFE.test(values[REDIS_KEY])) {
      throw new Error(`HarborSecretSource.insecureInlineForDevelopment: values["${REDIS_KEY}"] contains characters outside A-Z a-z 0-9 . _ ~ -, `
        + 'which would break the Redis URLs it is expanded into. Use only those characters.');
    }
    if (values[HTPASSWD_KEY] !== undefined) {
      const password = values.REGISTRY_CREDENTIAL_PASSWORD;
      const line = values[HTPASSWD_KEY];
      const prefix = `${REGISTRY_USER}:`;
      if (password === undefined || !line.startsWith(prefix) || !/^\$2[aby]\$\d\d\$[./A-Za-z0-9]{53}$/.test(line.slice(prefix.length))
        || !bcrypt.compareSync(password, line.slice(prefix.length))) {
        throw new Error(`HarborSecretSource.insecureInlineForDevelopment: values["${HTPASSWD_KEY}"] is not the bcrypt line "${prefix}<hash>" of `
          + 'values["REGISTRY_CREDENTIAL_PASSWORD"]. Give both (htpasswd -nbB harbor_registry_user <password>) or leave REGISTRY_HTPASSWD out to compute it.');
      }
    }
    return new HarborSecretSource('inline', undefined, undefined, undefined, reason, { ...values });
  }

  private constructor(
    /** @internal */ public readonly _mode: string,
    /** @internal */ public readonly _secretName?: string,
    /** @internal */ public readonly _store?: ISecretStore,
    /** @internal */ public readonly _remoteKey?: string,
    /** @internal */ public readonly _reason?: string,
    /** @internal */ public readonly _values?: { [key: string]: string }) {}
}

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

/** A Harbor component that can be given extra egress. Values equal the component label. */
export enum HarborComponent {
  /** harbor-core: proxy cache, LDAP, OIDC (architecture flow E4). */
  CORE = 'core',
  /** harbor-jobservice: replication, webhooks, preheat (E3). */
  JOBSERVICE = 'jobservice',
  /** trivy: vulnerability database downloads (E2). */
  TRIVY = 'trivy',
  /** registry (and registryctl): object storage (E1). */
  REGISTRY = 'registry',
}

/** Options for `SecureRegistryStack.allowEgress`. */
export interface HarborEgressOptions {
  /** Destination CIDRs. */
  readonly cidrs: string[];
  /** Destination TCP ports. */
  readonly ports: number[];
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
   * Image digests by component (`core`, `portal`, `registry`, `registryctl`, `jobservice`, `trivy`, `exporter`,
   * `database`, `redis`), each `sha256:<64 hex>`, appended to the image reference (`...:v2.15.2@sha256:...`).
   * Resolve them from the registry you pull from (for example `crane digest mirror.example.com/goharbor/harbor-core:v2.15.2`).
   *
   * Without a digest a component is pinned by its release tag only, and its workload carries a visible suppression of
   * HARDEN-WL-004 (image pinned by digest) saying so: the library cannot know the digests of your mirror offline, and
   * a made-up digest would not pull.
   * @default - no digests: images pinned by tag, HARDEN-WL-004 suppressed with that reason
   */
  readonly imageDigests?: { [component: string]: string };

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
   * Egress for Trivy database updates (E2: mirror.gcr.io/ghcr.io or a mirror, port 443). Without it, Trivy runs with
   * `skipUpdate` and `offlineScan` and needs a pre-seeded database.
   * @default - no egress: offline scanning
   */
  readonly trivyUpdateCidrs?: string[];

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
  private readonly image: (c: HarborComponentName) => string;
  private readonly _serviceAccounts: Record<string, LeastPrivilegeServiceAccount> = {};
  private readonly _workloads: Record<string, kplus.AbstractPod> = {};
  private readonly _services: Record<string, kplus.Service> = {};
  private readonly _certSecrets: Record<string, string> = {};
  /** Secrets whose renewal restarts the pods (Reloader): the Harbor secret, the internal TLS and token-signing certificates. */
  private readonly _reloadSecrets: string[] = [];
  private readonly _components: HarborComponentName[];
  private readonly _volumes: Record<string, kplus.Volume> = {};

  constructor(scope: Construct, id: string, props: SecureRegistryStackProps) {
    super(scope, id);
    // ---- validation
    this.hostname = props.hostname;
    if (!props.hostname || !FQDN.test(props.hostname) || props.hostname.length > 253 || props.hostname.split('.').some(l => l.length > 63)) {
      throw new Error(`Invalid hostname "${props.hostname}" for SecureRegistryStack: must be a fully qualified DNS name of at least two lowercase `
        + 'labels (letters, digits and \'-\', at most 63 characters each and 253 in all), because it becomes the Ingress host and the '
        + 'certificate SAN. Use a name such as "registry.example.com".');
    }
    const namespaceName = _validateDns1123Label(props.namespaceName ?? 'harbor', 'registry namespace name');
    this.prefix = _validateDns1123Label(props.namePrefix ?? 'harbor', 'registry name prefix');
    const tag = props.imageTag ?? HARBOR_VERSION;
    if (tag === 'latest' || !/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/.test(tag)) {
      throw new Error(`Invalid imageTag "${tag}": pin a Harbor release such as "${HARBOR_VERSION}" ("latest" is never allowed).`);
    }
    const imageRegistry = (props.imageRegistry ?? HARBOR_IMAGE_PREFIX).replace(/\/+$/, '');
    if (!/^[a-z0-9.-]+(:[0-9]+)?(\/[a-z0-9._-]+)*$/.test(imageRegistry)) {
      throw new Error(`Invalid imageRegistry "${props.imageRegistry}": expected a registry host and path such as "mirror.example.com/goharbor".`);
    }
    const digests = props.imageDigests ?? {};
    for (const [component, digest] of Object.entries(digests)) {
      if (!(component in HARBOR_COMPONENTS)) {
        throw new Error(`Invalid imageDigests key "${component}": expected one of ${Object.keys(HARBOR_COMPONENTS).join(', ')}.`);
      }
      if (!/^sha256:[a-f0-9]{64}$/.test(digest)) {
        throw new Error(`Invalid imageDigests["${component}"] "${digest}": expected "sha256:" followed by 64 lowercase hex digits (see \`crane digest <image>\`).`);
      }
    }
    this.image = c => `${imageRegistry}/${HARBOR_COMPONENTS[c].image}:${tag}${digests[c] ? `@${digests[c]}` : ''}`;
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
    const storageSize = props.registryStorageSize ?? '50Gi';
    if (props.s3Storage && props.registryStorageSize) {
      throw new Error('registryStorageSize and s3Storage conflict: the registry stores blobs either on a PVC or in object storage. Remove one.');
    }
    const storageBytes = _parseQuantity(storageSize, 'registryStorageSize');
    if (storageBytes <= 0) throw new Error(`Invalid registryStorageSize "${storageSize}": must be greater than zero, e.g. "50Gi".`);
    const db = props.externalDatabase;
    if (db) {
      if (!db.host) throw new Error('externalDatabase.host is empty: give the PostgreSQL host name (it must match the server certificate).');
      checkServerHost(db.host, 'externalDatabase.host', 'pg.example.com');
      if (!db.caSecretName) throw new Error('externalDatabase.caSecretName is empty: TLS with sslmode=verify-full needs the server CA (Secret key "ca.crt").');
      _validateDns1123Subdomain(db.caSecretName, 'externalDatabase.caSecretName');
      checkSecretKeyRef(db.password, 'externalDatabase.password');
      this.checkCidrs(db.cidrs, 'externalDatabase.cidrs');
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
    const redis = props.externalRedis;
    if (redis) {
      if (!redis.host) throw new Error('externalRedis.host is empty: give the Redis host name (it must match the server certificate).');
      checkServerHost(redis.host, 'externalRedis.host', 'redis.example.com');
      if (!redis.caSecretName) throw new Error('externalRedis.caSecretName is empty: rediss:// needs the server CA (Secret key "ca.crt").');
      _validateDns1123Subdomain(redis.caSecretName, 'externalRedis.caSecretName');
      if (redis.password) checkSecretKeyRef(redis.password, 'externalRedis.password');
      if (redis.sentinelMasterSet !== undefined && !/^[A-Za-z0-9._-]+$/.test(redis.sentinelMasterSet)) {
        throw new Error(`Invalid externalRedis.sentinelMasterSet "${redis.sentinelMasterSet}": it becomes part of the Redis URLs, so use only `
          + "letters, digits, '.', '_' and '-', e.g. \"mymaster\".");
      }
      this.checkCidrs(redis.cidrs, 'externalRedis.cidrs');
      _validatePort(redis.port ?? 6379, 'externalRedis.port');
      if (redis.sentinelRedisPort !== undefined) {
        if (!redis.sentinelMasterSet) {
          throw new Error(`externalRedis.sentinelRedisPort ${redis.sentinelRedisPort} is set without sentinelMasterSet: it is the port of the Redis `
            + 'servers behind Sentinel. Set sentinelMasterSet, or remove sentinelRedisPort and give the server port as externalRedis.port.');
        }
        _validatePort(redis.sentinelRedisPort, 'externalRedis.sentinelRedisPort');
      }
    }
    if (props.s3Storage) {
      if (!props.s3Storage.credentialsSecretName) {
        throw new Error('s3Storage.credentialsSecretName is empty: object storage needs credentials from a Secret (REGISTRY_STORAGE_S3_ACCESSKEY/SECRETKEY).');
      }
      _validateDns1123Subdomain(props.s3Storage.credentialsSecretName, 's3Storage.credentialsSecretName');
      if (props.s3Storage.caSecretName !== undefined) _validateDns1123Subdomain(props.s3Storage.caSecretName, 's3Storage.caSecretName');
      const { bucket, region, endpoint } = props.s3Storage;
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
      this.checkCidrs(props.s3Storage.cidrs, 's3Storage.cidrs');
    }
    if (props.trivyUpdateCidrs && props.trivy === false) {
      throw new Error('trivyUpdateCidrs is set but trivy is false: remove trivyUpdateCidrs or enable trivy.');
    }
    if (props.trivyUpdateCidrs) this.checkCidrs(props.trivyUpdateCidrs, 'trivyUpdateCidrs');
    this.internalTls = props.internalTls ?? true;
    if (!this.internalTls && props.internalIssuer) {
      throw new Error('internalIssuer is set but internalTls is false: remove internalIssuer or enable internalTls.');
    }

    const trivy = props.trivy ?? true;
    const metrics = props.metricsNamespace !== undefined;
    this._components = ['core', 'portal', 'registry', 'registryctl', 'jobservice',
      ...(trivy ? ['trivy' as const] : []), ...(metrics ? ['exporter' as const] : []),
      ...(db ? [] : ['database' as const]), ...(redis ? [] : ['redis' as const])];

    // ---- namespace
    this.namespace = new HardenedNamespace(this, 'Namespace', {
      name: namespaceName,
      resourceQuota: { preset: QuotaPreset.MEDIUM },
      limitRange: { maxCpu: '2', maxMemory: '2Gi' },
    });
    const ns = this.namespace;

    // ---- cert-manager: a private CA in the namespace (unless an issuer is given) for internal TLS and the token key
    const internalIssuer: IIssuer = props.internalIssuer
      ?? new PrivateCaIssuer(this, 'InternalCa', { namespace: ns, name: `${this.prefix}-internal-ca` });
    if (this.internalTls) {
      for (const c of ['core', 'portal', 'registry', 'jobservice', 'trivy'] as HarborComponentName[]) {
        if (!this._components.includes(c)) continue;
        const spec = HARBOR_COMPONENTS[c];
        const svc = `${this.prefix}-${c}`;
        const cert = new Certificate(this, `InternalTls-${c}`, {
          namespace: ns,
          name: `${svc}-internal-tls`,
          issuer: internalIssuer,
          commonName: svc,
          dnsNames: [svc, `${svc}.${namespaceName}.svc`, ...(spec.extraDnsNames ?? [])],
          ipAddresses: spec.extraIpAddresses,
        });
        this._certSecrets[c] = cert.secretName;
      }
    }
    const tokenCert = new Certificate(this, 'TokenSigning', {
      namespace: ns,
      name: `${this.prefix}-token-signing`,
      issuer: internalIssuer,
      commonName: 'harbor-token-ca',
      usages: [KeyUsage.DIGITAL_SIGNATURE],
      privateKeyAlgorithm: PrivateKeyAlgorithm.RSA_4096,
    });
    // A renewal brings a new signing key; every core replica must pick it up, or tokens issued by one are refused by another.
    this._reloadSecrets.push(tokenCert.secretName);

    // ---- secrets
    const source = props.secrets ?? HarborSecretSource.generated();
    this.secretName = source._mode === 'existing' ? source._secretName! : `${this.prefix}-secrets`;
    if (source._mode === 'inline') {
      for (const [key, conflict] of [[DB_KEY, db ? 'externalDatabase' : undefined], [REDIS_KEY, redis ? 'externalRedis' : undefined]]) {
        if (conflict && source._values![key!] !== undefined) {
          throw new Error(`HarborSecretSource.insecureInlineForDevelopment: values["${key}"] conflicts with ${conflict}, whose password comes `
            + `from ${conflict}.password. Remove values["${key}"].`);
        }
      }
    }
    if (source._mode !== 'existing') this.createSecrets(source, namespaceName, !db, !redis);
    const harborSecret = kplus.Secret.fromSecretName(this, 'HarborSecret', this.secretName);
    const sv = (key: string) => kplus.EnvValue.fromSecretValue({ secret: harborSecret, key });

    // ---- endpoints
    const tlsOn = this.internalTls;
    const scheme = tlsOn ? 'https' : 'http';
    const url = (c: HarborComponentName) => `${scheme}://${this.prefix}-${c === 'registryctl' ? 'registry' : c}:${_componentPort(c, tlsOn)}`;
    const redisHost = redis ? redis.host : `${this.prefix}-redis`;
    const redisPort = redis?.port ?? 6379;
    // The Redis password (the internal Valkey's from the Harbor secret, an external server's from its own Secret) is
    // expanded by the kubelet into the URLs ($(REDIS_PASSWORD), defined first in each container's env), so it never
    // appears in the manifests.
    const redisPassword = redis
      ? (redis.password
        ? kplus.EnvValue.fromSecretValue({ secret: kplus.Secret.fromSecretName(this, 'RedisPassword', redis.password.secretName), key: redis.password.key })
        : undefined)
      : sv(REDIS_KEY);
    const redisPasswordEnv: { [k: string]: kplus.EnvValue } = redisPassword ? { [REDIS_KEY]: redisPassword } : {};
    const auth = redisPassword ? `:$(${REDIS_KEY})@` : '';
    const redisUrl = (dbIndex: number) => {
      if (!redis) return `redis://${auth}${redisHost}:${redisPort}/${dbIndex}?idle_timeout_seconds=30`;
      if (redis.sentinelMasterSet) return `rediss+sentinel://${auth}${redisHost}:${redisPort}/${redis.sentinelMasterSet}/${dbIndex}?idle_timeout_seconds=30`;
      return `rediss://${auth}${redisHost}:${redisPort}/${dbIndex}?idle_timeout_seconds=30`;
    };
    const dbHost = db ? db.host : `${this.prefix}-database`;
    const dbPort = db?.port ?? 5432;
    const dbUser = db?.username ?? (db ? 'harbor' : 'postgres');
    const dbName = db?.database ?? 'registry';
    const dbSslMode = db ? 'verify-full' : 'disable';
    const dbPassword = db
      ? kplus.EnvValue.fromSecretValue({ secret: kplus.Secret.fromSecretName(this, 'DbPassword', db.password.secretName), key: db.password.key })
      : sv(DB_KEY);
    const cfg: _ConfigInput = {
      prefix: this.prefix,
      internalTls: tlsOn,
      redisAddr: `${redisHost}:${redisPort}`,
      redisTls: !!redis,
      redisSentinelMasterSet: redis?.sentinelMasterSet,
      metrics,
      metricsPort: HARBOR_METRICS_PORT,
      s3: props.s3Storage ? { bucket: props.s3Storage.bucket, region: props.s3Storage.region, endpoint: props.s3Storage.endpoint } : undefined,
      jobLogDir: '/var/log/jobs',
      jobLogsInDatabase: replicas > 1,
    };
    const configMap = new kplus.ConfigMap(this, 'Config', {
      metadata: { name: `${this.prefix}-config`, namespace: namespaceName },
      data: {
        'core-app.conf': _coreAppConf(cfg),
        'jobservice-config.yml': _jobserviceConfig(cfg, redisUrl(1).replace(/\?.*$/, '').replace(auth, '')),
        'portal-nginx.conf': _portalNginxConf(cfg),
        'registry-config.yml': _registryConfig(cfg),
        'registryctl-config.yml': _registryctlConfig(cfg),
      },
    });
    const configVolume = kplus.Volume.fromConfigMap(this, 'ConfigVolume', configMap, { name: 'config' });
    // Each pod mounts only the one key it needs as a file (items), never the whole Harbor secret.
    const secretKeyVolume = kplus.Volume.fromSecret(this, 'SecretKeyVolume', harborSecret, { name: 'core-secret-key', items: { secretKey: { path: 'key' } } });
    const htpasswdVolume = kplus.Volume.fromSecret(this, 'HtpasswdVolume', harborSecret, { name: 'registry-htpasswd', items: { REGISTRY_HTPASSWD: { path: 'passwd' } } });
    const custCaMounts = (c: string): kplus.VolumeMount[] => {
      const mounts: kplus.VolumeMount[] = [];
      if (db && ['core', 'jobservice', 'exporter'].includes(c)) {
        mounts.push({ volume: this.volume(`${c}-db-ca`, () => kplus.Volume.fromSecret(this, `${c}DbCa`, kplus.Secret.fromSecretName(this, `${c}DbCaSecret`, db.caSecretName), { name: 'db-ca' })), path: '/harbor_cust_cert/postgresql-ca.crt', subPath: 'ca.crt', readOnly: true });
      }
      if (redis && ['core', 'jobservice', 'registry', 'trivy', 'exporter'].includes(c)) {
        mounts.push({ volume: this.volume(`${c}-redis-ca`, () => kplus.Volume.fromSecret(this, `${c}RedisCa`, kplus.Secret.fromSecretName(this, `${c}RedisCaSecret`, redis.caSecretName), { name: 'redis-ca' })), path: '/harbor_cust_cert/redis-ca.crt', subPath: 'ca.crt', readOnly: true });
      }
      // Object storage with a private CA: registry and registryctl (garbage collection) both reach the bucket.
      const s3Ca = props.s3Storage?.caSecretName;
      if (s3Ca && ['registry', 'registryctl'].includes(c)) {
        mounts.push({ volume: this.volume('s3-ca', () => kplus.Volume.fromSecret(this, 'S3Ca', kplus.Secret.fromSecretName(this, 'S3CaSecret', s3Ca), { name: 's3-ca' })), path: '/harbor_cust_cert/s3-ca.crt', subPath: 'ca.crt', readOnly: true });
      }
      return mounts;
    };
    const tlsEnv = (certOf: string): { [k: string]: kplus.EnvValue } => (tlsOn ? {
      INTERNAL_TLS_ENABLED: kplus.EnvValue.fromValue('true'),
      INTERNAL_TLS_KEY_PATH: kplus.EnvValue.fromValue(`/etc/harbor/ssl/${certOf}/tls.key`),
      INTERNAL_TLS_CERT_PATH: kplus.EnvValue.fromValue(`/etc/harbor/ssl/${certOf}/tls.crt`),
      INTERNAL_TLS_TRUST_CA_PATH: kplus.EnvValue.fromValue(`/etc/harbor/ssl/${certOf}/ca.crt`),
    } : {});
    const tlsMounts = (certOf: string): kplus.VolumeMount[] => (tlsOn && this._certSecrets[certOf]
      ? [{ volume: this.volume(`tls-${certOf}`, () => kplus.Volume.fromSecret(this, `Tls${certOf}Volume`, kplus.Secret.fromSecretName(this, `Tls${certOf}Secret`, this._certSecrets[certOf]), { name: `${certOf}-internal-tls` })), path: `/etc/harbor/ssl/${certOf}`, readOnly: true }]
      : []);

    const common = (c: HarborComponentName): Partial<HardenedContainerProps> => {
      const spec = HARBOR_COMPONENTS[c];
      const port = _componentPort(c, tlsOn);
      const https = tlsOn && spec.internalTls;
      return {
        name: c,
        image: this.image(c),
        // With metrics, core, jobservice and registry also declare 8001 (`http-metrics`), so their Services carry it as the chart's do.
        ports: [{ number: port, name: spec.portName },
          ...(metrics && spec.metricsPort && spec.metricsPort !== port ? [{ number: spec.metricsPort, name: 'http-metrics' }] : [])],
        resources: { ...spec.resources },
        liveness: this._probe(spec.liveness, port, https),
        readiness: this._probe(spec.readiness, port, https),
        startup: spec.startup ? this._probe(spec.startup, port, https) : undefined,
        writablePaths: spec.writablePaths.filter(w => w.mountPath !== '/etc/pki/tls/certs' && !w.medium).map(w => w.mountPath),
        writablePathSizeLimit: spec.writablePaths.reduce((max, w) => (_parseQuantity(w.sizeLimit) > _parseQuantity(max) ? w.sizeLimit : max), '1Mi'),
      };
    };
    const caBundle = (c: HarborComponentName, podKey: string): { init?: HardenedContainerProps; mounts: kplus.VolumeMount[] } => {
      const dir = HARBOR_COMPONENTS[c].installCertDir;
      if (!dir) return { mounts: [] };
      const certs = this.volume(`${podKey}-${c}-ca-bundle`, () => kplus.Volume.fromEmptyDir(this, `${podKey}${c}CaBundle`, `${c}-ca-bundle`, { sizeLimit: Size.mebibytes(16) }));
      const original = this.volume(`${podKey}-${c}-ca-original`, () => kplus.Volume.fromEmptyDir(this, `${podKey}${c}CaOriginal`, `${c}-ca-original`, { sizeLimit: Size.mebibytes(16) }));
      return {
        init: {
          name: `${c}-ca-bundle-init`,
          image: this.image(c),
          command: ['/bin/sh', '-c', 'cp -a /etc/pki/tls/certs/. /ca-bundle/ && cp /etc/pki/tls/certs/ca-bundle.crt /ca-original/ca-bundle.crt.original'],
          volumeMounts: [{ volume: certs, path: '/ca-bundle', readOnly: false }, { volume: original, path: '/ca-original', readOnly: false }],
          resources: { cpuRequest: '10m', memoryRequest: '16Mi', cpuLimit: '100m', memoryLimit: '64Mi' },
        },
        mounts: [
          { volume: certs, path: '/etc/pki/tls/certs', readOnly: false },
          { volume: original, path: `${dir}/ca-bundle.crt.original`, subPath: 'ca-bundle.crt.original' },
        ],
      };
    };
    const pvc = (claimId: string, name: string, size: string) => {
      const claim = new kplus.PersistentVolumeClaim(this, claimId, {
        metadata: { name: `${this.prefix}-${name}`, namespace: namespaceName },
        storage: Size.mebibytes(Math.ceil(_parseQuantity(size) / 2 ** 20)),
        accessModes: [kplus.PersistentVolumeAccessMode.READ_WRITE_ONCE],
        storageClassName: props.storageClassName,
      });
      return kplus.Volume.fromPersistentVolumeClaim(this, `${claimId}Volume`, claim, { name });
    };

    // ---- core
    {
      const bundle = caBundle('core', 'core');
      const tokenVolume = kplus.Volume.fromSecret(this, 'TokenVolume', kplus.Secret.fromSecretName(this, 'TokenSecret', tokenCert.secretName), { name: 'token-service-private-key' });
      this.addComponent('core', 'Deployment', replicas, [{
        ...common('core'),
        envVariables: {
          ...redisPasswordEnv,
          CONFIG_PATH: kplus.EnvValue.fromValue('/etc/core/app.conf'),
          PORT: kplus.EnvValue.fromValue(String(_componentPort('core', tlsOn))),
          LOG_LEVEL: kplus.EnvValue.fromValue('info'),
          CORE_URL: kplus.EnvValue.fromValue(url('core')),
          CORE_LOCAL_URL: kplus.EnvValue.fromValue(`${scheme}://127.0.0.1:${_componentPort('core', tlsOn)}`),
          JOBSERVICE_URL: kplus.EnvValue.fromValue(url('jobservice')),
          REGISTRY_URL: kplus.EnvValue.fromValue(url('registry')),
          REGISTRY_CONTROLLER_URL: kplus.EnvValue.fromValue(url('registryctl')),
          TOKEN_SERVICE_URL: kplus.EnvValue.fromValue(`${url('core')}/service/token`),
          PORTAL_URL: kplus.EnvValue.fromValue(url('portal')),
          ...(trivy ? { TRIVY_ADAPTER_URL: kplus.EnvValue.fromValue(url('trivy')), WITH_TRIVY: kplus.EnvValue.fromValue('true') } : { WITH_TRIVY: kplus.EnvValue.fromValue('false') }),
          EXT_ENDPOINT: kplus.EnvValue.fromValue(`https://${this.hostname}`),
          DATABASE_TYPE: kplus.EnvValue.fromValue('postgresql'),
          POSTGRESQL_HOST: kplus.EnvValue.fromValue(dbHost),
          POSTGRESQL_PORT: kplus.EnvValue.fromValue(String(dbPort)),
          POSTGRESQL_USERNAME: kplus.EnvValue.fromValue(dbUser),
          POSTGRESQL_DATABASE: kplus.EnvValue.fromValue(dbName),
          POSTGRESQL_SSLMODE: kplus.EnvValue.fromValue(dbSslMode),
          POSTGRESQL_PASSWORD: dbPassword,
          _REDIS_URL_CORE: kplus.EnvValue.fromValue(redisUrl(0)),
          _REDIS_URL_REG: kplus.EnvValue.fromValue(redisUrl(2)),
          REGISTRY_STORAGE_PROVIDER_NAME: kplus.EnvValue.fromValue(props.s3Storage ? 's3' : 'filesystem'),
          REGISTRY_CREDENTIAL_USERNAME: kplus.EnvValue.fromValue('harbor_registry_user'),
          REGISTRY_CREDENTIAL_PASSWORD: sv('REGISTRY_CREDENTIAL_PASSWORD'),
          CORE_SECRET: sv('CORE_SECRET'),
          JOBSERVICE_SECRET: sv('JOBSERVICE_SECRET'),
          HARBOR_ADMIN_PASSWORD: sv('HARBOR_ADMIN_PASSWORD'),
          CSRF_KEY: sv('CSRF_KEY'),
          METRIC_ENABLE: kplus.EnvValue.fromValue(String(metrics)),
          ...(metrics ? {
            METRIC_PATH: kplus.EnvValue.fromValue('/metrics'),
            METRIC_PORT: kplus.EnvValue.fromValue(String(HARBOR_METRICS_PORT)),
            // The metric name prefix (harbor_core_...), as the chart sets it.
            METRIC_NAMESPACE: kplus.EnvValue.fromValue('harbor'),
            METRIC_SUBSYSTEM: kplus.EnvValue.fromValue('core'),
          } : {}),
          ...tlsEnv('core'),
        },
        volumeMounts: [
          { volume: configVolume, path: '/etc/core/app.conf', subPath: 'core-app.conf', readOnly: true },
          { volume: secretKeyVolume, path: '/etc/core/key', subPath: 'key', readOnly: true },
          { volume: tokenVolume, path: '/etc/core/private_key.pem', subPath: 'tls.key', readOnly: true },
          ...bundle.mounts, ...tlsMounts('core'), ...custCaMounts('core'),
        ],
      } as HardenedContainerProps], bundle.init ? [bundle.init] : []);
    }
    // ---- portal
    this.addComponent('portal', 'Deployment', replicas, [{
      ...common('portal'),
      volumeMounts: [{ volume: configVolume, path: '/etc/nginx/nginx.conf', subPath: 'portal-nginx.conf', readOnly: true }, ...tlsMounts('portal')],
    } as HardenedContainerProps], []);
    // ---- registry + registryctl (one pod)
    {
      const regBundle = caBundle('registry', 'registry');
      const ctlBundle = caBundle('registryctl', 'registry');
      const storage = props.s3Storage
        ? this.volume('registry-storage', () => kplus.Volume.fromEmptyDir(this, 'RegistryScratch', 'registry-data', { sizeLimit: Size.gibibytes(1) }))
        : pvc('RegistryData', 'registry-data', storageSize);
      const s3Env: { [k: string]: kplus.EnvValue } = props.s3Storage ? {
        REGISTRY_STORAGE_S3_ACCESSKEY: kplus.EnvValue.fromSecretValue({ secret: kplus.Secret.fromSecretName(this, 'S3Secret', props.s3Storage.credentialsSecretName), key: 'REGISTRY_STORAGE_S3_ACCESSKEY' }),
        REGISTRY_STORAGE_S3_SECRETKEY: kplus.EnvValue.fromSecretValue({ secret: kplus.Secret.fromSecretName(this, 'S3Secret2', props.s3Storage.credentialsSecretName), key: 'REGISTRY_STORAGE_S3_SECRETKEY' }),
      } : {};
      const regMounts: kplus.VolumeMount[] = [
        { volume: storage, path: '/storage', readOnly: false },
        { volume: configVolume, path: '/etc/registry/config.yml', subPath: 'registry-config.yml', readOnly: true },
      ];
      this.addComponent('registry', 'Deployment', replicas, [
        {
          ...common('registry'),
          envVariables: {
            REGISTRY_HTTP_SECRET: sv('REGISTRY_HTTP_SECRET'),
            ...(redisPassword ? { REGISTRY_REDIS_PASSWORD: redisPassword } : {}),
            ...s3Env,
            ...tlsEnv('registry'),
          },
          volumeMounts: [...regMounts, { volume: htpasswdVolume, path: '/etc/registry/passwd', subPath: 'passwd', readOnly: true },
            ...regBundle.mounts, ...tlsMounts('registry'), ...custCaMounts('registry')],
        } as HardenedContainerProps,
        {
          ...common('registryctl'),
          envVariables: {
            CORE_SECRET: sv('CORE_SECRET'),
            JOBSERVICE_SECRET: sv('JOBSERVICE_SECRET'),
            REGISTRY_HTTP_SECRET: sv('REGISTRY_HTTP_SECRET'),
            ...(redisPassword ? { REGISTRY_REDIS_PASSWORD: redisPassword } : {}),
            ...s3Env,
            ...tlsEnv('registry'),
          },
          volumeMounts: [...regMounts, { volume: configVolume, path: '/etc/registryctl/config.yml', subPath: 'registryctl-config.yml', readOnly: true },
            ...ctlBundle.mounts, ...tlsMounts('registry'), ...custCaMounts('registryctl')],
        } as HardenedContainerProps,
      ], [regBundle.init!, ctlBundle.init!]);
    }
    // ---- jobservice
    {
      const bundle = caBundle('jobservice', 'jobservice');
      const logs = replicas === 1
        ? pvc('JobLogs', 'jobservice-logs', '1Gi')
        : this.volume('jobservice-logs', () => kplus.Volume.fromEmptyDir(this, 'JobLogs', 'jobservice-logs', { sizeLimit: Size.gibibytes(1) }));
      this.addComponent('jobservice', 'Deployment', replicas, [{
        ...common('jobservice'),
        envVariables: {
          ...redisPasswordEnv,
          JOB_SERVICE_POOL_REDIS_URL: kplus.EnvValue.fromValue(redisUrl(1).replace(/\?.*$/, '')),
          CORE_URL: kplus.EnvValue.fromValue(url('core')),
          TOKEN_SERVICE_URL: kplus.EnvValue.fromValue(`${url('core')}/service/token`),
          REGISTRY_URL: kplus.EnvValue.fromValue(url('registry')),
          REGISTRY_CONTROLLER_URL: kplus.EnvValue.fromValue(url('registryctl')),
          REGISTRY_CREDENTIAL_USERNAME: kplus.EnvValue.fromValue('harbor_registry_user'),
          REGISTRY_CREDENTIAL_PASSWORD: sv('REGISTRY_CREDENTIAL_PASSWORD'),
          CORE_SECRET: sv('CORE_SECRET'),
          JOBSERVICE_SECRET: sv('JOBSERVICE_SECRET'),
          METRIC_ENABLE: kplus.EnvValue.fromValue(String(metrics)),
          ...(metrics ? { METRIC_NAMESPACE: kplus.EnvValue.fromValue('harbor'), METRIC_SUBSYSTEM: kplus.EnvValue.fromValue('jobservice') } : {}),
          ...tlsEnv('jobservice'),
        },
        volumeMounts: [
          { volume: configVolume, path: '/etc/jobservice/config.yml', subPath: 'jobservice-config.yml', readOnly: true },
          { volume: logs, path: '/var/log/jobs', readOnly: false },
          ...bundle.mounts, ...tlsMounts('jobservice'), ...custCaMounts('jobservice'),
        ],
      } as HardenedContainerProps], [bundle.init!]);
    }
    // ---- trivy
    if (trivy) {
      const bundle = caBundle('trivy', 'trivy');
      const offline = !props.trivyUpdateCidrs;
      const cache = pvc('TrivyCache', 'trivy-cache', '5Gi');
      const port = _componentPort('trivy', tlsOn);
      // One replica: its cache (vulnerability DB, reports) is one ReadWriteOnce PVC, which a second pod could not mount
      // (the chart gives each replica its own claim instead). Scans are queued in Redis, so core keeps working meanwhile.
      this.addComponent('trivy', 'StatefulSet', 1, [{
        ...common('trivy'),
        envVariables: {
          ...redisPasswordEnv,
          SCANNER_LOG_LEVEL: kplus.EnvValue.fromValue('info'),
          SCANNER_API_SERVER_ADDR: kplus.EnvValue.fromValue(`:${port}`),
          ...(tlsOn ? {
            SCANNER_API_SERVER_TLS_CERTIFICATE: kplus.EnvValue.fromValue('/etc/harbor/ssl/trivy/tls.crt'),
            SCANNER_API_SERVER_TLS_KEY: kplus.EnvValue.fromValue('/etc/harbor/ssl/trivy/tls.key'),
          } : {}),
          SCANNER_TRIVY_CACHE_DIR: kplus.EnvValue.fromValue('/home/scanner/.cache/trivy'),
          SCANNER_TRIVY_REPORTS_DIR: kplus.EnvValue.fromValue('/home/scanner/.cache/reports'),
          SCANNER_TRIVY_SKIP_UPDATE: kplus.EnvValue.fromValue(String(offline)),
          SCANNER_TRIVY_SKIP_JAVA_DB_UPDATE: kplus.EnvValue.fromValue(String(offline)),
          SCANNER_TRIVY_OFFLINE_SCAN: kplus.EnvValue.fromValue(String(offline)),
          SCANNER_REDIS_URL: kplus.EnvValue.fromValue(redisUrl(5)),
          SCANNER_STORE_REDIS_URL: kplus.EnvValue.fromValue(redisUrl(5)),
          SCANNER_JOB_QUEUE_REDIS_URL: kplus.EnvValue.fromValue(redisUrl(5)),
        },
        volumeMounts: [{ volume: cache, path: '/home/scanner/.cache', readOnly: false }, ...bundle.mounts, ...tlsMounts('trivy'), ...custCaMounts('trivy')],
      } as HardenedContainerProps], [bundle.init!]);
    }
    // ---- exporter
    if (metrics) {
      const bundle = caBundle('exporter', 'exporter');
      this.addComponent('exporter', 'Deployment', 1, [{
        ...common('exporter'),
        envVariables: {
          ...redisPasswordEnv,
          HARBOR_SERVICE_SCHEME: kplus.EnvValue.fromValue(scheme),
          HARBOR_SERVICE_HOST: kplus.EnvValue.fromValue(`${this.prefix}-core`),
          HARBOR_SERVICE_PORT: kplus.EnvValue.fromValue(String(_componentPort('core', tlsOn))),
          HARBOR_EXPORTER_PORT: kplus.EnvValue.fromValue(String(HARBOR_METRICS_PORT)),
          HARBOR_EXPORTER_METRICS_PATH: kplus.EnvValue.fromValue('/metrics'),
          HARBOR_EXPORTER_METRICS_ENABLED: kplus.EnvValue.fromValue('true'),
          HARBOR_EXPORTER_CACHE_TIME: kplus.EnvValue.fromValue('23'),
          HARBOR_EXPORTER_CACHE_CLEAN_INTERVAL: kplus.EnvValue.fromValue('14400'),
          HARBOR_METRIC_NAMESPACE: kplus.EnvValue.fromValue('harbor'),
          HARBOR_METRIC_SUBSYSTEM: kplus.EnvValue.fromValue('exporter'),
          HARBOR_DATABASE_HOST: kplus.EnvValue.fromValue(dbHost),
          HARBOR_DATABASE_PORT: kplus.EnvValue.fromValue(String(dbPort)),
          HARBOR_DATABASE_USERNAME: kplus.EnvValue.fromValue(dbUser),
          HARBOR_DATABASE_DBNAME: kplus.EnvValue.fromValue(dbName),
          HARBOR_DATABASE_SSLMODE: kplus.EnvValue.fromValue(dbSslMode),
          HARBOR_DATABASE_PASSWORD: dbPassword,
          // The jobservice queue URL without query, as jobservice itself uses it.
          HARBOR_REDIS_URL: kplus.EnvValue.fromValue(redisUrl(1).replace(/\?.*$/, '')),
          HARBOR_REDIS_NAMESPACE: kplus.EnvValue.fromValue('harbor_job_service_namespace'),
          HARBOR_REDIS_TIMEOUT: kplus.EnvValue.fromValue('3600'),
          HARBOR_ADMIN_PASSWORD: sv('HARBOR_ADMIN_PASSWORD'),
        },
        volumeMounts: [...bundle.mounts, ...tlsMounts('core'), ...custCaMounts('exporter')],
      } as HardenedContainerProps], [bundle.init!]);
    }
    // ---- database
    if (!db) {
      const data = pvc('DatabaseData', 'database-data', '10Gi');
      const shm = kplus.Volume.fromEmptyDir(this, 'DatabaseShm', 'shm', { medium: kplus.EmptyDirMedium.MEMORY, sizeLimit: Size.mebibytes(512) });
      // fsGroup makes the volume group-writable on every mount (fsGroupChangePolicy Always), and PostgreSQL refuses to
      // start on a data directory that is not 0700/0750: restore 0700 before it starts, as the chart's init container does.
      const permissions: HardenedContainerProps = {
        name: 'database-data-permissions',
        image: this.image('database'),
        command: ['/bin/sh', '-c', `[ ! -d ${PGDATA} ] || chmod -R 0700 ${PGDATA}`],
        volumeMounts: [{ volume: data, path: '/var/lib/postgresql/data', readOnly: false }],
        resources: { cpuRequest: '10m', memoryRequest: '16Mi', cpuLimit: '100m', memoryLimit: '64Mi' },
      };
      this.addComponent('database', 'StatefulSet', 1, [{
        ...common('database'),
        envVariables: {
          POSTGRES_PASSWORD: sv(DB_KEY),
          PGDATA: kplus.EnvValue.fromValue(PGDATA),
        },
        volumeMounts: [{ volume: data, path: '/var/lib/postgresql/data', readOnly: false }, { volume: shm, path: '/dev/shm', readOnly: false }],
      } as HardenedContainerProps], [permissions]);
    }
    // ---- redis
    if (!redis) {
      const data = pvc('RedisData', 'redis-data', '1Gi');
      // Upstream runs Valkey without a password (goharbor/harbor#13270); here it requires REDIS_PASSWORD from the Harbor
      // secret, passed as `--requirepass $(REDIS_PASSWORD)` (expanded by the kubelet, so no value in the manifest)
      // after the image's own config file.
      this.addComponent('redis', 'StatefulSet', 1, [{
        ...common('redis'),
        command: ['valkey-server'],
        args: ['/etc/redis.conf', '--requirepass', `$(${REDIS_KEY})`],
        envVariables: { ...redisPasswordEnv },
        volumeMounts: [{ volume: data, path: '/var/lib/redis', readOnly: false }],
      } as HardenedContainerProps], []);
    }

    // ---- network: default-deny (namespace) + exactly the documented flows
    const podLabels = (c: HarborComponentName) => this.podLabels(c === 'registryctl' ? 'registry' : c);
    for (const f of HARBOR_FLOWS) {
      if (!this._components.includes(f.from) || !this._components.includes(f.to)) continue;
      const ports = [{ port: _componentPort(f.to, tlsOn) }];
      ns.allowEgressToPods(kplus.Pods.select(this, `${f.id}To`, { labels: podLabels(f.to) }), { ports, targetPodLabels: podLabels(f.from) });
      ns.allowIngressFromPods(kplus.Pods.select(this, `${f.id}From`, { labels: podLabels(f.from) }), { ports, targetPodLabels: podLabels(f.to) });
    }
    for (const f of HARBOR_EDGE_FLOWS) {
      if (!this._components.includes(f.to)) continue;
      if (f.from === 'ingress-controller') {
        ns.allowIngressFromIngressController({
          controllerNamespace: props.ingressControllerNamespace,
          controllerPodLabels: props.ingressControllerPodLabels,
          ports: [{ port: _componentPort(f.to, tlsOn) }],
          targetPodLabels: podLabels(f.to),
        });
      } else if (props.metricsNamespace) {
        ns.allowIngressFromNamespace(props.metricsNamespace, { ports: [{ port: HARBOR_METRICS_PORT }], targetPodLabels: podLabels(f.to) });
      }
    }
    // External database / Redis: the components that would talk to the internal one get egress to its CIDRs (E6).
    if (db) {
      for (const c of _clientsOf('database')) {
        if (this._components.includes(c)) this.egressToCidrs(c, db.cidrs, [dbPort]);
      }
    }
    if (redis) {
      // Through Sentinel the clients ask a Sentinel for the master, then talk to the master on the Redis port.
      const ports = redis.sentinelMasterSet ? [...new Set([redisPort, redis.sentinelRedisPort ?? 6379])].sort((a, b) => a - b) : [redisPort];
      for (const c of _clientsOf('redis')) {
        if (this._components.includes(c)) this.egressToCidrs(c, redis.cidrs, ports);
      }
    }
    // Object storage on the endpoint's port (443 unless the endpoint URL names one, e.g. MinIO on 9000).
    if (props.s3Storage) this.egressToCidrs('registry', props.s3Storage.cidrs, [s3Port(props.s3Storage.endpoint)]);
    if (props.trivyUpdateCidrs) this.egressToCidrs('trivy', props.trivyUpdateCidrs, [443]);

    // ---- backup
    if (props.backup) {
      this.backup = new VeleroSchedule(this, 'Backup', {
        ...props.backup,
        includedNamespaces: [namespaceName],
        name: `${this.prefix}-${namespaceName}`,
      });
    }

    // ---- ingress
    let ingressSecretName = props.ingressTlsSecretName;
    if (props.ingressIssuer) {
      const cert = new Certificate(this, 'IngressTls', {
        namespace: ns,
        name: `${this.prefix}-ingress-tls`,
        issuer: props.ingressIssuer,
        dnsNames: [this.hostname],
        usages: [KeyUsage.DIGITAL_SIGNATURE, KeyUsage.SERVER_AUTH],
      });
      ingressSecretName = cert.secretName;
    }
    const annotations: { [k: string]: string } = {
      'nginx.ingress.kubernetes.io/force-ssl-redirect': 'true',
      'nginx.ingress.kubernetes.io/proxy-body-size': '0',
      'nginx.ingress.kubernetes.io/ssl-redirect': 'true',
      ...(tlsOn ? { 'nginx.ingress.kubernetes.io/backend-protocol': 'HTTPS' } : {}),
    };
    const backend = (c: 'core' | 'portal') => kplus.IngressBackend.fromService(this._services[c], { port: _componentPort(c, tlsOn) });
    this.ingress = new kplus.Ingress(this, 'Ingress', {
      metadata: { name: `${this.prefix}-ingress`, namespace: namespaceName, annotations },
      className: _validateDns1123Subdomain(props.ingressClassName ?? 'nginx', 'ingressClassName'),
      rules: [
        ...HARBOR_INGRESS_PATHS.map(p => ({
          host: this.hostname, path: p.path, pathType: kplus.HttpIngressPathType.PREFIX, backend: backend(p.backend),
        })),
        // Not exposed at the edge: job hooks are internal (portal answers 404).
        { host: this.hostname, path: '/service/notifications', pathType: kplus.HttpIngressPathType.PREFIX, backend: backend('portal') },
      ],
      tls: [{ hosts: [this.hostname], secret: kplus.Secret.fromSecretName(this, 'IngressTlsSecret', ingressSecretName!) }],
    });
  }

  /** Names of the components deployed, sorted. */
  public get components(): string[] {
    return [...this._components].sort();
  }

  /** The service account of a component (`core`, `portal`, `registry`, `jobservice`, `trivy`, `exporter`, `database`, `redis`). */
  public serviceAccount(component: string): LeastPrivilegeServiceAccount {
    const sa = this._serviceAccounts[component];
    if (!sa) throw new Error(`SecureRegistryStack has no component "${component}": it has ${Object.keys(this._serviceAccounts).sort().join(', ')}.`);
    return sa;
  }

  /**
   * Opens extra egress for one component (architecture flows E2-E5: remote registries, LDAP/OIDC, webhooks,
   * an HTTP proxy), only to the given CIDRs and TCP ports.
   */
  public allowEgress(component: HarborComponent, options: HarborEgressOptions): void {
    if (!this._components.includes(component as HarborComponentName)) {
      throw new Error(`allowEgress: component "${component}" is not deployed in this registry (components: ${this.components.join(', ')}).`);
    }
    this.checkCidrs(options.cidrs, `allowEgress(${component}).cidrs`);
    if (!options.ports || options.ports.length === 0) {
      throw new Error(`allowEgress(${component}): no ports given; list the destination ports (e.g. [443]).`);
    }
    this.egressToCidrs(component as HarborComponentName, options.cidrs, options.ports);
  }

  private egressToCidrs(c: HarborComponentName, cidrs: string[], ports: number[]): void {
    for (const cidr of [...new Set(cidrs)].sort()) {
      this.namespace.allowEgressToCidr(cidr, { ports: ports.map(port => ({ port: _validatePort(port, 'egress port') })), targetPodLabels: this.podLabels(c) });
    }
  }

  private podLabels(c: string): { [key: string]: string } {
    return { 'app.kubernetes.io/component': c, 'app.kubernetes.io/instance': this.prefix, 'app.kubernetes.io/name': 'harbor' };
  }

  private volume(key: string, make: () => kplus.Volume): kplus.Volume {
    if (!this._volumes[key]) this._volumes[key] = make();
    return this._volumes[key];
  }

  private addComponent(c: HarborComponentName, kind: 'Deployment' | 'StatefulSet', replicas: number,
    containers: HardenedContainerProps[], initContainers: HardenedContainerProps[]): void {
    const spec = HARBOR_COMPONENTS[c];
    const name = `${this.prefix}-${c}`;
    const sa = new LeastPrivilegeServiceAccount(this, `${c}ServiceAccount`, { name, namespace: this.namespace });
    this._serviceAccounts[c] = sa;
    const common = {
      name,
      namespace: this.namespace,
      labels: this.podLabels(c),
      runAsUser: spec.uid,
      runAsGroup: spec.uid,
      fsGroup: spec.uid,
      serviceAccount: sa,
      containers,
      initContainers: initContainers.length > 0 ? initContainers : undefined,
      terminationGracePeriod: Duration.seconds(120),
      replicas,
    };
    const ports = containers.flatMap(ct => (ct.ports ?? []).map(p => ({ port: p.number, targetPort: p.number, name: p.name })));
    // One ClusterIP Service per component, named like the chart's (`<prefix>-<component>`); for a StatefulSet it is
    // also the governing Service, so no extra headless Service is created.
    const service = new kplus.Service(this, `${c}Service`, {
      metadata: { name, namespace: this.namespace.name, labels: this.podLabels(c) },
      ports,
    });
    const workload = kind === 'Deployment'
      ? new HardenedDeployment(this, c, common)
      : new HardenedStatefulSet(this, c, { ...common, service });
    if (kind === 'Deployment') service.select(workload);
    const reload = [...new Set([this.secretName, ...Object.values(this._certSecrets), ...this._reloadSecrets])].sort().join(',');
    workload.podMetadata.addAnnotation('secret.reloader.stakater.com/reload', reload);
    const tagOnly = [...containers, ...initContainers].map(ct => ct.image).filter(image => !image.includes('@sha256:'));
    if (tagOnly.length > 0) {
      Suppressions.add(workload, [{
        id: ContainerImageIsPinnedByDigest.ID,
        reason: `Harbor images pinned by release tag only (${[...new Set(tagOnly)].sort().join(', ')}); set SecureRegistryStack imageDigests to pin them by digest.`,
      }]);
    }
    this._workloads[c] = workload;
    this._services[c] = service;
  }

  private checkCidrs(cidrs: string[] | undefined, what: string): void {
    if (!cidrs || cidrs.length === 0) {
      throw new Error(`${what} is empty: give the CIDRs to open egress to (NetworkPolicies match addresses, not host names), e.g. ["10.20.0.0/16"].`);
    }
    for (const c of cidrs) _validateCidr(c, what);
  }

  private createSecrets(source: HarborSecretSource, namespaceName: string, internalDb: boolean, internalRedis: boolean): void {
    const keys16 = SECRET_KEYS_16;
    const keys32 = [...SECRET_KEYS_32, ...(internalDb ? [DB_KEY] : []), ...(internalRedis ? [REDIS_KEY] : [])];
    if (source._mode === 'inline') {
      this.createInlineSecret(source, namespaceName, keys16, keys32);
      return;
    }
    const es = new ExternalSecret(this, 'Secrets', {
      namespace: this.namespace,
      name: this.secretName,
      targetSecretName: this.secretName,
      store: source._store,
    });
    if (source._mode === 'generated') {
      // No symbols (PasswordGenerator's default): REDIS_PASSWORD is expanded into Redis URLs.
      const g16 = new PasswordGenerator(this, 'Password16', { namespace: this.namespace, name: `${this.prefix}-password-16`, length: 16 });
      const g32 = new PasswordGenerator(this, 'Password32', { namespace: this.namespace, name: `${this.prefix}-password-32`, length: 32 });
      for (const k of keys16) es.addGeneratedPassword(k, g16);
      for (const k of keys32) es.addGeneratedPassword(k, g32);
    } else {
      for (const k of [...keys16, ...keys32]) es.addRemoteKey(k, { remoteKey: source._remoteKey!, property: k });
    }
    es.addTemplate(HTPASSWD_KEY, `{{ htpasswd "${REGISTRY_USER}" .REGISTRY_CREDENTIAL_PASSWORD }}`);
  }

  /**
   * The `insecureInlineForDevelopment` Secret: given values, the rest derived from SHA-256 of namespace, prefix and key
   * (hex, so URL-safe), the htpasswd line computed with a salt derived the same way. Deterministic, and not secret.
   */
  private createInlineSecret(source: HarborSecretSource, namespaceName: string, keys16: string[], keys32: string[]): void {
    const given = source._values ?? {};
    const derive = (key: string, length: number) => createHash('sha256')
      .update(`cdk8s-hardened insecure development value/${namespaceName}/${this.prefix}/${key}`).digest('hex').slice(0, length);
    const values: { [key: string]: string } = {};
    for (const k of keys16) values[k] = given[k] ?? derive(k, 16);
    for (const k of keys32) values[k] = given[k] ?? derive(k, 32);
    if (given[HTPASSWD_KEY] !== undefined) {
      values[HTPASSWD_KEY] = given[HTPASSWD_KEY];
    } else {
      const saltChars = './ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
      const digest = createHash('sha256').update(`cdk8s-hardened insecure development salt/${namespaceName}/${this.prefix}`).digest();
      const salt = `$2b$10$${[...digest.subarray(0, 22)].map(b => saltChars[b % 64]).join('')}`;
      values[HTPASSWD_KEY] = `${REGISTRY_USER}:${bcrypt.hashSync(values.REGISTRY_CREDENTIAL_PASSWORD, salt)}`;
    }
    new kplus.Secret(this, 'InsecureInlineSecrets', {
      metadata: {
        name: this.secretName,
        namespace: namespaceName,
        annotations: { [INLINE_REASON_ANNOTATION]: source._reason! },
      },
      stringData: Object.fromEntries(Object.keys(values).sort().map(k => [k, values[k]])),
    });
  }

  /** @internal */
  public _probe(p: HarborProbe, port: number, https: boolean): kplus.Probe {
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
