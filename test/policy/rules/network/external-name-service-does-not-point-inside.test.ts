// SPDX-License-Identifier: Apache-2.0
import { deployment } from './_objects';
import { ExternalNameServiceDoesNotPointInside } from '../../../../src/policy/rules/network';

const NO_CONTEXT = { objects: [] };
const service = (externalName: string, type = 'ExternalName') =>
  ({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'alias', namespace: 'shop' }, spec: { type, externalName } });

describe('ExternalNameServiceDoesNotPointInside', () => {
  const rule = new ExternalNameServiceDoesNotPointInside();

  test('metadata', () => {
    expect(rule.metadata.id).toBe('HARDEN-NET-009');
  });

  test.each(['db.example.com', 'svc.example.com', 'my-cluster.local.example.org', 'localhost.example.com'])('compliant outside name %s', name => {
    expect(rule.check(service(name), NO_CONTEXT)).toEqual([]);
  });

  test.each(['localhost', 'LOCALHOST.', '127.0.0.1', '::1', '0.0.0.0', '169.254.169.254', 'kubernetes.default', 'vault.security.svc',
    'vault.security.svc.cluster.local', 'api.cluster.local'])('fails on %s', name => {
    expect(rule.check(service(name), NO_CONTEXT)).toEqual([{
      path: '/spec/externalName',
      message: `ExternalName Service "alias" points at "${name}", which is the node itself, a link-local address or a name inside the cluster`,
    }]);
  });

  test('not applicable to other Service types and kinds', () => {
    expect(rule.check(service('localhost', 'ClusterIP'), NO_CONTEXT)).toEqual([]);
    expect(rule.check(deployment(), NO_CONTEXT)).toEqual([]);
  });
});
