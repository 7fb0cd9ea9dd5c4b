// SPDX-License-Identifier: Apache-2.0
import { describeStandardCases, goodSpec, podPaths } from './_helpers';
import { PodSharesNoHostNamespaces } from '../../../../src/policy/rules/pod-security';

describe('PodSharesNoHostNamespaces', () => {
  const rule = new PodSharesNoHostNamespaces();
  describeStandardCases(rule, 'HARDEN-PSS-001', 'hostNamespaces', () => goodSpec({ hostPID: true }), '/hostPID');

  test('compliant: explicit false', () => {
    expect(podPaths(rule, goodSpec({ hostNetwork: false, hostPID: false, hostIPC: false }))).toEqual([]);
  });

  test('fails once per host namespace', () => {
    expect(podPaths(rule, goodSpec({ hostNetwork: true, hostPID: true, hostIPC: true }))).toEqual(['/spec/hostNetwork', '/spec/hostPID', '/spec/hostIPC']);
  });

  test('fails with a message naming the field and value', () => {
    const [v] = new PodSharesNoHostNamespaces().check({ kind: 'Pod', spec: goodSpec({ hostNetwork: true }) }, { objects: [] });
    expect(v.message).toMatch(/hostNetwork is true/);
  });
});
