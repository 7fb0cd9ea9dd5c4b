// SPDX-License-Identifier: Apache-2.0
import { ApiObject, Duration, Testing } from 'cdk8s';
import { Certificate, Issuer, KeyUsage, PrivateKeyAlgorithm } from '../../src/tls';
import { findOne, synthValid } from '../util';

function setup() {
  const chart = Testing.chart();
  const issuer = Issuer.fromClusterIssuerName(chart, 'Ca', 'platform-ca');
  return { chart, issuer };
}

describe('Certificate', () => {
  test('minimal definition', () => {
    const { chart, issuer } = setup();
    new Certificate(chart, 'Cert', { issuer, dnsNames: ['registry.example.com'] });
    expect(synthValid(chart)).toMatchSnapshot();
  });

  test('defaultChild', () => {
    const { chart, issuer } = setup();
    const cert = new Certificate(chart, 'Cert', { issuer, dnsNames: ['a.example.com'] });
    expect(ApiObject.of(cert).kind).toBe('Certificate');
    expect(ApiObject.of(cert).apiVersion).toBe('cert-manager.io/v1');
  });

  test('rotates the private key on every renewal by default', () => {
    const { chart, issuer } = setup();
    const cert = new Certificate(chart, 'Cert', { issuer, dnsNames: ['a.example.com'] });
    const obj = findOne(synthValid(chart), 'Certificate');
    expect(obj.spec.privateKey.rotationPolicy).toBe('Always');
    expect(cert.rotationPolicy).toBe('Always');
  });

  test('reusePrivateKey opts into rotationPolicy Never', () => {
    const { chart, issuer } = setup();
    new Certificate(chart, 'Cert', { issuer, dnsNames: ['a.example.com'], reusePrivateKey: true });
    expect(findOne(synthValid(chart), 'Certificate').spec.privateKey.rotationPolicy).toBe('Never');
  });

  test('is short-lived by default: 90 days, renewed 30 days ahead', () => {
    const { chart, issuer } = setup();
    new Certificate(chart, 'Cert', { issuer, dnsNames: ['a.example.com'] });
    const spec = findOne(synthValid(chart), 'Certificate').spec;
    expect(spec.duration).toBe('2160h');
    expect(spec.renewBefore).toBe('720h');
  });

  test('uses an ECDSA P-256 key by default', () => {
    const { chart, issuer } = setup();
    new Certificate(chart, 'Cert', { issuer, dnsNames: ['a.example.com'] });
    expect(findOne(synthValid(chart), 'Certificate').spec.privateKey).toEqual({ algorithm: 'ECDSA', size: 256, rotationPolicy: 'Always' });
  });

  test('requests server auth and client auth by default', () => {
    const { chart, issuer } = setup();
    new Certificate(chart, 'Cert', { issuer, dnsNames: ['a.example.com'] });
    expect(findOne(synthValid(chart), 'Certificate').spec.usages).toEqual(['client auth', 'digital signature', 'server auth']);
  });

  test('adds key encipherment for RSA keys', () => {
    const { chart, issuer } = setup();
    new Certificate(chart, 'Cert', { issuer, dnsNames: ['a.example.com'], privateKeyAlgorithm: PrivateKeyAlgorithm.RSA_2048 });
    const spec = findOne(synthValid(chart), 'Certificate').spec;
    expect(spec.usages).toContain('key encipherment');
    expect(spec.privateKey).toEqual({ algorithm: 'RSA', size: 2048, rotationPolicy: 'Always' });
  });

  test('is not a CA unless asked', () => {
    const { chart, issuer } = setup();
    new Certificate(chart, 'Cert', { issuer, dnsNames: ['a.example.com'] });
    expect(findOne(synthValid(chart), 'Certificate').spec.isCA).toBeUndefined();
  });

  test('writes SANs sorted, IPs, secret name and issuerRef', () => {
    const { chart, issuer } = setup();
    const cert = new Certificate(chart, 'Cert', {
      issuer,
      name: 'core',
      secretName: 'core-tls',
      dnsNames: ['localhost', 'harbor-core'],
      ipAddresses: ['127.0.0.1'],
      commonName: 'harbor-core',
      usages: [KeyUsage.SERVER_AUTH],
    });
    const spec = findOne(synthValid(chart), 'Certificate').spec;
    expect(spec.dnsNames).toEqual(['harbor-core', 'localhost']);
    expect(spec.ipAddresses).toEqual(['127.0.0.1']);
    expect(spec.secretName).toBe('core-tls');
    expect(cert.secretName).toBe('core-tls');
    expect(spec.issuerRef).toEqual({ group: 'cert-manager.io', kind: 'ClusterIssuer', name: 'platform-ca' });
    expect(spec.usages).toEqual(['server auth']);
  });

  test('the secret name defaults to the Certificate name', () => {
    const { chart, issuer } = setup();
    const cert = new Certificate(chart, 'Cert', { issuer, dnsNames: ['a.example.com'] });
    expect(cert.secretName).toBe(cert.name);
  });

  test('throws on an invalid DNS name', () => {
    const { chart, issuer } = setup();
    expect(() => new Certificate(chart, 'Cert', { issuer, dnsNames: ['Bad_Host'] })).toThrow(/Invalid DNS name "Bad_Host"/);
  });

  test('accepts a wildcard DNS name', () => {
    const { chart, issuer } = setup();
    new Certificate(chart, 'Cert', { issuer, dnsNames: ['*.example.com'] });
    expect(findOne(synthValid(chart), 'Certificate').spec.dnsNames).toEqual(['*.example.com']);
  });

  test('throws on an invalid IP address', () => {
    const { chart, issuer } = setup();
    expect(() => new Certificate(chart, 'Cert', { issuer, ipAddresses: ['300.1.1.1'] })).toThrow(/Invalid IP address "300.1.1.1"/);
  });

  test('throws without any identity', () => {
    const { chart, issuer } = setup();
    expect(() => new Certificate(chart, 'Cert', { issuer })).toThrow(/has no identity/);
  });

  test('throws when renewBefore is not shorter than duration', () => {
    const { chart, issuer } = setup();
    expect(() => new Certificate(chart, 'Cert', { issuer, dnsNames: ['a.b'], duration: Duration.days(10), renewBefore: Duration.days(10) }))
      .toThrow(/must be shorter than the duration "240h"/);
  });

  test('throws on a duration under one hour', () => {
    const { chart, issuer } = setup();
    expect(() => new Certificate(chart, 'Cert', { issuer, dnsNames: ['a.b'], duration: Duration.minutes(30), renewBefore: Duration.minutes(10) }))
      .toThrow(/requires at least 1h/);
  });

  test('throws on a sub-second duration', () => {
    const { chart, issuer } = setup();
    expect(() => new Certificate(chart, 'Cert', { issuer, dnsNames: ['a.b'], renewBefore: Duration.millis(1500) }))
      .toThrow(/whole number of seconds/);
  });

  test('throws on an empty usages list', () => {
    const { chart, issuer } = setup();
    expect(() => new Certificate(chart, 'Cert', { issuer, dnsNames: ['a.b'], usages: [] })).toThrow(/empty usages list/);
  });

  test('throws on a too long common name', () => {
    const { chart, issuer } = setup();
    expect(() => new Certificate(chart, 'Cert', { issuer, commonName: 'x'.repeat(65) })).toThrow(/Invalid commonName/);
  });

  test('throws on an invalid secret name', () => {
    const { chart, issuer } = setup();
    expect(() => new Certificate(chart, 'Cert', { issuer, dnsNames: ['a.b'], secretName: 'Bad' })).toThrow(/Invalid certificate secret name "Bad"/);
  });

  test('throws when a namespaced Issuer is in another namespace', () => {
    const chart = Testing.chart();
    const issuer = Issuer.fromIssuerName(chart, 'I', 'ca', 'other');
    expect(() => new Certificate(chart, 'Cert', { issuer, dnsNames: ['a.b'], namespace: { name: 'mine', node: chart.node } as any }))
      .toThrow(/only signs Certificates in its own namespace/);
  });
});
