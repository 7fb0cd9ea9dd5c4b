// SPDX-License-Identifier: Apache-2.0
/**
 * Internal: the one door through which manifests enter, for `audit`, `graph` and the cdk8s-cli plugin.
 * It finds the files (a directory is walked in code-point order, symbolic links to directories are not
 * followed), reads each input within the size cap while reading (regular files, devices, named pipes and
 * stdin alike), decodes it as kubectl does (`_yaml-decode.ts`: YAML 1.1 as go-yaml v2, or a refusal), flattens
 * `kind: List`, and records where each object starts so that JSON pointers resolve to lines on demand.
 */
import * as fs from 'fs';
import * as path from 'path';
import { _decodeBytes, _decodeYaml, DecodePath, LineIndex, Locator, YamlDoc } from './_yaml-decode';
import { CheckTarget } from '../engine/_check-target';

/** Default cap on the size of one input (file or stdin): 64 MiB. @internal */
export const _DEFAULT_MAX_BYTES = 64 * 1024 * 1024;

/** The YAML problems reported per input (one broken bracket can cause thousands). */
const MAX_PROBLEMS_SHOWN = 20;

/** After this long without data from a named pipe or device, say that the command is waiting for it. */
const WAIT_NOTE_MS = 2000;

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
  /** The text that was decoded (after UTF-16 or UTF-8 decoding), for commands that edit it (`fix`). */
  readonly text?: string;
}

/** How `_loadInputs` reads. @internal */
export interface LoadOptions {
  /** Directory that relative paths and reported file names are resolved against. */
  readonly cwd: string;
  /** Largest accepted input, in bytes. */
  readonly maxBytes: number;
  /** Reads standard input, stopping after `maxBytes + 1` bytes (for "-"). */
  readonly readStdin: (maxBytes: number) => Promise<string | Uint8Array>;
  /** Receives a note while the loader waits (a named pipe without a writer, a silent device). */
  readonly onWait?: (message: string) => void;
  /** Name of standard input in findings and messages (audit --stdin-filename). Default: `<stdin>`. */
  readonly stdinName?: string;
  /** Decides, before reading, whether a file found under a path argument is read (audit excludes, non-manifest files). */
  readonly accept?: (file: FoundFile) => boolean;
  /** Decides, after reading, whether a file's result is kept (audit skips Helm templates that do not parse). */
  readonly keep?: (file: FoundFile, loaded: LoadedInput) => boolean;
}

/** Reads every input argument (file, directory or "-"), in order, never stopping at a bad one. @internal */
export async function _loadInputs(args: readonly string[], options: LoadOptions): Promise<LoadedInput> {
  const targets: CheckTarget[] = [];
  const problems: InputProblem[] = [];
  const notes: InputProblem[] = [];
  const add = (l: LoadedInput) => {
    for (const t of l.targets) targets.push(t);
    for (const p of l.problems) problems.push(p);
    for (const n of l.notes) notes.push(n);
  };
  for (const arg of args) {
    if (arg === '-') {
      const name = options.stdinName ?? '<stdin>';
      let input: string | Uint8Array;
      try {
        input = await options.readStdin(options.maxBytes);
      } catch (e) {
        add(unusable(name, `cannot be read: ${ioMessage(e)}`));
        continue;
      }
      add(typeof input === 'string' ? _loadStdin(input, options.maxBytes, name) : _loadBytes(input, name, options.maxBytes));
      continue;
    }
    const found = _findFiles(arg, options.cwd);
    for (const p of found.problems) problems.push(p);
    for (const n of found.notes) notes.push(n);
    for (const f of found.files) {
      if (options.accept && !options.accept(f)) continue;
      const loaded = await _loadPath(f.fullPath, f.displayName, options.maxBytes, options.onWait);
      if (!options.keep || options.keep(f, loaded)) add(loaded);
    }
  }
  return { file: args.join(' '), targets, problems, notes };
}

/** Reads every object of a YAML/JSON text. `file` is the name used in messages and findings. @internal */
export function _loadText(text: string, file: string, decodePath: DecodePath = 'auto'): LoadedInput {
  const stream = _decodeYaml(text, decodePath);
  const lines = new LineIndex(stream.text);
  const locator = new Locator(stream.text, lines);
  const targets: CheckTarget[] = [];
  const problems: InputProblem[] = stream.errors.slice(0, MAX_PROBLEMS_SHOWN).map(e => ({
    file,
    line: e.offset === undefined ? undefined : lines.line(e.offset),
    message: e.message,
  }));
  if (stream.errors.length > MAX_PROBLEMS_SHOWN) {
    problems.push({ file, message: `${stream.errors.length - MAX_PROBLEMS_SHOWN} more YAML problems in this input are not shown` });
  }
  const notes: InputProblem[] = [];
  stream.documents.forEach((doc: YamlDoc, i: number) => {
    const js = doc.value;
    if (js === null) return; // an empty document (e.g. helm's "# Source:" blocks), skipped as kubectl does
    const where = `document ${i + 1}`;
    const objectProblem = shapeProblem(js, where);
    if (objectProblem) {
      problems.push({ file, line: locator.locate(doc, ''), message: objectProblem });
      return;
    }
    if (isListKind(js) && 'items' in js) {
      if (!Array.isArray(js.items)) {
        problems.push({ file, line: locator.locate(doc, '/items'), message: `${where} is a ${js.kind} whose "items" is not a sequence (kubectl refuses it)` });
        return;
      }
      js.items.forEach((item: any, j: number) => {
        const prefix = `/items/${j}`;
        const p = shapeProblem(item, `${where} item ${j}`);
        if (p || (isListKind(item) && 'items' in item)) {
          problems.push({ file, line: locator.locate(doc, prefix), message: p ?? `${where} item ${j} is itself a List; nested lists are not supported` });
        } else {
          targets.push({ object: item, file, locate: (pointer: string) => locator.locate(doc, prefix + pointer) });
        }
      });
      return;
    }
    targets.push({ object: js, file, locate: (pointer: string) => locator.locate(doc, pointer) });
  });
  if (targets.length === 0 && problems.length === 0) {
    notes.push({ file, message: 'contains no Kubernetes objects' });
  }
  return { file, targets, problems, notes, text };
}

/** Reads bytes (UTF-8, or UTF-16 with a byte order mark), enforcing the size cap. @internal */
export function _loadBytes(bytes: Uint8Array, file: string, maxBytes: number): LoadedInput {
  if (bytes.length > maxBytes) return unusable(file, `is ${tooLarge(maxBytes)}`);
  const decoded = _decodeBytes(bytes);
  if ('error' in decoded) return unusable(file, decoded.error);
  return _loadText(decoded.text, file);
}

/** Loads stdin text, enforcing the size cap. @internal */
export function _loadStdin(text: string, maxBytes: number, name: string = '<stdin>'): LoadedInput {
  if (Buffer.byteLength(text, 'utf8') > maxBytes) return unusable(name, `is ${tooLarge(maxBytes)}`);
  return _loadText(text, name);
}

/**
 * Reads one regular file synchronously, enforcing the size cap (refused before reading when the size is known,
 * and never reading more than the cap + 1 bytes). Named pipes and devices need `_loadPath`. @internal
 */
export function _loadFile(fullPath: string, displayName: string, maxBytes: number): LoadedInput {
  let fd: number | undefined;
  try {
    fd = fs.openSync(fullPath, fs.constants.O_RDONLY + fs.constants.O_NONBLOCK);
    const stat = fs.fstatSync(fd);
    if (stat.isDirectory()) return unusable(displayName, 'cannot be read: is a directory');
    if (!stat.isFile()) return unusable(displayName, 'is not a regular file (a named pipe, socket or device); pipe it to standard input ("-") instead');
    if (stat.size > maxBytes) return unusable(displayName, `is ${stat.size} bytes, ${tooLarge(maxBytes)}`);
    const bytes = readCappedSync(fd, stat.size, maxBytes);
    return _loadBytes(bytes, displayName, maxBytes);
  } catch (e) {
    return unusable(displayName, `cannot be read: ${ioMessage(e)}`);
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/**
 * Reads one file of any type: regular files as `_loadFile`; named pipes and character devices (`/dev/zero`, a
 * terminal, `<(cmd)`) asynchronously, stopping after the cap + 1 bytes, with a note through `onWait` when no
 * data has come for two seconds (so a pipe without a writer never hangs silently). Sockets are refused. @internal
 */
export async function _loadPath(fullPath: string, displayName: string, maxBytes: number, onWait?: (message: string) => void): Promise<LoadedInput> {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(fullPath);
  } catch (e) {
    return unusable(displayName, `cannot be read: ${ioMessage(e)}`);
  }
  if (stat.isFile() || stat.isDirectory()) return _loadFile(fullPath, displayName, maxBytes);
  if (!stat.isFIFO() && !stat.isCharacterDevice()) return unusable(displayName, 'is not a file, named pipe or device that can be read');
  const kind = stat.isFIFO() ? 'a named pipe' : 'a device';
  let got = false;
  const timer = setTimeout(() => {
    if (!got) onWait?.(`${displayName}: waiting for data (it is ${kind}; nothing has been written to it yet)`);
  }, WAIT_NOTE_MS);
  timer.unref?.();
  let handle: fs.promises.FileHandle | undefined;
  try {
    handle = await fs.promises.open(fullPath, 'r');
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buf = Buffer.alloc(Math.min(1_048_576, maxBytes + 1 - total));
      const { bytesRead } = await handle.read(buf, 0, buf.length, null);
      if (bytesRead === 0) break;
      got = true;
      chunks.push(buf.subarray(0, bytesRead));
      total += bytesRead;
      if (total > maxBytes) return unusable(displayName, `is ${tooLarge(maxBytes)} (reading stopped there)`);
    }
    return _loadBytes(Buffer.concat(chunks), displayName, maxBytes);
  } catch (e) {
    return unusable(displayName, `cannot be read: ${ioMessage(e)}`);
  } finally {
    clearTimeout(timer);
    await handle?.close().catch(() => undefined);
  }
}

/**
 * Reads a stream (stdin) into bytes, stopping once it holds more than `maxBytes` (the caller then refuses the
 * input as too large): `yes | cdk8s-hardened audit -` ends with a clear error, not a 16 GB heap. @internal
 */
export function _readStreamCapped(stream: NodeJS.ReadableStream & { destroy?: () => void }, maxBytes: number): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const done = (stop: boolean) => {
      stream.removeListener('data', onData);
      stream.removeListener('end', onEnd);
      stream.removeListener('error', onError);
      if (stop) {
        stream.pause();
        stream.destroy?.();
      }
      resolve(Buffer.concat(chunks));
    };
    const onData = (c: Buffer | string) => {
      const b = typeof c === 'string' ? Buffer.from(c, 'utf8') : c;
      chunks.push(b);
      total += b.length;
      if (total > maxBytes) done(true);
    };
    const onEnd = () => done(false);
    const onError = (e: Error) => reject(e);
    stream.on('data', onData);
    stream.on('end', onEnd);
    stream.on('error', onError);
  });
}

/**
 * Reads a regular file of `size` bytes (from fstat) into one buffer, never more than the cap + 1 bytes: one
 * allocation and no concatenation, so the peak memory of a large input is the input once, not twice.
 */
function readCappedSync(fd: number, size: number, maxBytes: number): Buffer {
  let buf = Buffer.allocUnsafe(Math.min(size + 1, maxBytes + 1));
  let total = 0;
  for (;;) {
    if (total === buf.length) {
      if (total > maxBytes) break; // _loadBytes refuses it: the file grew past the cap while being read
      const bigger = Buffer.allocUnsafe(Math.min(buf.length * 2, maxBytes + 1));
      buf.copy(bigger, 0, 0, total);
      buf = bigger;
    }
    const n = fs.readSync(fd, buf, total, buf.length - total, null);
    if (n === 0) break;
    total += n;
  }
  return buf.subarray(0, total);
}

/** Parses a --max-file-size value (bytes, or with a K, M or G suffix); undefined when invalid. @internal */
export function _parseSize(v: string): number | undefined {
  const m = /^(\d+)([KMG])?$/i.exec(v.trim());
  if (!m || Number(m[1]) === 0) return undefined;
  const unit = { K: 1024, M: 1024 ** 2, G: 1024 ** 3 }[(m[2] ?? '').toUpperCase() as 'K' | 'M' | 'G'] ?? 1;
  return Number(m[1]) * unit;
}

function tooLarge(maxBytes: number): string {
  return `larger than the limit of ${maxBytes} bytes; split it into smaller files or raise --max-file-size`;
}

/** A manifest file found under a path argument. @internal */
export interface FoundFile {
  readonly fullPath: string;
  readonly displayName: string;
}

/**
 * Expands a path argument: a file is taken as is (any extension and type), a directory is walked recursively
 * in code-point order for regular `.yaml`, `.yml` and `.json` files. Symbolic links to files are read; symbolic
 * links to directories are not followed (a loop or a link out of the repository would be walked otherwise).
 * @internal
 */
export function _findFiles(arg: string, cwd: string): { files: FoundFile[]; problems: InputProblem[]; notes: InputProblem[] } {
  const full = path.resolve(cwd, arg);
  const display = (p: string) => {
    const rel = path.relative(cwd, p);
    return (rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : p).split(path.sep).join('/');
  };
  let stat: fs.Stats;
  try {
    stat = fs.statSync(full);
  } catch (e) {
    return { files: [], problems: [{ file: arg, message: `cannot be read: ${ioMessage(e)}` }], notes: [] };
  }
  if (!stat.isDirectory()) return { files: [{ fullPath: full, displayName: display(full) }], problems: [], notes: [] };
  const files: FoundFile[] = [];
  const problems: InputProblem[] = [];
  const notes: InputProblem[] = [];
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
      if (e.isDirectory()) {
        walk(p);
        continue;
      }
      if (!/\.(ya?ml|json)$/i.test(e.name)) continue;
      if (e.isFile()) {
        files.push({ fullPath: p, displayName: display(p) });
      } else if (e.isSymbolicLink()) {
        let target: fs.Stats | undefined;
        try {
          target = fs.statSync(p);
        } catch {
          target = undefined;
        }
        if (target?.isFile()) files.push({ fullPath: p, displayName: display(p) });
        else if (target?.isDirectory()) notes.push({ file: display(p), message: 'skipped: a symbolic link to a directory (not followed)' });
        else problems.push({ file: display(p), message: 'is a broken symbolic link or does not point to a regular file' });
      } else {
        notes.push({ file: display(p), message: 'skipped: not a regular file (give a named pipe or device explicitly)' });
      }
    }
  };
  walk(full);
  if (files.length === 0 && problems.length === 0) {
    problems.push({ file: display(full), message: 'is a directory without .yaml, .yml or .json files' });
  }
  return { files, problems, notes };
}

function unusable(file: string, message: string): LoadedInput {
  return { file, targets: [], problems: [{ file, message }], notes: [] };
}

function ioMessage(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  if (err?.code === 'ENOENT') return 'no such file or directory';
  if (err?.code === 'EACCES') return 'permission denied';
  if (err?.code === 'EISDIR') return 'is a directory';
  if (err?.code === 'ELOOP') return 'too many levels of symbolic links';
  return err?.code ?? String(err?.message ?? err).split('\n')[0].trim();
}

function isListKind(js: any): boolean {
  return js !== null && typeof js === 'object' && typeof js.kind === 'string' && js.kind.endsWith('List');
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
