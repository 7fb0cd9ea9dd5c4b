// SPDX-License-Identifier: Apache-2.0
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ControlPlaneFiles, EncryptionConfiguration, EncryptionProvider } from '../../src';

// Test-only key material (not a real key).
const KEY32 = Buffer.alloc(32, 7).toString('base64');

describe('EncryptionConfiguration', () => {
  test('minimal definition', () => {
    expect(new EncryptionConfiguration({ providers: [EncryptionProvider.kmsV2({ name: 'vault' })] }).toYaml()).toMatchSnapshot();
  });

  test('encrypts Secrets with KMS v2 first and keeps identity last so old data stays readable', () => {
    const json = new EncryptionConfiguration({
      providers: [EncryptionProvider.kmsV2({ name: 'vault' }), EncryptionProvider.aescbc([{ name: 'old', secret: KEY32 }])],
    }).toJson();
    expect(json.apiVersion).toBe('apiserver.config.k8s.io/v1');
    expect(json.kind).toBe('EncryptionConfiguration');
    const r = json.resources[0];
    expect(r.resources).toEqual(['secrets']);
    expect(r.providers[0]).toEqual({ kms: { apiVersion: 'v2', name: 'vault', endpoint: 'unix:///var/run/kmsplugin/socket.sock', timeout: '3s' } });
    expect(Object.keys(r.providers[1])).toEqual(['aescbc']);
    expect(r.providers[r.providers.length - 1]).toEqual({ identity: {} });
  });

  test('uses the key material supplied and never generates any', () => {
    const json = new EncryptionConfiguration({ providers: [EncryptionProvider.secretbox([{ name: 'k1', secret: KEY32 }])] }).toJson();
    expect(json.resources[0].providers[0].secretbox.keys).toEqual([{ name: 'k1', secret: KEY32 }]);
  });

  test('throws when there is no provider', () => {
    expect(() => new EncryptionConfiguration({ providers: [] })).toThrow(/needs at least one provider/);
  });

  test('throws when a local-key provider has no keys', () => {
    expect(() => EncryptionProvider.aesgcm([])).toThrow(/needs at least one key you supply/);
  });

  test('throws on a key of the wrong length without printing it', () => {
    const short = Buffer.alloc(8, 1).toString('base64');
    expect(() => EncryptionProvider.secretbox([{ name: 'k', secret: short }])).toThrow(/must be base64 of 32 random bytes \(got 8 bytes\)/);
    let message = '';
    try { EncryptionProvider.secretbox([{ name: 'k', secret: short }]); } catch (e: any) { message = e.message; }
    expect(message).not.toContain(short);
  });

  test('throws on a key that is not base64', () => {
    expect(() => EncryptionProvider.aescbc([{ name: 'k', secret: 'not base64!' }])).toThrow(/not base64/);
  });

  test('throws on duplicate key names', () => {
    expect(() => EncryptionProvider.aescbc([{ name: 'k', secret: KEY32 }, { name: 'k', secret: KEY32 }])).toThrow(/unique, non-empty name/);
  });

  test('throws on a KMS endpoint that is not a unix socket', () => {
    expect(() => EncryptionProvider.kmsV2({ name: 'vault', endpoint: 'tcp://10.0.0.1:9000' })).toThrow(/Invalid KMS endpoint "tcp:\/\/10.0.0.1:9000"/);
  });

  test('throws on a bad KMS timeout and name', () => {
    expect(() => EncryptionProvider.kmsV2({ name: 'vault', timeout: 'soon' })).toThrow(/Invalid KMS timeout "soon"/);
    expect(() => EncryptionProvider.kmsV2({ name: 'a b' })).toThrow(/Invalid KMS provider name "a b"/);
  });

  test('throws on a duplicate provider and a bad resource name', () => {
    const kms = EncryptionProvider.kmsV2({ name: 'vault' });
    expect(() => new EncryptionConfiguration({ providers: [kms, kms] })).toThrow(/Duplicate encryption provider "vault"/);
    expect(() => new EncryptionConfiguration({ providers: [kms], resources: ['Secrets!'] })).toThrow(/Invalid resource "Secrets!"/);
  });
});

describe('ControlPlaneFiles', () => {
  test('writes the files to their own folder, key-bearing files with mode 0600', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cp-'));
    const files = new ControlPlaneFiles({
      encryptionConfiguration: new EncryptionConfiguration({ providers: [EncryptionProvider.aescbc([{ name: 'k', secret: KEY32 }])] }),
    }).synth(dir);
    expect(files.map(f => path.basename(f))).toEqual(['audit-policy.yaml', 'encryption-configuration.yaml']);
    expect((fs.statSync(files[1]).mode % 0o1000).toString(8)).toBe('600');
    expect(fs.readFileSync(files[0], 'utf8')).toContain('kind: Policy');
  });

  test('writes no encryption configuration unless one is given', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cp-'));
    expect(new ControlPlaneFiles().synth(dir).map(f => path.basename(f))).toEqual(['audit-policy.yaml']);
  });
});
