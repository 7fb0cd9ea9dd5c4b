// SPDX-License-Identifier: Apache-2.0
import { CelTarget, IRule, IRuleCel, IRuleFix, RuleContext, RuleFixChange, RuleFixOptions, RuleMetadata, RuleReads, RuleViolation, Severity } from '../../engine/rule';
import { _celAbsentOr, _celPresent } from '../_cel';
import { _child } from '../_fix';
import { _allContainers, _forEachPod, _podTemplates, PodTemplateRef, _READS_POD_SPECS } from '../_pod-spec';
import { _arr, _containerLabel, _containerSecurityContext, _isWindowsPod, _obj, _PSS_URL, _show } from './_pss';
import { _RESTRICTED_ADDABLE_CAPABILITY, _RESTRICTED_DROPPED_CAPABILITY } from '../../../core/_pod-security-standards';

/**
 * Pod Security Standards restricted check `capabilities_restricted` (replaces
 * `capabilities_baseline`): every container must drop `ALL` capabilities and may add back only
 * `NET_BIND_SERVICE`. Windows pods (`spec.os.name: windows`) are exempt.
 *
 * Fix: adds `ALL` to `capabilities.drop` (keeping what is dropped already). Added capabilities other than
 * `NET_BIND_SERVICE` stay findings: whether the process needs them is never guessed.
 *
 * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted
 */
export class ContainerDropsAllCapabilities implements IRule {
  /** The stable rule id. */
  public static readonly ID = 'HARDEN-PSS-018';
  /** The Pod Security Admission check ID this rule implements. */
  public static readonly PSS_CHECK_ID = 'capabilities_restricted';

  /** The objects the rule reads: objects that carry a pod spec. */
  public readonly reads?: RuleReads = _READS_POD_SPECS;

  /** The rule's metadata. */
  public readonly metadata: RuleMetadata = {
    id: ContainerDropsAllCapabilities.ID,
    name: 'ContainerDropsAllCapabilities',
    rationale: 'The runtime\'s default capability set (CHOWN, DAC_OVERRIDE, SETUID, NET_RAW on some runtimes, ...) is far more than most applications need; '
      + 'dropping all of them removes kernel attack surface.',
    remediation: 'Set securityContext.capabilities.drop: [ALL] on every container and add back at most NET_BIND_SERVICE.',
    references: [
      `Pod Security Standards (restricted): Capabilities, check "capabilities_restricted" ${_PSS_URL}#restricted`,
      'CIS Kubernetes Benchmark v1.8: 5.2.9, 5.2.10',
      'NSA/CISA Kubernetes Hardening Guidance v1.2: Pod security',
    ],
    defaultSeverity: Severity.ERROR,
  };

  /** The rule's CEL, enforced in the cluster by `AdmissionGuardrails`. */
  public readonly cel?: IRuleCel = CEL;

  /** Adds `ALL` to `capabilities.drop`. */
  public readonly fix?: IRuleFix = { apply: (obj, options) => this.applyFix(obj, options) };

  /** Checks one manifest object. */
  public check(obj: any, _context: RuleContext): RuleViolation[] {
    return _forEachPod(obj, pod => this.checkPod(pod));
  }

  private checkPod(pod: PodTemplateRef): RuleViolation[] {
    if (_isWindowsPod(pod)) return [];
    const out: RuleViolation[] = [];
    for (const c of _allContainers(pod)) {
      const caps = _obj(_containerSecurityContext(c)?.capabilities);
      const base = `${c.path}/securityContext/capabilities`;
      if (!caps) {
        out.push({ path: `${base}/drop`, message: `${_containerLabel(c)} sets no securityContext.capabilities; it must drop ALL` });
        continue;
      }
      const drop = _arr(caps.drop);
      if (!drop.includes(_RESTRICTED_DROPPED_CAPABILITY)) {
        out.push({ path: `${base}/drop`, message: `${_containerLabel(c)} drops ${_show(drop)}, which does not include ALL` });
      }
      _arr(caps.add).forEach((cap, i) => {
        if (cap !== _RESTRICTED_ADDABLE_CAPABILITY) {
          out.push({ path: `${base}/add/${i}`, message: `${_containerLabel(c)} adds capability ${_show(cap)}; only ${_RESTRICTED_ADDABLE_CAPABILITY} may be added` });
        }
      });
    }
    return out;
  }

  private applyFix(obj: any, _options: RuleFixOptions): RuleFixChange[] {
    const out: RuleFixChange[] = [];
    const containers = _podTemplates(obj).filter(pod => !_isWindowsPod(pod)).flatMap(_allContainers);
    for (const c of containers) {
      const current = _containerSecurityContext(c);
      if (current?.capabilities !== undefined && current?.capabilities !== null && !_obj(current.capabilities)) continue;
      const drop = _obj(current?.capabilities)?.drop;
      if (drop !== undefined && drop !== null && !Array.isArray(drop)) continue;
      if (_arr(drop).includes('ALL')) continue;
      const sc = _child(c.container, 'securityContext');
      const caps = sc ? _child(sc, 'capabilities') : undefined;
      if (!caps) continue;
      caps.drop = [..._arr(drop), 'ALL'];
      out.push({ path: `${c.path}/securityContext/capabilities/drop`, description: `set capabilities.drop: ${_show(caps.drop)}` });
    }
    return out;
  }
}

/** The CEL form: capabilities_restricted. */
const CEL: IRuleCel = {
  target: CelTarget.POD_BEARING,
  expression: `variables.isWindows || variables.containers.all(c, ${_celPresent('c', 'securityContext.capabilities.drop')}`
    + ` && '${_RESTRICTED_DROPPED_CAPABILITY}' in c.securityContext.capabilities.drop`
    + ` && ${_celAbsentOr('c', 'securityContext.capabilities.add', `c.securityContext.capabilities.add.all(a, a == '${_RESTRICTED_ADDABLE_CAPABILITY}')`)})`,
};
