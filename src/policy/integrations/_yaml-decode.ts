// SPDX-License-Identifier: Apache-2.0
/**
 * Internal: decodes YAML text into the values kubectl decodes from it. kubectl (and Helm, and the API server's
 * YAML support) read YAML through sigs.k8s.io/yaml over go-yaml v2: YAML 1.1 scalars (`on`, `0443`, `0o0`,
 * `0x1F`, `1_000`), `<<` merges applied in document order, U+0085/U+2028/U+2029 and a lone CR as line breaks,
 * map keys turned into strings. Every input either decodes to exactly what that reader yields, or is refused
 * with a reason (duplicate keys, non-finite numbers, keys JSON cannot carry, ...): never to different objects.
 * The differential corpus in test/fixtures/yaml-corpus proves it, on both paths below.
 *
 * Three paths, one answer:
 * - the fast path for texts a cheap pre-scan proves free of the constructs where js-yaml and go-yaml differ (merge
 *   keys, anchors, directives, keys that are not strings, ...): each document is read by the block reader (a line
 *   reader for the block YAML machine writers emit) or, when it uses anything more, by js-yaml with a schema whose
 *   only implicit type is go-yaml v2's scalar resolution; any js-yaml error sends the whole text to the exact path;
 * - the exact path (the `yaml` package's parser, every scalar kept as source text, values built here with
 *   go-yaml v2's rules), used for everything else and for resolving JSON pointers to lines.
 */
import * as jsyaml from 'js-yaml';
import { Composer, Document, isAlias, isMap, isScalar, isSeq, LineCounter, Parser, parseDocument } from 'yaml';

/** A decoded document. @internal */
export interface YamlDoc {
  /** The value (`null` for an empty document). */
  readonly value: any;
  /** Offset (in `YamlStream.text`) of the start of the line where the document begins. */
  readonly start: number;
  /** Offset where the document ends. */
  readonly end: number;
}

/** Why (part of) a text was refused. @internal */
export interface YamlError {
  /** Offset in `YamlStream.text`, when known. */
  readonly offset?: number;
  readonly message: string;
}

/** A decoded text. @internal */
export interface YamlStream {
  /** The text the offsets refer to (byte order mark removed, line breaks normalised). */
  readonly text: string;
  /** The documents that decoded, in order. */
  readonly documents: YamlDoc[];
  /** Documents or characters that were refused. */
  readonly errors: YamlError[];
  /** Whether the fast path decoded the text. */
  readonly fast: boolean;
}

/**
 * Which path `_decodeYaml` may use: `auto` (the block reader, then js-yaml, when eligible), `js-yaml` (js-yaml when
 * eligible: for tests) or `exact` (always the exact path). @internal
 */
export type DecodePath = 'auto' | 'js-yaml' | 'exact';

// ---------------------------------------------------------------------------------------------------------------
// Bytes and characters

/**
 * Decodes file bytes as go-yaml v2 does: UTF-16 LE or BE when the text starts with that byte order mark,
 * otherwise UTF-8, which must be valid. @internal
 */
export function _decodeBytes(bytes: Uint8Array): { text: string } | { error: string } {
  try {
    if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le', { fatal: true }).decode(bytes.subarray(2)) };
    if (bytes[0] === 0xfe && bytes[1] === 0xff) {
      const swapped = Buffer.from(bytes.subarray(2));
      if (swapped.length % 2 === 1) throw new Error('odd length');
      return { text: new TextDecoder('utf-16le', { fatal: true }).decode(swapped.swap16()) };
    }
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
    return { error: `is not valid ${utf16 ? 'UTF-16' : 'UTF-8'} text (kubectl refuses it too); save it as UTF-8` };
  }
}

/** Characters go-yaml v2's reader refuses (anything but tab, line breaks and printable Unicode). */
const CONTROL = /[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\ud800-\udfff]/;
/** Line breaks of YAML 1.1 that YAML 1.2 readers take as text: NEL, LS, PS and a CR not followed by LF. */
const ODD_BREAK = /\r(?!\n)|[\x85\u2028\u2029]/g;

/** LS and PS: line breaks to go-yaml v2, but inside a scalar it keeps them as characters (and folds around them). */
const LS_PS = /[\u2028\u2029]/;

interface Normalised {
  readonly text: string;
  readonly error?: YamlError;
  /** The text before its line breaks were replaced, when it holds LS or PS. */
  readonly withLsPs?: string;
}

/** Anything but tab, LF and printable characters other than LS/PS: one scan, then the precise checks. */
const UNUSUAL = /[^\t\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\ud800-\udfff]/;

function normalise(text: string): Normalised {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (!UNUSUAL.test(text)) return { text };
  const bad = CONTROL.exec(text);
  if (bad) {
    const code = bad[0].charCodeAt(0);
    const hint = code === 0 ? ' (is it UTF-16 without a byte order mark? save it as UTF-8)' : '';
    return { text, error: { offset: bad.index, message: `control character U+${code.toString(16).toUpperCase().padStart(4, '0')} is not allowed in YAML (kubectl refuses the file too)${hint}` } };
  }
  // go-yaml v2 reads NEL, LS, PS and a lone CR as line breaks everywhere (a "comment" ends there and the rest of
  // the line is read as keys). Replacing each by LF keeps every offset and gives the `yaml` parser and js-yaml the
  // same lines.
  ODD_BREAK.lastIndex = 0;
  if (!ODD_BREAK.test(text)) return { text };
  return { text: text.replace(ODD_BREAK, '\n'), withLsPs: LS_PS.test(text) ? text : undefined };
}

// ---------------------------------------------------------------------------------------------------------------
// Scalars: go-yaml v2's resolve() for untagged plain scalars

const K_STR = 0;
const K_NULL = 1;
const K_BOOL = 2;
const K_INT = 3;
const K_FLOAT = 4;

/** First-character hints of go-yaml v2 (resolveTable): S sign, D digit, M only special words, '.' float. */
const HINT = new Uint8Array(128);
for (const c of '+-') HINT[c.charCodeAt(0)] = 1; // S
for (const c of '0123456789') HINT[c.charCodeAt(0)] = 1; // D
for (const c of 'yYnNtTfFoO~') HINT[c.charCodeAt(0)] = 2; // M
HINT['.'.charCodeAt(0)] = 3;
HINT['<'.charCodeAt(0)] = 2; // "<<" (go-yaml resolves it to the merge tag; its value is still the text "<<")

const SPECIAL = new Map<string, [number, any]>();
const special = (kind: number, value: any, words: string) => words.split(' ').forEach(w => SPECIAL.set(w, [kind, value]));
special(K_BOOL, true, 'y Y yes Yes YES true True TRUE on On ON');
special(K_BOOL, false, 'n N no No NO false False FALSE off Off OFF');
special(K_NULL, null, '~ null Null NULL');
special(K_FLOAT, NaN, '.nan .NaN .NAN');
special(K_FLOAT, Infinity, '.inf .Inf .INF +.inf +.Inf +.INF');
special(K_FLOAT, -Infinity, '-.inf -.Inf -.INF');

const SMALL_DECIMAL = /^-?(?:0|[1-9][0-9]{0,14})$/;
const GO_INT = /^[-+]?(?:0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/;
const YAML_FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;
const DOT_FLOAT = /^\.[0-9]+(?:[eE][-+]?[0-9]+)?$/;
const INT64_MIN = -(BigInt(2) ** BigInt(63));
const INT64_MAX = BigInt(2) ** BigInt(63) - BigInt(1);
const UINT64_MAX = BigInt(2) ** BigInt(64) - BigInt(1);

/** The kind of the last value `resolvePlain` returned. */
let lastKind = K_STR;

/** strconv.ParseInt(s, 0, 64), then strconv.ParseUint(s, 0, 64), as go-yaml v2 tries them. */
function goInt(s: string): number | undefined {
  if (SMALL_DECIMAL.test(s)) return Number(s);
  if (!GO_INT.test(s)) return undefined;
  const sign = s[0] === '-' || s[0] === '+' ? s[0] : '';
  const body = sign ? s.slice(1) : s;
  let n: bigint;
  if (body.length > 2 && /^0[xXoObB]/.test(body)) n = BigInt(`0${body[1].toLowerCase()}${body.slice(2)}`);
  else if (body.length > 1 && body[0] === '0') n = BigInt(`0o${body.slice(1)}`);
  else n = BigInt(body);
  if (sign === '-') n = -n;
  if (n >= INT64_MIN && n <= INT64_MAX) return Number(n);
  if (sign === '' && n <= UINT64_MAX) return Number(n);
  return undefined;
}

/**
 * Resolves an untagged plain scalar as go-yaml v2 does (resolve.go) and sets `lastKind`. Timestamps stay strings,
 * as go-yaml v2 keeps them when decoding into interface{}; sexagesimal `1:20` stays a string.
 */
function resolvePlain(s: string): any {
  lastKind = K_STR;
  if (s === '') {
    lastKind = K_NULL;
    return null;
  }
  const c = s.charCodeAt(0);
  const hint = c < 128 ? HINT[c] : 0;
  if (hint === 0) return s;
  const sp = s.length <= 5 ? SPECIAL.get(s) : undefined; // the longest special word has 5 characters ("+.inf", "false")
  if (sp !== undefined) {
    lastKind = sp[0];
    return sp[1];
  }
  if (hint === 2) return s;
  if (hint === 3) {
    if (DOT_FLOAT.test(s)) {
      const f = Number(s);
      if (Number.isFinite(f)) {
        lastKind = K_FLOAT;
        return f;
      }
    }
    return s;
  }
  const plain = s.includes('_') ? s.replace(/_/g, '') : s;
  const i = goInt(plain);
  if (i !== undefined) {
    lastKind = K_INT;
    return i;
  }
  if (YAML_FLOAT.test(plain)) {
    const f = Number(plain);
    if (Number.isFinite(f)) { // strconv.ParseFloat fails on overflow: go-yaml then keeps the text
      lastKind = K_FLOAT;
      return f;
    }
  }
  return s;
}

/** strconv.FormatFloat(f, 'g', -1, 32), as sigs.k8s.io/yaml turns a float map key into a string. */
function goFloatKey(f: number): string {
  if (f === Infinity) return '.inf';
  if (f === -Infinity) return '-.inf';
  if (Number.isNaN(f)) return '.nan';
  const f32 = Math.fround(f);
  if (f32 === 0) return Object.is(f32, -0) ? '-0' : '0';
  let mantissa = '';
  let exp = 0;
  for (let p = 1; p <= 9; p++) {
    const s = Math.abs(f32).toExponential(p - 1);
    if (Math.fround(Number(s)) === Math.abs(f32) || p === 9) {
      const [m, e] = s.split('e');
      mantissa = m.replace('.', '').replace(/0+$/, '') || '0';
      exp = Number(e);
      break;
    }
  }
  const sign = f32 < 0 ? '-' : '';
  if (exp < -4 || exp >= 6) {
    const e = Math.abs(exp);
    return `${sign}${mantissa[0]}${mantissa.length > 1 ? `.${mantissa.slice(1)}` : ''}e${exp < 0 ? '-' : '+'}${e < 10 ? '0' : ''}${e}`;
  }
  if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${mantissa}`;
  const int = mantissa.slice(0, exp + 1).padEnd(exp + 1, '0');
  const frac = mantissa.slice(exp + 1);
  return `${sign}${int}${frac ? `.${frac}` : ''}`;
}

/** The string sigs.k8s.io/yaml makes of a resolved map key, or why it refuses the key. */
function keyString(value: any, kind: number): string | { refuse: string } {
  switch (kind) {
    case K_STR: return value;
    case K_BOOL: return value ? 'true' : 'false';
    case K_INT: return Number.isSafeInteger(value) ? String(value) : { refuse: `the integer map key ${value} is too large to read exactly` };
    case K_FLOAT: return goFloatKey(value);
    default: return { refuse: 'a null map key (kubectl refuses it: JSON keys are strings)' };
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The fast path: js-yaml

/** go-yaml v2's resolution as js-yaml's only implicit type (js-yaml calls resolve, then construct, on plain scalars). */
let resolved: any;
/**
 * Set when the fast path built a value whose spelling as a map key, or whose JSON, js-yaml and sigs.k8s.io/yaml
 * would disagree on: null, a float (`1e6` is the key "1e+06" to kubectl, "1000000" to js-yaml), an integer beyond
 * 2^53, or a non-finite number (kubectl refuses it). The document is then checked (`suspicious`).
 */
let risky = false;
const GO_SCALAR = new jsyaml.Type('tag:cdk8s-hardened,2026:go-yaml-v2-scalar', {
  kind: 'scalar',
  resolve: (data: string) => {
    resolved = resolvePlain(data);
    return lastKind !== K_STR;
  },
  construct: () => {
    if (lastKind === K_NULL || lastKind === K_FLOAT || (lastKind === K_INT && !Number.isSafeInteger(resolved))) risky = true;
    return resolved;
  },
});
const GO_SCHEMA = jsyaml.FAILSAFE_SCHEMA.extend({ implicit: [GO_SCALAR] });

/** A key js-yaml may have spelled differently from kubectl (from a null or number), or a value kubectl refuses. */
const NUMERIC_OR_NULL_KEY = /^(?:null|[-+]?(?:[0-9.]|Infinity|NaN))/;

function suspicious(value: any): boolean {
  if (typeof value === 'number') return !Number.isFinite(value) || !Number.isSafeInteger(value) && Number.isInteger(value);
  if (value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) return value.some(suspicious);
  for (const k of Object.keys(value)) if (NUMERIC_OR_NULL_KEY.test(k) || suspicious(value[k])) return true;
  return false;
}

/**
 * Texts the fast path must not decode: merge keys, anchors and aliases (js-yaml shares aliased objects and
 * merges differently), directives and document-end markers, `\/` (js-yaml accepts it, go-yaml refuses it),
 * `?` complex keys (js-yaml turns them into strings, kubectl refuses them) and compact nested sequences (`- - x`,
 * where js-yaml nests the following items wrongly; found by fuzzing the two paths against each other). Each is first looked for with
 * `indexOf`, which costs next to nothing on the large machine-written files this path is for. A match only costs
 * speed: the exact path then decodes the text.
 */
function fastPathRefuses(text: string): boolean {
  if (text.includes('<<') || text.includes('\\/')) return true;
  if (text[0] === '%' || text.includes('\n%') || text.startsWith('...') || text.includes('\n...')) return true;
  if ((text.includes('&') || text.includes('*')) && /(?:^|[\s[{,])[&*][^\s,[\]{}]/.test(text)) return true;
  if (text.includes('?') && /^[ \t]*(?:-[ \t]+)*\?(?:[ \t\r]|$)/m.test(text)) return true;
  // A compact nested sequence ("- -", "- - x"): js-yaml attaches the following items to the inner sequence.
  const compact = text.includes('- -') || text.includes('-\t') || text.includes('-  ');
  if (compact && /^[ \t]*(?:-[ \t]+)+-(?:[ \t\r]|$)/m.test(text)) return true;
  return false;
}

const DOC_START = /^---(?=[ \t\r\n]|$)/gm;
const BLANK_OR_COMMENTS = /^(?:[ \t\r]*(?:#[^\n]*)?(?:\n|$))*$/;

function fastDecode(text: string, block: boolean): YamlStream | undefined {
  if (fastPathRefuses(text)) return undefined;
  const blockLines = block && blockReadable(text);
  const documents: YamlDoc[] = [];
  const starts: number[] = [];
  DOC_START.lastIndex = 0;
  for (let m = DOC_START.exec(text); m; m = DOC_START.exec(text)) starts.push(m.index);
  if (starts[0] !== 0) {
    const head = text.slice(0, starts[0] ?? text.length);
    if (BLANK_OR_COMMENTS.test(head)) {
      if (starts.length === 0) return { text, documents, errors: [], fast: true };
    } else {
      starts.unshift(0);
    }
  }
  try {
    for (let i = 0; i < starts.length; i++) {
      const end = starts[i + 1] ?? text.length;
      const read = blockLines ? blockDocument(text, starts[i], end) : undefined;
      if (read) {
        documents.push({ value: read.value, start: starts[i], end });
        continue;
      }
      risky = false;
      const value = jsyaml.load(text.slice(starts[i], end), { schema: GO_SCHEMA });
      if (risky && suspicious(value)) return undefined;
      documents.push({ value: value === undefined ? null : value, start: starts[i], end });
    }
  } catch {
    return undefined;
  }
  return { text, documents, errors: [], fast: true };
}

// ---------------------------------------------------------------------------------------------------------------
// The block path: machine-written block YAML, read line by line

/**
 * Thrown (one shared object, never seen outside this section) when a document uses anything the block reader does
 * not read; the document then goes to js-yaml, and from there to the exact path, as before.
 */
const NOT_BLOCK = { notBlock: true };

/** Characters a plain scalar or key cannot start with (YAML c-indicators; `-`, `?`, `:` are checked with the next character). */
const INDICATOR = new Uint8Array(128);
for (const c of ',[]{}#&*!|>\'"%@`') INDICATOR[c.charCodeAt(0)] = 1;

/**
 * Reads one document of the block subset of YAML that machine writers (cdk8s, Helm, kubectl) produce: block mappings
 * with plain keys, block sequences (compact `- key: value` included), plain scalars resolved as go-yaml v2 resolves
 * them, one-line single- and double-quoted scalars without escapes, `{}` and `[]`. Anything else in the document
 * (comments, tabs, anchors, tags, block or multi-line scalars, flow collections, escapes, quoted or duplicate keys,
 * keys sigs.k8s.io/yaml would respell, non-finite or inexact numbers) throws `NOT_BLOCK`, so the document is read by
 * the paths that read all of YAML. `test/policy/integrations/_yaml-decode.test.ts` holds it to the exact path.
 */
class BlockReader {
  /** Current line: its start, the offset of its first non-space character, its end (the `\n` or `end`). */
  private lineStart = 0;
  private content = 0;
  private lineEnd = 0;
  /** Column of the current line's content; -1 at the end of the document. */
  private indent = -1;

  constructor(private readonly text: string, private readonly start: number, private readonly end: number) {}

  public read(): any {
    let pos = this.start;
    if (this.text.startsWith('---', pos)) {
      const eol = this.eol(pos);
      for (let i = pos + 3; i < eol; i++) if (this.text.charCodeAt(i) !== 32) throw NOT_BLOCK; // `--- value`, `--- !tag`
      pos = eol + 1;
    }
    this.lineEnd = pos - 1;
    this.next();
    if (this.indent < 0) return null;
    const value = this.node(this.indent);
    if (this.indent >= 0) throw NOT_BLOCK;
    return value;
  }

  private eol(pos: number): number {
    const i = this.text.indexOf('\n', pos);
    return i < 0 || i > this.end ? this.end : i;
  }

  /** Moves to the next line with content; sets `indent` to -1 at the end. */
  private next(): void {
    const text = this.text;
    for (let pos = this.lineEnd + 1; pos < this.end; pos = this.lineEnd + 1) {
      this.lineStart = pos;
      this.lineEnd = this.eol(pos);
      let i = pos;
      while (i < this.lineEnd && text.charCodeAt(i) === 32) i++;
      if (i === this.lineEnd) continue; // blank line
      const c = text.charCodeAt(i);
      if (c === 35 || c === 9) throw NOT_BLOCK; // a comment, or a tab
      this.content = i;
      this.indent = i - pos;
      return;
    }
    this.indent = -1;
  }

  /** A block node whose first line is the current one, at column `indent`. */
  private node(indent: number): any {
    return this.isItem(this.content) ? this.sequence(indent) : this.mapping(indent);
  }

  /** Whether a `-` at `at` starts a sequence item (followed by a space or the end of the line). */
  private isItem(at: number): boolean {
    return this.text.charCodeAt(at) === 45 && (at + 1 === this.lineEnd || this.text.charCodeAt(at + 1) === 32);
  }

  private sequence(indent: number): any[] {
    const out: any[] = [];
    while (this.indent === indent && this.isItem(this.content)) {
      let at = this.content + 1;
      while (at < this.lineEnd && this.text.charCodeAt(at) === 32) at++;
      if (at === this.lineEnd) { // `-` alone: the item is on the following lines, or null
        this.next();
        out.push(this.indent > indent ? this.node(this.indent) : null);
        continue;
      }
      if (this.isItem(at)) throw NOT_BLOCK; // `- - x`
      const c = this.text.charCodeAt(at);
      if (c !== 34 && c !== 39 && this.keyEnd(at) >= 0) { // `- key: value`: a mapping whose keys are at this column
        this.content = at;
        this.indent = at - this.lineStart;
        out.push(this.mapping(this.indent));
        continue;
      }
      out.push(this.scalar(at, this.lineEnd));
      this.next();
      if (this.indent > indent) throw NOT_BLOCK; // a scalar continued on the next line
    }
    if (this.indent > indent) throw NOT_BLOCK;
    return out;
  }

  /** The offset of the `:` ending a plain key on the current line from `at`, or -1 when the line holds no key. */
  private keyEnd(at: number): number {
    const text = this.text;
    const c = text.charCodeAt(at);
    if (c === 34 || c === 39) throw NOT_BLOCK; // a quoted key (or a quoted scalar: the other paths read both)
    for (let i = text.indexOf(':', at); i >= 0 && i < this.lineEnd; i = text.indexOf(':', i + 1)) {
      if (i + 1 === this.lineEnd || text.charCodeAt(i + 1) === 32) return i;
    }
    return -1;
  }

  private mapping(indent: number): any {
    const text = this.text;
    const out: any = {};
    while (this.indent === indent) {
      const at = this.content;
      if (this.isItem(at)) throw NOT_BLOCK; // a sequence item among the keys
      const colon = this.keyEnd(at);
      if (colon < 0) throw NOT_BLOCK; // a scalar where a key belongs (a continued scalar, a scalar document)
      let keyEnd = colon;
      while (keyEnd > at && text.charCodeAt(keyEnd - 1) === 32) keyEnd--;
      const key = this.key(at, keyEnd);
      if (Object.prototype.hasOwnProperty.call(out, key)) throw NOT_BLOCK; // duplicate: the exact path refuses it
      let v = colon + 1;
      while (v < this.lineEnd && text.charCodeAt(v) === 32) v++;
      if (v === this.lineEnd) { // `key:`: a nested node, a sequence at the same column, or null
        this.next();
        if (this.indent > indent) out[key] = this.node(this.indent);
        else if (this.indent === indent && this.isItem(this.content)) out[key] = this.sequence(indent);
        else out[key] = null;
        continue;
      }
      out[key] = this.scalar(v, this.lineEnd);
      this.next();
      if (this.indent > indent) throw NOT_BLOCK; // a scalar continued on the next line
    }
    if (this.indent > indent) throw NOT_BLOCK;
    return out;
  }

  /** A plain key, as sigs.k8s.io/yaml spells it. */
  private key(from: number, to: number): string {
    const s = this.plain(from, to);
    if (s.length > 1024 || s === '__proto__' || s.endsWith(':')) throw NOT_BLOCK; // go-yaml's simple-key limit; an own "__proto__" key
    const value = resolvePlain(s);
    const key = keyString(value, lastKind);
    if (typeof key !== 'string') throw NOT_BLOCK;
    return key;
  }

  /** The text of a plain scalar or key, checked to be one. */
  private plain(from: number, to: number): string {
    const text = this.text;
    const c = text.charCodeAt(from);
    if (c < 128 && INDICATOR[c] === 1) throw NOT_BLOCK;
    if ((c === 45 || c === 63 || c === 58) && (from + 1 === to || text.charCodeAt(from + 1) === 32)) throw NOT_BLOCK; // `- `, `? `, `: `
    const s = text.slice(from, to);
    if (s.includes(' #') || s.includes(': ')) throw NOT_BLOCK;
    return s;
  }

  /** The value of a scalar that fills the rest of a line (trailing spaces removed). */
  private scalar(from: number, lineEnd: number): any {
    const text = this.text;
    let to = lineEnd;
    while (to > from && text.charCodeAt(to - 1) === 32) to--;
    const c = text.charCodeAt(from);
    if (c === 34 || c === 39) { // "..." or '...' on one line
      if (to - from < 2 || text.charCodeAt(to - 1) !== c) throw NOT_BLOCK;
      const body = text.slice(from + 1, to - 1);
      if (c === 34) {
        if (body.includes('"') || body.includes('\\')) throw NOT_BLOCK;
        return body;
      }
      return body.includes('\'') ? this.singleQuoted(body) : body;
    }
    if (c === 123 || c === 91) { // `{}` and `[]` only
      if (to - from === 2 && text.charCodeAt(from + 1) === (c === 123 ? 125 : 93)) return c === 123 ? {} : [];
      throw NOT_BLOCK;
    }
    const s = this.plain(from, to);
    if (s.endsWith(':')) throw NOT_BLOCK;
    const value = resolvePlain(s);
    if (lastKind === K_FLOAT ? !Number.isFinite(value) : lastKind === K_INT && !Number.isSafeInteger(value)) throw NOT_BLOCK;
    return value;
  }

  /** The body of a one-line single-quoted scalar: `''` is one quote, a lone quote ends the scalar early. */
  private singleQuoted(body: string): string {
    const out = body.replace(/''/g, '');
    if (out.includes('\'')) throw NOT_BLOCK;
    return body.replace(/''/g, '\'');
  }
}

/** Whether the block reader may read a text's documents: no CR line ends, tabs or byte order marks anywhere in it. */
function blockReadable(text: string): boolean {
  return !text.includes('\r') && !text.includes('\t') && !text.includes('\ufeff');
}

/** One document by the block reader, or undefined when it uses something the reader leaves to the other paths. */
function blockDocument(text: string, start: number, end: number): { value: any } | undefined {
  try {
    return { value: new BlockReader(text, start, end).read() };
  } catch (e) {
    if (e === NOT_BLOCK) return undefined;
    throw e;
  }
}

/**
 * The block reader's value of a whole text taken as one document, or `undefined` when it leaves the text to the
 * other paths. For tests, which hold it to the exact path. @internal
 */
export function _blockDecode(text: string): { value: any } | undefined {
  return blockReadable(text) ? blockDocument(text, 0, text.length) : undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// The exact path: the `yaml` package's parser, values built here

/** Every scalar stays source text (failsafe), no merges, no duplicate detection: the builder does those as go-yaml v2 does. */
const EXACT_OPTIONS = { version: '1.1' as const, schema: 'failsafe' as const, merge: false, uniqueKeys: false, prettyErrors: false };

const TAG = 'tag:yaml.org,2002:';
/** Upper bound on the values built through aliases per document (alias bombs are refused; go-yaml v2 limits them too). */
const MAX_ALIASED_VALUES = 100_000;

interface Refusal {
  readonly offset?: number;
  readonly message: string;
}

function refuse(node: any, message: string): never {
  throw { refusal: true, offset: node?.range?.[0], message } as Refusal & { refusal: true };
}

function setKey(out: any, key: string, value: any): void {
  if (key === '__proto__') Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  else out[key] = value;
}

interface SourceChecks {
  readonly text: string;
  readonly lsPs: boolean;
  readonly slash: boolean;
}

class Builder {
  private budget = MAX_ALIASED_VALUES;
  private readonly active = new Set<unknown>();
  /** Kind of the last scalar built. */
  private kind = K_STR;

  /**
   * @param doc the parsed document
   * @param source when set, scalars are checked in `source.text` (the text before LS/PS were replaced, same
   *   offsets): refused when they hold LS or PS (`lsPs`) or, double-quoted, the escape `\/` (`slash`)
   */
  constructor(private readonly doc: Document.Parsed, private readonly source?: SourceChecks) {}

  public build(node: any): any {
    if (this.active.size > 0 && --this.budget < 0) refuse(node, `excessive aliasing: aliases in the document expand to more than ${MAX_ALIASED_VALUES} values`);
    if (node === null || node === undefined) {
      this.kind = K_NULL;
      return null;
    }
    if (isAlias(node)) {
      const target = node.resolve(this.doc);
      if (!target) refuse(node, `unknown anchor "${node.source}" referenced`);
      if (this.active.has(target)) refuse(node, `anchor "${node.source}" contains itself`);
      this.active.add(target);
      try {
        return this.build(target);
      } finally {
        this.active.delete(target);
      }
    }
    if (isScalar(node)) return this.scalar(node);
    if (isSeq(node)) {
      const items = node.items.map((item: any) => finite(this.build(item), item));
      this.kind = -1;
      return items;
    }
    if (isMap(node)) {
      const out = this.map(node);
      this.kind = -1;
      return out;
    }
    return refuse(node, 'unsupported YAML node');
  }

  private scalar(node: any): any {
    const text = String(node.value ?? '');
    if (this.source && node.range) this.checkSource(node);
    const tag: string | undefined = node.tag;
    const plain = node.type === 'PLAIN' || node.type === undefined;
    if (tag === undefined) {
      if (!plain) {
        this.kind = K_STR;
        return text;
      }
      const v = resolvePlain(text);
      this.kind = lastKind;
      return v;
    }
    switch (tag) {
      case `${TAG}str`:
        this.kind = K_STR;
        return text;
      case `${TAG}binary`: {
        const b64 = text.replace(/[\r\n]/g, '');
        if (b64.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(b64)) refuse(node, '!!binary value is not valid base64');
        this.kind = K_STR;
        return Buffer.from(b64, 'base64').toString('utf8');
      }
      case `${TAG}null`:
      case `${TAG}bool`:
      case `${TAG}int`:
      case `${TAG}float`: {
        const v = resolvePlain(text);
        const want = { null: K_NULL, bool: K_BOOL, int: K_INT, float: K_FLOAT }[tag.slice(TAG.length) as 'null' | 'bool' | 'int' | 'float'];
        if (lastKind === want || (want === K_FLOAT && lastKind === K_INT)) {
          this.kind = want;
          return v;
        }
        return refuse(node, `cannot decode "${text.slice(0, 40)}" as ${tag.replace(TAG, '!!')} (kubectl refuses it too)`);
      }
      case `${TAG}timestamp`:
        return refuse(node, 'explicit !!timestamp values are not supported; quote the value');
      default:
        // go-yaml v2 keeps the text of a scalar with any other tag (`!foo x`, `!!set x`).
        this.kind = K_STR;
        return text;
    }
  }

  /** Refuses what the `yaml` parser accepts and go-yaml v2 reads otherwise: LS/PS inside a scalar, the `\/` escape. */
  private checkSource(node: any): void {
    const raw = this.source!.text.slice(node.range[0], node.range[1]);
    if (this.source!.lsPs && LS_PS.test(raw)) {
      refuse(node, 'a scalar holds U+2028 or U+2029 (a line break to kubectl, kept inside the string); write it as the escape \\L or \\P in a double-quoted string');
    }
    if (this.source!.slash && node.type === 'QUOTE_DOUBLE' && /(?:^|[^\\])(?:\\\\)*\\\//.test(raw)) {
      refuse(node, 'the escape "\\/" is not YAML 1.1 (kubectl refuses it); write "/"');
    }
  }

  /** The key string, as sigs.k8s.io/yaml converts go-yaml's map key. */
  public key(node: any): string {
    let k = node;
    if (isAlias(k)) k = k.resolve(this.doc);
    if (k === null || k === undefined) refuse(node, 'a null map key (kubectl refuses it: JSON keys are strings)');
    if (!isScalar(k)) refuse(node, 'a map key that is a mapping or a sequence (kubectl refuses it)');
    const v = this.scalar(k);
    const s = keyString(v, this.kind);
    if (typeof s !== 'string') refuse(node, s.refuse);
    return s;
  }

  private map(node: any): any {
    const out: any = {};
    const explicit = new Set<string>();
    for (const pair of node.items) {
      const k: any = pair.key;
      if (isScalar(k) && (k as any).type === 'PLAIN' && k.value === '<<' && (k.tag === undefined || k.tag === `${TAG}merge`)) {
        this.merge(out, pair.value);
        continue;
      }
      const key = this.key(k);
      if (explicit.has(key)) refuse(k ?? pair.value, `duplicate key "${key}" (readers disagree on which value wins; remove one)`);
      explicit.add(key);
      setKey(out, key, finite(this.build(pair.value), pair.value));
    }
    return out;
  }

  /** `<<`: go-yaml v2 applies it where it stands, overwriting keys set before it; in a list, earlier maps win. */
  private merge(out: any, valueNode: any): void {
    const target = isAlias(valueNode) ? valueNode.resolve(this.doc) : valueNode;
    const sources: any[] = isMap(target) ? [valueNode] : isSeq(target) ? [...target.items].reverse() : [];
    if (sources.length === 0 && !isSeq(target)) refuse(valueNode, 'a "<<" merge needs a mapping or a sequence of mappings');
    for (const src of sources) {
      const m = isAlias(src) ? src.resolve(this.doc) : src;
      if (!isMap(m)) refuse(src, 'a "<<" merge needs a mapping or a sequence of mappings');
      const value = this.build(src);
      for (const k of Object.keys(value)) setKey(out, k, value[k]);
    }
  }
}

/** Refuses `.inf` and `.nan` values: JSON cannot carry them, so sigs.k8s.io/yaml (and kubectl) refuse the document. */
function finite(value: any, node: any): any {
  if (typeof value === 'number' && !Number.isFinite(value)) refuse(node, `${value} is not a number JSON can carry (kubectl refuses it)`);
  return value;
}

function exactDecode(text: string, original?: string): YamlStream {
  const lsPs = original !== undefined;
  const slash = text.includes('\\/');
  const source = lsPs || slash ? { text: original ?? text, lsPs, slash } : undefined;
  const documents: YamlDoc[] = [];
  const errors: YamlError[] = [];
  const docs = new Composer(EXACT_OPTIONS).compose(new Parser().parse(text), false);
  for (let n = 1; ; n++) {
    let next: IteratorResult<Document.Parsed>;
    try {
      next = docs.next();
    } catch (e) {
      // Defence in depth: the parser reports its errors per document, but nothing it throws may end the run.
      errors.push({ message: `unusable YAML after document ${n - 1}: ${firstLine(String((e as Error)?.message ?? e))}` });
      break;
    }
    if (next.done) break;
    const doc = next.value;
    if (doc.errors.length > 0) {
      for (const e of doc.errors) errors.push({ offset: e.pos[0], message: `malformed YAML in document ${n}: ${firstLine(e.message)}` });
      continue;
    }
    const version = doc.directives?.yaml;
    if (version?.explicit && version.version !== '1.1') {
      errors.push({ offset: doc.range[0], message: `document ${n} declares %YAML ${version.version}; kubectl reads only YAML 1.1 documents` });
      continue;
    }
    try {
      const value = finite(new Builder(doc, source).build(doc.contents), doc.contents);
      documents.push({ value, start: lineStartOf(text, doc.range[0]), end: doc.range[2] ?? doc.range[1] });
    } catch (e: any) {
      if (!e?.refusal) {
        errors.push({ offset: doc.range[0], message: `unusable YAML in document ${n}: ${firstLine(String(e?.message ?? e))}` });
      } else {
        errors.push({ offset: e.offset ?? doc.range[0], message: `document ${n}: ${e.message}` });
      }
    }
  }
  return { text, documents, errors, fast: false };
}

function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

function firstLine(s: string): string {
  return s.split('\n')[0].trim();
}

/**
 * Decodes a YAML (or JSON) text into its documents, as kubectl does, or refuses parts of it. @internal
 */
export function _decodeYaml(input: string, path: DecodePath = 'auto'): YamlStream {
  const { text, error, withLsPs } = normalise(input);
  if (error) return { text, documents: [], errors: [error], fast: false };
  return (path !== 'exact' && withLsPs === undefined ? fastDecode(text, path === 'auto') : undefined) ?? exactDecode(text, withLsPs);
}

// ---------------------------------------------------------------------------------------------------------------
// Lines

/**
 * 1-based line of an offset. Findings come in input order, so a cursor counts line breaks forward from the last
 * offset asked (one pass over the text in all, nothing allocated); an offset before the cursor builds the full
 * index of line starts once (a typed array, 4 bytes a line) and is answered by binary search. @internal
 */
export class LineIndex {
  private starts?: Uint32Array;
  private cursorOffset = 0;
  private cursorLine = 1;

  constructor(private readonly text: string) {}

  public line(offset: number): number {
    if (!this.starts && offset >= this.cursorOffset) {
      let line = this.cursorLine;
      for (let i = this.text.indexOf('\n', this.cursorOffset); i >= 0 && i < offset; i = this.text.indexOf('\n', i + 1)) line++;
      this.cursorOffset = offset;
      this.cursorLine = line;
      return line;
    }
    if (!this.starts) {
      let n = 1;
      for (let i = this.text.indexOf('\n'); i >= 0; i = this.text.indexOf('\n', i + 1)) n++;
      const starts = new Uint32Array(n);
      let k = 1;
      for (let i = this.text.indexOf('\n'); i >= 0; i = this.text.indexOf('\n', i + 1)) starts[k++] = i + 1;
      this.starts = starts;
    }
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }
}

/**
 * Resolves JSON pointers inside a document to lines by re-parsing only that document with the exact path's
 * parser, caching the last one, so that no syntax tree is kept for the documents without findings. @internal
 */
export class Locator {
  private cachedDoc?: YamlDoc;
  private cachedTree?: Document.Parsed;
  private cachedLines = new LineCounter();

  constructor(private readonly text: string, private readonly lines: LineIndex) {}

  /** The line of a pointer (of its closest existing parent), or undefined when the document cannot be parsed. */
  public locate(doc: YamlDoc, pointer: string): number | undefined {
    try {
      return this.lineOf(doc, pointer);
    } catch {
      return undefined; // a location is a convenience: never fail a check over it
    }
  }

  private lineOf(doc: YamlDoc, pointer: string): number {
    if (this.cachedDoc !== doc) {
      this.cachedLines = new LineCounter();
      this.cachedTree = parseDocument(this.text.slice(doc.start, doc.end), { ...EXACT_OPTIONS, lineCounter: this.cachedLines });
      this.cachedDoc = doc;
    }
    const tree = this.cachedTree!;
    const builder = new Builder(tree);
    let node: any = tree.contents;
    let offset = node?.range?.[0] ?? 0;
    const segments = pointer === '' ? [] : pointer.slice(1).split('/').map(s => s.replace(/~1/g, '/').replace(/~0/g, '~'));
    for (const seg of segments) {
      if (isAlias(node)) node = node.resolve(tree);
      if (isMap(node)) {
        const pair: any = node.items.find((p: any) => {
          try {
            return builder.key(p.key) === seg;
          } catch {
            return false;
          }
        });
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
    return this.lines.line(doc.start) + Math.max(1, this.cachedLines.linePos(offset).line) - 1;
  }
}
