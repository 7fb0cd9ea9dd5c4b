// SPDX-License-Identifier: Apache-2.0
/**
 * Adapter for cdk8s-cli validation plugins (`validations:` in `cdk8s.yaml`).
 *
 * The interfaces below are structurally identical to the ones of `cdk8s-cli/plugins`
 * (`Validation`, `ValidationContext`, `ValidationReport`, `ValidationViolation`,
 * `ValidationViolatingResource`), declared here so that this library does not depend on
 * cdk8s-cli (a large CLI) at run time or build time. See docs/rule-engine.md.
 */
import { _DEFAULT_MAX_BYTES, _loadPath, InputProblem } from './_manifest-loader';
import { _pushAll } from '../../core/_util';
import { CheckTarget } from '../engine/_check-target';
import { _atOrAbove, _parseSeverity } from '../engine/_severity';
import { Checker } from '../engine/checker';
import { Finding } from '../engine/report';
import { IRulePack, Severity } from '../engine/rule';
import { RulePacks } from '../packs/rule-packs';

/** A resource violating a rule (mirrors cdk8s-cli's `ValidationViolatingResource`). */
export interface ValidationViolatingResource {
  /** The resource name (`metadata.name`). */
  readonly resourceName: string;
  /** The locations in the resource that violate the rule. */
  readonly locations: string[];
  /** The manifest file the resource is defined in. */
  readonly manifestPath: string;
}

/** A violation of one rule (mirrors cdk8s-cli's `ValidationViolation`). */
export interface ValidationViolation {
  /** The rule, as `<severity> <rule id> <rule name>`. */
  readonly ruleName: string;
  /** The recommendation to resolve the violation (the rule's rationale). */
  readonly recommendation: string;
  /** How to fix it (the rule's remediation). */
  readonly fix: string;
  /** The resources violating the rule. */
  readonly violatingResources: ValidationViolatingResource[];
}

/** The report a validation plugin fills (mirrors cdk8s-cli's `ValidationReport`). */
export interface IValidationReport {
  /** Adds a violation. */
  addViolation(violation: ValidationViolation): void;
  /**
   * Submits the report.
   * @param status `success` or `failure`
   * @param metadata summary key/value pairs
   */
  submit(status: string, metadata?: { [key: string]: string }): void;
}

/** The logger given to a validation plugin (mirrors cdk8s-cli's `ValidationLogger`). */
export interface IValidationLogger {
  /** Logs a message. */
  log(message: string): void;
}

/** What cdk8s-cli gives a validation plugin (mirrors cdk8s-cli's `ValidationContext`). */
export interface IValidationContext {
  /** The manifest files to validate. */
  readonly manifests: string[];
  /** The report to fill. */
  readonly report: IValidationReport;
  /** The logger to use. */
  readonly logger: IValidationLogger;
}

/** Properties of `SecurityValidation`, given as `properties:` in `cdk8s.yaml`. */
export interface SecurityValidationProps {
  /**
   * Names of the packs to check, e.g. `["PodSecurityRestricted"]`.
   * @default - every built-in pack
   */
  readonly packs?: string[];
  /**
   * The least severe level that fails the validation: `error`, `warning` or `info`.
   * @default 'error' - warnings are listed but do not fail `cdk8s synth`
   */
  readonly failOn?: string;
}

/**
 * A cdk8s-cli validation plugin running this library's rule packs over the synthesized manifests.
 * Suppression annotations written by `Suppressions.add` are honoured.
 *
 * ```yaml
 * # cdk8s.yaml
 * validations:
 *   - package: cdk8s-hardened
 *     version: 0.0.0
 *     class: SecurityValidation
 *     properties:
 *       packs: [PodSecurityRestricted]
 *       failOn: error
 * ```
 */
export class SecurityValidation {
  private readonly packs: IRulePack[];
  private readonly failOn: Severity;

  private readonly catalog: IRulePack[];

  /**
   * @param props the `properties:` of `cdk8s.yaml`
   * @param catalog the packs `props.packs` can name (default: every built-in pack)
   */
  constructor(props: SecurityValidationProps = {}, catalog?: IRulePack[]) {
    this.catalog = [...(catalog ?? RulePacks.all())];
    this.packs = props.packs ? props.packs.map(name => {
      const pack = this.catalog.find(p => p.name === name);
      if (!pack) throw new Error(`SecurityValidation: Unknown rule pack "${name}". Available: ${this.catalog.map(p => p.name).join(', ')}.`);
      return pack;
    }) : [...this.catalog];
    const failOn = props.failOn === undefined ? Severity.ERROR : _parseSeverity(String(props.failOn));
    if (!failOn) throw new Error(`SecurityValidation: failOn "${props.failOn}" must be one of error, warning, info`);
    this.failOn = failOn;
  }

  /** Runs the checks over `context.manifests` and submits the report. */
  public async validate(context: IValidationContext): Promise<void> {
    const targets: CheckTarget[] = [];
    const problems: InputProblem[] = [];
    for (const manifest of [...context.manifests].sort()) {
      const loaded = await _loadPath(manifest, manifest, _DEFAULT_MAX_BYTES, m => context.logger.log(`cdk8s-hardened: ${m}`));
      _pushAll(targets, loaded.targets);
      _pushAll(problems, loaded.problems);
    }
    const report = new Checker({ packs: this.packs, knownPacks: this.catalog })._checkTargets(targets);
    const active = report.activeFindings(Severity.INFO);
    const byRule = new Map<string, Finding[]>();
    for (const f of active) byRule.set(f.ruleId, [...(byRule.get(f.ruleId) ?? []), f]);
    const rationale = new Map(report.rules.map(r => [r.metadata.id, r.metadata.rationale]));
    for (const [ruleId, findings] of byRule) {
      const f0 = findings[0];
      const resources = new Map<string, { resourceName: string; manifestPath: string; locations: string[] }>();
      for (const f of findings) {
        const key = `${f.file}\0${f.kind}\0${f.namespace ?? ''}\0${f.name ?? ''}`;
        const r = resources.get(key) ?? { resourceName: f.name ?? `<unnamed ${f.kind}>`, manifestPath: f.file ?? '', locations: [] };
        r.locations.push(`${f.kind} ${f.path || '/'}${f.line ? ` (line ${f.line})` : ''}: ${f.message}`);
        resources.set(key, r);
      }
      context.report.addViolation({
        ruleName: `${f0.severity} ${ruleId} ${f0.ruleName}`,
        recommendation: rationale.get(ruleId) ?? f0.message,
        fix: f0.remediation,
        violatingResources: [...resources.values()],
      });
    }
    for (const p of problems) {
      context.report.addViolation({
        ruleName: 'error ManifestIsReadable',
        recommendation: 'Every synthesized manifest must be a readable Kubernetes object to be checked.',
        fix: 'Fix the manifest so that it parses as YAML and every document has apiVersion and kind.',
        violatingResources: [{ resourceName: '<input>', manifestPath: p.file, locations: [`${p.line ? `line ${p.line}: ` : ''}${p.message}`] }],
      });
    }
    for (const u of report.unmatchedSuppressions) {
      context.logger.log(`cdk8s-hardened: suppression of ${u.ruleId} on ${u.kind} ${u.name ?? ''} (${u.file ?? ''}) matched nothing: "${u.reason}"`);
    }
    const failed = problems.length > 0 || active.some(f => _atOrAbove(f.severity, this.failOn));
    context.report.submit(failed ? 'failure' : 'success', {
      error: String(report.count(Severity.ERROR)),
      warning: String(report.count(Severity.WARNING)),
      info: String(report.count(Severity.INFO)),
      suppressed: String(report.suppressedFindings().length),
      unmatchedSuppressions: String(report.unmatchedSuppressions.length),
      objectsChecked: String(report.objectsChecked),
    });
  }
}
