// SPDX-License-Identifier: Apache-2.0
/**
 * Internal: checks the engine always runs, whatever packs are chosen. They cannot be suppressed.
 */
import { _ANNOTATION_POINTER, _MIN_REASON_LENGTH, _readSuppressionAnnotation } from './_suppression-annotation';
import { IRule, RuleContext, RuleMetadata, RuleViolation, Severity } from './rule';
import { WellKnownLabels } from '../../core/labels';

/** The suppressions annotation of an object is well-formed. @internal */
export class _SuppressionAnnotationIsValid implements IRule {
  public readonly metadata: RuleMetadata = {
    id: 'HARDEN-ENGINE-001',
    name: 'SuppressionAnnotationIsValid',
    rationale: 'A suppression is an audited exception: it must name an existing rule and give a reason a reviewer can judge. '
      + 'A malformed annotation would otherwise silently stop suppressing, or silently suppress too much.',
    remediation: `Make ${WellKnownLabels.SUPPRESSIONS_ANNOTATION} a JSON array of {"id": "<rule id>", "reason": "<at least ${_MIN_REASON_LENGTH} visible characters>", "appliesTo": ["<JSON pointer>"]}, `
      + 'preferably by calling Suppressions.add(construct, [...]) in the cdk8s app.',
    references: ['docs/rule-engine.md#suppressions'],
    defaultSeverity: Severity.ERROR,
  };

  public check(obj: any, _context: RuleContext): RuleViolation[] {
    return _readSuppressionAnnotation(obj).problems.map(message => ({ path: _ANNOTATION_POINTER, message }));
  }
}

/** Every engine rule, in id order. @internal */
export function _engineRules(): IRule[] {
  return [new _SuppressionAnnotationIsValid()];
}
