// SPDX-License-Identifier: Apache-2.0
import { checkPod, describeStandardCases, goodSpec, podPaths } from './_helpers';
import { PodHasNoHostPathVolumes } from '../../../../src/policy/rules/pod-security';

describe('PodHasNoHostPathVolumes', () => {
  const rule = new PodHasNoHostPathVolumes();
  describeStandardCases(rule, 'HARDEN-PSS-004', 'hostPathVolumes', () => goodSpec({ volumes: [{ name: 'a', emptyDir: {} }, { name: 'h', hostPath: { path: '/etc' } }] }),
    '/volumes/1/hostPath');

  test('compliant: other volume types, even ones restricted refuses', () => {
    expect(podPaths(rule, goodSpec({ volumes: [{ name: 'n', nfs: { server: 's', path: '/' } }, { name: 'e' }] }))).toEqual([]);
  });

  test('fails once per hostPath volume, naming the host path', () => {
    const found = checkPod(rule, goodSpec({ volumes: [{ name: 'a', hostPath: { path: '/var/run/docker.sock' } }, { name: 'b', hostPath: { path: '/' } }] }));
    expect(found.map(v => v.path)).toEqual(['/spec/volumes/0/hostPath', '/spec/volumes/1/hostPath']);
    expect(found[0].message).toMatch(/\/var\/run\/docker\.sock/);
  });

  test('compliant: hostPath: null is absent', () => {
    expect(podPaths(rule, goodSpec({ volumes: [{ name: 'a', hostPath: null }] }))).toEqual([]);
  });
});
