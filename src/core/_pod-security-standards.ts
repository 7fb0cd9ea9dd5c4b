// SPDX-License-Identifier: Apache-2.0
/**
 * Internal: the value lists of the Pod Security Standards (policy v1.37), each in exactly one place.
 * The rules (src/policy/rules/pod-security), their CEL (src/policy/admission) and the hardened constructs
 * read them from here; test/core/facts.test.ts fails when a second copy of a list appears in src/.
 *
 * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/
 */

/** Capabilities the baseline level allows a container to add (the container runtimes' defaults; exact, case-sensitive). @internal */
export const _BASELINE_CAPABILITIES: readonly string[] = [
  'AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE',
  'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT',
];

/** The only capability the restricted level allows a container to add back (after dropping ALL). @internal */
export const _RESTRICTED_ADDABLE_CAPABILITY = 'NET_BIND_SERVICE';

/** The capability every container must drop at the restricted level. @internal */
export const _RESTRICTED_DROPPED_CAPABILITY = 'ALL';

/** Volume sources the restricted level allows. @internal */
export const _RESTRICTED_VOLUME_TYPES: readonly string[] = [
  'configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'image', 'persistentVolumeClaim', 'projected', 'secret',
];

/** The "safe" sysctls of the baseline level, by the policy version that added them. @internal */
export const _SAFE_SYSCTLS: readonly string[] = [
  // 1.0
  'kernel.shm_rmid_forced',
  'net.ipv4.ip_local_port_range',
  'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range',
  'net.ipv4.ip_unprivileged_port_start',
  // 1.27
  'net.ipv4.ip_local_reserved_ports',
  // 1.29
  'net.ipv4.tcp_keepalive_time',
  'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_keepalive_intvl',
  'net.ipv4.tcp_keepalive_probes',
  // 1.32
  'net.ipv4.tcp_rmem',
  'net.ipv4.tcp_wmem',
  // 1.37
  'net.ipv4.tcp_slow_start_after_idle',
  'net.ipv4.tcp_notsent_lowat',
];

/** SELinux `type` values the baseline level allows (`""` is unset). @internal */
export const _SELINUX_TYPES: readonly string[] = ['', 'container_t', 'container_init_t', 'container_kvm_t', 'container_engine_t'];

/** The container runtime's default profile type (seccomp and AppArmor). @internal */
export const _PROFILE_RUNTIME_DEFAULT = 'RuntimeDefault';

/** A profile installed on the node (seccomp and AppArmor). @internal */
export const _PROFILE_LOCALHOST = 'Localhost';

/** Seccomp profile types both seccomp checks allow. @internal */
export const _SECCOMP_TYPES: readonly string[] = [_PROFILE_RUNTIME_DEFAULT, _PROFILE_LOCALHOST];

/** AppArmor profile types the baseline level allows (the same two as seccomp). @internal */
export const _APPARMOR_TYPES: readonly string[] = _SECCOMP_TYPES;
