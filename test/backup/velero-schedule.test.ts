// SPDX-License-Identifier: Apache-2.0
import { ApiObject, Testing } from 'cdk8s';
import { VeleroSchedule, VolumeBackupMethod } from '../../src';
import { findOne, synthValid, validateManifests } from '../util';

describe('VeleroSchedule', () => {
  test('minimal definition', () => {
    const chart = Testing.chart();
    new VeleroSchedule(chart, 'backup', { includedNamespaces: ['registry'] });
    expect(synthValid(chart)).toMatchSnapshot();
  });

  test('defaultChild is the Schedule', () => {
    const chart = Testing.chart();
    const s = new VeleroSchedule(chart, 'backup', { includedNamespaces: ['registry'] });
    expect((s.node.defaultChild as ApiObject).kind).toBe('Schedule');
  });

  test('defaults: daily, 30 days retention, volume snapshots, in the velero namespace', () => {
    const chart = Testing.chart();
    new VeleroSchedule(chart, 'backup', { includedNamespaces: ['registry'] });
    const s = findOne(synthValid(chart), 'Schedule');
    expect(s.metadata.namespace).toBe('velero');
    expect(s.spec.schedule).toBe('0 2 * * *');
    expect(s.spec.template.ttl).toBe('720h0m0s');
    expect(s.spec.template.snapshotVolumes).toBe(true);
    expect(s.spec.template.defaultVolumesToFsBackup).toBe(false);
    expect(s.spec.template.includedNamespaces).toEqual(['registry']);
  });

  test('file-system backup for storage without snapshots', () => {
    const chart = Testing.chart();
    new VeleroSchedule(chart, 'backup', { includedNamespaces: ['b', 'a'], volumeBackupMethod: VolumeBackupMethod.FILE_SYSTEM, storageLocation: 'offsite' });
    const s = findOne(synthValid(chart), 'Schedule');
    expect(s.spec.template.defaultVolumesToFsBackup).toBe(true);
    expect(s.spec.template.snapshotVolumes).toBe(false);
    expect(s.spec.template.includedNamespaces).toEqual(['a', 'b']);
    expect(s.spec.template.storageLocation).toBe('offsite');
  });

  test('throws without namespaces', () => {
    expect(() => new VeleroSchedule(Testing.chart(), 'b', { includedNamespaces: [] })).toThrow(/at least one namespace/);
  });
  test('throws on a bad namespace name', () => {
    expect(() => new VeleroSchedule(Testing.chart(), 'b', { includedNamespaces: ['Bad_NS'] })).toThrow(/Invalid namespace to back up "Bad_NS"/);
  });
  test('throws on a bad cron expression', () => {
    expect(() => new VeleroSchedule(Testing.chart(), 'b', { includedNamespaces: ['a'], schedule: 'nightly' })).toThrow(/Invalid backup schedule "nightly"/);
  });
  test('throws on a bad ttl', () => {
    expect(() => new VeleroSchedule(Testing.chart(), 'b', { includedNamespaces: ['a'], ttl: '30 days' })).toThrow(/Invalid backup ttl "30 days"/);
  });
  test('the Velero validator refuses unknown fields', () => {
    expect(() => validateManifests([{ apiVersion: 'velero.io/v1', kind: 'Schedule', metadata: { name: 'x' }, spec: { schedule: '@daily', template: { ttll: '1h' } } }]))
      .toThrow(/unknown field spec.template.ttll/);
  });
});
