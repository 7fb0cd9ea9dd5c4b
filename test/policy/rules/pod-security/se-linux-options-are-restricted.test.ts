// SPDX-License-Identifier: Apache-2.0
import { describeStandardCases, goodContainer, goodSpec, podPaths } from './_helpers';
import { SeLinuxOptionsAreRestricted } from '../../../../src/policy/rules/pod-security';

const se = (opts: any, name = 'app') => goodContainer(name, { securityContext: { seLinuxOptions: opts } });

describe('SeLinuxOptionsAreRestricted', () => {
  const rule = new SeLinuxOptionsAreRestricted();
  describeStandardCases(rule, 'HARDEN-PSS-007', 'seLinuxOptions', () => goodSpec({ containers: [se({ type: 'spc_t' })] }), '/containers/0/securityContext/seLinuxOptions/type');

  test.each(['', 'container_t', 'container_init_t', 'container_kvm_t', 'container_engine_t'])('compliant: type %p', (type) => {
    expect(podPaths(rule, goodSpec({ securityContext: { seLinuxOptions: { type, level: 's0:c1,c2' } }, containers: [se({ type })] }))).toEqual([]);
  });

  test('compliant: empty user and role', () => {
    expect(podPaths(rule, goodSpec({ containers: [se({ user: '', role: '' })] }))).toEqual([]);
  });

  test('fails on pod-level type, user and role, one finding each', () => {
    expect(podPaths(rule, goodSpec({ securityContext: { seLinuxOptions: { type: 'unconfined_t', user: 'system_u', role: 'system_r' } } }))).toEqual([
      '/spec/securityContext/seLinuxOptions/type', '/spec/securityContext/seLinuxOptions/user', '/spec/securityContext/seLinuxOptions/role',
    ]);
  });

  test('fails on init containers, and is case-sensitive', () => {
    expect(podPaths(rule, goodSpec({ initContainers: [se({ type: 'Container_T' }, 'i')] }))).toEqual(['/spec/initContainers/0/securityContext/seLinuxOptions/type']);
  });
});
