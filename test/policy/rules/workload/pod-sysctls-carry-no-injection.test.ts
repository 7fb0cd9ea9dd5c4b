// SPDX-License-Identifier: Apache-2.0
import { NO_CONTEXT, POD_BEARING, podSpec, wrap } from './_objects';
import { PodSysctlsCarryNoInjection } from '../../../../src/policy/rules/workload';

const withSysctls = (kind: string, sysctls: any[]) => wrap(kind, podSpec({ securityContext: { sysctls } }));

describe('PodSysctlsCarryNoInjection', () => {
  const rule = new PodSysctlsCarryNoInjection();

  test('metadata', () => {
    expect(rule.metadata.id).toBe('HARDEN-WL-013');
  });

  test.each(POD_BEARING)('compliant %s with plain values', kind => {
    expect(rule.check(withSysctls(kind, [{ name: 'net.ipv4.ip_local_port_range', value: '32768 60999' }, { name: 'kernel.shm_rmid_forced', value: '1' }]), NO_CONTEXT)).toEqual([]);
  });

  test.each(['1+kernel.core_pattern=|/tmp/x', 'kernel.core_pattern=x', '1+1'])('fails on value %s', value => {
    const found = rule.check(withSysctls('Pod', [{ name: 'kernel.shm_rmid_forced', value }]), NO_CONTEXT);
    expect(found.map(f => f.path)).toEqual(['/spec/securityContext/sysctls/0/value']);
    expect(found[0].message).toMatch(/CVE-2022-0811/);
  });

  test('not applicable without sysctls or to other kinds', () => {
    expect(rule.check(wrap('Pod', podSpec()), NO_CONTEXT)).toEqual([]);
    expect(rule.check({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } }, NO_CONTEXT)).toEqual([]);
  });
});
