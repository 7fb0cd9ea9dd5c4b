// SPDX-License-Identifier: Apache-2.0
import type { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { CheckTarget } from './_check-target';
import { _engineRules } from './_engine-rules';
import { _namespaceTargets } from './_namespace-targets';
import { _resolveRules, ResolvedRule } from './_resolve-rules';
import { _RuleDispatch } from './_rule-dispatch';
import { _ANNOTATION_POINTER, _readSuppressionAnnotation, _suppressionCovers, ParsedSuppression } from './_suppression-annotation';
import { CheckedRule, Finding, Report, UnmatchedSuppression } from './report';
import { IRule, IRulePack, RuleContext, Severity } from './rule';
import { _compareCodePoints } from '../../core/_compare';
import { _cdk8s } from '../../core/_lazy-cdk8s';
import { _pushAll } from '../../core/_util';

/** Properties of a `Checker`. */
export interface CheckerProps {
  /**
   * The packs to check, e.g. `RulePacks.all()` or `[RulePacks.POD_SECURITY_RESTRICTED]`. A rule included by several
   * packs runs once, with the most severe level they give it.
   */
  readonly packs: IRulePack[];
  /**
   * Packs whose rules count as known although they are not checked: a suppression of one of their rules is not
   * reported as unmatched (it belongs to another check). A suppression of an id that neither the checked packs
   * nor these know (a typo) is reported as unmatched.
   * @default - only the checked packs' rules are known
   */
  readonly knownPacks?: IRulePack[];
}

/**
 * Runs rule packs over manifest objects and returns a `Report`.
 *
 * Rules are isolated: a rule that throws, or returns something other than a list of violations,
 * becomes an `ERROR` finding for that object instead of stopping the check.
 *
 * @example
 * const report = new Checker({ packs: [RulePacks.POD_SECURITY_RESTRICTED] }).check(chart);
 */
export class Checker {
  /** @internal */
  public static _targetsOf(scope: Construct): CheckTarget[] {
    const { ApiObject: apiObject } = _cdk8s();
    return scope.node.findAll()
      .filter(c => apiObject.isApiObject(c))
      .map(c => ({ object: (c as ApiObject).toJson(), constructPath: c.node.path }));
  }

  /** The checked packs. */
  public readonly packs: IRulePack[];
  private readonly _rules: ResolvedRule[];
  /** The rules indexed by what they read (`IRule.reads`), so each object goes only to the rules that read it. */
  private readonly _dispatch: _RuleDispatch;
  private readonly _knownIds: Set<string>;

  constructor(props: CheckerProps) {
    if (!props || !Array.isArray(props.packs)) {
      throw new Error('Checker needs the packs to check: new Checker({ packs: RulePacks.all() }) for every built-in pack, '
        + 'or a list of packs such as [RulePacks.POD_SECURITY_RESTRICTED].');
    }
    this.packs = [...props.packs];
    this._rules = _resolveRules(this.packs, 'Checker');
    this._dispatch = new _RuleDispatch(this._rules);
    this._knownIds = new Set([...this._rules, ..._resolveRules(props.knownPacks ?? [], 'Checker knownPacks')].map(r => r.rule.metadata.id));
  }

  /**
   * Checks manifest objects.
   *
   * @param input a construct (an `App`, a `Chart`, or any construct: every `ApiObject` below it is checked
   * with its construct path), or an array of manifest objects (`chart.toJson()` output, parsed YAML), or one object.
   */
  public check(input: any): Report {
    if (Construct.isConstruct(input)) {
      return this._checkTargets(Checker._targetsOf(input));
    }
    const objects = Array.isArray(input) ? input : [input];
    return this._checkTargets(objects.map(object => ({ object })));
  }

  /** Checks objects with their sources. @internal */
  public _checkTargets(targets: CheckTarget[]): Report {
    const context: RuleContext = { objects: targets.map(t => t.object) };
    const findings: Finding[] = [];
    const unmatched: UnmatchedSuppression[] = [];
    const checkedIds = new Set(this._rules.map(r => r.rule.metadata.id));
    // A suppression of a known rule outside the checked packs is not "unmatched"; one of an unknown id (a typo) is.
    const knownUnchecked = new Set([...this._knownIds].filter(id => !checkedIds.has(id)));
    const engineRules = _engineRules();

    // Namespace-level findings go to the namespace: a synthetic target for each namespace without a Namespace object,
    // checked by the namespace-level rules only.
    const synthetic = _namespaceTargets(targets);
    const namespaceRules = this._rules.filter(r => r.rule.metadata.namespaceLevel === true);
    const all = synthetic.length === 0 ? targets : [...targets, ...synthetic];
    // Hot loop (every object times every rule): nothing is allocated for an object until it has a finding or a suppression.
    for (let i = 0; i < all.length; i++) {
      const target = all[i];
      const obj = target.object;
      const isSynthetic = i >= targets.length;
      let ref: ObjectRef | undefined;
      let objFindings: Finding[] | undefined;
      if (!isSynthetic) {
        for (const rule of engineRules) {
          const outcomes = runRule(rule, obj, context);
          if (outcomes.length === 0) continue;
          ref ??= objectRef(target);
          objFindings ??= [];
          for (const v of outcomes) objFindings.push(finding(ref, { rule, severity: Severity.ERROR, packs: [] }, v.path, v.message, target));
        }
      }
      const suppressions = _readSuppressionAnnotation(obj).suppressions;
      const used = suppressions.length === 0 ? undefined : new Set<ParsedSuppression>();
      for (const active of isSynthetic ? namespaceRules : this._dispatch.rulesFor(obj)) {
        const outcomes = runRule(active.rule, obj, context);
        if (outcomes.length === 0) continue;
        ref ??= objectRef(target);
        objFindings ??= [];
        const id = active.rule.metadata.id;
        for (const v of outcomes) {
          const s = used === undefined ? undefined : suppressions.find(x => x.id === id && _suppressionCovers(x, v.path));
          if (s) used!.add(s);
          objFindings.push(finding(ref, v.threw ? { ...active, severity: Severity.ERROR } : active, v.path, v.message, target, s));
        }
      }
      // Engine findings first, then the packs' (a stable sort keeps that order among equal keys).
      if (objFindings !== undefined) _pushAll(findings, objFindings.sort(compareFindings));
      for (const s of suppressions) {
        if (used!.has(s) || knownUnchecked.has(s.id)) continue;
        ref ??= objectRef(target);
        unmatched.push({
          ruleId: s.id,
          reason: s.reason,
          ...(s.appliesTo ? { appliesTo: [...s.appliesTo] } : {}),
          ...ref,
          ...located(target, _ANNOTATION_POINTER),
        });
      }
    }

    const rules: CheckedRule[] = this._rules.map(r => ({ metadata: r.rule.metadata, severity: r.severity, packs: [...r.packs] }));
    return new Report({ findings, unmatchedSuppressions: unmatched, rules, objectsChecked: targets.length });
  }
}

interface ObjectRef {
  readonly apiVersion: string;
  readonly kind: string;
  readonly namespace?: string;
  readonly name?: string;
  readonly constructPath?: string;
  readonly file?: string;
}

function objectRef(t: CheckTarget): ObjectRef {
  const o = t.object ?? {};
  const md = o.metadata && typeof o.metadata === 'object' ? o.metadata : {};
  return {
    apiVersion: typeof o.apiVersion === 'string' ? o.apiVersion : '',
    kind: typeof o.kind === 'string' ? o.kind : '',
    ...(typeof md.namespace === 'string' ? { namespace: md.namespace } : {}),
    ...(typeof md.name === 'string' ? { name: md.name } : {}),
    ...(t.constructPath !== undefined ? { constructPath: t.constructPath } : {}),
    ...(t.file !== undefined ? { file: t.file } : {}),
  };
}

function located(t: CheckTarget, pointer: string): { line?: number } {
  const line = t.locate?.(pointer);
  return line !== undefined ? { line } : {};
}

interface Outcome {
  readonly path: string;
  readonly message: string;
  readonly threw?: boolean;
}

function runRule(rule: IRule, obj: any, context: RuleContext): Outcome[] {
  let result: any;
  try {
    result = rule.check(obj, context);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    return [{ path: '', message: `Rule ${rule.metadata.id} (${rule.metadata.name}) threw while checking this object: ${why}. This is a bug in the rule; the object was not checked by it.`, threw: true }];
  }
  if (!isOutcomeList(result)) {
    return [{ path: '', message: `Rule ${rule.metadata.id} (${rule.metadata.name}) returned ${JSON.stringify(result)} instead of a list of {path, message}. This is a bug in the rule; the object was not checked by it.`, threw: true }];
  }
  return result;
}

/** Whether a rule returned a list of {path, message} (a plain loop: this runs for every object and rule). */
function isOutcomeList(result: any): boolean {
  if (!Array.isArray(result)) return false;
  for (let i = 0; i < result.length; i++) {
    const v = result[i];
    if (!v || typeof v.path !== 'string' || typeof v.message !== 'string') return false;
  }
  return true;
}

function finding(ref: ObjectRef, active: ResolvedRule, path: string, message: string, target: CheckTarget, s?: ParsedSuppression): Finding {
  const meta = active.rule.metadata;
  return {
    ruleId: meta.id,
    ruleName: meta.name,
    severity: active.severity,
    packs: [...active.packs],
    ...ref,
    path,
    message,
    remediation: meta.remediation,
    ...located(target, path),
    suppressed: s !== undefined,
    ...(s ? { suppressionReason: s.reason } : {}),
  };
}

const cmp = _compareCodePoints;

function compareFindings(a: Finding, b: Finding): number {
  return cmp(a.ruleId, b.ruleId) || cmp(a.path, b.path) || cmp(a.message, b.message);
}
