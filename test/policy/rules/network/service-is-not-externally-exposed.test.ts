// SPDX-License-Identifier: Apache-2.0
import { deployment } from './_objects';
import { ServiceIsNotExternallyExposed } from '../../../../src/policy/rules/network';

const NO_CONTEXT = { objects: [] };
function service(type?: string): any {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'shop' }, spec: { ...(type ? { type } : {}), ports: [{ port: 80 }] } };
}

describe('ServiceIsNotExternallyExposed', () => {
  const rule = new ServiceIsNotExternallyExposed();

  test('metadata', () => {
    expect(rule.metadata.id).toBe('HARDEN-NET-006');
  });

  test.each([undefined, 'ClusterIP', 'ExternalName'])('compliant type %p', type => {
    expect(rule.check(service(type), NO_CONTEXT)).toEqual([]);
  });

  test.each(['NodePort', 'LoadBalancer'])('fails on type %s', type => {
    expect(rule.check(service(type), NO_CONTEXT)).toEqual([
      { path: '/spec/type', message: `Service "web" has type ${type}, which exposes it outside the cluster; use ClusterIP behind an Ingress` },
    ]);
  });

  test('not applicable to other kinds', () => {
    expect(rule.check(deployment(), NO_CONTEXT)).toEqual([]);
  });
});
