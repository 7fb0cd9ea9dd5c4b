// SPDX-License-Identifier: Apache-2.0
/**
 * The security defaults every hardened workload shares, one explicit expectation each. Each construct's test calls
 * this with its own synthesized objects, so a construct that drops one default fails its own test.
 */
import { findOne } from '../util';

export function expectHardenedPodDefaults(synth: () => { objects: any[]; pod: any }): void {
  describe('pod-level security defaults', () => {
    const { objects, pod } = synth();
    const container = pod.containers[0];
    test('runs as numeric non-root user 10001', () => expect(pod.securityContext.runAsUser).toBe(10001));
    test('runs with numeric non-root group 10001', () => expect(pod.securityContext.runAsGroup).toBe(10001));
    test('fsGroup is numeric non-root 10001', () => expect(pod.securityContext.fsGroup).toBe(10001));
    test('runAsNonRoot is true', () => expect(pod.securityContext.runAsNonRoot).toBe(true));
    test('seccomp profile is RuntimeDefault', () => expect(pod.securityContext.seccompProfile).toEqual({ type: 'RuntimeDefault' }));
    test('service account token is not automounted', () => expect(pod.automountServiceAccountToken).toBe(false));
    test('hostNetwork is false', () => expect(pod.hostNetwork).toBe(false));
    test('hostPID is false', () => expect(pod.hostPID).toBe(false));
    test('hostIPC is false', () => expect(pod.hostIPC).toBe(false));
    test('no volumes unless declared', () => expect(pod.volumes).toBeUndefined());
    test('runs as its own LeastPrivilegeServiceAccount without token automount', () => {
      const sa = findOne(objects, 'ServiceAccount');
      expect(sa.automountServiceAccountToken).toBe(false);
      expect(pod.serviceAccountName).toBe(sa.metadata.name);
    });
    test('root filesystem is read-only', () => expect(container.securityContext.readOnlyRootFilesystem).toBe(true));
    test('privilege escalation is off', () => expect(container.securityContext.allowPrivilegeEscalation).toBe(false));
    test('not privileged', () => expect(container.securityContext.privileged).toBe(false));
    test('drops ALL capabilities and adds none', () => expect(container.securityContext.capabilities).toEqual({ drop: ['ALL'] }));
    test('container runAsNonRoot is true', () => expect(container.securityContext.runAsNonRoot).toBe(true));
    test('has cpu and memory requests', () => expect(container.resources.requests).toEqual({ cpu: '100m', memory: '128Mi' }));
    test('has cpu and memory limits', () => expect(container.resources.limits).toEqual({ cpu: '500m', memory: '256Mi' }));
  });
}
