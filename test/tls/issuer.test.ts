// SPDX-License-Identifier: Apache-2.0
import { ApiObject, Testing } from 'cdk8s';
import { Issuer, IssuerKind, IssuerSource } from '../../src/tls';
import { findOne, synthValid } from '../util';

describe('Issuer', () => {
  test('minimal definition', () => {
    const chart = Testing.chart();
    new Issuer(chart, 'Issuer', { source: IssuerSource.ca('my-ca') });
    expect(synthValid(chart)).toMatchSnapshot();
  });

  test('defaultChild', () => {
    const chart = Testing.chart();
    const issuer = new Issuer(chart, 'Issuer', { source: IssuerSource.selfSigned() });
    expect(ApiObject.of(issuer).kind).toBe('Issuer');
  });

  test('is namespaced (never a ClusterIssuer)', () => {
    const chart = Testing.chart();
    const issuer = new Issuer(chart, 'Issuer', { source: IssuerSource.selfSigned(), name: 'boot' });
    expect(issuer.issuerKind).toBe(IssuerKind.ISSUER);
    const obj = findOne(synthValid(chart), 'Issuer');
    expect(obj.spec).toEqual({ selfSigned: {} });
    expect(issuer.issuerName).toBe('boot');
  });

  test('CA source references the CA secret', () => {
    const chart = Testing.chart();
    new Issuer(chart, 'Issuer', { source: IssuerSource.ca('my-ca') });
    expect(findOne(synthValid(chart), 'Issuer').spec).toEqual({ ca: { secretName: 'my-ca' } });
  });

  test('importers return references without objects', () => {
    const chart = Testing.chart();
    const a = Issuer.fromIssuerName(chart, 'A', 'ns-ca', 'team');
    const b = Issuer.fromClusterIssuerName(chart, 'B', 'vault');
    expect([a.issuerKind, a.issuerName, a.issuerNamespace]).toEqual([IssuerKind.ISSUER, 'ns-ca', 'team']);
    expect([b.issuerKind, b.issuerName, b.issuerNamespace]).toEqual([IssuerKind.CLUSTER_ISSUER, 'vault', undefined]);
    expect(synthValid(chart)).toEqual([]);
  });

  test('throws on an invalid issuer name', () => {
    const chart = Testing.chart();
    expect(() => Issuer.fromClusterIssuerName(chart, 'B', 'Vault_CA')).toThrow(/Invalid cluster issuer name "Vault_CA"/);
    expect(() => new Issuer(chart, 'I', { source: IssuerSource.selfSigned(), name: 'X' })).toThrow(/Invalid issuer name "X"/);
  });

  test('throws on an invalid CA secret name', () => {
    expect(() => IssuerSource.ca('Bad Secret')).toThrow(/Invalid CA secret name "Bad Secret"/);
  });
});
