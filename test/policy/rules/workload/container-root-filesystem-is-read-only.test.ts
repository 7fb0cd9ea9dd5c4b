// SPDX-License-Identifier: Apache-2.0
import { hardenedContainer, NO_CONTEXT, POD_BEARING, podSpec, wrap } from './_objects';
import { ContainerRootFilesystemIsReadOnly } from '../../../../src/policy/rules/workload';

describe('ContainerRootFilesystemIsReadOnly', () => {
  const rule = new ContainerRootFilesystemIsReadOnly();

  test('metadata', () => {
    expect(rule.metadata.id).toBe('HARDEN-WL-001');
    expect(rule.metadata.name).toBe('ContainerRootFilesystemIsReadOnly');
  });

  test.each(POD_BEARING)('compliant %s', kind => {
    expect(rule.check(wrap(kind, podSpec()), NO_CONTEXT)).toEqual([]);
  });

  test.each(POD_BEARING)('fails on %s with a writable container, pointing at the field', kind => {
    const obj = wrap(kind, podSpec({ containers: [hardenedContainer('app', { securityContext: {} })] }));
    const [v, ...rest] = rule.check(obj, NO_CONTEXT);
    expect(rest).toEqual([]);
    expect(v.path).toMatch(/\/containers\/0\/securityContext\/readOnlyRootFilesystem$/);
    expect(v.message).toMatch(/container "app" has readOnlyRootFilesystem unset/);
  });

  test('fails on init and ephemeral containers, naming the value found', () => {
    const obj = wrap('Pod', podSpec({
      initContainers: [hardenedContainer('init', { securityContext: { readOnlyRootFilesystem: false } })],
      ephemeralContainers: [{ name: 'debug', image: 'busybox' }],
    }));
    expect(rule.check(obj, NO_CONTEXT)).toEqual([
      { path: '/spec/initContainers/0/securityContext/readOnlyRootFilesystem', message: expect.stringMatching(/init container "init" has readOnlyRootFilesystem false/) },
      { path: '/spec/ephemeralContainers/0/securityContext/readOnlyRootFilesystem', message: expect.stringMatching(/ephemeral container "debug"/) },
    ]);
  });

  test('not applicable to objects without pods', () => {
    expect(rule.check({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } }, NO_CONTEXT)).toEqual([]);
    expect(rule.check({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'x' } }, NO_CONTEXT)).toEqual([]);
  });
});
