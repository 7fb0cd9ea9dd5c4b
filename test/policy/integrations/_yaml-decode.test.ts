// SPDX-License-Identifier: Apache-2.0
/**
 * The fast paths (the block reader, js-yaml) and the exact path (`yaml` parser) of the decoder against each other, on seeded random
 * YAML built from the forms where YAML readers disagree. Wherever both decode a text they must give the same
 * values (the corpus test holds both to go-yaml v2; this one reaches combinations the corpus does not list).
 * The same generator, run against go-yaml v2 itself, found the compact nested sequence case ("- -") that the
 * fast path now leaves to the exact path.
 */
import * as fs from 'fs';
import * as path from 'path';
import { _blockDecode, _decodeYaml, LineIndex } from '../../../src/policy/integrations/_yaml-decode';

/** Park-Miller: a small seeded generator (exact in doubles), so that every run checks the same texts. */
function generator(seed: number): (n: number) => number {
  let a = seed;
  return (n: number) => {
    a = (a * 16807) % 2147483647;
    return Math.floor((a / 2147483647) * n);
  };
}

const SCALARS = ['0x1F', '1e3', '~', 'null', 'y', 'n', '1:20', '.5', '+12', '0o17', '-', '08', '1_000', 'yes', 'On', 'abc', 'a b', '12',
  '-0', '0', '1.', '1e400', '9223372036854775808', '"q"', "'s'", '"0x1F"', '2001-12-14', 'true', 'FALSE', 'a#b', 'x # comment',
  '"a\\tb"', '"\\u00e9"', '""', "''", '[]', '{}', '[1, 2]', '{a: 1}', '{1.5: a, b: ~}', '[y, n, 0x10]', '{"k": "v", "n": 0443}',
  '|\n  block\n', '>\n  folded\n  text\n', '|-\n  x\n', '-1.5e-3', '0b101', '_1', '+.5', '"multi\n  line"', 'plain\n  continued',
  'http://x:80/y', "'it''s'", '0.1', '100000000000000000000'];
const KEYS = ['a', 'b', 'name', '1', 'y', 'on', '"q k"', '0x10', 'n', 'x.y/z', 'k-8', '"1.5"', "'~'", 'True'];

function randomText(rnd: (n: number) => number): string {
  const pick = <T>(xs: T[]) => xs[rnd(xs.length)];
  const value = (depth: number, indent: string): string => {
    const r = rnd(10);
    if (depth > 2 || r < 6) return ' ' + pick(SCALARS).replace(/\n/g, '\n' + indent);
    if (r < 8) return '\n' + map(depth + 1, indent + (rnd(3) === 0 ? ' ' : '  '));
    const seqIndent = rnd(2) === 0 ? indent : indent + '  ';
    return '\n' + Array.from({ length: 1 + rnd(3) }, () => `${seqIndent}-${value(depth + 1, seqIndent + '  ')}`).join('\n');
  };
  const map = (depth: number, indent: string): string => {
    const seen = new Set<string>();
    const lines: string[] = [];
    for (let i = 0; i < 1 + rnd(4); i++) {
      const k = pick(KEYS);
      if (seen.has(k)) continue;
      seen.add(k);
      lines.push(`${indent}${k}:${value(depth, indent)}${rnd(5) === 0 ? ' # c' : ''}`);
    }
    return lines.join('\n');
  };
  const text = Array.from({ length: 1 + rnd(3) }, () => map(0, '')).join(pick(['\n---\n', '\n--- # doc\n', '\n'])) + '\n';
  return rnd(8) === 0 ? text.replace(/\n/g, '\r\n') : text;
}

describe('YAML decoder: fast path against exact path', () => {
  test('gives the same values wherever both decode (1,500 seeded random texts)', () => {
    const rnd = generator(11);
    let both = 0;
    let fast = 0;
    const different: string[] = [];
    for (let i = 0; i < 1500; i++) {
      const text = randomText(rnd);
      const a = _decodeYaml(text, 'auto');
      const e = _decodeYaml(text, 'exact');
      if (a.fast) fast++;
      if (a.errors.length > 0 || e.errors.length > 0) continue;
      both++;
      if (JSON.stringify(a.documents.map(d => d.value)) !== JSON.stringify(e.documents.map(d => d.value))) different.push(text);
    }
    expect(different).toEqual([]);
    expect(both).toBeGreaterThan(700);
    expect(fast).toBeGreaterThan(300);
  });

  test('leaves a compact nested sequence ("- -") to the exact path, where js-yaml would misplace the next item', () => {
    const r = _decodeYaml('k:\n  - -\n  - x\n');
    expect(r.fast).toBe(false);
    expect(r.documents[0].value).toEqual({ k: [[null], 'x'] });
  });

  test('splits CRLF documents on the fast path, skipping a leading comment', () => {
    const r = _decodeYaml('# head\r\n---\r\na: 1\r\n--- # doc\r\nb: [y]\r\n');
    expect(r.fast).toBe(true);
    expect(r.documents.map(d => d.value)).toEqual([{ a: 1 }, { b: [true] }]);
  });
});

describe('YAML decoder: fast path documents', () => {
  test('reads every document with the offsets of its own text, empty documents included', () => {
    const text = '# head\n---\na: 1\n---\n---\nb: [2]\n--- # c\nc: x\n---\n# only a comment\n';
    const r = _decodeYaml(text);
    expect(r.fast).toBe(true);
    expect(r.documents.map(d => d.value)).toEqual([{ a: 1 }, null, { b: [2] }, { c: 'x' }, null]);
    expect(r.documents.map(d => text.slice(d.start, d.end))).toEqual(['---\na: 1\n', '---\n', '---\nb: [2]\n', '--- # c\nc: x\n', '---\n# only a comment\n']);
  });

  test('reads a first document without a "---" line', () => {
    const text = 'a: 1\n---\nb: on\n';
    const r = _decodeYaml(text);
    expect(r.fast).toBe(true);
    expect(r.documents.map(d => [d.value, d.start, d.end])).toEqual([[{ a: 1 }, 0, 5], [{ b: true }, 5, text.length]]);
  });

  test('spells a float key in the last document as kubectl does', () => {
    const r = _decodeYaml('a: 1\n---\nb: 2\n---\n1e6: x\n');
    expect(r.documents.map(d => d.value)).toEqual([{ a: 1 }, { b: 2 }, { '1e+06': 'x' }]);
  });
});

/** Block YAML as machine writers emit it, with the scalars and layouts where a line reader could go wrong. */
const BLOCK_SCALARS = ['abc', 'a b', '12', '0443', '0o17', '0x1F', '1_000', '1e3', '.5', '-1.5e-3', '+12', '-0', '08', '1.', 'y', 'n', 'on', 'Off',
  'yes', 'NO', 'true', 'FALSE', '~', 'null', 'Null', '', '""', "''", '"0443"', "'y'", '"a: b"', "'a # b'", "'it''s'", '"x\'y"', '{}', '[]',
  'http://x:80/y', 'a:b', 'a#b', '-x', '::1', '?x', '2001-12-14', '1:20', 'ghcr.io/acme/app@sha256:' + 'b'.repeat(64), 'é ü', '"é"',
  'a,b', 'x]', '9007199254740993', '1e400', '.inf', '-.Inf', '.nan', 'a  b  ', '"q" ', "'unterminated", '"a"b"', '{a: 1}', '[1]',
  '|', '>-', '&anchor x', '*alias', '!tag x', '%x', '@x', '`x', 'a # comment', '- x', ': x', '? x', 'k: v'];
const BLOCK_KEYS = ['a', 'b', 'name', 'image', 'x.y/z', 'k-8', '1', '01', '1.5', 'y', 'on', 'True', '~', 'null', '-k', 'a:b', 'a b', 'é',
  '"q"', "'s'", '__proto__', 'constructor', 'k:', '? k', '&a k', 'k #c'];

function randomBlockText(rnd: (n: number) => number): string {
  const pick = <T>(xs: T[]) => xs[rnd(xs.length)];
  const node = (depth: number, indent: string, inItem: boolean): string[] => {
    if (rnd(3) === 0 && depth < 4) { // a sequence
      return Array.from({ length: 1 + rnd(3) }, () => {
        const r = rnd(6);
        if (r < 2 || depth >= 3) return [`${indent}- ${pick(BLOCK_SCALARS)}`];
        if (r < 4) { // compact mapping
          const [first, ...rest] = node(depth + 1, indent + ' '.repeat(2 + (rnd(8) === 0 ? 1 : 0)), true);
          return first ? [`${indent}- ${first.trimStart()}`, ...rest] : [`${indent}-`];
        }
        return [`${indent}-`, ...node(depth + 1, indent + '  ', false)];
      }).flat();
    }
    const lines: string[] = [];
    for (let i = 0; i < 1 + rnd(4); i++) {
      const k = pick(BLOCK_KEYS);
      const r = rnd(8);
      if (r < 5 || depth >= 3) {
        lines.push(`${indent}${k}: ${pick(BLOCK_SCALARS)}`);
      } else if (r < 6) {
        lines.push(`${indent}${k}:`);
      } else {
        lines.push(`${indent}${k}:`);
        const nested = rnd(4) === 0 ? indent : indent + ' '.repeat(1 + rnd(3));
        lines.push(...node(depth + 1, nested, false));
      }
      if (rnd(30) === 0) lines.push(pick(['', '   ', `${indent}# note`, `${indent}  continued`, `${indent}\tx: 1`, `${indent} odd: 1`]));
    }
    void inItem;
    return lines;
  };
  const docs = Array.from({ length: 1 + rnd(3) }, () => node(0, rnd(10) === 0 ? '  ' : '', false).join('\n'));
  return (rnd(4) === 0 ? '---\n' : '') + docs.join('\n---\n') + '\n';
}

describe('YAML decoder: the block reader against the exact path', () => {
  const values = (text: string, p: 'auto' | 'exact') => {
    const r = _decodeYaml(text, p);
    return r.errors.length > 0 ? { refused: true } : { documents: JSON.stringify(r.documents.map(d => d.value)) };
  };

  test('whatever it reads, the exact path reads to the same value (4,000 seeded random block texts)', () => {
    const rnd = generator(23);
    let read = 0;
    const different: string[] = [];
    for (let i = 0; i < 4000; i++) {
      const text = randomBlockText(rnd);
      for (const doc of text.split(/^---\n/m)) {
        const block = _blockDecode(doc);
        if (!block) continue;
        read++;
        const exact = _decodeYaml(doc, 'exact');
        const expected = exact.errors.length > 0 ? 'refused' : JSON.stringify(exact.documents.map(d => d.value)[0] ?? null);
        if (JSON.stringify(block.value) !== expected) different.push(`${doc}=> block ${JSON.stringify(block.value)}, exact ${expected}`);
      }
      const auto = values(text, 'auto');
      const exact = values(text, 'exact');
      if (!auto.refused && !exact.refused && auto.documents !== exact.documents) different.push(`${text}=> auto ${auto.documents}, exact ${exact.documents}`);
    }
    expect(different).toEqual([]);
    expect(read).toBeGreaterThan(1500); // the reader really reads (the rest it leaves to the other paths)
  });

  test('every YAML fixture of the test suite decodes to the same values on the auto and exact paths', () => {
    const files: string[] = [];
    const walk = (dir: string) => fs.readdirSync(dir, { withFileTypes: true }).forEach(e => {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.ya?ml$/.test(e.name)) files.push(p);
    });
    walk(path.join(__dirname, '..', '..', 'fixtures'));
    expect(files.length).toBeGreaterThan(200);
    const different = files.filter(f => {
      const text = fs.readFileSync(f, 'utf8');
      const auto = values(text, 'auto');
      const exact = values(text, 'exact');
      return !auto.refused && !exact.refused && auto.documents !== exact.documents;
    });
    expect(different).toEqual([]);
  });

  test.each([
    ['a: 1\nb:\n  - x\n  - y: on\n    z: 0443\n', { a: 1, b: ['x', { true: true, z: 291 }] }],
    ['k:\n- 1\n- "2"\nm: ~\nn: x\n', { k: [1, '2'], m: null, false: 'x' }],
    ['on: a\n1.0: b\n0x10: c\nnull: d\n', undefined],
    ['on: a\n1.0: b\n0x10: c\n', { true: 'a', 1: 'b', 16: 'c' }],
    ["s: 'it''s'\nd: \"a # b\"\ne: {}\nf: []\ng:\n", { s: "it's", d: 'a # b', e: {}, f: [], g: null }],
    ['-\n  a: 1\n- - x\n', undefined],
    ['- a: 1\n  b:\n  - 2\n  c: 3\n-\n- x\n', [{ a: 1, b: [2], c: 3 }, null, 'x']],
    ['url: http://x:80/y\nimg: ghcr.io/a/b:1.0\nip: ::1\n', { url: 'http://x:80/y', img: 'ghcr.io/a/b:1.0', ip: '::1' }],
  ])('reads %j', (text, expected) => {
    const got = _blockDecode(text);
    if (expected === undefined) {
      expect(got).toBeUndefined();
    } else {
      expect(got).toEqual({ value: expected });
      expect(_decodeYaml(text, 'exact').documents[0].value).toEqual(expected);
    }
  });

  test.each([
    ['a comment', 'a: 1 # c\n'],
    ['a comment line', '# c\na: 1\n'],
    ['a tab', 'a:\tb\n'],
    ['a continued plain scalar', 'a: one\n  two\n'],
    ['a block scalar', 'a: |\n  x\n'],
    ['a multi-line quoted scalar', 'a: "x\n  y"\n'],
    ['an escape', 'a: "\\u00e9"\n'],
    ['a flow mapping', 'a: {b: 1}\n'],
    ['an anchor', 'a: &x 1\nb: *x\n'],
    ['a tag', 'a: !!str 1\n'],
    ['a quoted key', '"a": 1\n'],
    ['a duplicate key', 'a: 1\na: 2\n'],
    ['a duplicate key by resolution', 'y: 1\ntrue: 2\n'],
    ['a quoted key in a sequence item', '- "a": 1\n'],
    ['a null key', '~: 1\n'],
    ['a "__proto__" key', '__proto__: 1\n'],
    ['a non-finite number', 'a: .inf\n'],
    ['an inexact integer', 'a: 9007199254740993\n'],
    ['a scalar document', 'just text\n'],
    ['a value after ---', '--- a\n'],
    ['a mapping value on a key line', 'a: b: c\n'],
    ['a sequence item among keys', 'a: 1\n- b\n'],
    ['an over-indented key', 'a: 1\n  b: 2\n'],
    ['a compact nested sequence', '- - x\n'],
  ])('leaves %s to the other paths', (_what, text) => {
    expect(_blockDecode(text)).toBeUndefined();
  });
});

describe('LineIndex', () => {
  const text = 'a: 1\nb: 2\n\n---\nc:\n  - 3\n';
  /** 1 + the line breaks before the offset, counted the slow way. */
  const naive = (offset: number) => 1 + [...text.slice(0, offset)].filter(ch => ch === '\n').length;

  test('gives every offset its line, asked in order (the cursor) and then out of order (the index)', () => {
    const lines = new LineIndex(text);
    const offsets = [...Array(text.length + 1).keys()];
    expect(offsets.map(o => lines.line(o))).toEqual(offsets.map(naive));
    expect(lines.line(3)).toBe(1);
    expect([...offsets].reverse().map(o => lines.line(o))).toEqual([...offsets].reverse().map(naive));
  });

  test('answers an offset before the first one asked', () => {
    const lines = new LineIndex(text);
    expect(lines.line(17)).toBe(naive(17));
    expect(lines.line(5)).toBe(2);
    expect(lines.line(0)).toBe(1);
  });
});
