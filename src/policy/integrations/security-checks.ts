// SPDX-License-Identifier: Apache-2.0
import { IConstruct } from 'constructs';
import { _applyExemptions, _configuredPacks, _DEFAULT_CONFIG, _HardenedConfig, _loadConfig } from './_config';
import { Hardening } from './hardening';
import { IReporter, TableReporter } from './reporter';
import { _atOrAbove } from '../engine/_severity';
import { Checker } from '../engine/checker';
import { Report } from '../engine/report';
import { IRulePack, Severity } from '../engine/rule';
import { RulePacks } from '../packs/rule-packs';

/** Where `SecurityChecks` prints the non-fatal part of its report. */
export interface ISecurityChecksLogger {
  /** Prints a message (a formatted report). */
  log(message: string): void;
}

/** Options of `SecurityChecks.of`. */
export interface SecurityChecksOptions {
  /**
   * Findings at or above this severity make synthesis fail; less severe ones are printed.
   * @default Severity.ERROR - only errors fail the build; warnings and info are printed
   */
  readonly failOn?: Severity;
  /**
   * Formats the printed (non-fatal) report.
   * @default - a `TableReporter`
   */
  readonly reporter?: IReporter;
  /**
   * Receives the printed (non-fatal) report.
   * @default - standard error
   */
  readonly logger?: ISecurityChecksLogger;
}

/**
 * Runs rule packs over every Kubernetes object of an app or chart when it is synthesized.
 *
 * One line turns the checks on: `SecurityChecks.of(app).addPack(RulePacks.POD_SECURITY_RESTRICTED)`.
 * The checks are attached with `node.addValidation`, so `app.synth()` (and `Testing.synth`, `chart.toJson()`)
 * throws when a finding is at or above `failOn`, with one line per finding naming the construct path, the object,
 * the field path, the rule id and the fix. Less severe findings, suppressed findings and suppressions that
 * matched nothing are printed through the logger and do not fail synthesis.
 */
export class SecurityChecks {
  /**
   * The checks of `scope` (an `App` or a `Chart`), created and attached on first use.
   * @param options applied when given, also to existing checks
   */
  public static of(scope: IConstruct, options?: SecurityChecksOptions): SecurityChecks {
    let checks = SecurityChecks._byScope.get(scope);
    if (!checks) {
      checks = new SecurityChecks(scope);
      SecurityChecks._byScope.set(scope, checks);
    }
    if (options) checks._options = { ...options };
    return checks;
  }

  private static readonly _byScope = new WeakMap<IConstruct, SecurityChecks>();

  private readonly _packs: IRulePack[] = [];
  private _config: _HardenedConfig = _DEFAULT_CONFIG;
  private _options: SecurityChecksOptions = {};
  /**
   * What was printed during the running synthesis. cdk8s validates the app in `App.synth()` and again for each chart
   * (`Chart.toJson()`), all in one synchronous call: the same report is printed once. Forgotten when that call returns
   * (next microtask). The checks themselves run every time, so nothing changed in between can be missed.
   */
  private _printedThisSynth?: string;

  private constructor(private readonly scope: IConstruct) {
    scope.node.addValidation({ validate: () => this.validate() });
  }

  /** Adds a pack to check. Adding the same pack name twice has no effect. Returns `this` for chaining. */
  public addPack(pack: IRulePack): SecurityChecks {
    if (!pack || typeof pack.name !== 'string' || !Array.isArray(pack.entries)) {
      throw new Error(`SecurityChecks.addPack(${this.scope.node.path || '<app>'}): ${JSON.stringify(pack)} is not a rule pack. `
        + 'Pass a pack such as RulePacks.byName("PodSecurityRestricted").');
    }
    if (!this._packs.some(p => p.name === pack.name)) this._packs.push(pack);
    return this;
  }

  /** Adds every built-in pack (`RulePacks.all()`). Returns `this`. */
  public addAllPacks(): SecurityChecks {
    for (const pack of RulePacks.all()) this.addPack(pack);
    return this;
  }

  /**
   * Checks what the project configuration file says, the same file the `audit` CLI and the cdk8s-cli plugin read:
   * its `packs` (or every built-in pack) with its per-rule severities, `off` rules and `trustedRegistries`, and
   * its `exemptions` (findings of exempted objects are reported as suppressed, with the exemption's reason).
   * A configured pack replaces an added pack of the same name. Returns `this`.
   *
   * @param file path of the configuration file, relative to the working directory
   * (default: the nearest `.cdk8s-hardened.yaml` upward from the working directory; without one, every built-in pack)
   * @throws when the file cannot be read or is invalid; the message names the file, line and property
   */
  public applyConfig(file?: string): SecurityChecks {
    this._config = _loadConfig(process.cwd(), file);
    for (const pack of _configuredPacks(this._config)) {
      const i = this._packs.findIndex(p => p.name === pack.name);
      if (i >= 0) this._packs[i] = pack; else this._packs.push(pack);
    }
    return this;
  }

  /** The packs checked, in the order they were added. */
  public get packs(): IRulePack[] {
    return [...this._packs];
  }

  /** Runs the checks now and returns the report (synthesis does this through the validation). */
  public check(): Report {
    Hardening._applyAround(this.scope); // check what synthesis writes: hardened objects, whichever validation runs first
    return _applyExemptions(new Checker({ packs: this._packs, knownPacks: RulePacks.all() }).check(this.scope), this._config);
  }

  private validate(): string[] {
    if (this._packs.length === 0) return [];
    const report = this.check();
    const failOn = this._options.failOn ?? Severity.ERROR;
    const fatal = report.activeFindings(failOn);
    const rest = new Report({
      findings: report.findings.filter(f => f.suppressed || !_atOrAbove(f.severity, failOn)),
      unmatchedSuppressions: report.unmatchedSuppressions,
      rules: report.rules,
      objectsChecked: report.objectsChecked,
    });
    if (rest.findings.length > 0 || rest.unmatchedSuppressions.length > 0) {
      const text = (this._options.reporter ?? new TableReporter()).format(rest);
      if (text !== this._printedThisSynth) {
        if (this._options.logger) this._options.logger.log(text); else process.stderr.write(text);
        this._printedThisSynth = text;
        queueMicrotask(() => { this._printedThisSynth = undefined; });
      }
    }
    return fatal.map(f => `${f.severity} ${f.ruleId} ${f.ruleName}: ${f.kind} ${f.namespace ? f.namespace + '/' : ''}${f.name ?? '<no name>'} `
      + `(construct ${f.constructPath ?? 'unknown'}) at ${f.path || '/'}: ${f.message} Fix: ${f.remediation}`);
  }
}
