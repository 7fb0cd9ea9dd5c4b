// SPDX-License-Identifier: Apache-2.0
import { ApiObject, Duration, Testing } from 'cdk8s';
import { ExternalSecret, PasswordGenerator, RefreshPolicy, SecretStore, SecretStoreKind } from '../../src/secrets';
import { findOne, synthValid, validateManifests } from '../util';

describe('ExternalSecret', () => {
  test('minimal definition', () => {
    const chart = Testing.chart();
    const store = SecretStore.fromClusterSecretStoreName(chart, 'Vault', 'vault');
    const es = new ExternalSecret(chart, 'Es', { store });
    es.addRemoteKey('password', { remoteKey: 'harbor/admin', property: 'password' });
    expect(synthValid(chart)).toMatchSnapshot();
  });

  test('defaultChild', () => {
    const chart = Testing.chart();
    const es = new ExternalSecret(chart, 'Es');
    es.addTemplate('a', 'x');
    expect(ApiObject.of(es).kind).toBe('ExternalSecret');
  });

  test('owns the target Secret and retains it when the store value disappears', () => {
    const chart = Testing.chart();
    const es = new ExternalSecret(chart, 'Es', { store: SecretStore.fromSecretStoreName(chart, 'S', 'vault'), targetSecretName: 'harbor-admin' });
    es.addRemoteKey('password', { remoteKey: 'harbor/admin' });
    const spec = findOne(synthValid(chart), 'ExternalSecret').spec;
    expect(spec.target).toEqual({ name: 'harbor-admin', creationPolicy: 'Owner', deletionPolicy: 'Retain' });
    expect(spec.secretStoreRef).toEqual({ kind: SecretStoreKind.SECRET_STORE, name: 'vault' });
    expect(spec.refreshPolicy).toBe('Periodic');
    expect(spec.refreshInterval).toBe('1h');
    expect(spec.data).toEqual([{ secretKey: 'password', remoteRef: { key: 'harbor/admin' } }]);
  });

  test('generated values are created once (not regenerated on refresh) and never appear in the YAML', () => {
    const chart = Testing.chart();
    const gen = new PasswordGenerator(chart, 'Gen', { name: 'pw', length: 16 });
    const es = new ExternalSecret(chart, 'Es');
    es.addGeneratedPassword('secret', gen);
    es.addTemplate('REGISTRY_HTPASSWD', '{{ htpasswd "harbor_registry_user" .secret }}');
    const objs = synthValid(chart);
    const spec = findOne(objs, 'ExternalSecret').spec;
    expect(spec.refreshPolicy).toBe('CreatedOnce');
    expect(spec.refreshInterval).toBeUndefined();
    expect(spec.dataFrom).toEqual([{
      sourceRef: { generatorRef: { apiVersion: 'generators.external-secrets.io/v1alpha1', kind: 'Password', name: 'pw' } },
      rewrite: [{ regexp: { source: '^password$', target: 'secret' } }],
    }]);
    expect(spec.target.template).toEqual({
      engineVersion: 'v2',
      mergePolicy: 'Merge',
      type: 'Opaque',
      data: { REGISTRY_HTPASSWD: '{{ htpasswd "harbor_registry_user" .secret }}' },
    });
    expect(es.keys).toEqual(['REGISTRY_HTPASSWD', 'secret']);
  });

  test('explicit refresh policy and interval', () => {
    const chart = Testing.chart();
    const es = new ExternalSecret(chart, 'Es', { store: SecretStore.fromSecretStoreName(chart, 'S', 'v'), refreshPolicy: RefreshPolicy.PERIODIC, refreshInterval: Duration.minutes(15) });
    es.addRemoteKey('k', { remoteKey: 'r', version: '2' });
    const spec = findOne(synthValid(chart), 'ExternalSecret').spec;
    expect(spec.refreshInterval).toBe('15m');
    expect(spec.data[0].remoteRef).toEqual({ key: 'r', version: '2' });
  });

  test('throws on addRemoteKey without a store', () => {
    const chart = Testing.chart();
    const es = new ExternalSecret(chart, 'Es');
    expect(() => es.addRemoteKey('k', { remoteKey: 'r' })).toThrow(/needs a store/);
  });

  test('throws on an empty remote key', () => {
    const chart = Testing.chart();
    const es = new ExternalSecret(chart, 'Es', { store: SecretStore.fromSecretStoreName(chart, 'S', 'v') });
    expect(() => es.addRemoteKey('k', { remoteKey: '' })).toThrow(/empty remoteKey/);
  });

  test('throws on an invalid Secret key', () => {
    const chart = Testing.chart();
    const es = new ExternalSecret(chart, 'Es');
    expect(() => es.addTemplate('bad key', 'x')).toThrow(/Invalid Secret key "bad key"/);
  });

  test('throws on a duplicate key', () => {
    const chart = Testing.chart();
    const es = new ExternalSecret(chart, 'Es');
    es.addTemplate('a', 'x');
    expect(() => es.addTemplate('a', 'y')).toThrow(/Duplicate Secret key "a"/);
  });

  test('throws on an empty template', () => {
    const chart = Testing.chart();
    const es = new ExternalSecret(chart, 'Es');
    expect(() => es.addTemplate('a', '')).toThrow(/template for "a" is empty/);
  });

  test('throws on an invalid target secret name', () => {
    const chart = Testing.chart();
    expect(() => new ExternalSecret(chart, 'Es', { targetSecretName: 'Bad' })).toThrow(/Invalid ExternalSecret target Secret name "Bad"/);
  });

  test('fails synthesis without data', () => {
    const chart = Testing.chart();
    const es = new ExternalSecret(chart, 'Es');
    expect(es.node.validate()).toEqual([expect.stringMatching(/has no data: call addRemoteKey/)]);
  });

  test('throws when the generator is in another namespace', () => {
    const chart = Testing.chart();
    const gen = new PasswordGenerator(chart, 'Gen', { namespace: { name: 'a', node: chart.node } as any });
    const es = new ExternalSecret(chart, 'Es', { namespace: { name: 'b', node: chart.node } as any });
    expect(() => es.addGeneratedPassword('k', gen)).toThrow(/generators are namespaced/);
  });
});

describe('PasswordGenerator', () => {
  test('minimal definition', () => {
    const chart = Testing.chart();
    new PasswordGenerator(chart, 'Gen');
    expect(synthValid(chart)).toMatchSnapshot();
  });

  test('defaults to 32 characters without symbols', () => {
    const chart = Testing.chart();
    new PasswordGenerator(chart, 'Gen');
    expect(findOne(synthValid(chart), 'Password').spec).toEqual({ length: 32, digits: 8, symbols: 0, noUpper: false, allowRepeat: true });
  });

  test('throws on a short length', () => {
    const chart = Testing.chart();
    expect(() => new PasswordGenerator(chart, 'Gen', { length: 4 })).toThrow(/Invalid password length 4/);
  });

  test('throws when digits and symbols exceed the length', () => {
    const chart = Testing.chart();
    expect(() => new PasswordGenerator(chart, 'Gen', { length: 8, digits: 5, symbols: 4 })).toThrow(/exceed the length 8/);
  });

  test('throws on negative digits', () => {
    const chart = Testing.chart();
    expect(() => new PasswordGenerator(chart, 'Gen', { digits: -1 })).toThrow(/Invalid password digits -1/);
  });
});

describe('External Secrets schema validation in tests', () => {
  test('fails on an object the ESO schema rejects', () => {
    expect(() => validateManifests([{ apiVersion: 'external-secrets.io/v1', kind: 'ExternalSecret', metadata: { name: 'x' }, spec: { refreshPolicy: 'Bogus' } }]))
      .toThrow(/refreshPolicy must be equal to one of the allowed values/);
  });
});
