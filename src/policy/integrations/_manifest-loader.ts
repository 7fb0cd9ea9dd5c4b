// SPDX-License-Identifier: Apache-2.0
/**
 * Internal: reads Kubernetes manifests from YAML or JSON text (multi-document, `kind: List`),
 * document by document, recording where each object starts and resolving JSON pointers to
 * lines on demand. Shared by the `audit` CLI and the cdk8s-cli validation plugin.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Composer, Document, isAlias, isMap, isScalar, isSeq, LineCounter, Parser, parseDocument } from 'yaml';
import { CheckTarget } from '../engine/_check-target';

/**
 * Parse options matching kubectl, which reads YAML with go-yaml v2 (YAML 1.1): `on`/`yes` are booleans,
 * `0644` is octal, `<<` merges. Reading YAML 1.2 instead would let `privileged: on` pass as a string.
 * Duplicate keys and excessive aliases are errors.
 */
const PARSE_OPTIONS = { version: '1.1' as const, merge: true, uniqueKeys: true, prettyErrors: false };

/** Default cap on the size of one input (file or stdin): 64 MiB. @internal */
export const _DEFAULT_MAX_BYTES = 64 * 1024 * 1024;

/** A problem that made (part of) an input unusable. @internal */
export interface InputProblem {
  readonly file: string;
  /** 1-based line, when known. */
  readonly line?: number;
  readonly message: string;
}

/** The objects read from one input. @internal */
export interface LoadedInput {
  readonly file: string;
  readonly targets: CheckTarget[];
  readonly problems: InputProblem[];
  /** Non-fatal notes (e.g. a file with no objects). */
  readonly notes: InputProblem[];
}

interface DocSpan {
  /** Offset of the first character of the line where the document's contents start. */
  readonly lineStart: number;
  /** Offset where the contents start. */
  readonly contentStart: number;
  /** Offset where the document ends. */
  readonly end: number;
  /** 1-based line of `lineStart`. */
  readonly line: number;
}

/** Reads every object of a YAML/JSON text. `file` is the name used in messages and findings. @internal */
export function _loadText(text: string, file: string): LoadedInput {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const targets: CheckTarget[] = [];
  const problems: InputProblem[] = [];
  const notes: InputProblem[] = [];
  const lc = new LineCounter();
  const lineOf = (offset: number) => Math.max(1, lc.linePos(offset).line);
  const locator = new Locator(text);
  let docIndex = 0;
  const composer = new Composer(PARSE_OPTIONS);
  const docs = composer.compose(new Parser(lc.addNewLine).parse(text), false);
  for (;;) {
    let next: IteratorResult<Document.Parsed>;
    try {
      next = docs.next();
    } catch (e) {
      // Defence in depth: the parser reports its own errors per document, but nothing it throws may end the run.
      problems.push({ file, message: `unusable YAML after document ${docIndex}: ${firstLine(String((e as Error)?.message ?? e))}` });
      break;
    }
    if (next.done) break;
    const doc = next.value;
    docIndex++;
    const where = `document ${docIndex}`;
    if (doc.errors.length > 0) {
      for (const e of doc.errors) {
        problems.push({ file, line: lineOf(e.pos[0]), message: `malformed YAML in ${where}: ${firstLine(e.message)}` });
      }
      continue;
    }
    const contents: any = doc.contents;
    if (contents === null || contents === undefined || (isScalar(contents) && contents.value === null)) continue; // empty document (e.g. helm's "# Source:" blocks)
    const contentStart = contents.range?.[0] ?? doc.range[0];
    const line = lineOf(contentStart);
    let js: any;
    try {
      js = doc.toJS({ maxAliasCount: 100 });
    } catch (e) {
      problems.push({ file, line, message: `unusable YAML in ${where}: ${firstLine((e as Error).message)}` });
      continue;
    }
    const span: DocSpan = { lineStart: lc.lineStarts[line - 1] ?? 0, contentStart, end: doc.range[2] ?? doc.range[1], line };
    const objectProblem = shapeProblem(js, where);
    if (objectProblem) {
      problems.push({ file, line, message: objectProblem });
      continue;
    }
    if (isList(js)) {
      js.items.forEach((item: any, i: number) => {
        const prefix = `/items/${i}`;
        const itemLine = locator.locate(span, prefix);
        const p = shapeProblem(item, `${where} item ${i}`);
        if (p || isList(item)) {
          problems.push({ file, line: itemLine, message: p ?? `${where} item ${i} is itself a List; nested lists are not supported` });
        } else {
          targets.push({ object: item, file, locate: (pointer: string) => locator.locate(span, prefix + pointer) });
        }
      });
      continue;
    }
    targets.push({ object: js, file, locate: (pointer: string) => locator.locate(span, pointer) });
  }
  if (targets.length === 0 && problems.length === 0) {
    notes.push({ file, message: 'contains no Kubernetes objects' });
  }
  return { file, targets, problems, notes };
}

/** Reads one file, enforcing the size cap. @internal */
export function _loadFile(fullPath: string, displayName: string, maxBytes: number): LoadedInput {
  let text: string;
  try {
    const size = fs.statSync(fullPath).size;
    if (size > maxBytes) {
      return unusable(displayName, `is ${size} bytes, larger than the limit of ${maxBytes} bytes; split it into smaller files or raise --max-file-size`);
    }
    text = fs.readFileSync(fullPath, 'utf8');
  } catch (e) {
    return unusable(displayName, `cannot be read: ${ioMessage(e)}`);
  }
  return _loadText(text, displayName);
}

/** Loads stdin text, enforcing the size cap. @internal */
export function _loadStdin(text: string, maxBytes: number): LoadedInput {
  const size = Buffer.byteLength(text, 'utf8');
  if (size > maxBytes) return unusable('<stdin>', `is ${size} bytes, larger than the limit of ${maxBytes} bytes; split the input or raise --max-file-size`);
  return _loadText(text, '<stdin>');
}

/** A manifest file found under a path argument. @internal */
export interface FoundFile {
  readonly fullPath: string;
  readonly displayName: string;
}

/**
 * Expands a path argument: a file is taken as is (any extension), a directory is walked recursively
 * (sorted, symbolic links to directories not followed) for `.yaml`, `.yml` and `.json` files.
 * @internal
 */
export function _findFiles(arg: string, cwd: string): { files: FoundFile[]; problems: InputProblem[] } {
  const full = path.resolve(cwd, arg);
  const display = (p: string) => {
    const rel = path.relative(cwd, p);
    return (rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : p).split(path.sep).join('/');
  };
  let stat: fs.Stats;
  try {
    stat = fs.statSync(full);
  } catch (e) {
    return { files: [], problems: [{ file: arg, message: `cannot be read: ${ioMessage(e)}` }] };
  }
  if (!stat.isDirectory()) return { files: [{ fullPath: full, displayName: display(full) }], problems: [] };
  const files: FoundFile[] = [];
  const problems: InputProblem[] = [];
  const walk = (dir: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      problems.push({ file: display(dir), message: `cannot be read: ${ioMessage(e)}` });
      return;
    }
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if ((e.isFile() || e.isSymbolicLink()) && /\.(ya?ml|json)$/i.test(e.name)) files.push({ fullPath: p, displayName: display(p) });
    }
  };
  walk(full);
  if (files.length === 0 && problems.length === 0) {
    problems.push({ file: display(full), message: 'is a directory without .yaml, .yml or .json files' });
  }
  return { files, problems };
}

function unusable(file: string, message: string): LoadedInput {
  return { file, targets: [], problems: [{ file, message }], notes: [] };
}

function ioMessage(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  if (err.code === 'ENOENT') return 'no such file or directory';
  if (err.code === 'EACCES') return 'permission denied';
  if (err.code === 'EISDIR') return 'is a directory';
  return err.code ?? firstLine(String(err.message ?? err));
}

function firstLine(s: string): string {
  return s.split('\n')[0].trim();
}

function isList(js: any): boolean {
  return typeof js.kind === 'string' && js.kind.endsWith('List') && Array.isArray(js.items);
}

function shapeProblem(js: any, where: string): string | undefined {
  if (js === null || typeof js !== 'object' || Array.isArray(js)) {
    const type = js === null ? 'null' : Array.isArray(js) ? 'a sequence' : `a ${typeof js} (${JSON.stringify(js).slice(0, 40)})`;
    return `${where} is ${type}, not a Kubernetes object (a mapping with apiVersion and kind)`;
  }
  const missing = ['apiVersion', 'kind'].filter(k => typeof js[k] !== 'string' || js[k].length === 0);
  if (missing.length > 0) {
    const name = js.metadata?.name ? ` (metadata.name ${JSON.stringify(js.metadata.name)})` : '';
    return `${where}${name} has no ${missing.join(' and no ')}: it is not a Kubernetes object`;
  }
  return undefined;
}

/**
 * Resolves JSON pointers to lines by re-parsing only the document concerned, caching the last one,
 * so that no syntax tree is kept for the thousands of documents without findings.
 */
class Locator {
  private cachedSpan?: DocSpan;
  private cachedDoc?: Document;
  private cachedLines = new LineCounter();

  constructor(private readonly text: string) {}

  public locate(span: DocSpan, pointer: string): number | undefined {
    try {
      return this.lineOf(span, pointer);
    } catch {
      return undefined; // a location is a convenience: never fail a check over it
    }
  }

  private lineOf(span: DocSpan, pointer: string): number {
    if (this.cachedSpan !== span) {
      // Keep the columns of the first line so that block indentation still parses.
      const lead = this.text.slice(span.lineStart, span.contentStart).replace(/[^\t ]/g, ' ');
      this.cachedLines = new LineCounter();
      this.cachedDoc = parseDocument(lead + this.text.slice(span.contentStart, span.end), { ...PARSE_OPTIONS, lineCounter: this.cachedLines });
      this.cachedSpan = span;
    }
    const doc = this.cachedDoc!;
    let node: any = doc.contents;
    let offset = node?.range?.[0] ?? 0;
    const segments = pointer === '' ? [] : pointer.slice(1).split('/').map(s => s.replace(/~1/g, '/').replace(/~0/g, '~'));
    for (const seg of segments) {
      if (isAlias(node)) node = node.resolve(doc);
      if (isMap(node)) {
        const pair: any = node.items.find((p: any) => (isScalar(p.key) ? String(p.key.value) : String(p.key)) === seg);
        if (!pair) break;
        offset = pair.key?.range?.[0] ?? offset;
        node = pair.value;
      } else if (isSeq(node)) {
        const item: any = /^\d+$/.test(seg) ? node.items[Number(seg)] : undefined;
        if (!item) break;
        offset = item.range?.[0] ?? offset;
        node = item;
      } else {
        break;
      }
    }
    return span.line + Math.max(1, this.cachedLines.linePos(offset).line) - 1;
  }
}
