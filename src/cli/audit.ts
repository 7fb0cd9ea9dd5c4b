// SPDX-License-Identifier: Apache-2.0
/**
 * `cdk8s-hardened audit [paths...|-]`: checks Kubernetes manifests from files, directories or stdin
 * against rule packs. Not part of the jsii API.
 */
import type { CliIo } from './main';
import { _escapeControls } from '../core/_util';
import { _atOrAbove, _parseSeverity } from '../policy/engine/_severity';
import { Checker } from '../policy/engine/checker';
import { Report } from '../policy/engine/report';
import { IRulePack, Severity } from '../policy/engine/rule';
import { _jsonChunks } from '../policy/integrations/_json-chunks';
import { _DEFAULT_MAX_BYTES, _loadInputs, _parseSize, InputProblem } from '../policy/integrations/_manifest-loader';
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
  -h, --help              Show this message

Exit codes:
  0  no unsuppressed finding at or above --severity, and every input was usable
  1  findings at or above --severity (every input was usable)
  2  bad arguments, or an input was unusable (unreadable, too large, malformed YAML, a document that is
     not a Kubernetes object, or no object at all); findings in the usable inputs are still reported
`;

interface AuditArgs {
  readonly paths: string[];
  readonly packs: IRulePack[];
  /** Every pack that can be named; their rules count as known for unmatched suppressions. */
  readonly catalog: IRulePack[];
  readonly format: string;
  readonly severity: Severity;
  readonly maxBytes: number;
}

/** Marks an argument error (reported with exit code 2, never with a stack trace). */
const USAGE = Symbol('usage');

function usageError(message: string): Error {
  return Object.assign(new Error(message), { [USAGE]: true });
}

/** Runs `audit` and resolves to its exit code. */
export async function audit(argv: string[], io: CliIo): Promise<number> {
  if (argv.includes('-h') || argv.includes('--help')) {
    io.stdout(AUDIT_USAGE);
    return 0;
  }
  let args: AuditArgs;
  try {
    args = parseArgs(argv, io.packs ?? RulePacks.all());
  } catch (e) {
    if (!(e as any)[USAGE]) throw e;
    io.stderr(`cdk8s-hardened audit: ${(e as Error).message}\nRun "cdk8s-hardened audit --help" for usage.\n`);
    return 2;
  }

  const { targets, problems, notes } = await _loadInputs(args.paths, {
    cwd: io.cwd?.() ?? process.cwd(),
    maxBytes: args.maxBytes,
    readStdin: io.readStdin,
    onWait: m => io.stderr(`cdk8s-hardened audit: note: ${m}\n`),
  });
  if (targets.length === 0 && problems.length === 0) {
    problems.push({ file: args.paths.join(' '), message: 'no Kubernetes objects found in the inputs: nothing was audited' });
  }

  const full = new Checker({ packs: args.packs, knownPacks: args.catalog })._checkTargets(targets);
  const report = new Report({
    findings: full.findings.filter(f => _atOrAbove(f.severity, args.severity)),
    unmatchedSuppressions: full.unmatchedSuppressions,
    rules: full.rules,
    objectsChecked: full.objectsChecked,
  });

  for (const n of notes) io.stderr(`cdk8s-hardened audit: note: ${_escapeControls(`${where(n)}: ${n.message}`)}\n`);
  for (const p of problems) io.stderr(`cdk8s-hardened audit: error: ${_escapeControls(`${where(p)}: ${p.message}`)}\n`);
  render(report, args.format, problems, io.stdout);

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
function render(report: Report, format: string, problems: InputProblem[], write: (s: string) => void): void {
  if (format === 'table') {
    write(new TableReporter().format(report));
    return;
  }
  let doc: any;
  let depth: number;
  if (format === 'json') {
    doc = new JsonReporter()._document(report);
    doc.inputErrors = problems.map(p => ({ file: p.file, line: p.line ?? null, message: p.message }));
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
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    const value = (): string => {
      if (eq > 0) return arg.slice(eq + 1);
      const v = argv[++i];
      if (v === undefined) throw usageError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--pack':
      case '-p':
        packNames.push(...value().split(',').map(s => s.trim()).filter(Boolean));
        break;
      case '--format':
      case '-f': {
        format = value();
        if (!['table', 'json', 'sarif'].includes(format)) throw usageError(`--format "${format}" must be one of table, json, sarif`);
        break;
      }
      case '--severity': {
        const v = value();
        const s = _parseSeverity(v);
        if (!s) throw usageError(`--severity "${v}" must be one of error, warning, info`);
        severity = s;
        break;
      }
      case '--max-file-size':
        maxBytes = parseSize(value());
        break;
      default:
        if (arg !== '-' && arg.startsWith('-')) throw usageError(`unknown option "${arg}"`);
        paths.push(arg);
    }
  }
  if (paths.length === 0) throw usageError('no input: give one or more files or directories, or "-" for standard input');
  if (paths.filter(p => p === '-').length > 1) throw usageError('"-" (standard input) can be given only once');
  const known = catalog.map(p => p.name).sort();
  const unknown = packNames.filter(n => !known.includes(n));
  if (unknown.length > 0) {
    throw usageError(`unknown pack${unknown.length > 1 ? 's' : ''} ${unknown.map(n => `"${n}"`).join(', ')}; available: ${known.join(', ') || '(none)'}`);
  }
  const packs = packNames.length > 0 ? [...new Set(packNames)].map(n => catalog.find(p => p.name === n)!) : [...catalog];
  return { paths, packs, catalog, format, severity, maxBytes };
}

function parseSize(v: string): number {
  const size = _parseSize(v);
  if (size === undefined) throw usageError(`--max-file-size "${v}" must be a positive number of bytes, optionally with a K, M or G suffix`);
  return size;
}
