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

describe('HarborJobservice', () => {
  test('builds jobservice under its own child construct "Jobservice" (service account, Service, workload)', () => {
    const { registry } = build();
    const scope = registry.node.findChild('Jobservice');
    expect(scope.node.children.map(c => c.node.id)).toEqual(expect.arrayContaining(['ServiceAccount', 'Service', 'Resource']));
  });

  test('jobservice: the queue in Redis database 1 and the core URL; job logs on its PVC', () => {
    const { objects } = build();
    const spec = findOne(objects, 'Deployment', 'harbor-jobservice').spec.template.spec;
    expect(env(spec.containers[0])).toMatchObject({ JOB_SERVICE_POOL_REDIS_URL: 'redis://:$(REDIS_PASSWORD)@harbor-redis:6379/1', CORE_URL: 'https://harbor-core:8443' });
    expect(spec.volumes.find((v: any) => v.name === 'jobservice-logs').persistentVolumeClaim.claimName).toBe('harbor-jobservice-logs');
  });
});
