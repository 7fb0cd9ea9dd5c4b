// SPDX-License-Identifier: Apache-2.0
import { describeStandardCases, goodContainer, goodSpec, podPaths } from './_helpers';
import { ContainerUsesNoHostPorts } from '../../../../src/policy/rules/pod-security';

const withPorts = (ports: any[], name = 'app') => goodContainer(name, { ports });

describe('ContainerUsesNoHostPorts', () => {
  const rule = new ContainerUsesNoHostPorts();
  describeStandardCases(rule, 'HARDEN-PSS-005', 'hostPorts', () => goodSpec({ containers: [withPorts([{ containerPort: 80 }, { containerPort: 81, hostPort: 81 }])] }),
    '/containers/0/ports/1/hostPort');

  test('compliant: hostPort unset or 0', () => {
    expect(podPaths(rule, goodSpec({ containers: [withPorts([{ containerPort: 80 }, { containerPort: 81, hostPort: 0 }])] }))).toEqual([]);
  });

  test('fails for init and ephemeral containers, one finding per port', () => {
    const spec = goodSpec({ initContainers: [withPorts([{ containerPort: 1, hostPort: 1 }, { containerPort: 2, hostPort: 2 }], 'i')], ephemeralContainers: [withPorts([{ containerPort: 3, hostPort: 3 }], 'e')] });
    expect(podPaths(rule, spec)).toEqual(['/spec/initContainers/0/ports/0/hostPort', '/spec/initContainers/0/ports/1/hostPort', '/spec/ephemeralContainers/0/ports/0/hostPort']);
  });
});
