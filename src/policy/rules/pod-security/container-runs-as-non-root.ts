// SPDX-License-Identifier: Apache-2.0
import { IRule, RuleContext, RuleMetadata, RuleViolation, Severity } from '../../engine/rule';
import { _allContainers, _forEachPod, _podFieldPath, PodTemplateRef } from '../_pod-spec';
import { _containerLabel, _containerSecurityContext, _isSet, _podSecurityContext, _PSS_URL, _show, _usesUserNamespace } from './_pss';

/**
 * Pod Security Standards restricted check `runAsNonRoot`: the pod-level
 * `securityContext.runAsNonRoot` must not be `false`, and every container must have
 * `runAsNonRoot: true`, set on the container or inherited from the pod. A container that sets
 * `false` fails even when the pod sets `true`. Pods with `spec.hostUsers: false` are exempt
 * (policy 1.35+).
 *
 * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted
 */
export class ContainerRunsAsNonRoot implements IRule {
  /** The stable rule id. */
  public static readonly ID = 'HARDEN-PSS-015';
  /** The Pod Security Admission check ID this rule implements. */
  public static readonly PSS_CHECK_ID = 'runAsNonRoot';

  /** The rule's metadata. */
  public readonly metadata: RuleMetadata = {
    id: ContainerRunsAsNonRoot.ID,
    name: 'ContainerRunsAsNonRoot',
    rationale: 'Root in a container is root on the node once any isolation layer fails; runAsNonRoot makes the kubelet refuse to start an image that would run as UID 0.',
    remediation: 'Set spec.securityContext.runAsNonRoot: true on the pod (or on every container) and remove any runAsNonRoot: false.',
    references: [
      `Pod Security Standards (restricted): Running as Non-root, check "runAsNonRoot" ${_PSS_URL}#restricted`,
      'CIS Kubernetes Benchmark v1.8: 5.2.7',
      'NSA/CISA Kubernetes Hardening Guidance v1.2: Non-root containers and rootless container engines',
    ],
    defaultSeverity: Severity.ERROR,
  };

  /** Checks one manifest object. */
  public check(obj: any, _context: RuleContext): RuleViolation[] {
    return _forEachPod(obj, pod => this.checkPod(pod));
  }

  private checkPod(pod: PodTemplateRef): RuleViolation[] {
    if (_usesUserNamespace(pod)) return [];
    const out: RuleViolation[] = [];
    const podValue = _podSecurityContext(pod)?.runAsNonRoot;
    if (_isSet(podValue) && podValue !== true) {
      out.push({ path: `${_podFieldPath(pod, 'securityContext')}/runAsNonRoot`, message: `the pod sets runAsNonRoot ${_show(podValue)}; it must be true or unset` });
    }
    const podNonRoot = podValue === true;
    for (const c of _allContainers(pod)) {
      const value = _containerSecurityContext(c)?.runAsNonRoot;
      const path = `${c.path}/securityContext/runAsNonRoot`;
      if (_isSet(value)) {
        if (value !== true) out.push({ path, message: `${_containerLabel(c)} sets runAsNonRoot ${_show(value)}; it must be true` });
      } else if (!podNonRoot) {
        out.push({ path, message: `${_containerLabel(c)} does not set runAsNonRoot and the pod does not set runAsNonRoot: true` });
      }
    }
    return out;
  }
}
