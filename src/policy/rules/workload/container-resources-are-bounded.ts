// SPDX-License-Identifier: Apache-2.0
import { IRule, RuleContext, RuleMetadata, RuleViolation, Severity } from '../../engine/rule';
import { _containerViolations } from '../_pod-spec';
import { _describeContainer } from './_describe';

const FIELDS = ['requests/cpu', 'requests/memory', 'limits/cpu', 'limits/memory'];

/**
 * Every init and regular container sets cpu and memory `requests` and `limits`.
 *
 * Ephemeral containers are exempt: the API does not allow resources on them.
 * @see https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/
 */
export class ContainerResourcesAreBounded implements IRule {
  /** The rule's stable id. */
  public static readonly ID = 'HARDEN-WL-002';

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
}
