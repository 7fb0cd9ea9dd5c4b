// SPDX-License-Identifier: Apache-2.0
import { _atOrAbove } from './_severity';
import { RuleMetadata, Severity } from './rule';

/** One finding: a rule that an object violates (or a rule that failed to run on it). */
export interface Finding {
  /** Id of the rule, e.g. `HARDEN-PSS-001`. */
  readonly ruleId: string;
  /** Assertion-style name of the rule, e.g. `ContainerRunsAsNonRoot`. */
  readonly ruleName: string;
  /** Severity given by the most severe pack that includes the rule; always `ERROR` when the rule threw. */
  readonly severity: Severity;
  /** Names of the checked packs that include the rule, sorted. */
  readonly packs: string[];
  /** `apiVersion` of the object, or empty when missing. */
  readonly apiVersion: string;
  /** `kind` of the object, or empty when missing. */
  readonly kind: string;
  /**
   * `metadata.namespace` of the object.
   * @default - the object has no namespace (cluster-scoped, or namespaced by the client at apply time)
   */
  readonly namespace?: string;
  /**
   * `metadata.name` of the object.
   * @default - the object has no name
   */
  readonly name?: string;
  /** JSON pointer (RFC 6901) to the offending field inside the object; empty for the whole object. */
  readonly path: string;
  /** What is wrong, naming the value found. */
  readonly message: string;
  /** How to fix it (the rule's remediation). */
  readonly remediation: string;
  /**
   * Path of the construct that defined the object.
   * @default - unknown (the object was not synthesized from a construct in this process)
   */
  readonly constructPath?: string;
  /**
   * File the object was read from.
   * @default - unknown (the object was checked in memory)
   */
  readonly file?: string;
  /**
   * 1-based line of the offending field (or of the closest enclosing field that exists) in `file`.
   * @default - unknown
   */
  readonly line?: number;
  /** Whether a suppression on the object covers this finding. Suppressed findings are reported, never hidden, and never fail a check. */
  readonly suppressed: boolean;
  /**
   * The reason given by the suppression.
   * @default - not suppressed
   */
  readonly suppressionReason?: string;
}

/** A suppression on an object that matched no finding of a rule that was checked. */
export interface UnmatchedSuppression {
  /** The suppressed rule id. */
  readonly ruleId: string;
  /** The reason given. */
  readonly reason: string;
  /**
   * The JSON pointers the suppression was limited to.
   * @default - the whole object
   */
  readonly appliesTo?: string[];
  /** `apiVersion` of the object carrying the suppression. */
  readonly apiVersion: string;
  /** `kind` of the object carrying the suppression. */
  readonly kind: string;
  /**
   * Namespace of the object carrying the suppression.
   * @default - none
   */
  readonly namespace?: string;
  /**
   * Name of the object carrying the suppression.
   * @default - none
   */
  readonly name?: string;
  /**
   * Path of the construct that defined the object.
   * @default - unknown
   */
  readonly constructPath?: string;
  /**
   * File the object was read from.
   * @default - unknown
   */
  readonly file?: string;
  /**
   * 1-based line of the suppressions annotation in `file`.
   * @default - unknown
   */
  readonly line?: number;
}

/** A rule that took part in a check, with the severity the packs gave it. */
export interface CheckedRule {
  /** The rule's metadata. */
  readonly metadata: RuleMetadata;
  /** The most severe level any checked pack gives the rule. */
  readonly severity: Severity;
  /** Names of the checked packs that include the rule, sorted. */
  readonly packs: string[];
}

/** Properties of a `Report`. */
export interface ReportProps {
  /** Every finding, suppressed ones included, in a deterministic order. */
  readonly findings: Finding[];
  /**
   * Suppressions that matched nothing.
   * @default - none
   */
  readonly unmatchedSuppressions?: UnmatchedSuppression[];
  /**
   * The rules that were checked, sorted by id.
   * @default - none
   */
  readonly rules?: CheckedRule[];
  /**
   * How many objects were checked.
   * @default 0
   */
  readonly objectsChecked?: number;
}

/** The result of a check: findings, suppressed findings and unmatched suppressions. */
export class Report {
  /** Every finding, suppressed ones included, in a deterministic order. */
  public readonly findings: Finding[];
  /** Suppressions that matched no finding of a rule that was checked. */
  public readonly unmatchedSuppressions: UnmatchedSuppression[];
  /** The rules that were checked, sorted by id. */
  public readonly rules: CheckedRule[];
  /** How many objects were checked. */
  public readonly objectsChecked: number;

  constructor(props: ReportProps) {
    this.findings = [...props.findings];
    this.unmatchedSuppressions = [...(props.unmatchedSuppressions ?? [])];
    this.rules = [...(props.rules ?? [])];
    this.objectsChecked = props.objectsChecked ?? 0;
  }

  /** Findings that are not suppressed and at least as severe as `threshold`. */
  public activeFindings(threshold: Severity = Severity.INFO): Finding[] {
    return this.findings.filter(f => !f.suppressed && _atOrAbove(f.severity, threshold));
  }

  /** Findings covered by a suppression. */
  public suppressedFindings(): Finding[] {
    return this.findings.filter(f => f.suppressed);
  }

  /** Number of unsuppressed findings of exactly this severity. */
  public count(severity: Severity): number {
    return this.findings.filter(f => !f.suppressed && f.severity === severity).length;
  }

  /** Whether any unsuppressed finding is at least as severe as `threshold`. */
  public hasFindings(threshold: Severity = Severity.ERROR): boolean {
    return this.activeFindings(threshold).length > 0;
  }

  /** One line: `2 error, 1 warning, 0 info (1 suppressed, 0 unmatched suppressions) in 5 objects`. */
  public summary(): string {
    return `${this.count(Severity.ERROR)} error, ${this.count(Severity.WARNING)} warning, ${this.count(Severity.INFO)} info `
      + `(${this.suppressedFindings().length} suppressed, ${this.unmatchedSuppressions.length} unmatched suppressions) in ${this.objectsChecked} objects`;
  }
}
