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

describe('HarborRegistry', () => {
  test('builds registry under its own child construct "Registry" (service account, Service, workload)', () => {
    const { registry } = build();
    const scope = registry.node.findChild('Registry');
    expect(scope.node.children.map(c => c.node.id)).toEqual(expect.arrayContaining(['ServiceAccount', 'Service', 'Resource']));
  });

  test('registry pod: registry and registryctl share the blob store; object storage replaces the PVC with scratch space', () => {
    const pvc = build().objects;
    const spec = findOne(pvc, 'Deployment', 'harbor-registry').spec.template.spec;
    expect(spec.containers.map((c: any) => c.name)).toEqual(['registry', 'registryctl']);
    const storage = spec.volumes.find((v: any) => v.name === 'registry-data');
    expect(storage.persistentVolumeClaim.claimName).toBe('harbor-registry-data');
    const s3 = build({ s3Storage: { bucket: 'blobs', region: 'eu-west-1', cidrs: ['198.51.100.0/24'], credentialsSecretName: 's3' } }).objects;
    expect(findOne(s3, 'Deployment', 'harbor-registry').spec.template.spec.volumes.find((v: any) => v.name === 'registry-data').emptyDir).toEqual({ sizeLimit: '1024Mi' });
  });
});
