// SPDX-License-Identifier: Apache-2.0
/**
 * The rule contract. Rules are pure functions of one manifest object (plus read-only context),
 * so the same rule runs at synth time, in the `audit` CLI, and compiles to admission policies.
 */

/** How serious a finding is. Set by the pack that includes the rule. */
export enum Severity {
  /** Fails the build / CLI. */
  ERROR = 'error',
  /** Printed, not fatal. */
  WARNING = 'warning',
  /** Informational. */
  INFO = 'info',
}

/** Static description of a rule. */
export interface RuleMetadata {
  /** Stable id, never reused, e.g. `HARDEN-PSS-001`. */
  readonly id: string;
  /** Assertion-style name, e.g. `ContainerRunsAsNonRoot`. */
  readonly name: string;
  /** Why the rule exists. */
  readonly rationale: string;
  /** How to fix a finding. */
  readonly remediation: string;
  /** References: Pod Security Standards control, CIS / NSA-CISA ids, docs URLs. */
  readonly references: string[];
  /** Default severity when a pack does not override it. */
  readonly defaultSeverity: Severity;
  /**
   * The rule reports facts about namespaces on their Namespace object (e.g. "this namespace has no default-deny
   * NetworkPolicy"). The engine then also runs it on a synthetic `v1 Namespace` for each namespace the checked
   * objects use without declaring it, so such a finding never lands on a workload (use `_isSyntheticNamespace`
   * semantics: the synthetic object has only `metadata.name`, unset for the apply-time namespace).
   * @default false
   */
  readonly namespaceLevel?: boolean;
}

/** One violation found by a rule in one object. */
export interface RuleViolation {
  /** JSON pointer into the object, e.g. `/spec/template/spec/containers/0/securityContext/runAsNonRoot`. */
  readonly path: string;
  /** What is wrong, naming the value found. */
  readonly message: string;
}

/** Read-only context a rule may use for cross-object checks. */
export interface RuleContext {
  /** Every object being checked (the whole app, chart, or set of files). */
  readonly objects: any[];
}

/**
 * A rule. Implementations are one class per file with static metadata.
 */
export interface IRule {
  /** The rule's metadata. */
  readonly metadata: RuleMetadata;
  /**
   * Checks one manifest object. Returns the violations; an empty list means compliant or not applicable.
   * Must not mutate its inputs.
   */
  check(obj: any, context: RuleContext): RuleViolation[];
}

/** A rule as included in a pack, with the severity the pack gives it. */
export interface RulePackEntry {
  /** The rule. */
  readonly rule: IRule;
  /**
   * Severity of this rule's findings in this pack.
   * @default - the rule's `defaultSeverity`
   */
  readonly severity?: Severity;
}

/** A named set of rules with per-rule severities (like cdk-nag's NagPack). */
export interface IRulePack {
  /** Pack name, e.g. `PodSecurityRestricted`. */
  readonly name: string;
  /** The rules of this pack, in a stable order. */
  readonly entries: RulePackEntry[];
}
