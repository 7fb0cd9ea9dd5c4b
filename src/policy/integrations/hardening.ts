// SPDX-License-Identifier: Apache-2.0
import { ApiObject, JsonPatch } from 'cdk8s';
import { IConstruct } from 'constructs';
import { ISecurityChecksLogger } from './security-checks';
import { _cloneJson, _diffEdits, _fixableRules, _fixObject, AppliedFix } from '../engine/_fixer';
import { IRulePack, RuleFixOptions } from '../engine/rule';
import { RulePacks } from '../packs/rule-packs';

/** Options of `Hardening.of`. */
export interface HardeningOptions extends RuleFixOptions {
  /**
   * The packs whose rules' fixes are applied.
   * @default - every registered pack (`RulePacks.all()`)
   */
  readonly packs?: IRulePack[];
  /**
   * Receives the report of what was changed, object by object.
   * @default - standard error
   */
  readonly logger?: ISecurityChecksLogger;
}

/** One field `Hardening` changed in one object. */
export interface HardeningChange {
  /** Construct path of the changed `ApiObject`. */
  readonly constructPath: string;
  /** `apiVersion` of the object. */
  readonly apiVersion: string;
  /** `kind` of the object. */
  readonly kind: string;
  /** `metadata.namespace` of the object, when set. @default - none */
  readonly namespace?: string;
  /** `metadata.name` of the object, when set. @default - none */
  readonly name?: string;
  /** The rule whose fix made the change. */
  readonly ruleId: string;
  /** The rule's name. */
  readonly ruleName: string;
  /** JSON pointer of the changed field. */
  readonly path: string;
  /** What was set. */
  readonly description: string;
}

/**
 * Applies the rules' safe fixes to every Kubernetes object under a scope when it is synthesized: cdk8s-plus
 * workloads, raw `ApiObject`s, and the objects of an `Include` or a `Helm` chart.
 *
 * One line: `Hardening.of(chart)`. What a fix sets where absent: `runAsNonRoot: true`, seccomp `RuntimeDefault`,
 * `allowPrivilegeEscalation: false`, `capabilities.drop: [ALL]`, `readOnlyRootFilesystem: true` with an emptyDir at
 * `/tmp` (and at each `writablePaths` entry), `automountServiceAccountToken: false` (unless
 * `serviceAccountTokenNeeded`), requests/limits from `resources` or the namespace's LimitRange. What no fix
 * guesses (an image's UID unless `runAsUser` is given, privileged containers, host namespaces, hostPath volumes,
 * RBAC wildcards, any explicit value) stays a finding for `SecurityChecks` to report.
 *
 * The changes are JSON patches on each `ApiObject` (`ApiObject.addJsonPatch`), computed from its synthesized
 * JSON; objects are never removed. A rule suppressed on an object (`Suppressions.add`) is not fixed there.
 * The fixes are idempotent, so hardened output (this library's own constructs) is unchanged. Every change is
 * listed once through the logger, object by object, and in `changes`. `SecurityChecks` sees the hardened objects
 * whichever order the two were added in. The innermost `Hardening` of an object decides its options.
 */
export class Hardening {
  /**
   * The hardening of `scope` (an `App`, a `Chart` or any construct), created and attached on first use.
   * @param options applied when given, also to an existing hardening (before synthesis)
   * @throws when an option is invalid (`runAsUser`, `writablePaths`, `resources`)
   */
  public static of(scope: IConstruct, options?: HardeningOptions): Hardening {
    let hardening = Hardening._byScope.get(scope);
    if (!hardening) {
      hardening = new Hardening(scope);
      Hardening._byScope.set(scope, hardening);
    }
    if (options) {
      const previous = hardening._options;
      hardening._options = { ...options };
      try {
        // Fail early on bad options: run every fix once on a bare Deployment.
        hardening._fixOne({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: {}, spec: { template: { spec: { containers: [{ name: 'probe' }] } } } });
      } catch (e) {
        hardening._options = previous;
        throw e;
      }
    }
    return hardening;
  }

  /**
   * Applies the hardening of every `Hardening` at or above each `ApiObject` under `scope` (used by the checks,
   * so they see hardened objects). @internal
   */
  public static _applyAround(scope: IConstruct): void {
    const seen = new Set<Hardening>();
    for (const c of scope.node.findAll()) {
      if (!ApiObject.isApiObject(c)) continue;
      const h = Hardening._innermost(c);
      if (h && !seen.has(h)) {
        seen.add(h);
        h.apply();
      }
    }
  }

  private static readonly _byScope = new WeakMap<IConstruct, Hardening>();

  private static _innermost(c: IConstruct): Hardening | undefined {
    const scopes = c.node.scopes;
    for (let i = scopes.length - 1; i >= 0; i--) {
      const h = Hardening._byScope.get(scopes[i]);
      if (h) return h;
    }
    return undefined;
  }

  private static _format(scope: IConstruct, changes: HardeningChange[]): string {
    const lines: string[] = [];
    let last = '';
    const objects = new Set(changes.map(c => c.constructPath)).size;
    lines.push(`Hardening.of(${scope.node.path || '<app>'}): ${changes.length} change(s) in ${objects} object(s)`);
    for (const c of changes) {
      if (c.constructPath !== last) {
        lines.push(`  ${c.kind} ${c.namespace ? c.namespace + '/' : ''}${c.name ?? '<no name>'} (construct ${c.constructPath})`);
        last = c.constructPath;
      }
      lines.push(`    ${c.ruleId} ${c.path}: ${c.description}`);
    }
    return lines.join('\n') + '\n';
  }
  private _options: HardeningOptions = {};
  private readonly _changes: HardeningChange[] = [];

  private constructor(private readonly scope: IConstruct) {
    scope.node.addValidation({ validate: () => { this.apply(); return []; } });
  }

  /** Every change made so far (synthesis applies the hardening; so does `apply()`), object by object. */
  public get changes(): HardeningChange[] {
    return this._changes.map(c => ({ ...c }));
  }

  /**
   * Applies the fixes now to the objects as they are, and returns the changes this call made (none when
   * everything is already hardened). Synthesis calls it; calling it again changes nothing.
   */
  public apply(): HardeningChange[] {
    const made: HardeningChange[] = [];
    const objects = this.scope.node.findAll().filter(c => ApiObject.isApiObject(c) && Hardening._innermost(c) === this) as ApiObject[];
    // Every object of the app, synthesized once: the context of cross-object fixes (a namespace's LimitRange).
    const all = this.scope.node.root.node.findAll().filter(c => ApiObject.isApiObject(c)) as ApiObject[];
    const jsonOf = new Map<ApiObject, any>(all.map(o => [o, o.toJson()]));
    const jsons = objects.map(o => jsonOf.get(o) ?? o.toJson());
    const context = [...jsonOf.values()];
    objects.forEach((apiObject, i) => {
      const before = jsons[i];
      const after = _cloneJson(before);
      const fixes = this._fixOne(after, context);
      if (fixes.length === 0) return;
      for (const edit of _diffEdits(before, after)) {
        if (edit.op === 'set') apiObject.addJsonPatch(JsonPatch.add(edit.path, edit.value));
        else for (const item of edit.value) apiObject.addJsonPatch(JsonPatch.add(`${edit.path}/-`, item));
      }
      const md = before.metadata ?? {};
      for (const f of fixes) {
        made.push({
          constructPath: apiObject.node.path,
          apiVersion: String(before.apiVersion),
          kind: String(before.kind),
          ...(typeof md.namespace === 'string' ? { namespace: md.namespace } : {}),
          ...(typeof md.name === 'string' ? { name: md.name } : {}),
          ruleId: f.ruleId,
          ruleName: f.ruleName,
          path: f.path,
          description: f.description,
        });
      }
    });
    if (made.length > 0) {
      this._changes.push(...made);
      const text = Hardening._format(this.scope, made);
      if (this._options.logger) this._options.logger.log(text); else process.stderr.write(text);
    }
    return made;
  }

  private _fixOne(obj: any, objects?: any[]): AppliedFix[] {
    const { packs, logger, ...options } = this._options;
    const rules = _fixableRules(packs ?? RulePacks.all());
    return _fixObject(obj, rules, { ...options, objects: objects ?? [obj] });
  }

}
