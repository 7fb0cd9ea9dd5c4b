// SPDX-License-Identifier: Apache-2.0
import { CelTarget, IRule, IRuleCel, IRuleFix, RuleContext, RuleFixChange, RuleFixOptions, RuleMetadata, RuleReads, RuleViolation, Severity } from '../../engine/rule';
import { _fixContext } from '../_fix';
import { _describeNamespace, _indexObjects, _namespaceOf, _objectsIn, _serviceAccountName } from '../_objects';
import { _forEachPod, _podFieldPath, _podTemplates, _setPodField, PodTemplateRef, _READS_POD_SPECS } from '../_pod-spec';

/**
 * Pods do not automount a service account token.
 *
 * Compliant when the pod spec sets `automountServiceAccountToken: false`, or leaves it unset and
 * the ServiceAccount it runs as is among the checked objects (same namespace) with
 * `automountServiceAccountToken: false`. A pod spec value of `true` overrides the ServiceAccount and is a finding.
 * ServiceAccount objects themselves are not applicable: the pod decides what is mounted.
 *
 * Fix: sets the pod spec's `automountServiceAccountToken: false` where it is unset, unless
 * `RuleFixOptions.serviceAccountTokenNeeded`. An explicit `true` stays a finding.
 * @see https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/#opt-out-of-api-credential-automounting
 */
export class PodServiceAccountTokenIsNotAutomounted implements IRule {
  /** The rule's stable id. */
  public static readonly ID = 'HARDEN-WL-006';

  /** The objects the rule reads: objects that carry a pod spec. */
  public readonly reads?: RuleReads = _READS_POD_SPECS;

  /** The rule's metadata. */
  public readonly metadata: RuleMetadata = {
    id: PodServiceAccountTokenIsNotAutomounted.ID,
    name: 'PodServiceAccountTokenIsNotAutomounted',
    rationale: 'An automounted token gives every process in the pod (and anyone who compromises it) credentials for the '
      + 'Kubernetes API. Most workloads never call the API; those that do should opt in explicitly.',
    remediation: 'Set `automountServiceAccountToken: false` in the pod spec, or on the ServiceAccount the pod uses; workloads '
      + 'that need the API should mount a projected, audience-bound token explicitly.',
    references: [
      'CIS Kubernetes Benchmark 5.1.6: Ensure that Service Account Tokens are only mounted where necessary',
      'NSA/CISA Kubernetes Hardening Guide v1.2: Pod security, "Pod service account tokens"',
      'https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/#opt-out-of-api-credential-automounting',
    ],
    defaultSeverity: Severity.ERROR,
  };

  /** The rule's CEL, enforced in the cluster by `AdmissionGuardrails`. */
  public readonly cel?: IRuleCel = CEL;

  /** Sets `automountServiceAccountToken: false` on the pod spec where unset, unless the token is needed. */
  public readonly fix?: IRuleFix = { apply: (obj, options) => this.applyFix(obj, options) };

  /** Checks one object. */
  public check(obj: any, context: RuleContext): RuleViolation[] {
    return _forEachPod(obj, pod => this.checkPod(pod, obj, context));
  }

  private checkPod(pod: PodTemplateRef, obj: any, context: RuleContext): RuleViolation[] {
    const path = `${_podFieldPath(pod, 'automountServiceAccountToken')}`;
    const value = pod.spec.automountServiceAccountToken;
    if (value === false || (value === undefined && pod.partial)) return [];
    if (value !== undefined) {
      return [{ path, message: `automountServiceAccountToken is ${JSON.stringify(value)}; set it to false` }];
    }
    const saName = _serviceAccountName(pod.spec) ?? 'default';
    const ns = _namespaceOf(obj);
    const sa = _objectsIn(_indexObjects(context.objects), 'ServiceAccount', ns).find(o => o.metadata?.name === saName);
    if (sa?.automountServiceAccountToken === false) return [];
    const why = sa
      ? `ServiceAccount "${saName}" does not set automountServiceAccountToken: false`
      : `ServiceAccount "${saName}" is not among the checked objects in ${_describeNamespace(ns)}`;
    return [{ path, message: `automountServiceAccountToken is unset and ${why}; set it to false on the pod or the ServiceAccount` }];
  }

  private applyFix(obj: any, options: RuleFixOptions): RuleFixChange[] {
    if (options?.serviceAccountTokenNeeded === true) return [];
    const context = _fixContext(obj, options);
    const out: RuleFixChange[] = [];
    for (const pod of _podTemplates(obj)) {
      if (this.checkPod(pod, obj, context).length === 0) continue;
      if (pod.spec.automountServiceAccountToken !== undefined && pod.spec.automountServiceAccountToken !== null) continue;
      if (!_setPodField(pod, 'automountServiceAccountToken', false)) continue;
      out.push({ path: `${pod.specPath}/automountServiceAccountToken`, description: 'set automountServiceAccountToken: false' });
    }
    return out;
  }
}

/** The CEL form: images from trusted registries: built per configuration by _trustedRegistriesCel() token automount off: an admission policy sees one object, so the pod must say false itself. */
const CEL: IRuleCel = {
  target: CelTarget.POD_BEARING,
  expression: 'has(variables.podSpec.automountServiceAccountToken) && variables.podSpec.automountServiceAccountToken == false',
};
