// SPDX-License-Identifier: Apache-2.0
/**
 * Internal: the risk checks a grant must pass before `LeastPrivilegeServiceAccount` writes it into a Role.
 * Not exported from the package.
 */
import { Permission } from './permission';
import { _ESCALATION_VERBS, _SECRET_READ_VERBS, _TAKEOVER_SUBRESOURCES } from '../core/_rbac-risks';

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

/** One accepted exception, recorded in the audit annotation. @internal */
export interface _Exception {
  readonly exception: string;
  readonly rule: string;
  readonly reason: string;
}

/** The minimum length of every `reason`. @internal */
export const _MIN_REASON_LENGTH = 10;

const RISK_FLAGS: _RiskFlag[] = ['allowWildcards', 'allowPrivilegeEscalationVerbs', 'allowSensitiveSubresources', 'allowUnscopedSecretReads'];
const ESCALATION_VERBS = _ESCALATION_VERBS;
const READ_VERBS = _SECRET_READ_VERBS;

interface Risk {
  readonly flag: _RiskFlag;
  readonly problem: string;
}

/** True when the rule's resource entry covers `target` (a `resource` or `resource/subresource`). */
function resourceCovers(ruleResource: string, target: string): boolean {
  if (ruleResource === '*' || ruleResource === target) return true;
  const [res, sub] = target.split('/');
  if (sub !== undefined) {
    return ruleResource === `*/${sub}` || ruleResource === `${res}/*`;
  }
  return false;
}

function coversCoreGroup(p: Permission): boolean {
  return p.apiGroups.some(g => g === '' || g === '*');
}

function effectiveVerbs(p: Permission): string[] {
  return p.verbs.includes('*') ? ['*'] : p.verbs;
}

function hasVerb(p: Permission, verb: string): boolean {
  const verbs = effectiveVerbs(p);
  return verbs.includes('*') || verbs.includes(verb);
}

/** Every risk a permission carries, in a fixed order. */
function risksOf(p: Permission): Risk[] {
  const risks: Risk[] = [];
  const wildcardFields = [
    p.verbs.includes('*') ? 'verbs' : undefined,
    p.apiGroups.includes('*') ? 'apiGroups' : undefined,
    p.resources.some(r => r.includes('*')) ? 'resources' : undefined,
  ].filter((x): x is string => x !== undefined);
  if (wildcardFields.length > 0) {
    risks.push({
      flag: 'allowWildcards',
      problem: `wildcard "*" in ${wildcardFields.join(' and ')} grants everything that exists now and whatever a later ` +
        'Kubernetes version or CRD adds. List the exact API groups, resources and verbs the workload needs',
    });
  }
  const escalation = ESCALATION_VERBS.filter(v => p.verbs.includes(v));
  if (escalation.length > 0) {
    risks.push({
      flag: 'allowPrivilegeEscalationVerbs',
      problem: `verb(s) ${escalation.map(v => `"${v}"`).join(', ')} let the holder gain permissions it was not granted ` +
        '(escalate: write roles beyond its own rights; bind: bind such roles; impersonate: act as another identity). ' +
        'Grant the specific permissions instead',
    });
  }
  if (coversCoreGroup(p)) {
    // The verbs that make each subresource dangerous come from the table HARDEN-RBAC-003 and its CEL read.
    const hits = Object.keys(_TAKEOVER_SUBRESOURCES).sort()
      .filter(target => p.resources.some(r => resourceCovers(r, target)))
      .map(target => ({ target, verbs: _TAKEOVER_SUBRESOURCES[target].filter(v => hasVerb(p, v)) }))
      .filter(h => h.verbs.length > 0);
    if (hits.length > 0) {
      risks.push({
        flag: 'allowSensitiveSubresources',
        problem: `${hits.map(h => `${h.verbs.map(v => `"${v}"`).join('/')} on "${h.target}"`).join(', ')} gives a shell in other pods (pods/exec, pods/attach; ` +
          'a WebSocket exec or attach is a "get"), ' +
          'the kubelet API (nodes/proxy) or new tokens for other service accounts (serviceaccounts/token). ' +
          'Remove these subresources from the grant',
      });
    }
  }
  if (coversCoreGroup(p) && p.resources.some(r => resourceCovers(r, 'secrets'))) {
    const verbs = effectiveVerbs(p);
    const reads = verbs.includes('*') ? READ_VERBS : READ_VERBS.filter(v => verbs.includes(v));
    const unscopedGet = reads.includes('get') && p.resourceNames === undefined;
    const listWatch = reads.filter(v => v === 'list' || v === 'watch');
    if (unscopedGet || listWatch.length > 0) {
      const parts: string[] = [];
      if (unscopedGet) parts.push('"get" on secrets without resourceNames reads every Secret in the namespace');
      if (listWatch.length > 0) {
        parts.push(`${listWatch.map(v => `"${v}"`).join('/')} on secrets return the full contents of Secrets, and resourceNames ` +
          'only narrows them when the client sends a metadata.name field selector (most clients do not, so the grant ' +
          'either fails or tempts widening), so name-scoping is no reliable boundary for them');
      }
      risks.push({
        flag: 'allowUnscopedSecretReads',
        problem: `${parts.join('; ')}. Grant only "get" on the named secrets, e.g. Permission.get("", "secrets", ["my-secret"])`,
      });
    }
  }
  return risks;
}

/** Throws unless `reason` is a string of at least `_MIN_REASON_LENGTH` characters. @internal */
export function _requireReason(reason: string | undefined, what: string, path: string): string {
  if (typeof reason !== 'string' || reason.trim().length < _MIN_REASON_LENGTH) {
    throw new Error(`${path}: ${what} needs a reason of at least ${_MIN_REASON_LENGTH} characters (got ${JSON.stringify(reason)}), ` +
      'recorded in an annotation so auditors can see why the exception was made. Pass reason: "<why this is needed>".');
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
  const risks = risksOf(p);
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
        `Remove ${flag} so the audit annotation lists only exceptions that are in effect.`);
    }
  }
  if (risks.length === 0) return [];
  const reason = _requireReason(options.reason, `${risks.map(r => r.flag).join(', ')} for grant ${p.toString()}`, path);
  return risks.map(r => ({ exception: r.flag, rule: p.toString(), reason }));
}

/** Deterministic JSON for the audit annotation (sorted, de-duplicated). @internal */
export function _renderExceptions(exceptions: _Exception[]): string {
  const seen = new Map<string, _Exception>();
  for (const e of exceptions) seen.set(JSON.stringify([e.exception, e.rule, e.reason]), e);
  const sorted = Array.from(seen.entries()).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, e]) => ({
    exception: e.exception, reason: e.reason, rule: e.rule,
  }));
  return JSON.stringify(sorted);
}
