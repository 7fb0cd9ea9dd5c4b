// SPDX-License-Identifier: Apache-2.0
/**
 * Adapter for cdk8s-cli validation plugins (`validations:` in `cdk8s.yaml`).
 *
 * The interfaces below are structurally identical to the ones of `cdk8s-cli/plugins`
 * (`Validation`, `ValidationContext`, `ValidationReport`, `ValidationViolation`,
 * `ValidationViolatingResource`), declared here so that this library does not depend on
 * cdk8s-cli (a large CLI) at run time or build time. See docs/rule-engine.md.
 */
import * as path from 'path';
import { _applyExemptions, _configuredPacks, _HardenedConfig, _isExcluded, _loadConfig } from './_config';
import { _DEFAULT_MAX_BYTES, _loadPath, InputProblem } from './_manifest-loader';
import { TableReporter } from './reporter';
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
  /**
   * Path of the configuration file (rule severities, trusted registries, exemptions, excludes; see docs/getting-started.md),
   * relative to the directory `cdk8s synth` runs in. `packs` given here replace the file's `packs`.
   * @default - the nearest `.cdk8s-hardened.yaml` upward from the working directory, if any
   */
  readonly config?: string;
}

const PROPERTIES = ['packs', 'failOn', 'config'];

/**
 * A cdk8s-cli validation plugin running this library's rule packs over the synthesized manifests.
 * Suppression annotations written by `Suppressions.add` and the exemptions of `.cdk8s-hardened.yaml` are honoured;
 * suppressed findings are listed, never hidden. The full report is printed in the same table format as
 * synth-time `SecurityChecks`; when nothing is found one line says so.
 *
 * cdk8s-cli loads a plugin from a local path when `package` starts with `./` (the package installed in the app,
 * no download) and requires a pinned `version` (write the installed one; `npx cdk8s-hardened init` writes both).
 *
 * ```yaml
 * # cdk8s.yaml
 * validations:
 *   - package: ./node_modules/cdk8s-hardened
 *     version: 1.2.3            # the installed version, pinned
 *     class: SecurityValidation
 *     properties:
 *       failOn: error
 * ```
 */
export class SecurityValidation {
  private readonly packs: IRulePack[];
  private readonly failOn: Severity;
  private readonly catalog: IRulePack[];
  private readonly config: _HardenedConfig;

  /**
   * @param props the `properties:` of `cdk8s.yaml`
   * @param catalog the packs `props.packs` and the configuration file can name (default: every built-in pack)
   */
  constructor(props: SecurityValidationProps = {}, catalog?: IRulePack[]) {
    const given: any = props ?? {};
    if (typeof given !== 'object' || Array.isArray(given)) {
      throw new Error(`SecurityValidation: "properties" in cdk8s.yaml must be a mapping of ${PROPERTIES.join(', ')}, got ${JSON.stringify(given)}.`);
    }
    for (const key of Object.keys(given)) {
      if (!PROPERTIES.includes(key)) {
        const close = PROPERTIES.find(p => p.toLowerCase() === key.toLowerCase());
        throw new Error(`SecurityValidation: unknown property "${key}" in the cdk8s.yaml validation entry. Known properties: ${PROPERTIES.join(', ')}.`
          + (close ? ` Did you mean "${close}"?` : ''));
      }
    }
    if (given.packs !== undefined && (!Array.isArray(given.packs) || given.packs.some((p: any) => typeof p !== 'string'))) {
      throw new Error(`SecurityValidation: property "packs" must be a list of pack names, e.g. [PodSecurityRestricted], got ${JSON.stringify(given.packs)}.`);
    }
    if (given.config !== undefined && (typeof given.config !== 'string' || given.config.length === 0)) {
      throw new Error(`SecurityValidation: property "config" must be the path of a configuration file, got ${JSON.stringify(given.config)}.`);
    }
    this.catalog = [...(catalog ?? RulePacks.all())];
    for (const name of given.packs ?? []) {
      if (!this.catalog.some(p => p.name === name)) {
        throw new Error(`SecurityValidation: Unknown rule pack "${name}". Available: ${this.catalog.map(p => p.name).join(', ')}.`);
      }
    }
    const failOn = given.failOn === undefined ? Severity.ERROR : _parseSeverity(String(given.failOn));
    if (!failOn) throw new Error(`SecurityValidation: failOn "${given.failOn}" must be one of error, warning, info (property "failOn" in cdk8s.yaml).`);
    this.failOn = failOn;
    this.config = _loadConfig(process.cwd(), given.config, this.catalog);
    this.packs = _configuredPacks(this.config, given.packs, this.catalog);
  }

  /** Runs the checks over `context.manifests` and submits the report. */
  public async validate(context: IValidationContext): Promise<void> {
    const targets: CheckTarget[] = [];
    const problems: InputProblem[] = [];
    const cwd = process.cwd();
    for (const manifest of [...context.manifests].sort()) {
      const rel = path.relative(cwd, path.resolve(cwd, manifest)).split(path.sep).join('/');
      if (path.basename(manifest) === 'construct-metadata.json' || _isExcluded(rel, this.config.exclude)) continue;
      const loaded = await _loadPath(manifest, manifest, _DEFAULT_MAX_BYTES, m => context.logger.log(`cdk8s-hardened: ${m}`));
      _pushAll(targets, loaded.targets);
      _pushAll(problems, loaded.problems);
    }
    const report = _applyExemptions(new Checker({ packs: this.packs, knownPacks: this.catalog })._checkTargets(targets), this.config);
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
    if (report.findings.length > 0 || report.unmatchedSuppressions.length > 0) {
      // The same table as synth-time SecurityChecks, suppressed findings and unmatched suppressions included.
      context.logger.log(new TableReporter().format(report).trimEnd());
    } else if (problems.length === 0) {
      context.logger.log(`cdk8s-hardened: no findings in ${report.objectsChecked} objects (${this.packs.map(p => p.name).join(', ')})`);
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
