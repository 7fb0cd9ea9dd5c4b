// SPDX-License-Identifier: Apache-2.0
import { build, testBuiltUnderOwnChild } from './_kit';
import { findOne } from '../../util';

describe('HarborDatabase', () => {
  testBuiltUnderOwnChild('database', 'Database');

  test('database: one replica, PGDATA on its PVC, /dev/shm in memory; absent with an external database', () => {
    const { objects } = build();
    const sts = findOne(objects, 'StatefulSet', 'harbor-database');
    expect(sts.spec.replicas).toBe(1);
    expect(sts.spec.template.spec.volumes.find((v: any) => v.name === 'shm').emptyDir).toEqual({ medium: 'Memory', sizeLimit: '512Mi' });
    const external = build({ externalDatabase: { host: 'pg.example.com', cidrs: ['10.20.0.0/24'], password: { secretName: 'pg', key: 'password' }, caSecretName: 'pg-ca' } });
    expect(external.registry.node.tryFindChild('Database')).toBeUndefined();
  });
});
