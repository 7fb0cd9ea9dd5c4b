// SPDX-License-Identifier: Apache-2.0
import { Testing } from 'cdk8s';
import { HardenedNamespace, Issuer, SecureRegistryStack, SecureRegistryStackProps } from '../../../src';
import { findOne, synthValid } from '../../util';

function build(extra: Partial<SecureRegistryStackProps> = {}) {
  const chart = Testing.chart();
  const registry = new SecureRegistryStack(chart, 'Registry', {
    hostname: 'registry.example.com',
    ingressIssuer: Issuer.fromClusterIssuerName(chart, 'Acme', 'letsencrypt'),
    metricsNamespace: HardenedNamespace.fromNamespaceName(chart, 'Mon', 'monitoring'),
    ...extra,
  });
  return { registry, objects: synthValid(chart) };
}
const env = (container: any) => Object.fromEntries(container.env.filter((e: any) => e.value !== undefined).map((e: any) => [e.name, e.value]));

describe('HarborTrivy', () => {
  test('builds trivy under its own child construct "Trivy" (service account, Service, workload)', () => {
    const { registry } = build();
    const scope = registry.node.findChild('Trivy');
    expect(scope.node.children.map(c => c.node.id)).toEqual(expect.arrayContaining(['ServiceAccount', 'Service', 'Resource']));
  });

  test('trivy: one replica, its cache on a PVC, its queue in Redis database 5', () => {
    const { objects } = build({ replicas: 2, s3Storage: { bucket: 'blobs', region: 'eu-west-1', cidrs: ['198.51.100.0/24'], credentialsSecretName: 's3' } });
    const sts = findOne(objects, 'StatefulSet', 'harbor-trivy');
    expect(sts.spec.replicas).toBe(1);
    expect(env(sts.spec.template.spec.containers[0]).SCANNER_JOB_QUEUE_REDIS_URL).toBe('redis://:$(REDIS_PASSWORD)@harbor-redis:6379/5?idle_timeout_seconds=30');
    expect(findOne(objects, 'PersistentVolumeClaim', 'harbor-trivy-cache').spec.resources.requests.storage).toBe('5Gi');
  });
});
