// SPDX-License-Identifier: Apache-2.0
import { describeStandardCases, goodContainer, goodSpec, podPaths } from './_helpers';
import { ContainerProcMountIsDefault } from '../../../../src/policy/rules/pod-security';

const pm = (procMount: any, name = 'app') => goodContainer(name, { securityContext: { procMount } });

describe('ContainerProcMountIsDefault', () => {
  const rule = new ContainerProcMountIsDefault();
  describeStandardCases(rule, 'HARDEN-PSS-019', 'procMount_restricted', () => goodSpec({ containers: [pm('Unmasked')] }), '/containers/0/securityContext/procMount');

  test('compliant: Default', () => {
    expect(podPaths(rule, goodSpec({ containers: [pm('Default')] }))).toEqual([]);
  });

  test('fails even in a user namespace (no hostUsers relaxation at restricted)', () => {
    expect(podPaths(rule, goodSpec({ hostUsers: false, initContainers: [pm('Unmasked', 'i')], ephemeralContainers: [pm('Unmasked', 'e')] }))).toEqual([
      '/spec/initContainers/0/securityContext/procMount', '/spec/ephemeralContainers/0/securityContext/procMount',
    ]);
  });
});
