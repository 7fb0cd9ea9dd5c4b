// SPDX-License-Identifier: Apache-2.0
/**
 * The library depends on cdk8s-plus-28's public contract only (issue 12 item 6): no override of one of its
 * `@internal` members, no `as any` / `as unknown as` on its objects, no deep imports. An internal member can change in
 * any cdk8s-plus release without notice; a construct that overrides or reads one breaks silently on upgrade.
 */
import * as fs from 'fs';
import * as path from 'path';

const SRC = path.join(__dirname, '..', 'src');
const PLUS = path.dirname(require.resolve('cdk8s-plus-28/package.json'));

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(e => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'imports' ? [] : sources(p);
    return e.name.endsWith('.ts') ? [p] : [];
  });
}

/** The `_`-prefixed (internal) member names cdk8s-plus-28 declares on its classes (not its generated L1 imports). */
function plusInternalMembers(): string[] {
  const names = new Set<string>();
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (e.name !== 'imports') walk(p);
      } else if (e.name.endsWith('.d.ts')) {
        for (const m of fs.readFileSync(p, 'utf8').matchAll(/^\s+(?:static\s+)?(_[A-Za-z]\w*)\s*[(<]/gm)) names.add(m[1]);
      }
    }
  };
  walk(path.join(PLUS, 'lib'));
  return [...names].sort();
}

const FILES = sources(SRC).map(file => ({ rel: path.relative(SRC, file).split(path.sep).join('/'), text: fs.readFileSync(file, 'utf8') }));

describe('cdk8s-plus-28 public contract', () => {
  test('cdk8s-plus declares the internal members this test looks for (the scan is not empty)', () => {
    expect(plusInternalMembers()).toEqual(expect.arrayContaining(['_toKube', '_toLabelSelector', '_toPodSpec']));
  });

  test('no source file defines a member with the name of a cdk8s-plus internal member (no override of _toKube)', () => {
    const names = plusInternalMembers().join('|');
    const definition = new RegExp(`^\\s*(?:public|protected|private)?\\s*(?:static\\s+)?(?:override\\s+)?(?:${names})\\s*\\(`, 'm');
    expect(FILES.filter(f => definition.test(f.text)).map(f => f.rel)).toEqual([]);
  });

  test('no source file calls a cdk8s-plus internal member (e.g. a LabelSelector\'s _toKube)', () => {
    const call = new RegExp(`\\.(?:${plusInternalMembers().join('|')})\\s*\\(`);
    expect(FILES.filter(f => call.test(f.text)).map(f => f.rel)).toEqual([]);
  });

  test('no source file casts a cdk8s-plus object with `as any` or `as unknown as`', () => {
    // `kplus.X as any`, `k8s.Y(...) as unknown as`, or an internal member read through a cast: `(x as any)._toKube()`.
    const cast = /\b(?:kplus|k8s)\.[\w.]*(?:\([^)]*\))?\s+as\s+(?:any\b|unknown\s+as\b)|\bas\s+any\)\s*\.\s*_/;
    const found = FILES.filter(f => f.text.split('\n').some(line => cast.test(line))).map(f => f.rel);
    expect(found).toEqual([]);
  });

  test('no source file imports cdk8s-plus-28 by a deep path', () => {
    expect(FILES.filter(f => /from '(?:cdk8s-plus-28\/|cdk8s-plus-28\/lib)/.test(f.text)).map(f => f.rel)).toEqual([]);
  });
});
