// SPDX-License-Identifier: Apache-2.0
import { NO_CONTEXT, podSpec, wrap } from './_objects';
import { PersistentVolumeIsNotHostPath } from '../../../../src/policy/rules/workload';

const pv = (source: any) => ({ apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'data' }, spec: { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], ...source } });

describe('PersistentVolumeIsNotHostPath', () => {
  const rule = new PersistentVolumeIsNotHostPath();

  test('metadata', () => {
    expect(rule.metadata.id).toBe('HARDEN-WL-011');
  });

  test('compliant CSI and local volumes', () => {
    expect(rule.check(pv({ csi: { driver: 'd', volumeHandle: 'h' } }), NO_CONTEXT)).toEqual([]);
    expect(rule.check(pv({ local: { path: '/mnt/disks/ssd1' } }), NO_CONTEXT)).toEqual([]);
  });

  test('fails on a hostPath PersistentVolume', () => {
    expect(rule.check(pv({ hostPath: { path: '/' } }), NO_CONTEXT)).toEqual([
      { path: '/spec/hostPath', message: 'PersistentVolume "data" is a hostPath volume ("/") that any claim can bind to' },
    ]);
  });

  test('not applicable to pods (the Pod Security packs check their volumes)', () => {
    expect(rule.check(wrap('Pod', podSpec({ volumes: [{ name: 'h', hostPath: { path: '/' } }] })), NO_CONTEXT)).toEqual([]);
  });
});
