// SPDX-License-Identifier: Apache-2.0
/** Internal: walks the `rules` of Role and ClusterRole objects. */
import { RuleReads } from '../../engine/rule';

/** One PolicyRule with its JSON pointer. @internal */
export interface PolicyRuleRef {
  readonly rule: any;
  readonly path: string;
  readonly verbs: string[];
  readonly apiGroups: string[];
  readonly resources: string[];
  readonly resourceNames: string[];
}

const ROLE_KINDS = ['Role', 'ClusterRole'];

/** What the rules over policy rules read (`IRule.reads`): Roles and ClusterRoles. @internal */
export const _READS_ROLES = RuleReads.kinds(...ROLE_KINDS);

function strings(x: any): string[] {
  return Array.isArray(x) ? x.filter((s: any) => typeof s === 'string') : [];
}

/** The policy rules of a Role or ClusterRole; empty for any other object. @internal */
export function _policyRules(obj: any): PolicyRuleRef[] {
  if (!obj || typeof obj !== 'object' || !ROLE_KINDS.includes(obj.kind)) return [];
  if (typeof obj.apiVersion !== 'string' || !obj.apiVersion.startsWith('rbac.authorization.k8s.io/')) return [];
  const rules = obj.rules;
  if (!Array.isArray(rules)) return [];
  const out: PolicyRuleRef[] = [];
  rules.forEach((rule: any, i: number) => {
    if (!rule || typeof rule !== 'object') return;
    out.push({
      rule,
      path: `/rules/${i}`,
      verbs: strings(rule.verbs),
      apiGroups: strings(rule.apiGroups),
      resources: strings(rule.resources),
      resourceNames: strings(rule.resourceNames),
    });
  });
  return out;
}

/** Whether the rule covers the core API group (`""`), without counting the `*` wildcard. @internal */
export function _coversCoreGroup(r: PolicyRuleRef): boolean {
  return r.apiGroups.includes('');
}

