// SPDX-License-Identifier: Apache-2.0
import { describeStandardCases, goodSpec, podPaths } from './_helpers';
import { PodUsesOnlyRestrictedVolumeTypes } from '../../../../src/policy/rules/pod-security';

const ALLOWED = ['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'image', 'persistentVolumeClaim', 'projected', 'secret'];
const REFUSED = [
  'hostPath', 'nfs', 'gitRepo', 'awsElasticBlockStore', 'gcePersistentDisk', 'iscsi', 'glusterfs', 'rbd', 'flexVolume', 'cinder', 'cephfs', 'flocker',
  'fc', 'azureFile', 'azureDisk', 'vsphereVolume', 'quobyte', 'portworxVolume', 'photonPersistentDisk', 'scaleIO', 'storageos', 'someFutureSource',
];

describe('PodUsesOnlyRestrictedVolumeTypes', () => {
  const rule = new PodUsesOnlyRestrictedVolumeTypes();
  describeStandardCases(rule, 'HARDEN-PSS-013', 'restrictedVolumes', () => goodSpec({ volumes: [{ name: 'a', secret: { secretName: 's' } }, { name: 'b', nfs: { server: 's', path: '/' } }] }),
    '/volumes/1/nfs');

  test.each(ALLOWED)('compliant: %s', (source) => {
    expect(podPaths(rule, goodSpec({ volumes: [{ name: 'v', [source]: {} }] }))).toEqual([]);
  });

  test('compliant: a volume with no source is an emptyDir (API defaulting), also when the source is null', () => {
    expect(podPaths(rule, goodSpec({ volumes: [{ name: 'v' }, { name: 'w', hostPath: null }] }))).toEqual([]);
  });

  test.each(REFUSED)('fails on %s', (source) => {
    expect(podPaths(rule, goodSpec({ volumes: [{ name: 'v', [source]: {} }] }))).toEqual([`/spec/volumes/0/${source}`]);
  });

  test('one finding per offending volume', () => {
    expect(podPaths(rule, goodSpec({ volumes: [{ name: 'a', hostPath: { path: '/' } }, { name: 'b', emptyDir: {} }, { name: 'c', rbd: {} }] }))).toEqual([
      '/spec/volumes/0/hostPath', '/spec/volumes/2/rbd',
    ]);
  });
});
