// SPDX-License-Identifier: Apache-2.0
import { checkPod, describeStandardCases, goodSpec, podPaths } from './_helpers';
import { PodSetsOnlySafeSysctls } from '../../../../src/policy/rules/pod-security';

const SAFE = [
  'kernel.shm_rmid_forced', 'net.ipv4.ip_local_port_range', 'net.ipv4.tcp_syncookies', 'net.ipv4.ping_group_range', 'net.ipv4.ip_unprivileged_port_start',
  'net.ipv4.ip_local_reserved_ports', 'net.ipv4.tcp_keepalive_time', 'net.ipv4.tcp_fin_timeout', 'net.ipv4.tcp_keepalive_intvl', 'net.ipv4.tcp_keepalive_probes',
  'net.ipv4.tcp_rmem', 'net.ipv4.tcp_wmem', 'net.ipv4.tcp_slow_start_after_idle', 'net.ipv4.tcp_notsent_lowat',
];
const withSysctls = (names: string[]) => goodSpec({ securityContext: { runAsNonRoot: true, sysctls: names.map(name => ({ name, value: '1' })) } });

describe('PodSetsOnlySafeSysctls', () => {
  const rule = new PodSetsOnlySafeSysctls();
  describeStandardCases(rule, 'HARDEN-PSS-010', 'sysctls', () => withSysctls(['kernel.shm_rmid_forced', 'net.core.somaxconn']), '/securityContext/sysctls/1/name');

  test.each(SAFE)('compliant: %s (safe at policy 1.37)', (name) => {
    expect(podPaths(rule, withSysctls([name]))).toEqual([]);
  });

  test.each(['net.ipv4.ip_forward', 'kernel.msgmax', 'vm.swappiness', 'net.ipv4.tcp_syncookies ', 'net/ipv4/tcp_syncookies'])('fails on %p', (name) => {
    const found = checkPod(rule, withSysctls([name]));
    expect(found.map(v => v.path)).toEqual(['/spec/securityContext/sysctls/0/name']);
    expect(found[0].message).toContain(JSON.stringify(name));
  });
});
