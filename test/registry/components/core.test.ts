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

describe('HarborCore', () => {
  test('builds core under its own child construct "Core" (service account, Service, workload)', () => {
    const { registry } = build();
    const scope = registry.node.findChild('Core');
    expect(scope.node.children.map(c => c.node.id)).toEqual(expect.arrayContaining(['ServiceAccount', 'Service', 'Resource']));
  });

  test('core: URLs of the other components on their TLS ports, its own local URL, the token and secret-key files', () => {
    const { objects } = build();
    const spec = findOne(objects, 'Deployment', 'harbor-core').spec.template.spec;
    expect(env(spec.containers[0])).toMatchObject({
      CORE_URL: 'https://harbor-core:8443',
      CORE_LOCAL_URL: 'https://127.0.0.1:8443',
      JOBSERVICE_URL: 'https://harbor-jobservice:8443',
      REGISTRY_URL: 'https://harbor-registry:5443',
      REGISTRY_CONTROLLER_URL: 'https://harbor-registry:8443',
      TRIVY_ADAPTER_URL: 'https://harbor-trivy:8443',
    });
    expect(spec.containers[0].volumeMounts.map((m: any) => m.mountPath)).toEqual(expect.arrayContaining(['/etc/core/key', '/etc/core/private_key.pem', '/etc/core/ca']));
  });
});
