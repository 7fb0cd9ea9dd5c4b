// SPDX-License-Identifier: Apache-2.0
import { describeStandardCases, goodContainer, goodSpec, podPaths } from './_helpers';
import { ContainerProcMountIsDefaultOrUserNamespaced } from '../../../../src/policy/rules/pod-security';

const pm = (procMount: any, name = 'app') => goodContainer(name, { securityContext: { procMount } });

describe('ContainerProcMountIsDefaultOrUserNamespaced', () => {
  const rule = new ContainerProcMountIsDefaultOrUserNamespaced();
  describeStandardCases(rule, 'HARDEN-PSS-008', 'procMount', () => goodSpec({ containers: [pm('Unmasked')] }), '/containers/0/securityContext/procMount');

  test('compliant: Default', () => {
    expect(podPaths(rule, goodSpec({ containers: [pm('Default')] }))).toEqual([]);
  });

  test('compliant: any procMount when hostUsers is false (user namespace, 1.35+)', () => {
    expect(podPaths(rule, goodSpec({ hostUsers: false, containers: [pm('Unmasked')] }))).toEqual([]);
  });

  test('fails when hostUsers is true or unset, for init and ephemeral containers too', () => {
    expect(podPaths(rule, goodSpec({ hostUsers: true, initContainers: [pm('Unmasked', 'i')], ephemeralContainers: [pm('', 'e')] }))).toEqual([
      '/spec/initContainers/0/securityContext/procMount', '/spec/ephemeralContainers/0/securityContext/procMount',
    ]);
  });
});
