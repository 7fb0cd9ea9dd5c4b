// SPDX-License-Identifier: Apache-2.0
import { Construct, IConstruct } from 'constructs';
import { _validateDns1123Subdomain } from '../core/_util';

/**
 * The kind of an External Secrets Operator store. Values equal `secretStoreRef.kind`.
 * @see https://external-secrets.io/latest/api/secretstore/
 */
export enum SecretStoreKind {
  /** A namespaced `SecretStore`: only ExternalSecrets of its namespace can read through it. */
  SECRET_STORE = 'SecretStore',
  /** A cluster-scoped `ClusterSecretStore`, shared by namespaces the platform team allows. */
  CLUSTER_SECRET_STORE = 'ClusterSecretStore',
}

/**
 * An External Secrets Operator store (for example Vault) that `ExternalSecret`s read from.
 * The store itself (provider, auth) belongs to the platform team; reference it with
 * `SecretStore.fromSecretStoreName` or `SecretStore.fromClusterSecretStoreName`.
 */
export interface ISecretStore extends IConstruct {
  /** The store's `metadata.name`. */
  readonly storeName: string;
  /** `SecretStore` or `ClusterSecretStore`. */
  readonly storeKind: SecretStoreKind;
}

/**
 * Importers for External Secrets Operator stores.
 * @see https://external-secrets.io/latest/introduction/overview/
 */
export class SecretStore {
  /** References an existing namespaced `SecretStore` (in the namespace of the ExternalSecret). */
  public static fromSecretStoreName(scope: Construct, id: string, storeName: string): ISecretStore {
    _validateDns1123Subdomain(storeName, 'SecretStore name');
    return new ImportedSecretStore(scope, id, storeName, SecretStoreKind.SECRET_STORE);
  }

  /** References an existing `ClusterSecretStore`. */
  public static fromClusterSecretStoreName(scope: Construct, id: string, storeName: string): ISecretStore {
    _validateDns1123Subdomain(storeName, 'ClusterSecretStore name');
    return new ImportedSecretStore(scope, id, storeName, SecretStoreKind.CLUSTER_SECRET_STORE);
  }

  private constructor() {}
}

class ImportedSecretStore extends Construct implements ISecretStore {
  constructor(scope: Construct, id: string, public readonly storeName: string, public readonly storeKind: SecretStoreKind) {
    super(scope, id);
  }
}
