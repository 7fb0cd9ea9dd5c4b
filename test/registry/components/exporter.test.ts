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

describe('HarborExporter', () => {
  test('builds exporter under its own child construct "Exporter" (service account, Service, workload)', () => {
    const { registry } = build();
    const scope = registry.node.findChild('Exporter');
    expect(scope.node.children.map(c => c.node.id)).toEqual(expect.arrayContaining(['ServiceAccount', 'Service', 'Resource']));
  });

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
