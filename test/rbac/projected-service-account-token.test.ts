// SPDX-License-Identifier: Apache-2.0
import { Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { LeastPrivilegeServiceAccount, ProjectedServiceAccountTokenOptions } from '../../src/rbac';
import { findOne, synthValid } from '../util';

function podWithToken(options: ProjectedServiceAccountTokenOptions) {
  const chart = Testing.chart();
  const sa = new LeastPrivilegeServiceAccount(chart, 'sa', { name: 'app' });
  const pod = new kplus.Pod(chart, 'pod', { serviceAccount: sa });
  const container = pod.addContainer({ image: 'example.com/app:1.0.0' });
  sa.mountProjectedToken(pod, container, options);
  return findOne(synthValid(chart), 'Pod').spec;
}

describe('ProjectedServiceAccountToken', () => {
  test('minimal definition', () => {
    expect(podWithToken({ audience: 'vault' })).toMatchSnapshot();
  });

  test('is short-lived by default (600 seconds, the Kubernetes minimum)', () => {
    const spec = podWithToken({ audience: 'vault' });
    expect(spec.volumes[0].projected.sources[0].serviceAccountToken.expirationSeconds).toBe(600);
  });

  test('is bound to the audience', () => {
    const spec = podWithToken({ audience: 'https://sts.example.com' });
    expect(spec.volumes[0].projected.sources[0].serviceAccountToken.audience).toBe('https://sts.example.com');
  });

  test('is the only credential in the pod (no automount)', () => {
    const spec = podWithToken({ audience: 'vault' });
    expect(spec.automountServiceAccountToken).toBe(false);
    expect(spec.volumes).toHaveLength(1);
  });

  test('honours path, volume name and expiration', () => {
    const spec = podWithToken({ audience: 'vault', path: 'vault/token', volumeName: 'vault-token', expirationSeconds: 3600 });
    expect(spec.volumes[0]).toEqual({
      name: 'vault-token',
      projected: { sources: [{ serviceAccountToken: { audience: 'vault', expirationSeconds: 3600, path: 'vault/token' } }] },
    });
  });

  test('throws on expirationSeconds below 600', () => {
    expect(() => podWithToken({ audience: 'vault', expirationSeconds: 599 })).toThrow(/Invalid projected token expirationSeconds 599: Kubernetes requires an integer of at least 600/);
  });

  test('throws on a non-integer expirationSeconds', () => {
    expect(() => podWithToken({ audience: 'vault', expirationSeconds: 600.5 })).toThrow(/Invalid projected token expirationSeconds 600.5/);
  });

  test('throws on an empty audience', () => {
    expect(() => podWithToken({ audience: '' })).toThrow(/Invalid projected token audience "": the audience must be a non-empty string/);
    expect(() => podWithToken({ audience: 'two words' })).toThrow(/Invalid projected token audience "two words"/);
  });

  test('throws on an absolute or escaping path', () => {
    expect(() => podWithToken({ audience: 'vault', path: '/token' })).toThrow(/Invalid projected token path "\/token"/);
    expect(() => podWithToken({ audience: 'vault', path: '../token' })).toThrow(/Invalid projected token path "..\/token"/);
  });

  test('throws on an invalid volume name', () => {
    expect(() => podWithToken({ audience: 'vault', volumeName: 'Token' })).toThrow(/Invalid projected token volume name "Token"/);
  });
});
