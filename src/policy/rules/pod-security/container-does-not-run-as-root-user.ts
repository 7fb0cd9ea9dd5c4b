// SPDX-License-Identifier: Apache-2.0
import { CelTarget, IRule, IRuleCel, IRuleFix, RuleContext, RuleFixChange, RuleFixOptions, RuleMetadata, RuleReads, RuleViolation, Severity } from '../../engine/rule';
import { _celAbsentOr } from '../_cel';
import { _fixRunAsUser } from '../_fix';
import { _allContainers, _forEachPod, _podFieldPath, _podTemplates, PodTemplateRef, _READS_POD_SPECS } from '../_pod-spec';
import { _containerLabel, _containerSecurityContext, _podSecurityContext, _PSS_URL, _usesUserNamespace } from './_pss';

/**
 * Pod Security Standards restricted check `runAsUser`: `securityContext.runAsUser` on the pod and
 * on every container must not be `0` (unset is fine). Pods with `spec.hostUsers: false` are
 * exempt (policy 1.35+).
 *
 * Fix: only with `RuleFixOptions.runAsUser`, which replaces each `runAsUser: 0`; without it the
 * finding stays (which UID the image works with is never guessed).
 *
 * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted
 */
export class ContainerDoesNotRunAsRootUser implements IRule {
  /** The stable rule id. */
  public static readonly ID = 'HARDEN-PSS-016';
  /** The Pod Security Admission check ID this rule implements. */
  public static readonly PSS_CHECK_ID = 'runAsUser';

  /** The objects the rule reads: objects that carry a pod spec. */
  public readonly reads?: RuleReads = _READS_POD_SPECS;

  /** The rule's metadata. */
  public readonly metadata: RuleMetadata = {
    id: ContainerDoesNotRunAsRootUser.ID,
    name: 'ContainerDoesNotRunAsRootUser',
    rationale: 'runAsUser: 0 runs the container as root, which makes any breakout a node compromise.',
    remediation: 'Set runAsUser to a non-zero UID (for example 65532) or remove it and rely on a non-root image user with runAsNonRoot: true.',
    references: [
      `Pod Security Standards (restricted): Running as Non-root user, check "runAsUser" ${_PSS_URL}#restricted`,
      'CIS Kubernetes Benchmark v1.8: 5.2.7',
      'NSA/CISA Kubernetes Hardening Guidance v1.2: Non-root containers and rootless container engines',
    ],
    defaultSeverity: Severity.ERROR,
  };

  /** The rule's CEL, enforced in the cluster by `AdmissionGuardrails`. */
  public readonly cel?: IRuleCel = CEL;

  /** Replaces `runAsUser: 0` with `RuleFixOptions.runAsUser` when given. */
  public readonly fix?: IRuleFix = { apply: (obj, options) => this.applyFix(obj, options) };

  /** Checks one manifest object. */
  public check(obj: any, _context: RuleContext): RuleViolation[] {
    return _forEachPod(obj, pod => this.checkPod(pod));
  }

  private checkPod(pod: PodTemplateRef): RuleViolation[] {
    if (_usesUserNamespace(pod)) return [];
    const out: RuleViolation[] = [];
    if (_podSecurityContext(pod)?.runAsUser === 0) {
      out.push({ path: `${_podFieldPath(pod, 'securityContext')}/runAsUser`, message: 'the pod sets runAsUser 0 (root); use a non-zero UID' });
    }
    for (const c of _allContainers(pod)) {
      if (_containerSecurityContext(c)?.runAsUser === 0) {
        out.push({ path: `${c.path}/securityContext/runAsUser`, message: `${_containerLabel(c)} sets runAsUser 0 (root); use a non-zero UID` });
      }
    }
    return out;
  }

  private applyFix(obj: any, options: RuleFixOptions): RuleFixChange[] {
    const uid = _fixRunAsUser(options);
    const out: RuleFixChange[] = [];
    if (uid === undefined) return out;
    for (const pod of _podTemplates(obj)) {
      if (!_usesUserNamespace(pod)) this.fixPod(pod, uid, out);
    }
    return out;
  }

  private fixPod(pod: PodTemplateRef, uid: number, out: RuleFixChange[]): void {
    const replace = (sc: any, path: string) => {
      if (sc?.runAsUser !== 0) return;
      sc.runAsUser = uid;
      out.push({ path, description: `replaced runAsUser 0 (root) with ${uid}` });
    };
    replace(_podSecurityContext(pod), `${_podFieldPath(pod, 'securityContext')}/runAsUser`);
    for (const c of _allContainers(pod)) replace(_containerSecurityContext(c), `${c.path}/securityContext/runAsUser`);
  }
}

/** The CEL form: runAsUser. */
const CEL: IRuleCel = {
  target: CelTarget.POD_BEARING,
  expression: 'variables.userNamespace || ((!has(variables.podSC.runAsUser) || variables.podSC.runAsUser != 0)'
    + ` && variables.containers.all(c, ${_celAbsentOr('c', 'securityContext.runAsUser', 'c.securityContext.runAsUser != 0')}))`,
};
