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

describe('HarborPortal', () => {
  test('builds portal under its own child construct "Portal" (service account, Service, workload)', () => {
    const { registry } = build();
    const scope = registry.node.findChild('Portal');
    expect(scope.node.children.map(c => c.node.id)).toEqual(expect.arrayContaining(['ServiceAccount', 'Service', 'Resource']));
  });

  test('portal: nginx.conf from the Harbor ConfigMap and its own certificate, nothing else', () => {
    const { objects } = build();
    const container = findOne(objects, 'Deployment', 'harbor-portal').spec.template.spec.containers[0];
    expect(container.env).toBeUndefined();
    expect(container.volumeMounts.filter((m: any) => !['/tmp', '/var/cache/nginx', '/var/log/nginx', '/run'].includes(m.mountPath)).map((m: any) => m.mountPath).sort())
      .toEqual(['/etc/harbor/ssl/portal', '/etc/nginx/nginx.conf']);
  });
});
