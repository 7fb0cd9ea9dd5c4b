// SPDX-License-Identifier: Apache-2.0
/** Shared setup of the per-component tests: one registry with metrics on, and the base "own child" test. */
import { Testing } from 'cdk8s';
import { HardenedNamespace, Issuer, SecureRegistryStack, SecureRegistryStackProps } from '../../../src';
import { synthValid } from '../../util';

/** A registry with metrics on (so every component exists), plus its schema-validated objects. */
export function build(extra: Partial<SecureRegistryStackProps> = {}) {
  const chart = Testing.chart();
  const registry = new SecureRegistryStack(chart, 'Registry', {
    hostname: 'registry.example.com',
    ingressIssuer: Issuer.fromClusterIssuerName(chart, 'Acme', 'letsencrypt'),
    metricsNamespace: HardenedNamespace.fromNamespaceName(chart, 'Mon', 'monitoring'),
    ...extra,
  });
  return { registry, objects: synthValid(chart) };
}

/** A container's literal env values by name. */
export const env = (container: any): Record<string, string> =>
  Object.fromEntries(container.env.filter((e: any) => e.value !== undefined).map((e: any) => [e.name, e.value]));

/** The base test of every component: it is built under its own child construct, with its account and Service. */
export function testBuiltUnderOwnChild(component: string, childId: string) {
  test(`builds ${component} under its own child construct "${childId}" (service account, Service, workload)`, () => {
    const { registry } = build();
    const scope = registry.node.findChild(childId);
    expect(scope.node.children.map(c => c.node.id)).toEqual(expect.arrayContaining(['ServiceAccount', 'Service', 'Resource']));
  });
}
