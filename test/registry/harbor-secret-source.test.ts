// SPDX-License-Identifier: Apache-2.0
import * as bcrypt from 'bcryptjs';
import { Testing } from 'cdk8s';
import { HardenedNamespace, HarborSecretSource, SecretStore } from '../../src';
import { findOne } from '../util';

describe('HarborSecretSource', () => {
  test('insecureInlineForDevelopment throws without a real reason or on bad values', () => {
    const dev = (reason: string, values?: { [k: string]: string }) => HarborSecretSource.insecureInlineForDevelopment({ reason, values });
    expect(() => HarborSecretSource.insecureInlineForDevelopment({} as any)).toThrow(/reason "" is too short \(0 characters, at least 20 required\).*use HarborSecretSource\.generated\(\)/);
    expect(() => dev('dev')).toThrow(/reason "dev" is too short \(3 characters, at least 20 required\)\. Plain secret values in manifests are for throw-away clusters only/);
    expect(() => dev('                         ')).toThrow(/reason "" is too short/);
    const reason = 'kind cluster for UI development';
    expect(() => dev(reason, { ADMIN_PASSWORD: 'x' })).toThrow(/unknown key "ADMIN_PASSWORD" in values; Harbor reads CORE_SECRET, CSRF_KEY, HARBOR_ADMIN_PASSWORD/);
    expect(() => dev(reason, { HARBOR_ADMIN_PASSWORD: '' })).toThrow(/values\["HARBOR_ADMIN_PASSWORD"\] is empty; give a value or leave the key out to derive one/);
    expect(() => dev(reason, { secretKey: 'short' })).toThrow(/values\["secretKey"\] has 5 characters; Harbor needs exactly 16\. Give a 16-character value or leave the key out/);
    expect(() => dev(reason, { CSRF_KEY: 'x'.repeat(31) })).toThrow(/values\["CSRF_KEY"\] has 31 characters; Harbor needs exactly 32/);
    expect(() => dev(reason, { REDIS_PASSWORD: 'p@ss/word' })).toThrow(/values\["REDIS_PASSWORD"\] contains characters outside A-Z a-z 0-9 \. _ ~ -, which would break the Redis URLs/);
    expect(() => dev(reason, { REGISTRY_HTPASSWD: 'harbor_registry_user:$2y$10$abc' })).toThrow(/values\["REGISTRY_HTPASSWD"\] is not the bcrypt line .* of values\["REGISTRY_CREDENTIAL_PASSWORD"\]\. Give both/);
    const line = `harbor_registry_user:${bcrypt.hashSync('right-password', 4)}`;
    expect(() => dev(reason, { REGISTRY_CREDENTIAL_PASSWORD: 'wrong-password', REGISTRY_HTPASSWD: line })).toThrow(/is not the bcrypt line/);
    expect(() => dev(reason, { REGISTRY_CREDENTIAL_PASSWORD: 'right-password', REGISTRY_HTPASSWD: line })).not.toThrow();
  });
  test('throws on other bad secret sources', () => {
    expect(() => HarborSecretSource.existingSecret('My Secret')).toThrow(/Invalid Harbor secret name "My Secret": must be a DNS-1123 subdomain/);
    const chart = Testing.chart();
    const store = SecretStore.fromClusterSecretStoreName(chart, 'Vault', 'vault');
    expect(() => HarborSecretSource.externalStore(store, '')).toThrow(/remoteKey is empty; name the entry in the store, e\.g\. "harbor\/secrets"/);
  });
  test('binds itself: generated and store sources create an ExternalSecret, existing ones nothing, and say whether they need ESO', () => {
    const chart = Testing.chart();
    const namespace = new HardenedNamespace(chart, 'Ns', { name: 'harbor' });
    const binding = { namespace, prefix: 'harbor', internalDatabase: true, internalRedis: false };
    expect(HarborSecretSource.generated()._bind(chart, binding)).toBe('harbor-secrets');
    expect(HarborSecretSource.existingSecret('sealed')._bind(chart, binding)).toBe('sealed');
    expect(HarborSecretSource.generated()._needsExternalSecretsOperator).toBe(true);
    expect(HarborSecretSource.existingSecret('sealed')._needsExternalSecretsOperator).toBe(false);
    const es = findOne(Testing.synth(chart), 'ExternalSecret', 'harbor-secrets');
    // Internal database, external Redis: POSTGRES_PASSWORD is generated, REDIS_PASSWORD is not.
    const keys = JSON.stringify(es.spec);
    expect(keys).toContain('POSTGRES_PASSWORD');
    expect(keys).not.toContain('REDIS_PASSWORD');
  });
});
