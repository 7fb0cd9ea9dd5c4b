// SPDX-License-Identifier: Apache-2.0
import { Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { HardenedContainerProps } from '../../workload/hardened-container';
import { HARBOR_COMPONENTS, HARBOR_SECRET } from '../_harbor-components';
import { HarborContext } from '../_harbor-context';

/** PostgreSQL data directory of harbor-db (on the database PVC). */
const PGDATA = `${HARBOR_COMPONENTS.database.data!.mountPath}/pgdata`;

/** The internal PostgreSQL (harbor-db), one replica on a PVC. @internal */
export class HarborDatabase extends Construct {
  constructor(scope: Construct, id: string, ctx: HarborContext) {
    super(scope, id);
    const dataPath = HARBOR_COMPONENTS.database.data!.mountPath;
    const data = ctx.dataVolume(this, 'database');
    const shm = kplus.Volume.fromEmptyDir(this, 'Shm', 'shm', { medium: kplus.EmptyDirMedium.MEMORY, sizeLimit: Size.mebibytes(512) });
    // fsGroup makes the volume group-writable on every mount (fsGroupChangePolicy Always), and PostgreSQL refuses to
    // start on a data directory that is not 0700/0750: restore 0700 before it starts, as the chart's init container does.
    const permissions: HardenedContainerProps = {
      name: 'database-data-permissions',
      image: ctx.r.image('database'),
      // A restore (Velero, pg_basebackup run as root) can leave files owned by another user, which uid 999 cannot chmod:
      // stop with a message that names the fix instead of a bare chmod error (PostgreSQL would refuse them anyway).
      command: ['/bin/sh', '-c', `[ ! -d ${PGDATA} ] || chmod -R 0700 ${PGDATA} || { echo "database-data-permissions: cannot chmod `
        + `files under ${PGDATA} (listed above): they are not owned by uid ${HARBOR_COMPONENTS.database.uid}, e.g. after a restore as another `
        + `user. Fix the ownership once (chown -R ${HARBOR_COMPONENTS.database.uid}:${HARBOR_COMPONENTS.database.uid} on the volume), then restart the pod." >&2; exit 1; }`],
      volumeMounts: [{ volume: data, path: dataPath, readOnly: false }],
      resources: ctx.initResources(),
    };
    ctx.addWorkload(this, 'database', [{
      ...ctx.common('database'),
      envVariables: {
        POSTGRES_PASSWORD: ctx.sv(HARBOR_SECRET.database),
        PGDATA: kplus.EnvValue.fromValue(PGDATA),
      },
      volumeMounts: [{ volume: data, path: dataPath, readOnly: false }, { volume: shm, path: '/dev/shm', readOnly: false }],
    } as HardenedContainerProps], [permissions]);
  }
}
