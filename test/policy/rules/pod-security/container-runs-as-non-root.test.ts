// SPDX-License-Identifier: Apache-2.0
import { describeStandardCases, podPaths } from './_helpers';
import { ContainerRunsAsNonRoot } from '../../../../src/policy/rules/pod-security';

const c = (runAsNonRoot?: boolean, name = 'app') => ({ name, image: 'x', securityContext: runAsNonRoot === undefined ? {} : { runAsNonRoot } });
const spec = (pod: boolean | undefined, containers: any[], extra: any = {}) =>
  ({ securityContext: pod === undefined ? {} : { runAsNonRoot: pod }, containers, ...extra });

describe('ContainerRunsAsNonRoot', () => {
  const rule = new ContainerRunsAsNonRoot();
  describeStandardCases(rule, 'HARDEN-PSS-015', 'runAsNonRoot', () => spec(true, [c(), c(false, 'b')]), '/containers/1/securityContext/runAsNonRoot');

  test('compliant: pod true, containers inherit', () => {
    expect(podPaths(rule, spec(true, [c(), c(undefined, 'b')], { initContainers: [c(undefined, 'i')] }))).toEqual([]);
  });

  test('compliant: pod unset, every container true', () => {
    expect(podPaths(rule, spec(undefined, [c(true)], { initContainers: [c(true, 'i')], ephemeralContainers: [c(true, 'e')] }))).toEqual([]);
  });

  test('fails when the pod sets false even though every container sets true', () => {
    expect(podPaths(rule, spec(false, [c(true)]))).toEqual(['/spec/securityContext/runAsNonRoot']);
  });

  test('fails for pod false and an unset container: both', () => {
    expect(podPaths(rule, spec(false, [c()]))).toEqual(['/spec/securityContext/runAsNonRoot', '/spec/containers/0/securityContext/runAsNonRoot']);
  });

  test('fails when a container sets false although the pod sets true', () => {
    expect(podPaths(rule, spec(true, [c(false)]))).toEqual(['/spec/containers/0/securityContext/runAsNonRoot']);
  });

  test('fails for unset containers when the pod does not set true, including init and ephemeral', () => {
    expect(podPaths(rule, spec(undefined, [c(true)], { initContainers: [c(undefined, 'i')], ephemeralContainers: [{ name: 'e', image: 'x' }] }))).toEqual([
      '/spec/initContainers/0/securityContext/runAsNonRoot', '/spec/ephemeralContainers/0/securityContext/runAsNonRoot',
    ]);
  });

  test('exempts pods in a user namespace (hostUsers: false)', () => {
    expect(podPaths(rule, spec(false, [c(false)], { hostUsers: false }))).toEqual([]);
    expect(podPaths(rule, spec(false, [c(false)], { hostUsers: true }))).toHaveLength(2);
  });

  test('does not exempt Windows pods', () => {
    expect(podPaths(rule, spec(undefined, [c()], { os: { name: 'windows' } }))).toHaveLength(1);
  });
});
