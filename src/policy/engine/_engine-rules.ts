// SPDX-License-Identifier: Apache-2.0
/**
 * Internal: checks the engine always runs, whatever packs are chosen. They cannot be suppressed.
 */
import { _ANNOTATION_POINTER, _MIN_REASON_LENGTH, _readSuppressionAnnotation } from './_suppression-annotation';
import { IRule, RuleContext, RuleMetadata, RuleViolation, Severity } from './rule';
import { _describeIdentity, _replacedByIdentity } from '../../core/_object-identity';
import { WellKnownLabels } from '../../core/labels';

/** The suppressions annotation of an object is well-formed. @internal */
export class _SuppressionAnnotationIsValid implements IRule {
  public readonly metadata: RuleMetadata = {
    id: 'HARDEN-ENGINE-001',
    name: 'SuppressionAnnotationIsValid',
    rationale: 'A suppression is an audited exception: it must name an existing rule and give a reason a reviewer can judge. '
      + 'A malformed annotation would otherwise silently stop suppressing, or silently suppress too much.',
    remediation: `Make ${WellKnownLabels.SUPPRESSIONS_ANNOTATION} a JSON array of {"id": "<rule id>", "reason": "<at least ${_MIN_REASON_LENGTH} visible characters>", "appliesTo": ["<JSON pointer>"]}, `
      + `and give each per-rule key ${WellKnownLabels.SUPPRESS_ANNOTATION_PREFIX}<rule id> the same reason as its whole-object entry, `
      + 'preferably by calling Suppressions.add(construct, [...]) in the cdk8s app.',
    references: ['docs/rule-engine.md#suppressions'],
    defaultSeverity: Severity.ERROR,
  };

  public check(obj: any, _context: RuleContext): RuleViolation[] {
    const read = _readSuppressionAnnotation(obj);
    return read.problems.map((message, i) => ({ path: read.problemPointers?.[i] ?? _ANNOTATION_POINTER, message }));
  }
}

/**
 * No two objects of the input have the same API group, kind, namespace and name: applying both leaves only the
 * later, so the earlier (which every rule checked) never takes effect. Reported on each object a later one replaces.
 * @internal
 */
export class _ObjectIdentityIsUnique implements IRule {
  public readonly metadata: RuleMetadata = {
    id: 'HARDEN-ENGINE-002',
    name: 'ObjectIdentityIsUnique',
    rationale: 'Two objects with the same API group, kind, namespace and name are one object on the API server: the later '
      + 'replaces the earlier on apply. A reviewed, compliant object can thus be silently overridden by another one further down the input.',
    remediation: 'Remove the duplicate or give it its own name (or namespace). The API group counts, not the version: apps/v1 and '
      + 'apps/v1beta2 name the same resource.',
    references: ['https://kubernetes.io/docs/concepts/overview/working-with-objects/names/', 'docs/rule-engine.md#object-identity'],
    defaultSeverity: Severity.ERROR,
  };

  public check(obj: any, context: RuleContext): RuleViolation[] {
    // An object among the checked ones, with an identity whose last holder is another object (one lookup per object).
    const key = obj !== null && typeof obj === 'object' ? _replacedByIdentity(context.objects).get(obj) : undefined;
    if (key === undefined) return [];
    return [{
      path: '/metadata/name',
      message: `another object later in the input is also ${_describeIdentity(key)}: on apply it replaces this one, so this object never takes effect`,
    }];
  }
}

/** Every engine rule, in id order. @internal */
export function _engineRules(): IRule[] {
  return [new _SuppressionAnnotationIsValid(), new _ObjectIdentityIsUnique()];
}
