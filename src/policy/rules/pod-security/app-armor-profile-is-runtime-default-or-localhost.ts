// SPDX-License-Identifier: Apache-2.0
import { AppArmorProfile } from '../../../core/security-context';
import { CelTarget, IRule, IRuleCel, IRuleFix, RuleContext, RuleFixChange, RuleFixOptions, RuleMetadata, RuleReads, RuleViolation, Severity } from '../../engine/rule';
import { _celAbsentOr, _celList } from '../_cel';
import { _child } from '../_fix';
import { _allContainers, _forEachPod, _podFieldPath, _podTemplates, PodTemplateRef, _pointerEscape, _READS_POD_SPECS } from '../_pod-spec';
import { _containerLabel, _containerSecurityContext, _obj, _podSecurityContext, _PSS_URL, _show } from './_pss';
import { _APPARMOR_TYPES } from '../../../core/_pod-security-standards';

const ALLOWED_TYPES = _APPARMOR_TYPES;
const ANNOTATION_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';

/**
 * Pod Security Standards baseline check `appArmorProfile`: `appArmorProfile.type` on the pod and
 * on every container must be unset, `RuntimeDefault` or `Localhost`, and every template annotation
 * `container.apparmor.security.beta.kubernetes.io/*` must be empty, `runtime/default` or `localhost/*`.
 *
 * Fix: only with `RuleFixOptions.appArmorRuntimeDefault` (a node without AppArmor refuses such pods), sets the
 * annotation to `runtime/default` for each init and regular container that has no profile (so it also changes
 * objects this rule finds compliant). An explicit `Unconfined` stays a finding. Windows pods are left alone.
 *
 * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
 */
export class AppArmorProfileIsRuntimeDefaultOrLocalhost implements IRule {
  /** The stable rule id. */
  public static readonly ID = 'HARDEN-PSS-006';
  /** The Pod Security Admission check ID this rule implements. */
  public static readonly PSS_CHECK_ID = 'appArmorProfile';

  /** The objects the rule reads: objects that carry a pod spec. */
  public readonly reads?: RuleReads = _READS_POD_SPECS;

  /** The rule's metadata. */
  public readonly metadata: RuleMetadata = {
    id: AppArmorProfileIsRuntimeDefaultOrLocalhost.ID,
    name: 'AppArmorProfileIsRuntimeDefaultOrLocalhost',
    rationale: 'Running a container Unconfined turns off the AppArmor profile the runtime applies by default, removing a mandatory-access-control layer.',
    remediation: 'Remove the AppArmor override, or set appArmorProfile.type to RuntimeDefault or Localhost (annotation values runtime/default or localhost/<profile>).',
    references: [
      `Pod Security Standards (baseline): AppArmor, check "appArmorProfile" ${_PSS_URL}#baseline`,
      'https://kubernetes.io/docs/tutorials/security/apparmor/',
      'NSA/CISA Kubernetes Hardening Guidance v1.2: Pod security',
    ],
    defaultSeverity: Severity.ERROR,
  };

  /** The rule's CEL, enforced in the cluster by `AdmissionGuardrails`. */
  public readonly cel?: IRuleCel = CEL;

  /** With `appArmorRuntimeDefault`, sets `runtime/default` for containers without a profile. */
  public readonly fix?: IRuleFix = { apply: (obj, options) => this.applyFix(obj, options) };

  /** Checks one manifest object. */
  public check(obj: any, _context: RuleContext): RuleViolation[] {
    return _forEachPod(obj, pod => this.checkPod(pod));
  }

  private checkPod(pod: PodTemplateRef): RuleViolation[] {
    const out: RuleViolation[] = [];
    const podProfile = _obj(_podSecurityContext(pod)?.appArmorProfile);
    if (podProfile && !ALLOWED_TYPES.includes(podProfile.type)) {
      out.push({
        path: `${_podFieldPath(pod, 'securityContext')}/appArmorProfile/type`,
        message: `the pod sets appArmorProfile.type ${_show(podProfile.type)}; only RuntimeDefault or Localhost are allowed`,
      });
    }
    for (const c of _allContainers(pod)) {
      const profile = _obj(_containerSecurityContext(c)?.appArmorProfile);
      if (profile && !ALLOWED_TYPES.includes(profile.type)) {
        out.push({
          path: `${c.path}/securityContext/appArmorProfile/type`,
          message: `${_containerLabel(c)} sets appArmorProfile.type ${_show(profile.type)}; only RuntimeDefault or Localhost are allowed`,
        });
      }
    }
    const annotations = _obj(_obj(pod.metadata)?.annotations) ?? {};
    for (const key of Object.keys(annotations).sort()) {
      if (!key.startsWith(ANNOTATION_PREFIX)) continue;
      const value = annotations[key];
      const ok = value === undefined || value === null || value === '' || value === 'runtime/default'
        || (typeof value === 'string' && value.startsWith('localhost/'));
      if (!ok) {
        out.push({
          path: `${pod.metadataPath}/annotations/${_pointerEscape(key)}`,
          message: `annotation ${key} is ${_show(value)}; only runtime/default or localhost/<profile> are allowed`,
        });
      }
    }
    return out;
  }

  private applyFix(obj: any, options: RuleFixOptions): RuleFixChange[] {
    const out: RuleFixChange[] = [];
    if (options?.appArmorRuntimeDefault !== true) return out;
    for (const pod of _podTemplates(obj)) this.fixPod(obj, pod, out);
    return out;
  }

  private fixPod(obj: any, pod: PodTemplateRef, out: RuleFixChange[]): void {
    if (_obj(pod.spec.os)?.name === 'windows' || _obj(_podSecurityContext(pod)?.appArmorProfile)) return;
    for (const c of _allContainers(pod)) {
      if (c.field === 'ephemeralContainers' || typeof c.container.name !== 'string' || _obj(_containerSecurityContext(c)?.appArmorProfile)) continue;
      const key = `${ANNOTATION_PREFIX}${c.container.name}`;
      const parent = pod.metadataPath === '/metadata' ? obj : undefined;
      const metadata = parent ? _child(parent, 'metadata') : templateMetadata(obj, pod.metadataPath);
      const annotations = metadata ? _child(metadata, 'annotations') : undefined;
      if (!annotations || (annotations[key] !== undefined && annotations[key] !== null && annotations[key] !== '')) continue;
      annotations[key] = AppArmorProfile.runtimeDefault()._toAnnotationValue();
      out.push({ path: `${pod.metadataPath}/annotations/${_pointerEscape(key)}`, description: `set annotation ${key}: ${annotations[key]}` });
    }
  }
}

/** The pod template's metadata object (created when absent) at `pointer` (`/spec/template/metadata` etc.). */
function templateMetadata(obj: any, pointer: string): any {
  const keys = pointer.slice(1).split('/');
  let node = obj;
  for (const k of keys) {
    node = _child(node, k);
    if (!node) return undefined;
  }
  return node;
}

const APPARMOR_VALID = _celList([..._APPARMOR_TYPES]);

/** The CEL form: appArmorProfile. */
const CEL: IRuleCel = {
  target: CelTarget.POD_BEARING,
  expression: _celAbsentOr('variables.podSC', 'appArmorProfile', `(has(variables.podSC.appArmorProfile.type) && variables.podSC.appArmorProfile.type in ${APPARMOR_VALID})`)
    + ` && variables.containers.all(c, ${_celAbsentOr('c', 'securityContext.appArmorProfile', `(has(c.securityContext.appArmorProfile.type) && c.securityContext.appArmorProfile.type in ${APPARMOR_VALID})`)})`
    + " && variables.podAnnotations.all(k, !k.startsWith('container.apparmor.security.beta.kubernetes.io/')"
    + " || variables.podAnnotations[k] == '' || variables.podAnnotations[k] == 'runtime/default' || variables.podAnnotations[k].startsWith('localhost/'))",
};
