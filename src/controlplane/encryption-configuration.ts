// SPDX-License-Identifier: Apache-2.0
import { stringify } from 'yaml';

/** A key for a local-key encryption provider. The value is supplied by you; it is never generated. */
export interface EncryptionKey {
  /** Key name, unique within the provider (e.g. `key-2026-11`). */
  readonly name: string;
  /** The base64-encoded key. Keep it out of source control (read it from your secret store at synth time). */
  readonly secret: string;
}

/** Options for a KMS v2 provider. */
export interface KmsV2Options {
  /** Name of the KMS plugin; unique across providers. */
  readonly name: string;
  /**
   * gRPC endpoint of the KMS plugin.
   * @default 'unix:///var/run/kmsplugin/socket.sock'
   */
  readonly endpoint?: string;
  /**
   * How long the API server waits for the plugin, a duration such as `3s`.
   * @default '3s'
   */
  readonly timeout?: string;
}

const KEY_LENGTHS: Record<string, number[]> = { aescbc: [16, 24, 32], aesgcm: [16, 24, 32], secretbox: [32] };

/**
 * One provider of an `EncryptionConfiguration`. KMS v2 is the recommended one: keys never touch the
 * control-plane disk. Local-key providers take key material you supply; nothing is generated.
 *
 * @see https://kubernetes.io/docs/tasks/administer-cluster/encrypt-data/
 */
export class EncryptionProvider {
  /** KMS v2 envelope encryption through a KMS plugin (recommended). */
  public static kmsV2(options: KmsV2Options): EncryptionProvider {
    if (!options.name || !/^[A-Za-z0-9_.-]+$/.test(options.name)) {
      throw new Error(`Invalid KMS provider name "${options.name}": use letters, digits, '-', '_' or '.'.`);
    }
    const endpoint = options.endpoint ?? 'unix:///var/run/kmsplugin/socket.sock';
    if (!endpoint.startsWith('unix://')) {
      throw new Error(`Invalid KMS endpoint "${endpoint}": KMS plugins are reached over a unix socket, e.g. "unix:///var/run/kmsplugin/socket.sock".`);
    }
    const timeout = options.timeout ?? '3s';
    if (!/^([0-9]+(ms|s|m))+$/.test(timeout)) {
      throw new Error(`Invalid KMS timeout "${timeout}": use a duration such as "3s" or "500ms".`);
    }
    return new EncryptionProvider('kms', options.name, { kms: { apiVersion: 'v2', name: options.name, endpoint, timeout } });
  }

  /** AES-CBC with PKCS#7 padding and your keys (16, 24 or 32 bytes). The first key encrypts; all decrypt. */
  public static aescbc(keys: EncryptionKey[]): EncryptionProvider {
    return EncryptionProvider.localKeys('aescbc', keys);
  }

  /** AES-GCM with your keys (16, 24 or 32 bytes). Rotate keys well before 2^32 writes. */
  public static aesgcm(keys: EncryptionKey[]): EncryptionProvider {
    return EncryptionProvider.localKeys('aesgcm', keys);
  }

  /** XSalsa20 and Poly1305 with your 32-byte keys. */
  public static secretbox(keys: EncryptionKey[]): EncryptionProvider {
    return EncryptionProvider.localKeys('secretbox', keys);
  }

  private static localKeys(type: string, keys: EncryptionKey[]): EncryptionProvider {
    if (!keys || keys.length === 0) {
      throw new Error(`The ${type} provider needs at least one key you supply: keys are never generated into YAML.`);
    }
    const seen = new Set<string>();
    for (const key of keys) {
      if (!key.name || seen.has(key.name)) {
        throw new Error(`Invalid ${type} key name "${key.name}": every key needs a unique, non-empty name.`);
      }
      seen.add(key.name);
      const valid = typeof key.secret === 'string' && /^[A-Za-z0-9+/]+={0,2}$/.test(key.secret) && key.secret.length % 4 === 0;
      const bytes = valid ? Buffer.from(key.secret, 'base64').length : -1;
      if (!KEY_LENGTHS[type].includes(bytes)) {
        // Never echo the key material itself.
        throw new Error(`Invalid ${type} key "${key.name}": the secret must be base64 of ${KEY_LENGTHS[type].join(', ')} random bytes ` +
          `(got ${bytes < 0 ? 'a value that is not base64' : `${bytes} bytes`}). Generate one with: head -c 32 /dev/urandom | base64`);
      }
    }
    return new EncryptionProvider(type, type, { [type]: { keys: keys.map(k => ({ name: k.name, secret: k.secret })) } });
  }

  private constructor(
    /** Provider type: kms, aescbc, aesgcm or secretbox. */
    public readonly type: string,
    /** @internal */
    public readonly _key: string,
    /** @internal */
    public readonly _json: any,
  ) {}
}

/** Properties for `EncryptionConfiguration`. */
export interface EncryptionConfigurationProps {
  /**
   * Providers in order: the first encrypts new writes, all are tried to read. `identity` is always
   * appended last so data written before encryption was enabled stays readable; do not list it.
   */
  readonly providers: EncryptionProvider[];
  /**
   * Resources to encrypt.
   * @default ['secrets']
   */
  readonly resources?: string[];
}

/**
 * Encryption of API data at rest (`apiserver.config.k8s.io/v1` `EncryptionConfiguration`), a control-plane
 * file passed with `--encryption-provider-config`. Not an API object: write it with `ControlPlaneFiles`.
 *
 * @see https://kubernetes.io/docs/tasks/administer-cluster/encrypt-data/
 */
export class EncryptionConfiguration {
  /** Resources this configuration encrypts. */
  public readonly resources: string[];
  /** Whether any provider carries key material (the file is then itself a secret). */
  public readonly containsKeyMaterial: boolean;
  private readonly _providers: EncryptionProvider[];

  constructor(props: EncryptionConfigurationProps) {
    if (!props.providers || props.providers.length === 0) {
      throw new Error('EncryptionConfiguration needs at least one provider: use EncryptionProvider.kmsV2(...) (recommended).');
    }
    const seen = new Set<string>();
    for (const p of props.providers) {
      if (seen.has(p._key)) {
        throw new Error(`Duplicate encryption provider "${p._key}": list each provider once (a provider holds several keys).`);
      }
      seen.add(p._key);
    }
    this.resources = [...(props.resources ?? ['secrets'])];
    for (const r of this.resources) {
      if (!/^(\*\.\*|\*\.[a-z0-9.-]+|[a-z0-9-]+(\.[a-z0-9.-]+)?)$/.test(r)) {
        throw new Error(`Invalid resource "${r}" to encrypt: use a plural resource name such as "secrets" or "configmaps", or "resource.group".`);
      }
    }
    this._providers = [...props.providers];
    this.containsKeyMaterial = this._providers.some(p => p.type !== 'kms');
  }

  /** The configuration as a JSON object (contains your key material if you gave local keys). */
  public toJson(): any {
    return {
      apiVersion: 'apiserver.config.k8s.io/v1',
      kind: 'EncryptionConfiguration',
      resources: [{
        resources: [...this.resources],
        providers: [...this._providers.map(p => p._json), { identity: {} }],
      }],
    };
  }

  /** The configuration as YAML. */
  public toYaml(): string {
    return stringify(this.toJson(), { lineWidth: 0 });
  }
}
