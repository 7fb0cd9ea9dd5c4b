// SPDX-License-Identifier: Apache-2.0
/**
 * Internal: which rules the engine offers an object to, from what each rule declares it reads (`IRule.reads`).
 *
 * The rules are indexed once per `Checker`; an object is then matched by its `kind` and by the tests of the
 * `RuleReads._matching` scopes (each test runs once per object, however many rules share it), and the resulting
 * list is cached per kind and test outcome. Every list keeps the rules in their resolved order (by id), so the
 * engine runs the same rules in the same order as when every rule saw every object, minus those that read
 * something else. An object that is not an object, or has no string `kind`, is offered to every rule.
 */
import { ResolvedRule } from './_resolve-rules';
import { RuleReads } from './rule';

/** Rules by what they read. @internal */
export class _RuleDispatch {
  /** The distinct tests of the rules' `RuleReads._matching` scopes (at most 31). */
  private readonly tests: Array<(obj: any) => boolean> = [];
  /** For each rule, in order: undefined (reads every object), its kinds, or the bit of its test. */
  private readonly scopes: Array<ReadonlyArray<string> | number | undefined>;
  /** Rules for a kind, by the bit mask of the tests an object passes. */
  private readonly byKind = new Map<string, Array<ResolvedRule[] | undefined>>();

  constructor(private readonly rules: ReadonlyArray<ResolvedRule>) {
    this.scopes = rules.map(r => this.scopeOf(r.rule.reads));
  }

  /** The rules that read `obj`, in resolved order. The result is shared: callers must not change it. */
  public rulesFor(obj: any): ReadonlyArray<ResolvedRule> {
    if (obj === null || typeof obj !== 'object' || Array.isArray(obj) || typeof obj.kind !== 'string') return this.rules;
    let mask = 0;
    for (let i = 0; i < this.tests.length; i++) {
      let passes: boolean;
      try {
        passes = this.tests[i](obj) === true;
      } catch {
        passes = true; // the rules run, and report their own failure on this object
      }
      if (passes) mask += 2 ** i; // bit i (2 ** i < 2 ** 31): which tests the object passes
    }
    let perMask = this.byKind.get(obj.kind);
    if (perMask === undefined) {
      perMask = [];
      this.byKind.set(obj.kind, perMask);
    }
    let list = perMask[mask];
    if (list === undefined) {
      list = this.rules.filter((_, i) => reads(this.scopes[i], obj.kind, mask));
      perMask[mask] = list;
    }
    return list;
  }

  private scopeOf(r: RuleReads | undefined): ReadonlyArray<string> | number | undefined {
    if (r === undefined || r === null) return undefined;
    if (r._kinds !== undefined) return r._kinds;
    const test = r._test;
    if (typeof test !== 'function') return undefined;
    let bit = this.tests.indexOf(test);
    if (bit < 0) {
      if (this.tests.length === 31) return undefined; // more distinct tests than mask bits: read every object
      bit = this.tests.push(test) - 1;
    }
    return bit;
  }
}

function reads(scope: ReadonlyArray<string> | number | undefined, kind: string, mask: number): boolean {
  if (scope === undefined) return true;
  if (typeof scope === 'number') return Math.floor(mask / 2 ** scope) % 2 === 1;
  return scope.includes(kind);
}
