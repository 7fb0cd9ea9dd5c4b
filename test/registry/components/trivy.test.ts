// SPDX-License-Identifier: Apache-2.0
import { build, env, testBuiltUnderOwnChild } from './_kit';
import { findOne } from '../../util';

describe('HarborTrivy', () => {
  testBuiltUnderOwnChild('trivy', 'Trivy');

  test('trivy: one replica, its cache on a PVC, its queue in Redis database 5', () => {
    const { objects } = build({ replicas: 2, s3Storage: { bucket: 'blobs', region: 'eu-west-1', cidrs: ['198.51.100.0/24'], credentialsSecretName: 's3' } });
    const sts = findOne(objects, 'StatefulSet', 'harbor-trivy');
    expect(sts.spec.replicas).toBe(1);
    expect(env(sts.spec.template.spec.containers[0]).SCANNER_JOB_QUEUE_REDIS_URL).toBe('redis://:$(REDIS_PASSWORD)@harbor-redis:6379/5?idle_timeout_seconds=30');
    expect(findOne(objects, 'PersistentVolumeClaim', 'harbor-trivy-cache').spec.resources.requests.storage).toBe('5Gi');
  });
});
