// SPDX-License-Identifier: Apache-2.0
import { build, testBuiltUnderOwnChild } from './_kit';
import { findOne } from '../../util';

describe('HarborRedis', () => {
  testBuiltUnderOwnChild('redis', 'Redis');

  test('redis: Valkey requires the password from the Harbor secret; absent with an external Redis', () => {
    const { objects } = build();
    const container = findOne(objects, 'StatefulSet', 'harbor-redis').spec.template.spec.containers[0];
    expect(container.args).toEqual(['/etc/redis.conf', '--requirepass', '$(REDIS_PASSWORD)']);
    const external = build({ externalRedis: { host: 'redis.example.com', cidrs: ['10.30.0.0/24'], caSecretName: 'redis-ca' } });
    expect(external.registry.node.tryFindChild('Redis')).toBeUndefined();
  });
});
