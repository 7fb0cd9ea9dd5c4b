// SPDX-License-Identifier: Apache-2.0
import { describeStandardCases, goodContainer, goodSpec, podPaths } from './_helpers';
import { SeccompProfileIsNotUnconfined } from '../../../../src/policy/rules/pod-security';

const sp = (profile: any, name = 'app') => goodContainer(name, { securityContext: { seccompProfile: profile } });

describe('SeccompProfileIsNotUnconfined', () => {
  const rule = new SeccompProfileIsNotUnconfined();
  describeStandardCases(rule, 'HARDEN-PSS-009', 'seccompProfile_baseline', () => goodSpec({ containers: [sp({ type: 'Unconfined' })] }), '/containers/0/securityContext/seccompProfile/type');

  test('compliant: unset everywhere (baseline does not require a profile)', () => {
    expect(podPaths(rule, { containers: [{ name: 'a', image: 'x' }] })).toEqual([]);
  });

  test('compliant: RuntimeDefault and Localhost', () => {
    expect(podPaths(rule, goodSpec({ securityContext: { seccompProfile: { type: 'Localhost', localhostProfile: 'p.json' } }, containers: [sp({ type: 'RuntimeDefault' })] }))).toEqual([]);
  });

  test('fails on the pod level, and on a profile without a type', () => {
    expect(podPaths(rule, goodSpec({ securityContext: { seccompProfile: { type: 'Unconfined' } }, initContainers: [sp({}, 'i')] }))).toEqual([
      '/spec/securityContext/seccompProfile/type', '/spec/initContainers/0/securityContext/seccompProfile/type',
    ]);
  });

  test('fails on ephemeral containers', () => {
    expect(podPaths(rule, goodSpec({ ephemeralContainers: [sp({ type: 'Unconfined' }, 'e')] }))).toEqual(['/spec/ephemeralContainers/0/securityContext/seccompProfile/type']);
  });
});
