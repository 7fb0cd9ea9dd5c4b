// SPDX-License-Identifier: Apache-2.0
/**
 * `cdk8s-hardened audit [paths...|-]`: checks Kubernetes manifests from files, directories or stdin
 * against rule packs. Not part of the jsii API.
 */
import * as fs from 'fs';
import * as path from 'path';
import { _args, _checkInputsAndPacks, _parseCommand, _positional, _severityArg, _sizeArg, _usageError } from './_args';
import { _baselineDocument, _compareWithBaseline, _describeEntry, _readBaseline, BaselineComparison } from './_baseline';
import { _helmTemplateSkip, _nonManifestReason } from './_inputs';
import { _capResults, _DEFAULT_SARIF_MAX_RESULTS } from './_max-results';
import type { CliIo } from './main';
import { _escapeControls } from '../core/_util';
import { _atOrAbove } from '../policy/engine/_severity';
import { Checker } from '../policy/engine/checker';
import { Report } from '../policy/engine/report';
import { IRulePack, Severity } from '../policy/engine/rule';
import { _applyExemptions, _configuredPacks, _HardenedConfig, _isExcluded, _loadConfig } from '../policy/integrations/_config';
import { _jsonChunks } from '../policy/integrations/_json-chunks';
import { _DEFAULT_MAX_BYTES, _loadInputs, InputProblem } from '../policy/integrations/_manifest-loader';
import { JsonReporter, SarifReporter, TableReporter } from '../policy/integrations/reporter';
import { RulePacks } from '../policy/packs/rule-packs';

export const AUDIT_USAGE = `Usage: cdk8s-hardened audit [options] <path...|->

Checks Kubernetes manifests (multi-document YAML or JSON, including "kind: List") against rule packs.
A path is a file (any extension) or a directory (searched recursively for .yaml, .yml and .json files);
"-" reads standard input.

Options:
  --pack <names>          Packs to check, repeatable or comma-separated (default: every built-in pack)
  --format <format>       table (default), json or sarif (SARIF 2.1.0, for GitHub code scanning)
  --severity <level>      Least severe level reported and failing: info (default), warning or error
  --max-file-size <size>  Largest accepted input, in bytes or with K/M/G suffix (default: 64M)
  --config <file>         Configuration file (default: the nearest .cdk8s-hardened.yaml upward from the
                          working directory): packs, rule severities, trustedRegistries, exemptions, exclude
  --exclude <glob>        Do not read matching paths (repeatable; added to the config's "exclude"); a glob
                          without "/" matches any path segment, "**" spans folders
  --stdin-filename <name> File name reported for "-" (standard input), e.g. in SARIF locations
  --baseline <file>       Report only findings not recorded in this baseline, and list fixed ones
  --write-baseline <file> Record today's unsuppressed findings in this file (exit 0 unless an input is unusable)
  --max-results <n>       Report at most n findings, most severe first, with a per-rule count of what was
                          cut (default for sarif: 25000, the GitHub code scanning limit; otherwise no cap)
  -h, --help              Show this message

Files that are recognised but are not manifests are skipped with a note: cdk8s-cli construct-metadata.json,
kustomization.yaml, Helm charts (Chart.yaml, Chart.lock, values*.yaml, templates) and JSON/SARIF reports.

Exit codes:
  0  no unsuppressed finding at or above --severity (with --baseline: no new one), and every input was usable
  1  findings at or above --severity (with --baseline: new ones; every input was usable)
  2  bad arguments, or an input was unusable (unreadable, too large, malformed YAML, a document that is
     not a Kubernetes object, or no object at all); findings in the usable inputs are still reported
`;

interface AuditArgs {
  readonly paths: string[];
  readonly packNames: string[];
  /** Every pack that can be named; their rules count as known for unmatched suppressions. */
  readonly catalog: IRulePack[];
  readonly format: string;
  readonly severity: Severity;
  readonly maxBytes: number;
  readonly configFile?: string;
  readonly exclude: string[];
  readonly stdinFilename?: string;
  readonly baseline?: string;
  readonly writeBaseline?: string;
  readonly maxResults?: number;
}

/** Runs `audit` and resolves to its exit code. */
export async function audit(argv: string[], io: CliIo): Promise<number> {
  const args = _parseCommand('audit', AUDIT_USAGE, argv, io, () => parseArgs(argv, io.packs ?? RulePacks.all()));
  if (typeof args === 'number') return args;

  const cwd = io.cwd?.() ?? process.cwd();
  let config: _HardenedConfig;
  let baseline: ReturnType<typeof _readBaseline> | undefined;
  try {
    config = _loadConfig(cwd, args.configFile, args.catalog);
    if (args.baseline) baseline = _readBaseline(path.resolve(cwd, args.baseline), args.baseline);
  } catch (e) {
    io.stderr(`cdk8s-hardened audit: ${(e as Error).message}\n`);
    return 2;
  }
  const packs = _configuredPacks(config, args.packNames, args.catalog);
  const exclude = [...config.exclude, ...args.exclude];
  let excluded = 0;
  const skipped = new Map<string, { message: string; files: number }>();
  const skip = (s: { group: string; message: string }) => {
    const entry = skipped.get(s.group) ?? { message: s.message, files: 0 };
    entry.files++;
    skipped.set(s.group, entry);
    return false;
  };
  const { targets, problems, notes } = await _loadInputs(args.paths, {
    cwd,
    maxBytes: args.maxBytes,
    readStdin: io.readStdin,
    onWait: m => io.stderr(`cdk8s-hardened audit: note: ${m}\n`),
    stdinName: args.stdinFilename,
    accept: f => {
      if (exclude.length > 0 && _isExcluded(f.displayName, exclude)) return (excluded++, false);
      const nonManifest = _nonManifestReason(f.fullPath, f.displayName, cwd);
      return nonManifest ? skip(nonManifest) : true;
    },
    keep: (f, loaded) => {
      const template = loaded.problems.length > 0 ? _helmTemplateSkip(f.fullPath, cwd) : undefined;
      return template ? skip(template) : true;
    },
  });
  if (excluded > 0) notes.push({ file: args.paths.join(' '), message: `${excluded} file(s) excluded by ${exclude.map(g => `"${g}"`).join(', ')}` });
  for (const [group, s] of skipped) notes.push({ file: group, message: s.files > 1 ? `${s.message} (${s.files} files)` : s.message });
  if (targets.length === 0 && problems.length === 0) {
    problems.push({ file: args.paths.join(' '), message: 'no Kubernetes objects found in the inputs: nothing was audited' });
  }

  const full = _applyExemptions(new Checker({ packs, knownPacks: args.catalog })._checkTargets(targets), config);

  if (args.writeBaseline) {
    const doc = _baselineDocument(full.findings);
    for (const n of notes) io.stderr(`cdk8s-hardened audit: note: ${where(n)}: ${n.message}\n`);
    for (const p of problems) io.stderr(`cdk8s-hardened audit: error: ${where(p)}: ${p.message}\n`);
    if (problems.length > 0) {
      io.stderr(`cdk8s-hardened audit: ${problems.length} input problem(s): the baseline was not written (exit 2)\n`);
      return 2;
    }
    fs.writeFileSync(path.resolve(cwd, args.writeBaseline), `${JSON.stringify(doc, undefined, 2)}\n`);
    io.stderr(`cdk8s-hardened audit: wrote ${doc.findings.length} finding(s) to the baseline ${args.writeBaseline}\n`);
    return 0;
  }

  let comparison: BaselineComparison | undefined;
  if (baseline) comparison = _compareWithBaseline(full.findings, baseline);
  const report = new Report({
    findings: (comparison ? comparison.current : full.findings).filter(f => _atOrAbove(f.severity, args.severity)),
    unmatchedSuppressions: full.unmatchedSuppressions,
    rules: full.rules,
    objectsChecked: full.objectsChecked,
  });
  const maxResults = args.maxResults ?? (args.format === 'sarif' ? _DEFAULT_SARIF_MAX_RESULTS : undefined);
  const capped = _capResults(report, maxResults);

  for (const n of notes) io.stderr(`cdk8s-hardened audit: note: ${_escapeControls(`${where(n)}: ${n.message}`)}\n`);
  for (const p of problems) io.stderr(`cdk8s-hardened audit: error: ${_escapeControls(`${where(p)}: ${p.message}`)}\n`);
  if (capped.cut.length > 0) io.stderr(`cdk8s-hardened audit: note: ${capped.summary}\n`);
  if (comparison && args.baseline) {
    io.stderr(`cdk8s-hardened audit: baseline ${_escapeControls(args.baseline)}: ${comparison.known.length} known finding(s) not reported, `
      + `${comparison.current.filter(f => !f.suppressed).length} new, ${comparison.fixed.length} fixed\n`);
    for (const e of comparison.fixed) io.stderr(`cdk8s-hardened audit: fixed: ${_escapeControls(_describeEntry(e))} (remove it with --write-baseline)\n`);
  }
  render(capped.report, args.format, problems, io.stdout, { truncated: capped.summary, fixed: comparison?.fixed, colour: io.colour });

  if (problems.length > 0) {
    io.stderr(`cdk8s-hardened audit: ${problems.length} input problem(s): the audit is incomplete (exit 2)\n`);
    return 2;
  }
  return report.hasFindings(args.severity) ? 1 : 0;
}

function where(p: InputProblem): string {
  return p.line ? `${p.file}:${p.line}` : p.file;
}

/**
 * Writes the report to stdout. JSON and SARIF are built as documents and written in chunks of about 1 MB
 * (`_jsonChunks`), byte-identical to `JSON.stringify(doc, undefined, 2)`, so a huge report is never one string.
 */
interface RenderExtras {
  /** Colour the table (a terminal without NO_COLOR). */
  readonly colour?: boolean;
  /** What --max-results cut, when it cut anything. */
  readonly truncated?: string;
  /** Baseline entries that no finding matches any more. */
  readonly fixed?: ReturnType<typeof _readBaseline>;
}

function render(report: Report, format: string, problems: InputProblem[], write: (s: string) => void, extras: RenderExtras = {}): void {
  if (format === 'table') {
    write(new TableReporter({ colour: extras.colour }).format(report));
    return;
  }
  let doc: any;
  let depth: number;
  if (format === 'json') {
    doc = new JsonReporter()._document(report);
    doc.inputErrors = problems.map(p => ({ file: p.file, line: p.line ?? null, message: p.message }));
    if (extras.truncated) doc.truncated = extras.truncated;
    if (extras.fixed) {
      doc.fixedSinceBaseline = extras.fixed.map(e => ({
        ruleId: e.ruleId, kind: e.kind, namespace: e.namespace ?? null, name: e.name ?? null, path: e.path,
      }));
    }
    depth = 2; // document, findings
  } else {
    doc = new SarifReporter()._document(report);
    doc.runs[0].invocations = [{
      executionSuccessful: problems.length === 0,
      toolExecutionNotifications: problems.map(p => ({
        level: 'error',
        message: { text: p.message },
        locations: [{ physicalLocation: { artifactLocation: { uri: p.file.split('/').map(encodeURIComponent).join('/') }, ...(p.line ? { region: { startLine: p.line } } : {}) } }],
      })),
    }];
    if (extras.truncated) {
      doc.runs[0].invocations[0].toolExecutionNotifications.push({ level: 'warning', message: { text: extras.truncated } });
    }
    depth = 4; // document, runs, run, results
  }
  let buffer = '';
  for (const chunk of _jsonChunks(doc, depth)) {
    buffer += chunk;
    if (buffer.length >= 1_048_576) {
      write(buffer);
      buffer = '';
    }
  }
  write(`${buffer}\n`);
}

function parseArgs(argv: string[], catalog: IRulePack[]): AuditArgs {
  const paths: string[] = [];
  const packNames: string[] = [];
  let format = 'table';
  let severity = Severity.INFO;
  let maxBytes = _DEFAULT_MAX_BYTES;
  const exclude: string[] = [];
  const named: { configFile?: string; stdinFilename?: string; baseline?: string; writeBaseline?: string; maxResults?: number } = {};
  for (const { flag, arg, value } of _args(argv)) {
    switch (flag) {
      case '--pack':
      case '-p':
        packNames.push(...value().split(',').map(s => s.trim()).filter(Boolean));
        break;
      case '--format':
      case '-f': {
        format = value();
        if (!['table', 'json', 'sarif'].includes(format)) throw _usageError(`--format "${format}" must be one of table, json, sarif`);
        break;
      }
      case '--severity':
        severity = _severityArg(value());
        break;
      case '--max-file-size':
        maxBytes = _sizeArg(value());
        break;
      case '--config':
        named.configFile = value();
        break;
      case '--exclude':
        exclude.push(value());
        break;
      case '--stdin-filename':
        named.stdinFilename = value();
        if (!named.stdinFilename) throw _usageError('--stdin-filename needs a file name');
        break;
      case '--baseline':
        named.baseline = value();
        break;
      case '--write-baseline':
        named.writeBaseline = value();
        break;
      case '--max-results': {
        const v = value();
        if (!/^[1-9]\d*$/.test(v)) throw _usageError(`--max-results "${v}" must be a positive whole number`);
        named.maxResults = Number(v);
        break;
      }
      default:
        paths.push(_positional(arg));
    }
  }
  _checkInputsAndPacks(paths, packNames, catalog);
  if (named.baseline && named.writeBaseline) throw _usageError('--baseline and --write-baseline cannot be combined: write the new baseline in a separate run');
  return { paths, packNames, catalog, format, severity, maxBytes, exclude, ...named };
}
