// SPDX-License-Identifier: Apache-2.0
import { CelTarget, IRule, IRuleCel, RuleContext, RuleMetadata, RuleReads, RuleViolation, Severity } from '../../engine/rule';
import { _celAbsentOr, _celList } from '../_cel';
import { _allContainers, _forEachPod, _podFieldPath, PodTemplateRef, _READS_POD_SPECS } from '../_pod-spec';
import { _containerLabel, _containerSecurityContext, _isSet, _obj, _podSecurityContext, _PSS_URL, _show } from './_pss';
import { _SELINUX_TYPES } from '../../../core/_pod-security-standards';

const ALLOWED_TYPES = _SELINUX_TYPES;

/**
 * Pod Security Standards baseline check `seLinuxOptions`: on the pod and on every container,
 * `seLinuxOptions.type` must be unset or one of `container_t`, `container_init_t`,
 * `container_kvm_t`, `container_engine_t`, and `seLinuxOptions.user` / `.role` must be unset.
 *
 * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
 */
export class SeLinuxOptionsAreRestricted implements IRule {
  /** The stable rule id. */
  public static readonly ID = 'HARDEN-PSS-007';
  /** The Pod Security Admission check ID this rule implements. */
  public static readonly PSS_CHECK_ID = 'seLinuxOptions';

  /** The objects the rule reads: objects that carry a pod spec. */
  public readonly reads?: RuleReads = _READS_POD_SPECS;

  /** The rule's metadata. */
  public readonly metadata: RuleMetadata = {
    id: SeLinuxOptionsAreRestricted.ID,
    name: 'SeLinuxOptionsAreRestricted',
    rationale: 'A custom SELinux user, role or type (such as spc_t or unconfined_t) lifts the SELinux confinement that separates containers from the node and from each other.',
    remediation: 'Remove seLinuxOptions.user and seLinuxOptions.role, and leave seLinuxOptions.type unset or use container_t, container_init_t, container_kvm_t or container_engine_t.',
    references: [
      `Pod Security Standards (baseline): SELinux, check "seLinuxOptions" ${_PSS_URL}#baseline`,
      'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/#assign-selinux-labels-to-a-container',
    ],
    defaultSeverity: Severity.ERROR,
  };

  /** The rule's CEL, enforced in the cluster by `AdmissionGuardrails`. */
  public readonly cel?: IRuleCel = CEL;

  /** Checks one manifest object. */
  public check(obj: any, _context: RuleContext): RuleViolation[] {
    return _forEachPod(obj, pod => this.checkPod(pod));
  }

  private checkPod(pod: PodTemplateRef): RuleViolation[] {
    const out: RuleViolation[] = [];
    inspect(_obj(_podSecurityContext(pod)?.seLinuxOptions), `${_podFieldPath(pod, 'securityContext')}/seLinuxOptions`, 'the pod', out);
    for (const c of _allContainers(pod)) {
      inspect(_obj(_containerSecurityContext(c)?.seLinuxOptions), `${c.path}/securityContext/seLinuxOptions`, _containerLabel(c), out);
    }
    return out;
  }
}

function inspect(opts: any, path: string, who: string, out: RuleViolation[]): void {
  if (!opts) return;
  if (_isSet(opts.type) && !ALLOWED_TYPES.includes(opts.type)) {
    out.push({ path: `${path}/type`, message: `${who} sets seLinuxOptions.type ${_show(opts.type)}; only container_t, container_init_t, container_kvm_t or container_engine_t are allowed` });
  }
  for (const f of ['user', 'role']) {
    if (_isSet(opts[f]) && opts[f] !== '') {
      out.push({ path: `${path}/${f}`, message: `${who} sets seLinuxOptions.${f} ${_show(opts[f])}; it must be unset` });
    }
  }
}

const seLinuxOk = (root: string) => _celAbsentOr(root, 'seLinuxOptions',
  `(${_celAbsentOr(root, 'seLinuxOptions.type', `${root}.seLinuxOptions.type in ${_celList([..._SELINUX_TYPES])}`)}`
  + ` && ${_celAbsentOr(root, 'seLinuxOptions.user', `${root}.seLinuxOptions.user == ''`)}`
  + ` && ${_celAbsentOr(root, 'seLinuxOptions.role', `${root}.seLinuxOptions.role == ''`)})`);

/** The CEL form: seLinuxOptions. */
const CEL: IRuleCel = {
  target: CelTarget.POD_BEARING,
  expression: `${seLinuxOk('variables.podSC')} && variables.containers.all(c, !has(c.securityContext) || ${seLinuxOk('c.securityContext')})`,
};
