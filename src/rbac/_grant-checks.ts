// SPDX-License-Identifier: Apache-2.0
/**
 * Internal: whether a grant may go into `LeastPrivilegeServiceAccount`'s Role, decided by the RBAC rules
 * (HARDEN-RBAC-001..004, one opt-out flag each) run on the PolicyRule the grant renders, and the suppressions
 * that record the accepted exceptions. Nothing here knows a risk the rules do not; it only explains what they found.
 * Not exported from the package.
 */
import { Permission } from './permission';
import { _SECRET_READ_VERBS, _TAKEOVER_SUBRESOURCES } from '../core/_rbac-risks';
import { _MIN_REASON_LENGTH, _showInvisible, _visibleLength, ParsedSuppression } from '../policy/engine/_suppression-annotation';
import { IRule } from '../policy/engine/rule';
import { RoleDoesNotReadSecretsUnscoped } from '../policy/rules/rbac/role-does-not-read-secrets-unscoped';
import { RoleGrantsNoEscalationVerbs } from '../policy/rules/rbac/role-grants-no-escalation-verbs';
import { RoleGrantsNoPodTakeoverSubresources } from '../policy/rules/rbac/role-grants-no-pod-takeover-subresources';
import { RoleHasNoWildcards } from '../policy/rules/rbac/role-has-no-wildcards';

/** The opt-out flags, one per risk. Keys equal the option names of `GrantOptions`. @internal */
export type _RiskFlag = 'allowWildcards' | 'allowPrivilegeEscalationVerbs' | 'allowSensitiveSubresources' | 'allowUnscopedSecretReads';

/** The opt-out flags and reason as passed by the caller. @internal */
export interface _RiskOptions {
  readonly allowWildcards?: boolean;
  readonly allowPrivilegeEscalationVerbs?: boolean;
  readonly allowSensitiveSubresources?: boolean;
  readonly allowUnscopedSecretReads?: boolean;
  readonly reason?: string;
}

/** One accepted exception: the flag, the grant, the reason. Recorded as a suppression of the flag's rule. @internal */
export interface _Exception {
  readonly exception: string;
  readonly rule: string;
  readonly reason: string;
}

const RISK_FLAGS: _RiskFlag[] = ['allowWildcards', 'allowPrivilegeEscalationVerbs', 'allowSensitiveSubresources', 'allowUnscopedSecretReads'];

/** The rule each opt-out flag is an exception to. @internal */
export const _RULE_OF_FLAG: { readonly [flag: string]: IRule } = {
  allowWildcards: new RoleHasNoWildcards(),
  allowPrivilegeEscalationVerbs: new RoleGrantsNoEscalationVerbs(),
  allowSensitiveSubresources: new RoleGrantsNoPodTakeoverSubresources(),
  allowUnscopedSecretReads: new RoleDoesNotReadSecretsUnscoped(),
};

/** A PolicyRule as rendered into a Role. @internal */
export interface _RenderedPolicyRule {
  readonly apiGroups: string[];
  readonly resources: string[];
  readonly resourceNames?: string[];
  readonly verbs: string[];
}

/** What a rule found in one PolicyRule: the rule's violations and the PolicyRule their paths point into. */
interface Found {
  readonly rule: _RenderedPolicyRule;
  /** The array index each violation points at (`/rules/0/<field>/<index>`), with the field. */
  readonly at: Array<{ field: string; index: number }>;
}

interface Risk {
  readonly flag: _RiskFlag;
  readonly problem: string;
}

/** The PolicyRule one grant renders to on its own (`*` among the verbs renders as `["*"]`, as the Role does). @internal */
export function _policyRuleOf(p: Permission): _RenderedPolicyRule {
  return {
    apiGroups: [...p.apiGroups],
    resources: [...p.resources],
    ...(p.resourceNames !== undefined ? { resourceNames: [...p.resourceNames] } : {}),
    verbs: p.verbs.includes('*') ? ['*'] : [...p.verbs],
  };
}

/** True when a wildcard resource entry covers `target` (a `resource` or `resource/subresource`). */
function wildcardCovers(entry: string, target: string): boolean {
  if (entry === '*') return true;
  const [res, sub] = target.split('/');
  return sub !== undefined && (entry === `*/${sub}` || entry === `${res}/*`);
}

/**
 * What a wildcard grant stands for, written out for the rules: `*` in apiGroups includes the core group, a wildcard
 * resource includes the risky resources it covers (the takeover subresources, secrets), `*` in verbs includes the
 * verbs that make them risky. HARDEN-RBAC-003/004 do not look behind wildcards (RBAC-001 reports the wildcard), so the
 * construct runs them on this too: opting into a wildcard does not silently accept exec or secret reads as well.
 * Undefined when the rule has no wildcard.
 */
function writtenOut(r: _RenderedPolicyRule): _RenderedPolicyRule | undefined {
  const wildVerbs = r.verbs.includes('*');
  const wildGroups = r.apiGroups.includes('*');
  const wildResources = r.resources.filter(x => x.includes('*'));
  if (!wildVerbs && !wildGroups && wildResources.length === 0) return undefined;
  const risky = [...Object.keys(_TAKEOVER_SUBRESOURCES), 'secrets'];
  const riskyVerbs = [...Object.values(_TAKEOVER_SUBRESOURCES).flat(), ..._SECRET_READ_VERBS];
  return {
    apiGroups: [...new Set(r.apiGroups.map(g => (g === '*' ? '' : g)))],
    resources: [...new Set([...r.resources.filter(x => !x.includes('*')), ...risky.filter(t => wildResources.some(w => wildcardCovers(w, t)))])],
    ...(r.resourceNames !== undefined ? { resourceNames: r.resourceNames } : {}),
    verbs: [...new Set(wildVerbs ? riskyVerbs : r.verbs)],
  };
}

/** Runs a rule on a Role holding only `r`; the array positions its violations point at. */
function run(rule: IRule, kind: string, r: _RenderedPolicyRule): Found | undefined {
  const role = { apiVersion: 'rbac.authorization.k8s.io/v1', kind, metadata: { name: 'grant' }, rules: [r] };
  const at = rule.check(role, { objects: [role] }).map(v => {
    const [, , , field, index] = v.path.split('/');
    return { field, index: Number(index) };
  });
  return at.length > 0 ? { rule: r, at } : undefined;
}

const quoted = (xs: string[]) => xs.map(x => `"${x}"`);
const unique = (xs: string[]) => [...new Set(xs)];
const valuesAt = (found: Found[], field: string) =>
  unique(found.flatMap(f => f.at.filter(a => a.field === field).map(a => (f.rule as any)[field][a.index] as string)));

/** Today's explanation of each risk, built from what the rule found. */
const PROBLEM: { readonly [flag: string]: (found: Found[]) => string } = {
  allowWildcards: found => {
    const fields = ['verbs', 'apiGroups', 'resources'].filter(field => found.some(f => f.at.some(a => a.field === field)));
    return `wildcard "*" in ${fields.join(' and ')} grants everything that exists now and whatever a later ` +
      'Kubernetes version or CRD adds. List the exact API groups, resources and verbs the workload needs';
  },
  allowPrivilegeEscalationVerbs: found =>
    `verb(s) ${quoted(valuesAt(found, 'verbs')).join(', ')} let the holder gain permissions it was not granted ` +
    '(escalate: write roles beyond its own rights; bind: bind such roles; impersonate: act as another identity). ' +
    'Grant the specific permissions instead',
  allowSensitiveSubresources: found => {
    const hits = valuesAt(found, 'resources').sort().map(target => ({
      target,
      verbs: unique(found.flatMap(f => (f.rule.resources.includes(target) ? f.rule.verbs : [])))
        .filter(v => _TAKEOVER_SUBRESOURCES[target].includes(v)),
    }));
    return `${hits.map(h => `${quoted(h.verbs).join('/')} on "${h.target}"`).join(', ')} gives a shell in other pods (pods/exec, pods/attach; ` +
      'a WebSocket exec or attach is a "get"), ' +
      'the kubelet API (nodes/proxy) or new tokens for other service accounts (serviceaccounts/token). ' +
      'Remove these subresources from the grant';
  },
  allowUnscopedSecretReads: found => {
    const verbs = valuesAt(found, 'verbs');
    const listWatch = verbs.filter(v => v === 'list' || v === 'watch');
    const parts: string[] = [];
    if (verbs.includes('get')) parts.push('"get" on secrets without resourceNames reads every Secret in the namespace');
    if (listWatch.length > 0) {
      parts.push(`${quoted(listWatch).join('/')} on secrets return the full contents of Secrets, and resourceNames ` +
        'only narrows them when the client sends a metadata.name field selector (most clients do not, so the grant ' +
        'either fails or tempts widening), so name-scoping is no reliable boundary for them');
    }
    return `${parts.join('; ')}. Grant only "get" on the named secrets, e.g. Permission.get("", "secrets", ["my-secret"])`;
  },
};

/**
 * Every risk of a grant, in flag order: one per RBAC rule that finds something in the PolicyRule the grant
 * renders (or, for a wildcard grant, in what the wildcard stands for). The rules decide; this only explains.
 */
function risksOf(p: Permission, kind: string): Risk[] {
  const rendered = _policyRuleOf(p);
  const expanded = writtenOut(rendered);
  const risks: Risk[] = [];
  for (const flag of RISK_FLAGS) {
    const rule = _RULE_OF_FLAG[flag];
    const found = [run(rule, kind, rendered), expanded ? run(rule, kind, expanded) : undefined].filter((f): f is Found => f !== undefined);
    if (found.length > 0) risks.push({ flag, problem: PROBLEM[flag](found) });
  }
  return risks;
}

/**
 * Throws unless `reason` has at least `_MIN_REASON_LENGTH` visible characters, the rule every suppression's reason
 * follows (white space, zero-width and bidi characters do not count).
 * @internal
 */
export function _requireReason(reason: string | undefined, what: string, path: string): string {
  if (typeof reason !== 'string' || _visibleLength(reason) < _MIN_REASON_LENGTH) {
    const got = typeof reason === 'string' ? _showInvisible(reason) : JSON.stringify(reason);
    throw new Error(`${path}: ${what} needs a reason of at least ${_MIN_REASON_LENGTH} characters (got ${got}), not counting white space ` +
      'and invisible characters, recorded as the suppression\'s reason so auditors can see why the exception was made. ' +
      'Pass reason: "<why this is needed>".');
  }
  return reason.trim();
}

/**
 * Checks a permission against every risk and the caller's opt-outs. Throws for a risk that is not opted out,
 * an opt-out without a reason, and an opt-out that no risk needs. Returns the exceptions to record.
 *
 * @param method the method named in the fix (`allow` or `allowClusterWide`)
 * @internal
 */
export function _checkGrant(p: Permission, options: _RiskOptions, path: string, method: string): _Exception[] {
  const risks = risksOf(p, method === 'allow' ? 'Role' : 'ClusterRole');
  for (const risk of risks) {
    if (options[risk.flag] !== true) {
      throw new Error(`${path}: refusing grant ${p.toString()}: ${risk.problem}. If the workload really needs this, ` +
        `call ${method}(permission, { ${risk.flag}: true, reason: "<why, at least ${_MIN_REASON_LENGTH} characters>" }).`);
    }
  }
  const needed = new Set(risks.map(r => r.flag));
  for (const flag of RISK_FLAGS) {
    if (options[flag] === true && !needed.has(flag)) {
      throw new Error(`${path}: ${flag} was set for grant ${p.toString()}, which carries no such risk. ` +
        `Remove ${flag} so the recorded suppressions list only exceptions that are in effect.`);
    }
  }
  if (risks.length === 0) return [];
  const reason = _requireReason(options.reason, `${risks.map(r => r.flag).join(', ')} for grant ${p.toString()}`, path);
  return risks.map(r => ({ exception: r.flag, rule: p.toString(), reason }));
}

/**
 * The suppressions that record the accepted exceptions of a role: for each exception, the rule of its flag, scoped
 * (`appliesTo`) to the rendered PolicyRule that holds the grant, and only where that rule finds something there.
 * The rule decides, so a suppression never hides more than the exception it records.
 *
 * @param kind `Role` or `ClusterRole`
 * @param rules the PolicyRules as rendered (their index is the JSON pointer `/rules/<i>`)
 * @param granted for each exception, the rendered-rule index of its grant
 * @internal
 */
export function _exceptionSuppressions(kind: string, rules: _RenderedPolicyRule[],
  granted: Array<{ exception: _Exception; index: number }>): ParsedSuppression[] {
  const out: ParsedSuppression[] = [];
  for (const { exception, index } of granted) {
    const rule = _RULE_OF_FLAG[exception.exception];
    const role = { apiVersion: 'rbac.authorization.k8s.io/v1', kind, metadata: { name: 'role' }, rules: [rules[index]] };
    if (rule.check(role, { objects: [role] }).length === 0) continue;
    const appliesTo = [`/rules/${index}`];
    if (!out.some(o => o.id === rule.metadata.id && o.appliesTo![0] === appliesTo[0])) {
      out.push({ id: rule.metadata.id, reason: `${exception.exception}: ${exception.reason}`, appliesTo });
    }
  }
  return out;
}
