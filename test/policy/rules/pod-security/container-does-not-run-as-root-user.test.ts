// SPDX-License-Identifier: Apache-2.0
import { describeStandardCases, goodContainer, goodSpec, podPaths } from './_helpers';
import { ContainerDoesNotRunAsRootUser } from '../../../../src/policy/rules/pod-security';

const uid = (runAsUser: any, name = 'app') => goodContainer(name, { securityContext: { runAsUser } });

describe('ContainerDoesNotRunAsRootUser', () => {
  const rule = new ContainerDoesNotRunAsRootUser();
  describeStandardCases(rule, 'HARDEN-PSS-016', 'runAsUser', () => goodSpec({ containers: [uid(0)] }), '/containers/0/securityContext/runAsUser');

  test('compliant: unset or non-zero', () => {
    expect(podPaths(rule, goodSpec({ securityContext: { runAsUser: 1000 }, containers: [uid(65532), goodContainer('b')] }))).toEqual([]);
  });

  test('fails on the pod level and every container kind, one finding each', () => {
    expect(podPaths(rule, goodSpec({ securityContext: { runAsUser: 0 }, initContainers: [uid(0, 'i')], containers: [uid(0)], ephemeralContainers: [uid(0, 'e')] }))).toEqual([
      '/spec/securityContext/runAsUser', '/spec/initContainers/0/securityContext/runAsUser', '/spec/containers/0/securityContext/runAsUser', '/spec/ephemeralContainers/0/securityContext/runAsUser',
    ]);
  });

  test('a container value 0 fails even when the pod sets a non-zero UID', () => {
    expect(podPaths(rule, goodSpec({ securityContext: { runAsUser: 1000 }, containers: [uid(0)] }))).toEqual(['/spec/containers/0/securityContext/runAsUser']);
  });

  test('exempts pods in a user namespace (hostUsers: false)', () => {
    expect(podPaths(rule, goodSpec({ hostUsers: false, securityContext: { runAsUser: 0 }, containers: [uid(0)] }))).toEqual([]);
  });
});
