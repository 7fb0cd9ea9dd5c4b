// SPDX-License-Identifier: Apache-2.0
/**
 * `cdk8s-hardened fix [--out DIR | --in-place | --dry-run] PATH...`: applies the rules' safe fixes to Kubernetes
 * manifests (Helm template output, vendor YAML) and prints the findings that remain. Reads exactly as `audit`
 * does (same loader, same refusals); writes through the `yaml` Document API, so every object, the comments,
 * the key order and the multi-document layout are kept, and documents no fix touched are written byte for byte.
 * Not part of the jsii API.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Document, isAlias, isMap, isSeq, parseAllDocuments } from 'yaml';
import { _args, _checkInputsAndPacks, _parseCommand, _positional, _severityArg, _sizeArg, _usageError } from './_args';
import { _unifiedDiff } from './_unified-diff';
import type { CliIo } from './main';
import { _pushAll } from '../core/_util';
import { WellKnownLabels } from '../core/labels';
import { CheckTarget } from '../policy/engine/_check-target';
import { _cloneJson, _diffEdits, _fixableRules, _fixObject, AppliedFix, JsonEdit } from '../policy/engine/_fixer';
import { _atOrAbove } from '../policy/engine/_severity';
import { Checker } from '../policy/engine/checker';
import { Report } from '../policy/engine/report';
import { IRulePack, RuleFixOptions, Severity } from '../policy/engine/rule';
import { _DEFAULT_MAX_BYTES, _findFiles, InputProblem, _loadBytes, _loadFile, _loadStdin, _loadText } from '../policy/integrations/_manifest-loader';
import { TableReporter } from '../policy/integrations/reporter';
import { RulePacks } from '../policy/packs/rule-packs';

export const FIX_USAGE = `Usage: cdk8s-hardened fix [options] <path...|->

Applies the rules' safe fixes to Kubernetes manifests (multi-document YAML or JSON, as "audit" reads them) and
prints the findings that remain. Set where absent: runAsNonRoot: true, seccomp RuntimeDefault,
allowPrivilegeEscalation: false, capabilities.drop [ALL], readOnlyRootFilesystem: true with an emptyDir at /tmp
(and at each --writable-path), automountServiceAccountToken: false, requests/limits from a LimitRange of the
namespace among the inputs. Never guessed (they stay findings): an image's UID (unless --run-as-user), privileged
containers, host namespaces, hostPath volumes, RBAC wildcards, any value set explicitly. A rule suppressed on an
object (its ${WellKnownLabels.SUPPRESSIONS_ANNOTATION} annotation) is not fixed there. Objects, comments, key order and document
layout are kept; documents no fix changed are written unchanged.

Output (one of; default: the hardened YAML on standard output):
  --out <dir>             Write every input to <dir> (a file by its name, a directory's files by their path in it)
  --in-place              Rewrite the changed files
  --dry-run               Print a unified diff of what would change, write nothing

Options:
  --run-as-user <uid>     UID for containers that explicitly run as root (runAsUser: 0, runAsNonRoot: false)
  --writable-path <path>  Another writable emptyDir path for read-only containers, repeatable (default: /tmp only)
  --service-account-token-needed
                          Keep automounted service-account tokens (the workloads call the Kubernetes API)
  --resources <list>      Requests/limits for containers without them, e.g.
                          cpuRequest=100m,cpuLimit=500m,memoryRequest=128Mi,memoryLimit=256Mi
                          (default: the Container defaults of a LimitRange of the namespace among the inputs)
  --app-armor-runtime-default
                          Set AppArmor runtime/default on containers without a profile (only if every node runs
                          AppArmor: a node without it refuses such pods)
  --pack <names>          Packs whose fixes apply and whose findings are reported (default: every registered pack)
  --severity <level>      Least severe remaining finding reported and failing: info (default), warning or error
  --max-file-size <size>  Largest accepted input, in bytes or with K/M/G suffix (default: 64M)
  -h, --help              Show this message

The list of changes and the remaining findings go to standard error, or to standard output with --out and
--in-place.

Exit codes:
  0  no unsuppressed finding remains at or above --severity
  1  findings remain at or above --severity (the fixed output was still written)
  2  bad arguments, or an input was unusable (as for "audit"): nothing was written
`;

interface FixArgs {
  readonly paths: string[];
  readonly packs: IRulePack[];
  /** Every pack the CLI knows (suppressions of their rules are not unmatched). */
  readonly catalog: IRulePack[];
  readonly severity: Severity;
  readonly maxBytes: number;
  readonly out?: string;
  readonly inPlace: boolean;
  readonly dryRun: boolean;
  readonly options: RuleFixOptions;
}

/** One input: its text, where it came from and where it goes. */
interface Input {
  readonly display: string;
  readonly fullPath?: string;
  /** Path under --out. */
  readonly outRel: string;
  readonly text: string;
}

/** The documents of one input, with the objects they hold (fixed in place in `after`). */
interface ParsedInput {
  readonly input: Input;
  readonly docs: Document.Parsed[];
  readonly before: any[];
  readonly after: any[];
}

/**
 * How the documents are parsed for editing. What is readable is decided by the loader (as for `audit`, which
 * refuses before anything is edited); this parse only finds the nodes to change, and the written text is read back
 * through the loader and compared with the fixed objects before anything is written.
 */
const EDIT_PARSE_OPTIONS = { version: '1.1' as const, merge: true, uniqueKeys: true, prettyErrors: false };

/** A Kubernetes quantity as `--resources` accepts it (the fix checks it again with the shared parser). */
const QUANTITY = /^[0-9]+(\.[0-9]+)?(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$/;

/** Runs `fix` and resolves to its exit code. */
export async function fix(argv: string[], io: CliIo): Promise<number> {
  const args = _parseCommand('fix', FIX_USAGE, argv, io, () => parseArgs(argv, io.packs ?? RulePacks.all()));
  if (typeof args === 'number') return args;
  const cwd = io.cwd?.() ?? process.cwd();
  const problems: InputProblem[] = [];
  const inputs = await readInputs(args, io, cwd, problems);

  // Read every input as audit does; any unusable input stops everything (nothing half-written).
  const parsed: ParsedInput[] = [];
  for (const input of inputs) {
    const text = stripBom(input.text);
    const docs = parseAllDocuments(text, EDIT_PARSE_OPTIONS) as Document.Parsed[];
    const before: any[] = [];
    for (const doc of Array.isArray(docs) ? docs : []) before.push(isEmpty(doc) ? undefined : doc.toJS({ maxAliasCount: 100 }));
    parsed.push({ input: { ...input, text }, docs: Array.isArray(docs) ? docs : [], before, after: before.map(js => _cloneJson(js)) });
  }
  if (inputs.length > 0 && parsed.every(p => p.before.every(js => js === undefined)) && problems.length === 0) {
    problems.push({ file: args.paths.join(' '), message: 'no Kubernetes objects found in the inputs: nothing was fixed' });
  }
  if (problems.length > 0) return fail(problems, io);

  // Fix every object with every object as context (LimitRange defaults, ServiceAccounts).
  const objectsOf = (js: any): any[] => (js === undefined ? [] : isList(js) ? js.items : [js]);
  const all = parsed.flatMap(p => p.after.flatMap(objectsOf));
  const rules = _fixableRules(args.packs);
  const changeLines: string[] = [];
  const results: Array<{ input: Input; text: string }> = [];
  for (const p of parsed) {
    let changed = false;
    p.docs.forEach((doc, i) => {
      const js = p.after[i];
      for (const obj of objectsOf(js)) {
        const fixes = _fixObject(obj, rules, { ...args.options, objects: all });
        for (const f of fixes) changeLines.push(describeChange(p.input.display, obj, f));
      }
      const edits = _diffEdits(p.before[i], js);
      if (edits.length === 0) return;
      for (const edit of edits) applyEdit(doc, edit, p.input.display);
      changed = true;
    });
    results.push({ input: p.input, text: changed ? render(p) : p.input.text });
  }

  // Never write what does not read back as the fixed objects.
  const targets: CheckTarget[] = [];
  for (const [i, r] of results.entries()) {
    const loaded = _loadText(r.text, r.input.display);
    const expected = parsed[i].after.flatMap(objectsOf);
    if (loaded.problems.length > 0 || JSON.stringify(loaded.targets.map(t => t.object)) !== JSON.stringify(expected)) {
      problems.push({ file: r.input.display, message: 'the fixed YAML does not read back as the fixed objects (an edit through a YAML alias or merge key?); nothing was written' });
    }
    _pushAll(targets, loaded.targets);
  }
  if (problems.length > 0) return fail(problems, io);

  const reportTo = args.out !== undefined || args.inPlace ? io.stdout : io.stderr;
  if (args.dryRun) {
    for (const r of results) io.stdout(_unifiedDiff(r.input.text, r.text, r.input.display));
  } else if (args.inPlace) {
    for (const r of results) if (r.text !== r.input.text) fs.writeFileSync(r.input.fullPath!, r.text);
  } else if (args.out !== undefined) {
    const outDir = path.resolve(cwd, args.out);
    for (const r of results) {
      const file = path.join(outDir, r.input.outRel);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, r.text);
    }
  } else {
    results.forEach((r, i) => {
      const sep = i > 0 && !/^---/.test(r.text) ? '---\n' : '';
      io.stdout(sep + (r.text.endsWith('\n') || r.text === '' ? r.text : r.text + '\n'));
    });
  }

  reportTo(changeLines.length > 0
    ? `cdk8s-hardened fix: ${changeLines.length} change(s)${args.dryRun ? ' (dry run: nothing written)' : ''}:\n${changeLines.join('')}`
    : 'cdk8s-hardened fix: nothing to change\n');
  const full = new Checker({ packs: args.packs, knownPacks: args.catalog })._checkTargets(targets);
  const report = new Report({
    findings: full.findings.filter(f => _atOrAbove(f.severity, args.severity)),
    unmatchedSuppressions: full.unmatchedSuppressions,
    rules: full.rules,
    objectsChecked: full.objectsChecked,
  });
  reportTo(new TableReporter().format(report));
  return report.hasFindings(args.severity) ? 1 : 0;
}

function fail(problems: InputProblem[], io: CliIo): number {
  for (const p of problems) io.stderr(`cdk8s-hardened fix: error: ${p.line ? `${p.file}:${p.line}` : p.file}: ${p.message}\n`);
  io.stderr(`cdk8s-hardened fix: ${problems.length} input problem(s): nothing was written (exit 2)\n`);
  return 2;
}

async function readInputs(args: FixArgs, io: CliIo, cwd: string, problems: InputProblem[]): Promise<Input[]> {
  const inputs: Input[] = [];
  for (const p of args.paths) {
    if (p === '-') {
      let input: string | Uint8Array;
      try {
        input = await io.readStdin(args.maxBytes);
      } catch (e) {
        problems.push({ file: '<stdin>', message: `cannot be read: ${(e as Error).message}` });
        continue;
      }
      // Capped, decoded and refused exactly as audit reads stdin; the text the loader checked is the one edited.
      const loaded = typeof input === 'string' ? _loadStdin(input, args.maxBytes) : _loadBytes(input, '<stdin>', args.maxBytes);
      _pushAll(problems, loaded.problems);
      if (loaded.problems.length === 0) inputs.push({ display: '<stdin>', outRel: 'stdin.yaml', text: loaded.text! });
      continue;
    }
    const found = _findFiles(p, cwd);
    _pushAll(problems, found.problems);
    const root = path.resolve(cwd, p);
    const isDir = found.files.length > 0 && found.files[0].fullPath !== root;
    for (const f of found.files) {
      // Read and refused exactly as audit reads (size cap, unreadable, malformed YAML, not an object).
      const loaded = _loadFile(f.fullPath, f.displayName, args.maxBytes);
      _pushAll(problems, loaded.problems);
      if (loaded.problems.length > 0) continue;
      const outRel = isDir ? path.relative(root, f.fullPath) : path.basename(f.fullPath);
      // The text the loader read and checked (within the cap, UTF-16 decoded), not a second read of the file.
      inputs.push({ display: f.displayName, fullPath: f.fullPath, outRel, text: loaded.text! });
    }
  }
  const seen = new Map<string, string>();
  for (const input of inputs) {
    const other = seen.get(input.outRel);
    if (args.out !== undefined && other !== undefined) {
      problems.push({ file: input.display, message: `would be written to the same file under --out as ${other} (${input.outRel}); fix them in separate runs` });
    }
    seen.set(input.outRel, input.display);
  }
  return inputs;
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function isEmpty(doc: Document.Parsed): boolean {
  const c: any = doc.contents;
  return c === null || c === undefined || (c.value === null && !isMap(c) && !isSeq(c));
}

function isList(js: any): boolean {
  return js !== null && typeof js === 'object' && typeof js.kind === 'string' && js.kind.endsWith('List') && Array.isArray(js.items);
}

function describeChange(file: string, obj: any, f: AppliedFix): string {
  const ns = typeof obj?.metadata?.namespace === 'string' ? `${obj.metadata.namespace}/` : '';
  return `  ${file}: ${obj?.kind} ${ns}${obj?.metadata?.name ?? '<no name>'}: ${f.ruleId} ${f.path}: ${f.description}\n`;
}

/** Applies one edit to a document, walking the nodes so list indexes and map keys keep their types. */
function applyEdit(doc: Document, edit: JsonEdit, file: string): void {
  const segments = edit.path.slice(1).split('/').map(s => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  const keys: Array<string | number> = [];
  let node: any = doc.contents;
  for (const seg of segments) {
    if (isAlias(node)) throw new Error(`cdk8s-hardened fix: ${file}: cannot edit ${edit.path} through a YAML alias`);
    if (isSeq(node)) {
      keys.push(Number(seg));
      node = node.items[Number(seg)];
    } else {
      keys.push(seg);
      node = isMap(node) ? node.get(seg, true) : undefined;
    }
  }
  if (edit.op === 'set') {
    doc.setIn(keys, doc.createNode(edit.value));
  } else {
    for (const item of edit.value) doc.addIn(keys, doc.createNode(item));
  }
}

/** The text of an input with its changed documents re-rendered and the others kept byte for byte. */
function render(p: ParsedInput): string {
  const text = p.input.text;
  const docs = p.docs;
  let out = docs.length > 0 ? text.slice(0, docs[0].range[0]) : text;
  docs.forEach((doc, i) => {
    const end = i + 1 < docs.length ? docs[i + 1].range[0] : text.length;
    const original = text.slice(doc.range[0], end);
    if (_diffEdits(p.before[i], p.after[i]).length === 0) {
      out += original;
      return;
    }
    let rendered = doc.toString({ lineWidth: 0, flowCollectionPadding: false, indentSeq: indentsSequences(original) });
    // Keep what followed the document in the original (a trailing comment, blank lines) when toString dropped it.
    if (!rendered.endsWith('\n')) rendered += '\n';
    out += rendered;
  });
  return out;
}

/** Whether the document indents block sequences under their key (`key:\n  - x`) rather than not (`key:\n- x`). */
function indentsSequences(text: string): boolean {
  const lines = text.split('\n');
  for (let i = 0; i + 1 < lines.length; i++) {
    const key = /^( *)[^\s#-][^#]*:\s*$/.exec(lines[i]);
    if (!key) continue;
    const item = /^( *)- /.exec(lines[i + 1]);
    if (item) return item[1].length > key[1].length;
  }
  return true;
}

function parseArgs(argv: string[], catalog: IRulePack[]): FixArgs {
  const paths: string[] = [];
  const packNames: string[] = [];
  const writablePaths: string[] = [];
  let severity = Severity.INFO;
  let maxBytes = _DEFAULT_MAX_BYTES;
  let out: string | undefined;
  let inPlace = false;
  let dryRun = false;
  let runAsUser: number | undefined;
  let serviceAccountTokenNeeded = false;
  let appArmorRuntimeDefault = false;
  const resources: Record<string, string> = {};
  for (const { flag, arg, value } of _args(argv)) {
    switch (flag) {
      case '--out':
      case '-o':
        out = value();
        break;
      case '--in-place':
        inPlace = true;
        break;
      case '--dry-run':
        dryRun = true;
        break;
      case '--run-as-user': {
        const v = value();
        if (!/^\d+$/.test(v) || Number(v) < 1 || Number(v) > 2147483647) {
          throw _usageError(`--run-as-user "${v}" must be a non-root UID from 1 to 2147483647 (the UID the image works with, e.g. 10001)`);
        }
        runAsUser = Number(v);
        break;
      }
      case '--writable-path': {
        const v = value();
        if (!v.startsWith('/') || v === '/' || v.split('/').includes('..')) {
          throw _usageError(`--writable-path "${v}" must be an absolute directory other than "/" without "..", e.g. /var/cache/app`);
        }
        writablePaths.push(v);
        break;
      }
      case '--service-account-token-needed':
        serviceAccountTokenNeeded = true;
        break;
      case '--app-armor-runtime-default':
        appArmorRuntimeDefault = true;
        break;
      case '--resources':
        for (const item of value().split(',').map(x => x.trim()).filter(Boolean)) {
          const m = /^(cpuRequest|cpuLimit|memoryRequest|memoryLimit)=(\S+)$/.exec(item);
          if (!m) throw _usageError(`--resources "${item}" must be cpuRequest=, cpuLimit=, memoryRequest= or memoryLimit= a quantity, e.g. cpuLimit=500m`);
          if (!QUANTITY.test(m[2])) throw _usageError(`--resources ${m[1]} "${m[2]}" is not a Kubernetes quantity, e.g. 500m or 256Mi`);
          resources[m[1]] = m[2];
        }
        break;
      case '--pack':
      case '-p':
        packNames.push(...value().split(',').map(s => s.trim()).filter(Boolean));
        break;
      case '--severity':
        severity = _severityArg(value());
        break;
      case '--max-file-size':
        maxBytes = _sizeArg(value()); // the loader's syntax, as audit's
        break;
      default:
        paths.push(_positional(arg));
    }
  }
  if ([out !== undefined, inPlace, dryRun].filter(Boolean).length > 1) throw _usageError('--out, --in-place and --dry-run exclude each other: give one');
  if (inPlace && paths.includes('-')) throw _usageError('--in-place cannot rewrite standard input: use --out <dir> or no output option');
  _checkInputsAndPacks(paths, packNames, catalog);
  const packs = packNames.length > 0 ? [...new Set(packNames)].map(n => catalog.find(p => p.name === n)!) : [...catalog];
  const options: RuleFixOptions = {
    ...(runAsUser !== undefined ? { runAsUser } : {}),
    ...(writablePaths.length > 0 ? { writablePaths } : {}),
    ...(serviceAccountTokenNeeded ? { serviceAccountTokenNeeded } : {}),
    ...(appArmorRuntimeDefault ? { appArmorRuntimeDefault } : {}),
    ...(Object.keys(resources).length > 0 ? { resources } : {}),
  };
  return { paths, packs, catalog, severity, maxBytes, out, inPlace, dryRun, options };
}
