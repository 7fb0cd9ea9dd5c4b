// SPDX-License-Identifier: Apache-2.0
import { CelTarget, IRule, IRuleCel, IRuleFix, RuleContext, RuleFixChange, RuleFixOptions, RuleMetadata, RuleReads, RuleViolation, Severity } from '../../engine/rule';
import { _fixRunAsUser } from '../_fix';
import { _allContainers, _forEachPod, _podFieldPath, _podChild, _podTemplates, PodTemplateRef, _READS_POD_SPECS } from '../_pod-spec';
import { _containerLabel, _containerSecurityContext, _isSet, _podSecurityContext, _PSS_URL, _show, _usesUserNamespace } from './_pss';

/**
 * Pod Security Standards restricted check `runAsNonRoot`: the pod-level
 * `securityContext.runAsNonRoot` must not be `false`, and every container must have
 * `runAsNonRoot: true`, set on the container or inherited from the pod. A container that sets
 * `false` fails even when the pod sets `true`. Pods with `spec.hostUsers: false` are exempt
 * (policy 1.35+).
 *
 * Fix: sets `runAsNonRoot: true` on the pod where it is unset. A pod or container that sets `false` explicitly
 * may run as root: with `RuleFixOptions.runAsUser` it gets `runAsNonRoot: true` and that UID (where it has no
 * non-zero `runAsUser`); without, it stays a finding (the image's UID is never guessed).
 *
 * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted
 */
export class ContainerRunsAsNonRoot implements IRule {
  /** The stable rule id. */
  public static readonly ID = 'HARDEN-PSS-015';
  /** The Pod Security Admission check ID this rule implements. */
  public static readonly PSS_CHECK_ID = 'runAsNonRoot';

  /** The objects the rule reads: objects that carry a pod spec. */
  public readonly reads?: RuleReads = _READS_POD_SPECS;

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

  /** The rule's CEL, enforced in the cluster by `AdmissionGuardrails`. */
  public readonly cel?: IRuleCel = CEL;

  /** Sets `runAsNonRoot: true` where unset; explicit `false` only with `runAsUser`. */
  public readonly fix?: IRuleFix = { apply: (obj, options) => this.applyFix(obj, options) };

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

  private applyFix(obj: any, options: RuleFixOptions): RuleFixChange[] {
    const uid = _fixRunAsUser(options);
    const out: RuleFixChange[] = [];
    for (const pod of _podTemplates(obj)) {
      if (this.checkPod(pod).length > 0) this.fixPod(pod, uid, out);
    }
    return out;
  }

  private fixPod(pod: PodTemplateRef, uid: number | undefined, out: RuleFixChange[]): void {
    const child = _podChild(pod, 'securityContext');
    if (!child) return;
    const podSc = child.value;
    const podPath = child.path;
    if (!_isSet(podSc.runAsNonRoot)) {
      podSc.runAsNonRoot = true;
      out.push({ path: `${podPath}/runAsNonRoot`, description: 'set runAsNonRoot: true (the kubelet refuses to start an image that runs as root)' });
    } else if (podSc.runAsNonRoot !== true && uid !== undefined) {
      out.push({ path: `${podPath}/runAsNonRoot`, description: `replaced runAsNonRoot ${_show(podSc.runAsNonRoot)} with true` });
      podSc.runAsNonRoot = true;
      if (!(typeof podSc.runAsUser === 'number' && podSc.runAsUser > 0)) {
        podSc.runAsUser = uid;
        out.push({ path: `${podPath}/runAsUser`, description: `set runAsUser: ${uid} (the UID given for root containers)` });
      }
    }
    const podUid = typeof podSc.runAsUser === 'number' && podSc.runAsUser > 0;
    for (const c of _allContainers(pod)) {
      const sc = _containerSecurityContext(c);
      if (!sc || !_isSet(sc.runAsNonRoot) || sc.runAsNonRoot === true || uid === undefined) continue;
      out.push({ path: `${c.path}/securityContext/runAsNonRoot`, description: `replaced runAsNonRoot ${_show(sc.runAsNonRoot)} with true` });
      sc.runAsNonRoot = true;
      const own = sc.runAsUser;
      if (own === 0 || (!_isSet(own) && !podUid)) {
        sc.runAsUser = uid;
        out.push({ path: `${c.path}/securityContext/runAsUser`, description: `set runAsUser: ${uid} (the UID given for root containers)` });
      }
    }
  }
}

/** The CEL form: runAsNonRoot. */
const CEL: IRuleCel = {
  target: CelTarget.POD_BEARING,
  expression: 'variables.userNamespace || ((!has(variables.podSC.runAsNonRoot) || variables.podSC.runAsNonRoot)'
    + ' && variables.containers.all(c, (has(c.securityContext) && has(c.securityContext.runAsNonRoot))'
    + ' ? c.securityContext.runAsNonRoot : (has(variables.podSC.runAsNonRoot) && variables.podSC.runAsNonRoot)))',
};
