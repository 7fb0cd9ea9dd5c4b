// SPDX-License-Identifier: Apache-2.0
import { describeStandardCases, podPaths } from './_helpers';
import { SeccompProfileIsRuntimeDefaultOrLocalhost } from '../../../../src/policy/rules/pod-security';

const c = (type?: string | null, name = 'app') => ({ name, image: 'x', securityContext: type === undefined ? {} : { seccompProfile: type === null ? {} : { type } } });
const spec = (pod: string | undefined, containers: any[], extra: any = {}) =>
  ({ securityContext: pod === undefined ? {} : { seccompProfile: { type: pod } }, containers, ...extra });

describe('SeccompProfileIsRuntimeDefaultOrLocalhost', () => {
  const rule = new SeccompProfileIsRuntimeDefaultOrLocalhost();
  describeStandardCases(rule, 'HARDEN-PSS-017', 'seccompProfile_restricted', () => spec('RuntimeDefault', [c('Unconfined')]), '/containers/0/securityContext/seccompProfile/type');

  test('compliant: valid pod profile inherited', () => {
    expect(podPaths(rule, spec('Localhost', [c()], { initContainers: [c(undefined, 'i')] }))).toEqual([]);
  });

  test('compliant: no pod profile, every container sets a valid one', () => {
    expect(podPaths(rule, spec(undefined, [c('RuntimeDefault')], { ephemeralContainers: [c('Localhost', 'e')] }))).toEqual([]);
  });

  test('fails on unset everywhere, once per container', () => {
    expect(podPaths(rule, spec(undefined, [c(), c(undefined, 'b')]))).toEqual(['/spec/containers/0/securityContext/seccompProfile', '/spec/containers/1/securityContext/seccompProfile']);
  });

  test('fails on an Unconfined pod profile and on the containers that inherit it', () => {
    expect(podPaths(rule, spec('Unconfined', [c(), c('RuntimeDefault', 'b')]))).toEqual(['/spec/securityContext/seccompProfile/type', '/spec/containers/0/securityContext/seccompProfile']);
  });

  test('fails on a profile without a type', () => {
    expect(podPaths(rule, spec('RuntimeDefault', [c(null)]))).toEqual(['/spec/containers/0/securityContext/seccompProfile/type']);
  });

  test('exempts Windows pods', () => {
    expect(podPaths(rule, spec(undefined, [c()], { os: { name: 'windows' } }))).toEqual([]);
  });
});
