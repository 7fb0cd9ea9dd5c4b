// SPDX-License-Identifier: Apache-2.0
import { checkPod, describeStandardCases, goodContainer, goodSpec, podPaths } from './_helpers';
import { ContainerDisallowsPrivilegeEscalation } from '../../../../src/policy/rules/pod-security';

const ape = (v: any, name = 'app') => ({ name, image: 'x', securityContext: v === undefined ? {} : { allowPrivilegeEscalation: v } });

describe('ContainerDisallowsPrivilegeEscalation', () => {
  const rule = new ContainerDisallowsPrivilegeEscalation();
  describeStandardCases(rule, 'HARDEN-PSS-014', 'allowPrivilegeEscalation', () => goodSpec({ containers: [goodContainer(), ape(true, 'b')] }),
    '/containers/1/securityContext/allowPrivilegeEscalation');

  test('fails when unset (it must be explicitly false), with or without a securityContext', () => {
    const found = checkPod(rule, goodSpec({ containers: [ape(undefined), { name: 'b', image: 'x' }] }));
    expect(found.map(v => v.path)).toEqual(['/spec/containers/0/securityContext/allowPrivilegeEscalation', '/spec/containers/1/securityContext/allowPrivilegeEscalation']);
    expect(found[0].message).toMatch(/does not set allowPrivilegeEscalation/);
  });

  test('fails on init and ephemeral containers', () => {
    expect(podPaths(rule, goodSpec({ initContainers: [ape(true, 'i')], ephemeralContainers: [ape(null, 'e')] }))).toEqual([
      '/spec/initContainers/0/securityContext/allowPrivilegeEscalation', '/spec/ephemeralContainers/0/securityContext/allowPrivilegeEscalation',
    ]);
  });

  test('exempts Windows pods (spec.os.name: windows)', () => {
    expect(podPaths(rule, { os: { name: 'windows' }, containers: [{ name: 'a', image: 'x' }] })).toEqual([]);
  });

  test('fails for Linux pods that only look like Windows (os.name linux, nodeSelector windows)', () => {
    expect(podPaths(rule, { os: { name: 'linux' }, nodeSelector: { 'kubernetes.io/os': 'windows' }, containers: [{ name: 'a', image: 'x' }] })).toHaveLength(1);
  });
});
