// SPDX-License-Identifier: Apache-2.0
import { Severity } from '../../../src/policy/engine/rule';
import { PodSecurityBaselinePack } from '../../../src/policy/packs/pod-security-baseline-pack';

describe('PodSecurityBaselinePack', () => {
  const pack = new PodSecurityBaselinePack();

  test('name', () => {
    expect(pack.name).toBe('PodSecurityBaseline');
  });

  test('pins the exact rule ids: every baseline check of policy v1.37', () => {
    expect(pack.entries.map(e => e.rule.metadata.id)).toEqual([
      'HARDEN-PSS-001', // hostNamespaces
      'HARDEN-PSS-002', // privileged
      'HARDEN-PSS-003', // capabilities_baseline
      'HARDEN-PSS-004', // hostPathVolumes
      'HARDEN-PSS-005', // hostPorts
      'HARDEN-PSS-006', // appArmorProfile
      'HARDEN-PSS-007', // seLinuxOptions
      'HARDEN-PSS-008', // procMount
      'HARDEN-PSS-009', // seccompProfile_baseline
      'HARDEN-PSS-010', // sysctls
      'HARDEN-PSS-011', // windowsHostProcess
      'HARDEN-PSS-012', // hostProbesAndHostLifecycle
    ]);
  });

  test('every entry is an error', () => {
    expect(pack.entries.every(e => e.severity === Severity.ERROR)).toBe(true);
  });

  test('rule ids and names are unique', () => {
    expect(new Set(pack.entries.map(e => e.rule.metadata.id)).size).toBe(pack.entries.length);
    expect(new Set(pack.entries.map(e => e.rule.metadata.name)).size).toBe(pack.entries.length);
  });
});
