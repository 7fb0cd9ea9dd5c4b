// SPDX-License-Identifier: Apache-2.0
import { Testing } from 'cdk8s';
import { Certificate, IssuerKind, PrivateCaIssuer } from '../../src/tls';
import { findAll, findOne, synthValid } from '../util';

describe('PrivateCaIssuer', () => {
  test('minimal definition', () => {
    const chart = Testing.chart();
    new PrivateCaIssuer(chart, 'Ca');
    expect(synthValid(chart)).toMatchSnapshot();
  });

  test('chains self-signed bootstrap -> CA certificate -> CA issuer', () => {
    const chart = Testing.chart();
    const ca = new PrivateCaIssuer(chart, 'Ca', { name: 'internal' });
    const objs = synthValid(chart);
    const issuers = findAll(objs, 'Issuer');
    expect(issuers.map(i => [i.metadata.name, i.spec])).toEqual([
      ['internal-selfsigned', { selfSigned: {} }],
      ['internal', { ca: { secretName: 'internal-ca' } }],
    ]);
    const cert = findOne(objs, 'Certificate');
    expect(cert.spec.isCA).toBe(true);
    expect(cert.spec.issuerRef).toEqual({ group: 'cert-manager.io', kind: 'Issuer', name: 'internal-selfsigned' });
    expect(cert.spec.usages).toEqual(['cert sign', 'crl sign', 'digital signature']);
    expect(ca.issuerName).toBe('internal');
    expect(ca.issuerKind).toBe(IssuerKind.ISSUER);
  });

  test('CA renews before leaves expire and rotates its key', () => {
    const chart = Testing.chart();
    new PrivateCaIssuer(chart, 'Ca');
    const cert = findOne(synthValid(chart), 'Certificate');
    expect(cert.spec.duration).toBe('8760h');
    expect(cert.spec.renewBefore).toBe('2880h');
    expect(cert.spec.privateKey.rotationPolicy).toBe('Always');
  });

  test('signs leaf certificates', () => {
    const chart = Testing.chart();
    const ca = new PrivateCaIssuer(chart, 'Ca', { name: 'internal' });
    new Certificate(chart, 'Leaf', { issuer: ca, dnsNames: ['svc'] });
    const leaf = findAll(synthValid(chart), 'Certificate').find(c => !c.spec.isCA);
    expect(leaf.spec.issuerRef.name).toBe('internal');
  });

  test('throws on an invalid name', () => {
    const chart = Testing.chart();
    expect(() => new PrivateCaIssuer(chart, 'Ca', { name: 'Internal CA' })).toThrow(/Invalid private CA name "Internal CA"/);
  });
});
