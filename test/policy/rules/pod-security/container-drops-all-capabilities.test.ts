// SPDX-License-Identifier: Apache-2.0
import { checkPod, describeStandardCases, goodContainer, goodSpec, podPaths } from './_helpers';
import { ContainerDropsAllCapabilities } from '../../../../src/policy/rules/pod-security';

const caps = (capabilities: any, name = 'app') => ({ name, image: 'x', securityContext: { allowPrivilegeEscalation: false, capabilities } });

describe('ContainerDropsAllCapabilities', () => {
  const rule = new ContainerDropsAllCapabilities();
  describeStandardCases(rule, 'HARDEN-PSS-018', 'capabilities_restricted', () => goodSpec({ containers: [goodContainer(), caps({ drop: ['NET_RAW'] }, 'b')] }),
    '/containers/1/securityContext/capabilities/drop');

  test('compliant: drop ALL (among others) and add NET_BIND_SERVICE', () => {
    expect(podPaths(rule, goodSpec({ containers: [caps({ drop: ['NET_RAW', 'ALL'], add: ['NET_BIND_SERVICE'] })] }))).toEqual([]);
  });

  test('fails without a securityContext or capabilities block', () => {
    expect(podPaths(rule, goodSpec({ initContainers: [{ name: 'i', image: 'x' }], containers: [{ name: 'a', image: 'x', securityContext: {} }] }))).toEqual([
      '/spec/initContainers/0/securityContext/capabilities/drop', '/spec/containers/0/securityContext/capabilities/drop',
    ]);
  });

  test('fails on lower-case all', () => {
    expect(podPaths(rule, goodSpec({ containers: [caps({ drop: ['all'] })] }))).toEqual(['/spec/containers/0/securityContext/capabilities/drop']);
  });

  test('fails once per added capability other than NET_BIND_SERVICE, and names it', () => {
    const found = checkPod(rule, goodSpec({ ephemeralContainers: [caps({ drop: ['ALL'], add: ['NET_BIND_SERVICE', 'CHOWN', 'ALL'] }, 'e')] }));
    expect(found.map(v => v.path)).toEqual(['/spec/ephemeralContainers/0/securityContext/capabilities/add/1', '/spec/ephemeralContainers/0/securityContext/capabilities/add/2']);
    expect(found[0].message).toContain('"CHOWN"');
  });

  test('missing drop and a forbidden add are two findings', () => {
    expect(podPaths(rule, goodSpec({ containers: [caps({ add: ['SYS_ADMIN'] })] }))).toEqual(['/spec/containers/0/securityContext/capabilities/drop', '/spec/containers/0/securityContext/capabilities/add/0']);
  });

  test('exempts Windows pods', () => {
    expect(podPaths(rule, { os: { name: 'windows' }, containers: [{ name: 'a', image: 'x' }] })).toEqual([]);
  });
});
