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

describe('HarborDatabase', () => {
  test('builds database under its own child construct "Database" (service account, Service, workload)', () => {
    const { registry } = build();
    const scope = registry.node.findChild('Database');
    expect(scope.node.children.map(c => c.node.id)).toEqual(expect.arrayContaining(['ServiceAccount', 'Service', 'Resource']));
  });

  test('database: one replica, PGDATA on its PVC, /dev/shm in memory; absent with an external database', () => {
    const { objects } = build();
    const sts = findOne(objects, 'StatefulSet', 'harbor-database');
    expect(sts.spec.replicas).toBe(1);
    expect(sts.spec.template.spec.volumes.find((v: any) => v.name === 'shm').emptyDir).toEqual({ medium: 'Memory', sizeLimit: '512Mi' });
    const external = build({ externalDatabase: { host: 'pg.example.com', cidrs: ['10.20.0.0/24'], password: { secretName: 'pg', key: 'password' }, caSecretName: 'pg-ca' } });
    expect(external.registry.node.tryFindChild('Database')).toBeUndefined();
  });
});
