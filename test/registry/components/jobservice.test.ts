// SPDX-License-Identifier: Apache-2.0
import { build, env, testBuiltUnderOwnChild } from './_kit';
import { findOne } from '../../util';

describe('HarborJobservice', () => {
  testBuiltUnderOwnChild('jobservice', 'Jobservice');

  test('jobservice: the queue in Redis database 1 and the core URL; job logs on its PVC', () => {
    const { objects } = build();
    const spec = findOne(objects, 'Deployment', 'harbor-jobservice').spec.template.spec;
    expect(env(spec.containers[0])).toMatchObject({ JOB_SERVICE_POOL_REDIS_URL: 'redis://:$(REDIS_PASSWORD)@harbor-redis:6379/1', CORE_URL: 'https://harbor-core:8443' });
    expect(spec.volumes.find((v: any) => v.name === 'jobservice-logs').persistentVolumeClaim.claimName).toBe('harbor-jobservice-logs');
  });
});
