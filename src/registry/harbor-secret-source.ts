// SPDX-License-Identifier: Apache-2.0
import { createHash } from 'crypto';
import * as bcrypt from 'bcryptjs';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { HARBOR_SECRET } from './_harbor-components';
import { _validateDns1123Subdomain } from '../core/_util';
import { HardenedNamespace } from '../namespace/hardened-namespace';
import { ExternalSecret } from '../secrets/external-secret';
import { PasswordGenerator } from '../secrets/password-generator';
import { ISecretStore } from '../secrets/secret-store';

/** Characters a value may use when it is expanded into a Redis URL (RFC 3986 unreserved). */
const URL_SAFE = /^[A-Za-z0-9._~-]+$/;
/** Annotation carrying the reason on a Secret written with `insecureInlineForDevelopment`. */
const INLINE_REASON_ANNOTATION = 'hardened.cdk8s.io/insecure-inline-secrets-reason';
const MIN_REASON_LENGTH = 20;

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

/** What a secret source is bound to: the stack's namespace and name prefix, and which stores are internal. @internal */
export interface _HarborSecretBinding {
  readonly namespace: HardenedNamespace;
  readonly prefix: string;
  readonly internalDatabase: boolean;
  readonly internalRedis: boolean;
}

/**
 * Where the Harbor secrets come from. Enum-like class: use the static factories. No factory writes a secret
 * value into the synthesized YAML, except `insecureInlineForDevelopment`, which exists for throw-away clusters.
 */
export abstract class HarborSecretSource {
  /**
   * Random values generated in the cluster by External Secrets Operator `Password` generators, created once
   * (`refreshPolicy: CreatedOnce`), with the registry htpasswd templated from the generated password.
   * Requires External Secrets Operator in the cluster.
   */
  public static generated(): HarborSecretSource {
    return new GeneratedSource();
  }

  /**
   * A pre-created Secret (for example sealed or managed by another tool) holding every key Harbor needs:
   * `secretKey`, `CORE_SECRET`, `JOBSERVICE_SECRET`, `REGISTRY_HTTP_SECRET`, `CSRF_KEY`, `HARBOR_ADMIN_PASSWORD`,
   * `REGISTRY_CREDENTIAL_PASSWORD`, `REGISTRY_HTPASSWD`, `POSTGRES_PASSWORD` (internal database) and
   * `REDIS_PASSWORD` (internal Redis; only `A-Z a-z 0-9 . _ ~ -`, as it is expanded into Redis URLs).
   */
  public static existingSecret(secretName: string): HarborSecretSource {
    _validateDns1123Subdomain(secretName, 'Harbor secret name');
    return new ExistingSource(secretName);
  }

  /**
   * Values read by External Secrets Operator from a store (for example Vault): one remote entry `remoteKey` with one
   * property per Harbor key (the keys listed in `existingSecret`, except `REGISTRY_HTPASSWD`, which is templated).
   */
  public static externalStore(store: ISecretStore, remoteKey: string): HarborSecretSource {
    if (!remoteKey) throw new Error('HarborSecretSource.externalStore: remoteKey is empty; name the entry in the store, e.g. "harbor/secrets".');
    return new StoreSource(store, remoteKey);
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
    const known = [...HARBOR_SECRET.keys16, ...HARBOR_SECRET.keys32, HARBOR_SECRET.htpasswd, HARBOR_SECRET.database, HARBOR_SECRET.redis];
    for (const [key, value] of Object.entries(values)) {
      if (!known.includes(key)) {
        throw new Error(`HarborSecretSource.insecureInlineForDevelopment: unknown key "${key}" in values; Harbor reads ${[...known].sort().join(', ')}.`);
      }
      if (typeof value !== 'string' || value.length === 0) {
        throw new Error(`HarborSecretSource.insecureInlineForDevelopment: values["${key}"] is empty; give a value or leave the key out to derive one.`);
      }
      const exact = HARBOR_SECRET.exactLength[key];
      if (exact !== undefined && value.length !== exact) {
        throw new Error(`HarborSecretSource.insecureInlineForDevelopment: values["${key}"] has ${value.length} characters; Harbor needs exactly `
          + `${exact}. Give a ${exact}-character value or leave the key out to derive one.`);
      }
    }
    const redisKey = HARBOR_SECRET.redis;
    if (values[redisKey] !== undefined && !URL_SAFE.test(values[redisKey])) {
      throw new Error(`HarborSecretSource.insecureInlineForDevelopment: values["${redisKey}"] contains characters outside A-Z a-z 0-9 . _ ~ -, `
        + 'which would break the Redis URLs it is expanded into. Use only those characters.');
    }
    const htpasswdKey = HARBOR_SECRET.htpasswd;
    if (values[htpasswdKey] !== undefined) {
      const password = values.REGISTRY_CREDENTIAL_PASSWORD;
      const line = values[htpasswdKey];
      const prefix = `${HARBOR_SECRET.registryUser}:`;
      if (password === undefined || !line.startsWith(prefix) || !/^\$2[aby]\$\d\d\$[./A-Za-z0-9]{53}$/.test(line.slice(prefix.length))
        || !bcrypt.compareSync(password, line.slice(prefix.length))) {
        throw new Error(`HarborSecretSource.insecureInlineForDevelopment: values["${htpasswdKey}"] is not the bcrypt line "${prefix}<hash>" of `
          + 'values["REGISTRY_CREDENTIAL_PASSWORD"]. Give both (htpasswd -nbB harbor_registry_user <password>) or leave REGISTRY_HTPASSWD out to compute it.');
      }
    }
    return new InlineSource(reason, { ...values });
  }

  /** Whether the source needs External Secrets Operator in the cluster. @internal */
  public abstract readonly _needsExternalSecretsOperator: boolean;

  /**
   * Creates what the source needs in the stack's namespace (an ExternalSecret, generators or a plain Secret) and
   * returns the name of the Secret the pods read.
   * @internal
   */
  public abstract _bind(scope: Construct, binding: _HarborSecretBinding): string;
}

/** The keys the Harbor secret holds for a binding (16- and 32-character values). */
function keysFor(binding: _HarborSecretBinding): { keys16: string[]; keys32: string[] } {
  return {
    keys16: [...HARBOR_SECRET.keys16],
    keys32: [...HARBOR_SECRET.keys32, ...(binding.internalDatabase ? [HARBOR_SECRET.database] : []),
      ...(binding.internalRedis ? [HARBOR_SECRET.redis] : [])],
  };
}

/** An ExternalSecret named `<prefix>-secrets`, the htpasswd line templated from the registry password. */
function externalSecret(scope: Construct, binding: _HarborSecretBinding, store?: ISecretStore): ExternalSecret {
  const name = `${binding.prefix}-secrets`;
  const es = new ExternalSecret(scope, 'Secrets', { namespace: binding.namespace, name, targetSecretName: name, store });
  es.addTemplate(HARBOR_SECRET.htpasswd, `{{ htpasswd "${HARBOR_SECRET.registryUser}" .REGISTRY_CREDENTIAL_PASSWORD }}`);
  return es;
}

class GeneratedSource extends HarborSecretSource {
  public readonly _needsExternalSecretsOperator = true;

  public _bind(scope: Construct, binding: _HarborSecretBinding): string {
    const { keys16, keys32 } = keysFor(binding);
    const es = externalSecret(scope, binding);
    // No symbols (PasswordGenerator's default): REDIS_PASSWORD is expanded into Redis URLs.
    const g16 = new PasswordGenerator(scope, 'Password16', { namespace: binding.namespace, name: `${binding.prefix}-password-16`, length: 16 });
    const g32 = new PasswordGenerator(scope, 'Password32', { namespace: binding.namespace, name: `${binding.prefix}-password-32`, length: 32 });
    for (const k of keys16) es.addGeneratedPassword(k, g16);
    for (const k of keys32) es.addGeneratedPassword(k, g32);
    return es.targetSecretName;
  }
}

class ExistingSource extends HarborSecretSource {
  public readonly _needsExternalSecretsOperator = false;

  constructor(private readonly secretName: string) {
    super();
  }

  public _bind(): string {
    return this.secretName;
  }
}

class StoreSource extends HarborSecretSource {
  public readonly _needsExternalSecretsOperator = true;

  constructor(private readonly store: ISecretStore, private readonly remoteKey: string) {
    super();
  }

  public _bind(scope: Construct, binding: _HarborSecretBinding): string {
    const { keys16, keys32 } = keysFor(binding);
    const es = externalSecret(scope, binding, this.store);
    for (const k of [...keys16, ...keys32]) es.addRemoteKey(k, { remoteKey: this.remoteKey, property: k });
    return es.targetSecretName;
  }
}

class InlineSource extends HarborSecretSource {
  public readonly _needsExternalSecretsOperator = false;

  constructor(private readonly reason: string, private readonly values: { [key: string]: string }) {
    super();
  }

  /**
   * A plain Secret: given values, the rest derived from SHA-256 of namespace, prefix and key (hex, so URL-safe), the
   * htpasswd line computed with a salt derived the same way. Deterministic, and not secret.
   */
  public _bind(scope: Construct, binding: _HarborSecretBinding): string {
    const given = this.values;
    for (const [key, conflict] of [[HARBOR_SECRET.database, binding.internalDatabase ? undefined : 'externalDatabase'],
      [HARBOR_SECRET.redis, binding.internalRedis ? undefined : 'externalRedis']]) {
      if (conflict && given[key!] !== undefined) {
        throw new Error(`HarborSecretSource.insecureInlineForDevelopment: values["${key}"] conflicts with ${conflict}, whose password comes `
          + `from ${conflict}.password. Remove values["${key}"].`);
      }
    }
    const namespaceName = binding.namespace.name;
    const { keys16, keys32 } = keysFor(binding);
    const derive = (key: string, length: number) => createHash('sha256')
      .update(`cdk8s-hardened insecure development value/${namespaceName}/${binding.prefix}/${key}`).digest('hex').slice(0, length);
    const values: { [key: string]: string } = {};
    for (const k of keys16) values[k] = given[k] ?? derive(k, 16);
    for (const k of keys32) values[k] = given[k] ?? derive(k, 32);
    if (given[HARBOR_SECRET.htpasswd] !== undefined) {
      values[HARBOR_SECRET.htpasswd] = given[HARBOR_SECRET.htpasswd];
    } else {
      const saltChars = './ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
      const digest = createHash('sha256').update(`cdk8s-hardened insecure development salt/${namespaceName}/${binding.prefix}`).digest();
      const salt = `$2b$10$${[...digest.subarray(0, 22)].map(b => saltChars[b % 64]).join('')}`;
      values[HARBOR_SECRET.htpasswd] = `${HARBOR_SECRET.registryUser}:${bcrypt.hashSync(values.REGISTRY_CREDENTIAL_PASSWORD, salt)}`;
    }
    const name = `${binding.prefix}-secrets`;
    new kplus.Secret(scope, 'InsecureInlineSecrets', {
      metadata: { name, namespace: namespaceName, annotations: { [INLINE_REASON_ANNOTATION]: this.reason } },
      stringData: Object.fromEntries(Object.keys(values).sort().map(k => [k, values[k]])),
    });
    return name;
  }
}
