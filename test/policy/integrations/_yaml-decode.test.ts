// SPDX-License-Identifier: Apache-2.0
/**
 * The fast path (js-yaml) and the exact path (`yaml` parser) of the decoder against each other, on seeded random
 * YAML built from the forms where YAML readers disagree. Wherever both decode a text they must give the same
 * values (the corpus test holds both to go-yaml v2; this one reaches combinations the corpus does not list).
 * The same generator, run against go-yaml v2 itself, found the compact nested sequence case ("- -") that the
 * fast path now leaves to the exact path.
 */
import { _decodeYaml, LineIndex } from '../../../src/policy/integrations/_yaml-decode';

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
  test('reads every document in one pass with the offsets of its own text, empty documents included', () => {
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

  test('still checks every document for keys kubectl spells differently (a float key in the last one)', () => {
    const r = _decodeYaml('a: 1\n---\nb: 2\n---\n1e6: x\n');
    expect(r.fast).toBe(false);
    expect(r.documents.map(d => d.value)).toEqual([{ a: 1 }, { b: 2 }, { '1e+06': 'x' }]);
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
