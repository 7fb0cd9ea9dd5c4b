// SPDX-License-Identifier: Apache-2.0
import { _unifiedDiff } from '../../src/cli/_unified-diff';

/** Applies a unified diff the way `patch` does (hunks at their stated lines, context checked). */
function applyDiff(before: string, diff: string): string {
  const src = before === '' ? [] : before.replace(/\n$/, '').split('\n');
  const out: string[] = [];
  let at = 0;
  const lines = diff.replace(/\n$/, '').split('\n').slice(2);
  for (let i = 0; i < lines.length;) {
    const m = /^@@ -(\d+),(\d+) \+(\d+),(\d+) @@$/.exec(lines[i]);
    if (!m) throw new Error(`bad hunk header ${lines[i]}`);
    const start = Number(m[2]) === 0 ? Number(m[1]) : Number(m[1]) - 1;
    while (at < start) out.push(src[at++]);
    i++;
    while (i < lines.length && !lines[i].startsWith('@@')) {
      const kind = lines[i][0];
      const text = lines[i].slice(1);
      if (kind === ' ' || kind === '-') {
        if (src[at] !== text) throw new Error(`context mismatch at line ${at + 1}: ${src[at]} != ${text}`);
        at++;
      }
      if (kind === ' ' || kind === '+') out.push(text);
      i++;
    }
  }
  while (at < src.length) out.push(src[at++]);
  return out.length === 0 ? '' : out.join('\n') + '\n';
}

describe('_unifiedDiff', () => {
  test('is empty for equal texts', () => {
    expect(_unifiedDiff('a\nb\n', 'a\nb\n', 'f.yaml')).toBe('');
  });

  test('writes diff -u hunks with three lines of context', () => {
    const before = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'].join('\n') + '\n';
    const after = before.replace('e\n', 'e\nE\n');
    expect(_unifiedDiff(before, after, 'f.yaml')).toBe(['--- a/f.yaml', '+++ b/f.yaml', '@@ -3,6 +3,7 @@', ' c', ' d', ' e', '+E', ' f', ' g', ' h', ''].join('\n'));
  });

  test('round-trips: 300 pseudo-random edits apply back to the new text', () => {
    let seed = 7;
    const rnd = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    for (let t = 0; t < 300; t++) {
      const a: string[] = [];
      for (let i = 0; i < Math.floor(rnd() * 40); i++) a.push('l' + Math.floor(rnd() * 6));
      const b = a.filter(() => rnd() > 0.2).flatMap(l => (rnd() > 0.8 ? [l, 'n' + Math.floor(rnd() * 6)] : [l]));
      if (rnd() > 0.5) b.unshift('h');
      const before = a.map(l => l + '\n').join('');
      const after = b.map(l => l + '\n').join('');
      expect(applyDiff(before, _unifiedDiff(before, after, 'f'))).toBe(after);
    }
  });
});
