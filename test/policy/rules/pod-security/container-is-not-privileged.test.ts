// SPDX-License-Identifier: Apache-2.0
import { describeStandardCases, goodContainer, goodSpec, podPaths } from './_helpers';
import { ContainerIsNotPrivileged } from '../../../../src/policy/rules/pod-security';

const priv = (name: string) => goodContainer(name, { securityContext: { privileged: true } });

describe('ContainerIsNotPrivileged', () => {
  const rule = new ContainerIsNotPrivileged();
  describeStandardCases(rule, 'HARDEN-PSS-002', 'privileged', () => goodSpec({ containers: [goodContainer(), priv('b')] }), '/containers/1/securityContext/privileged');

  test('compliant: privileged false', () => {
    expect(podPaths(rule, goodSpec({ containers: [goodContainer('a', { securityContext: { privileged: false } })] }))).toEqual([]);
  });

  test('fails for init, regular and ephemeral containers, one finding each', () => {
    const spec = goodSpec({ initContainers: [priv('i')], containers: [priv('c')], ephemeralContainers: [priv('e')] });
    expect(podPaths(rule, spec)).toEqual([
      '/spec/initContainers/0/securityContext/privileged',
      '/spec/containers/0/securityContext/privileged',
      '/spec/ephemeralContainers/0/securityContext/privileged',
    ]);
  });

  test('fails with a message naming the container', () => {
    expect(rule.check({ kind: 'Pod', spec: goodSpec({ containers: [priv('agent')] }) }, { objects: [] })[0].message).toMatch(/containers\[0\] "agent"/);
  });
});
