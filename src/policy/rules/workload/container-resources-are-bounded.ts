// SPDX-License-Identifier: Apache-2.0
import { _parseQuantity } from '../../../core/_util';
import { CelTarget, IRule, IRuleCel, IRuleFix, RuleContext, RuleFixChange, RuleFixOptions, RuleMetadata, RuleReads, RuleViolation, Severity } from '../../engine/rule';
import { _celPresent } from '../_cel';
import { _child } from '../_fix';
import { _indexObjects, _namespaceOf, _objectsIn } from '../_objects';
import { _allContainers, _containerViolations, _podTemplates, _READS_POD_SPECS } from '../_pod-spec';
import { _describeContainer } from './_describe';

const FIELDS = ['requests/cpu', 'requests/memory', 'limits/cpu', 'limits/memory'];

/**
 * Every init and regular container sets cpu and memory `requests` and `limits`.
 *
 * Ephemeral containers are exempt: the API does not allow resources on them.
 *
 * Fix: fills each missing value from `RuleFixOptions.resources`, else from the `Container` defaults of a
 * LimitRange of the object's namespace among `RuleFixOptions.objects` (`default` for limits, `defaultRequest`
 * for requests, as the LimitRanger admission plugin would). A value that would put a limit below its request is
 * not set; with no source the container stays a finding.
 * @see https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/
 */
export class ContainerResourcesAreBounded implements IRule {
  /** The rule's stable id. */
  public static readonly ID = 'HARDEN-WL-002';

  /** The objects the rule reads: objects that carry a pod spec. */
  public readonly reads?: RuleReads = _READS_POD_SPECS;

  /** The rule's metadata. */
  public readonly metadata: RuleMetadata = {
    id: ContainerResourcesAreBounded.ID,
    name: 'ContainerResourcesAreBounded',
    rationale: 'Without limits one compromised or faulty container can exhaust node CPU and memory and deny service to every '
      + 'other pod on the node; without requests the scheduler cannot place pods safely and they are evicted first.',
    remediation: 'Set `resources.requests.cpu`, `resources.requests.memory`, `resources.limits.cpu` and `resources.limits.memory` '
      + 'on every init and regular container (a LimitRange default also fills them in at admission, but manifests should be explicit).',
    references: [
      'NSA/CISA Kubernetes Hardening Guide v1.2: Network separation and hardening, "Resource policies"',
      'https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/',
    ],
    defaultSeverity: Severity.ERROR,
  };

  /** The rule's CEL, enforced in the cluster by `AdmissionGuardrails`. */
  public readonly cel?: IRuleCel = CEL;

  /** Fills missing requests and limits from the options or the namespace's LimitRange defaults. */
  public readonly fix?: IRuleFix = { apply: (obj, options) => this.applyFix(obj, options) };

  /** Checks one object. */
  public check(obj: any, _context: RuleContext): RuleViolation[] {
    return _containerViolations(obj, (c, out) => {
      if (c.field === 'ephemeralContainers') return;
      for (const f of FIELDS) {
        const [group, resource] = f.split('/');
        const value = c.container.resources?.[group]?.[resource];
        if (value !== undefined && value !== null && value !== '') continue;
        out.push({
          path: `${c.path}/resources/${f}`,
          message: `${_describeContainer(c)} has no ${resource} ${group === 'limits' ? 'limit' : 'request'} (resources.${group}.${resource} is unset)`,
        });
      }
    });
  }

  private applyFix(obj: any, options: RuleFixOptions): RuleFixChange[] {
    const given: any = options?.resources ?? {};
    const fromOptions: Record<string, string | undefined> = {
      'requests/cpu': given.cpuRequest, 'limits/cpu': given.cpuLimit, 'requests/memory': given.memoryRequest, 'limits/memory': given.memoryLimit,
    };
    for (const [field, value] of Object.entries(fromOptions)) {
      if (value !== undefined) _parseQuantity(value, `resources ${field.replace('/', '.')} given to the fix`);
    }
    const pods = _podTemplates(obj);
    if (pods.length === 0) return [];
    const limitRange = limitRangeDefaults(obj, options);
    const out: RuleFixChange[] = [];
    for (const c of pods.flatMap(_allContainers)) {
      if (c.field === 'ephemeralContainers') continue;
      const current = c.container.resources;
      if (current !== undefined && current !== null && (typeof current !== 'object' || Array.isArray(current))) continue;
      for (const f of FIELDS) {
        const [group, resource] = f.split('/');
        const existing = current?.[group]?.[resource];
        if (existing !== undefined && existing !== null && existing !== '') continue;
        const value = fromOptions[f] ?? limitRange.get(f);
        if (value === undefined) continue;
        const other = c.container.resources?.[group === 'limits' ? 'requests' : 'limits']?.[resource];
        if (other !== undefined && other !== null && other !== '' && !ordered(group, value, other)) continue;
        const res = _child(c.container, 'resources');
        const grp = res ? _child(res, group) : undefined;
        if (!grp) continue;
        grp[resource] = value;
        out.push({ path: `${c.path}/resources/${f}`, description: `set resources.${group}.${resource}: ${value}${fromOptions[f] === undefined ? ' (LimitRange default)' : ''}` });
      }
    }
    return out;
  }
}

/** True when `value` (in `group`) and the other group's `other` keep limit >= request; unparsable values are not ordered. */
function ordered(group: string, value: string, other: any): boolean {
  try {
    const v = _parseQuantity(String(value));
    const o = _parseQuantity(String(other));
    return group === 'limits' ? v >= o : v <= o;
  } catch {
    return false;
  }
}

/** `requests/cpu` etc. from the first LimitRange of the object's namespace with `Container` defaults. */
function limitRangeDefaults(obj: any, options: RuleFixOptions): Map<string, string> {
  const out = new Map<string, string>();
  const objects = Array.isArray(options?.objects) ? options.objects : [];
  for (const lr of _objectsIn(_indexObjects(objects), 'LimitRange', _namespaceOf(obj))) {
    const limits = Array.isArray(lr?.spec?.limits) ? lr.spec.limits : [];
    for (const l of limits) {
      if (l?.type !== 'Container') continue;
      for (const resource of ['cpu', 'memory']) {
        const limit = quantity(l.default?.[resource]);
        const request = quantity(l.defaultRequest?.[resource]) ?? limit;
        if (limit !== undefined && !out.has(`limits/${resource}`)) out.set(`limits/${resource}`, limit);
        if (request !== undefined && !out.has(`requests/${resource}`)) out.set(`requests/${resource}`, request);
      }
    }
  }
  return out;
}

/** A quantity as written in YAML (`500m` or a bare number), or undefined. */
function quantity(v: any): string | undefined {
  return typeof v === 'string' && v !== '' ? v : typeof v === 'number' && Number.isFinite(v) ? String(v) : undefined;
}

/** The CEL form: cpu and memory requests and limits on every init and regular container. */
const CEL: IRuleCel = {
  target: CelTarget.POD_BEARING,
  expression: 'variables.nonEphemeralContainers.all(c, '
    + ['requests.cpu', 'requests.memory', 'limits.cpu', 'limits.memory']
      .map(f => `(${_celPresent('c', `resources.${f}`)} && string(c.resources.${f}) != '')`).join(' && ')
    + ')',
};
