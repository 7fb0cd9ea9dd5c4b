// SPDX-License-Identifier: Apache-2.0
/** Internal: finds grants of named verbs on named resources in one API group (explicit grants; wildcards are HARDEN-RBAC-001's). */
import { _policyRules } from './_policy-rules';
import { RuleViolation } from '../../engine/rule';

/** A resource of an API group and the verbs on it that are sensitive. @internal */
export interface SensitiveGrant {
  readonly apiGroup: string;
  readonly resource: string;
  readonly verbs: string[];
}

/** One violation per resource entry of a Role or ClusterRole that grants a sensitive verb on a listed resource. @internal */
export function _sensitiveGrants(obj: any, grants: SensitiveGrant[]): RuleViolation[] {
  const out: RuleViolation[] = [];
  for (const r of _policyRules(obj)) {
    (Array.isArray(r.rule.resources) ? r.rule.resources : []).forEach((res: any, i: number) => {
      const verbs = new Set<string>();
      for (const g of grants) {
        if (g.resource !== res || !r.apiGroups.includes(g.apiGroup)) continue;
        for (const v of r.verbs) if (g.verbs.includes(v)) verbs.add(v);
      }
      if (verbs.size > 0) {
        out.push({ path: `${r.path}/resources/${i}`, message: `${obj.kind} "${obj.metadata?.name}" grants ${[...verbs].join(', ')} on "${res}"` });
      }
    });
  }
  return out;
}

/** The CEL form: true when no PolicyRule grants a sensitive verb on a listed resource explicitly. @internal */
export function _sensitiveGrantsCel(grants: SensitiveGrant[]): string {
  const q = (s: string) => `'${s}'`;
  const any = grants.map(g => `(${q(g.apiGroup)} in r.apiGroups && ${q(g.resource)} in r.resources && r.verbs.exists(v, v in [${g.verbs.map(q).join(', ')}]))`);
  return `!has(object.rules) || object.rules.all(r, !has(r.apiGroups) || !has(r.resources) || !has(r.verbs) || !(${any.join(' || ')}))`;
}

/** The verbs that change objects. @internal */
export const _WRITE_VERBS = ['create', 'update', 'patch', 'delete', 'deletecollection'];
