// SPDX-License-Identifier: Apache-2.0
import { Testing } from 'cdk8s';
import { HardenedDeployment, HardenedStatefulSet } from '../../../src';
import { Severity } from '../../../src/policy/engine/rule';
import { PodSecurityBaselinePack } from '../../../src/policy/packs/pod-security-baseline-pack';
import { PodSecurityRestrictedPack } from '../../../src/policy/packs/pod-security-restricted-pack';
import { synthValid } from '../../util';

describe('PodSecurityRestrictedPack', () => {
  const pack = new PodSecurityRestrictedPack();
  const ids = pack.entries.map(e => e.rule.metadata.id);

  test('name', () => {
    expect(pack.name).toBe('PodSecurityRestricted');
  });

  test('pins the exact rule ids: non-overridden baseline checks plus every restricted check of policy v1.37', () => {
    expect(ids).toEqual([
      'HARDEN-PSS-001', // hostNamespaces
      'HARDEN-PSS-002', // privileged
      'HARDEN-PSS-005', // hostPorts
      'HARDEN-PSS-006', // appArmorProfile
      'HARDEN-PSS-007', // seLinuxOptions
      'HARDEN-PSS-010', // sysctls
      'HARDEN-PSS-011', // windowsHostProcess
      'HARDEN-PSS-012', // hostProbesAndHostLifecycle
      'HARDEN-PSS-013', // restrictedVolumes
      'HARDEN-PSS-014', // allowPrivilegeEscalation
      'HARDEN-PSS-015', // runAsNonRoot
      'HARDEN-PSS-016', // runAsUser
      'HARDEN-PSS-017', // seccompProfile_restricted
      'HARDEN-PSS-018', // capabilities_restricted
      'HARDEN-PSS-019', // procMount_restricted
    ]);
  });

  test('overridden baseline checks are not in the pack', () => {
    for (const overridden of ['HARDEN-PSS-003', 'HARDEN-PSS-004', 'HARDEN-PSS-008', 'HARDEN-PSS-009']) expect(ids).not.toContain(overridden);
  });

  test('every baseline rule not overridden is included', () => {
    const baseline = new PodSecurityBaselinePack().entries.map(e => e.rule.metadata.id);
    expect(baseline.filter(id => ids.includes(id))).toHaveLength(8);
  });

  test('every entry is an error', () => {
    expect(pack.entries.every(e => e.severity === Severity.ERROR)).toBe(true);
  });

  test('a minimal restricted pod passes and an empty pod fails with exactly the restricted requirements', () => {
    const minimal = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p' },
      spec: {
        securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
        containers: [{ name: 'a', image: 'x', securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } } }],
      },
    };
    const run = (obj: any) => pack.entries.flatMap(e => e.rule.check(obj, { objects: [obj] }).map(v => `${e.rule.metadata.id} ${v.path}`));
    expect(run(minimal)).toEqual([]);
    const bare = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'a', image: 'x' }] } };
    expect(run(bare)).toEqual([
      'HARDEN-PSS-014 /spec/containers/0/securityContext/allowPrivilegeEscalation',
      'HARDEN-PSS-015 /spec/containers/0/securityContext/runAsNonRoot',
      'HARDEN-PSS-017 /spec/containers/0/securityContext/seccompProfile',
      'HARDEN-PSS-018 /spec/containers/0/securityContext/capabilities/drop',
    ]);
    expect(new PodSecurityBaselinePack().entries.flatMap(e => e.rule.check(bare, { objects: [bare] }))).toEqual([]);
  });

  test('dogfood: the library\'s hardened workloads with default props pass both Pod Security packs with zero findings', () => {
    const chart = Testing.chart();
    new HardenedDeployment(chart, 'web', { containers: [{ image: 'registry.example.com/team/web:1.4.2', portNumber: 8080 }] });
    new HardenedStatefulSet(chart, 'db', {
      containers: [{ image: 'registry.example.com/team/db:16.4', portNumber: 5432 }],
      initContainers: [{ image: 'registry.example.com/team/migrate:1.0' }],
    });
    const objects = synthValid(chart);
    expect(objects.filter(o => ['Deployment', 'StatefulSet'].includes(o.kind))).toHaveLength(2);
    for (const p of [pack, new PodSecurityBaselinePack()]) {
      const findings = objects.flatMap(o => p.entries.flatMap(e => e.rule.check(o, { objects }).map(v => `${o.kind} ${e.rule.metadata.id} ${v.path}`)));
      expect(findings).toEqual([]);
    }
  });
});
