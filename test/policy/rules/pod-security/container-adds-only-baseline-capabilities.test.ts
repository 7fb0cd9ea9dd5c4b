// SPDX-License-Identifier: Apache-2.0
import { describeStandardCases, goodContainer, goodSpec, podPaths } from './_helpers';
import { ContainerAddsOnlyBaselineCapabilities } from '../../../../src/policy/rules/pod-security';

const adding = (add: string[], name = 'app') => goodContainer(name, { securityContext: { capabilities: { drop: ['ALL'], add } } });
const ALLOWED = ['AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE', 'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT'];

describe('ContainerAddsOnlyBaselineCapabilities', () => {
  const rule = new ContainerAddsOnlyBaselineCapabilities();
  describeStandardCases(rule, 'HARDEN-PSS-003', 'capabilities_baseline', () => goodSpec({ containers: [goodContainer(), adding(['NET_RAW'], 'b')] }),
    '/containers/1/securityContext/capabilities/add/0');

  test('compliant: every baseline capability may be added', () => {
    expect(podPaths(rule, goodSpec({ containers: [adding(ALLOWED)] }))).toEqual([]);
  });

  test('compliant: no capabilities block, or an empty add list', () => {
    expect(podPaths(rule, goodSpec({ containers: [{ name: 'a', image: 'x' }, adding([])] }))).toEqual([]);
  });

  test.each(['NET_RAW', 'ALL', 'SYS_ADMIN', 'chown', 'CAP_CHOWN'])('fails on %s', (cap) => {
    expect(podPaths(rule, goodSpec({ containers: [adding(['CHOWN', cap])] }))).toEqual(['/spec/containers/0/securityContext/capabilities/add/1']);
  });

  test('fails once per refused capability, in init and ephemeral containers too', () => {
    const spec = goodSpec({ initContainers: [adding(['SYS_ADMIN', 'NET_ADMIN'], 'i')], ephemeralContainers: [adding(['SYS_PTRACE'], 'e')] });
    expect(podPaths(rule, spec)).toEqual([
      '/spec/initContainers/0/securityContext/capabilities/add/0',
      '/spec/initContainers/0/securityContext/capabilities/add/1',
      '/spec/ephemeralContainers/0/securityContext/capabilities/add/0',
    ]);
  });
});
