// SPDX-License-Identifier: Apache-2.0
import { describeStandardCases, goodSpec, podPaths } from './_helpers';
import { PodIsNotWindowsHostProcess } from '../../../../src/policy/rules/pod-security';

const hp = (v: any, name = 'app') => ({ name, image: 'x', securityContext: { windowsOptions: { hostProcess: v } } });

describe('PodIsNotWindowsHostProcess', () => {
  const rule = new PodIsNotWindowsHostProcess();
  describeStandardCases(rule, 'HARDEN-PSS-011', 'windowsHostProcess', () => goodSpec({ containers: [hp(true)] }), '/containers/0/securityContext/windowsOptions/hostProcess');

  test('compliant: hostProcess false', () => {
    expect(podPaths(rule, { os: { name: 'windows' }, securityContext: { windowsOptions: { hostProcess: false } }, containers: [hp(false)] })).toEqual([]);
  });

  test('fails on the pod level and on every container kind, one finding each', () => {
    const spec = { os: { name: 'windows' }, hostNetwork: true, securityContext: { windowsOptions: { hostProcess: true } }, initContainers: [hp(true, 'i')], containers: [hp(true)], ephemeralContainers: [hp(true, 'e')] };
    expect(podPaths(rule, spec)).toEqual([
      '/spec/securityContext/windowsOptions/hostProcess', '/spec/initContainers/0/securityContext/windowsOptions/hostProcess',
      '/spec/containers/0/securityContext/windowsOptions/hostProcess', '/spec/ephemeralContainers/0/securityContext/windowsOptions/hostProcess',
    ]);
  });
});
