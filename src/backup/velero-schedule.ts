// SPDX-License-Identifier: Apache-2.0
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { _validateDns1123Label, _validateDns1123Subdomain } from '../core/_util';

/** How persistent volume data is backed up. */
export enum VolumeBackupMethod {
  /** Cloud-provider / CSI volume snapshots (`snapshotVolumes: true`). */
  SNAPSHOT = 'snapshot',
  /** Velero's file-system backup of pod volumes (`defaultVolumesToFsBackup: true`), for storage without snapshots. */
  FILE_SYSTEM = 'file-system',
  /** Do not back up volume data (manifests only). */
  NONE = 'none',
}

/** Properties for `VeleroSchedule`. */
export interface VeleroScheduleProps {
  /** The namespaces to back up. */
  readonly includedNamespaces: string[];
  /**
   * Cron expression (five fields, UTC) for when backups run.
   * @default '0 2 * * *' - daily at 02:00
   */
  readonly schedule?: string;
  /**
   * How long each backup is kept, as a Go duration.
   * @default '720h0m0s' - 30 days
   */
  readonly ttl?: string;
  /**
   * How volume data is backed up.
   * @default VolumeBackupMethod.SNAPSHOT
   */
  readonly volumeBackupMethod?: VolumeBackupMethod;
  /**
   * The namespace Velero runs in, where the Schedule object must live.
   * @default 'velero'
   */
  readonly veleroNamespace?: string;
  /**
   * The BackupStorageLocation to write to.
   * @default - Velero's default location
   */
  readonly storageLocation?: string;
  /**
   * The Schedule's name.
   * @default - derived by cdk8s from the construct path
   */
  readonly name?: string;
}

/**
 * A Velero `Schedule` that backs up namespaces and their volumes on a cron schedule.
 *
 * @see https://velero.io/docs/main/api-types/schedule/
 */
export class VeleroSchedule extends Construct {
  /** The Schedule object. */
  public readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: VeleroScheduleProps) {
    super(scope, id);
    if (!props.includedNamespaces || props.includedNamespaces.length === 0) {
      throw new Error('VeleroSchedule needs at least one namespace in includedNamespaces: a schedule that backs up nothing would pass silently.');
    }
    for (const ns of props.includedNamespaces) _validateDns1123Label(ns, 'namespace to back up');
    const schedule = props.schedule ?? '0 2 * * *';
    if (!/^(@(yearly|annually|monthly|weekly|daily|midnight|hourly)|@every\s+\S+|(\S+\s+){4}\S+)$/.test(schedule.trim())) {
      throw new Error(`Invalid backup schedule "${schedule}": use a five-field cron expression such as "0 2 * * *" (02:00 UTC daily).`);
    }
    const ttl = props.ttl ?? '720h0m0s';
    if (!/^([0-9]+(\.[0-9]+)?(h|m|s|ms))+$/.test(ttl)) {
      throw new Error(`Invalid backup ttl "${ttl}": use a Go duration such as "720h0m0s" (30 days).`);
    }
    const veleroNamespace = _validateDns1123Label(props.veleroNamespace ?? 'velero', 'Velero namespace');
    if (props.storageLocation) _validateDns1123Subdomain(props.storageLocation, 'storage location');
    const method = props.volumeBackupMethod ?? VolumeBackupMethod.SNAPSHOT;
    this.apiObject = new ApiObject(this, 'Resource', {
      apiVersion: 'velero.io/v1',
      kind: 'Schedule',
      metadata: { ...(props.name ? { name: props.name } : {}), namespace: veleroNamespace },
      spec: {
        schedule,
        useOwnerReferencesInBackup: false,
        template: {
          includedNamespaces: [...props.includedNamespaces].sort(),
          ttl,
          snapshotVolumes: method === VolumeBackupMethod.SNAPSHOT,
          defaultVolumesToFsBackup: method === VolumeBackupMethod.FILE_SYSTEM,
          ...(props.storageLocation ? { storageLocation: props.storageLocation } : {}),
        },
      },
    });
  }
}
