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

describe('HarborRedis', () => {
  test('builds redis under its own child construct "Redis" (service account, Service, workload)', () => {
    const { registry } = build();
    const scope = registry.node.findChild('Redis');
    expect(scope.node.children.map(c => c.node.id)).toEqual(expect.arrayContaining(['ServiceAccount', 'Service', 'Resource']));
  });

  test('redis: Valkey requires the password from the Harbor secret; absent with an external Redis', () => {
    const { objects } = build();
    const container = findOne(objects, 'StatefulSet', 'harbor-redis').spec.template.spec.containers[0];
    expect(container.args).toEqual(['/etc/redis.conf', '--requirepass', '$(REDIS_PASSWORD)']);
    const external = build({ externalRedis: { host: 'redis.example.com', cidrs: ['10.30.0.0/24'], caSecretName: 'redis-ca' } });
    expect(external.registry.node.tryFindChild('Redis')).toBeUndefined();
  });
});
