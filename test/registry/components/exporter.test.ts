// SPDX-License-Identifier: Apache-2.0
import { build, env, testBuiltUnderOwnChild } from './_kit';
import { findOne } from '../../util';

describe('HarborExporter', () => {
  testBuiltUnderOwnChild('exporter', 'Exporter');

  test('exporter: reads core over TLS, the database and the jobservice queue', () => {
    const { objects } = build();
    expect(env(findOne(objects, 'Deployment', 'harbor-exporter').spec.template.spec.containers[0])).toMatchObject({
      HARBOR_SERVICE_SCHEME: 'https',
      HARBOR_SERVICE_HOST: 'harbor-core',
      HARBOR_SERVICE_PORT: '8443',
      HARBOR_DATABASE_HOST: 'harbor-database',
      HARBOR_REDIS_URL: 'redis://:$(REDIS_PASSWORD)@harbor-redis:6379/1',
    });
  });
});
