// SPDX-License-Identifier: Apache-2.0
/**
 * The differential test of issue 11: every case of test/fixtures/yaml-corpus is decoded by the loader's YAML
 * decoder, on its fast paths (auto: the block reader, then js-yaml; js-yaml alone) and on its exact path, and must give the documents go-yaml v2 +
 * sigs.k8s.io/yaml give (the committed <case>.json), or be refused. Refusals where go-yaml succeeds are listed
 * below by name, each with its reason, so that a new one fails the test.
 */
import * as fs from 'fs';
import * as path from 'path';
import { _decodeBytes, _decodeYaml, DecodePath } from '../../../src/policy/integrations/_yaml-decode';

const CORPUS = path.join(__dirname, '..', '..', 'fixtures', 'yaml-corpus');
const CASES = fs.readdirSync(CORPUS).filter(f => f.endsWith('.yaml')).map(f => f.slice(0, -'.yaml'.length)).sort();

/** Cases go-yaml decodes and the loader refuses on purpose. */
const DELIBERATE_REFUSALS: Record<string, string> = {
  'duplicate-keys': 'go-yaml v2 silently keeps the last value; the API server and other tools may not',
  'duplicate-keys-int-forms': '`1` and `01` are the same key to go-yaml v2: a duplicate',
  'key-int-and-string': '`1` and `"1"` become the same JSON key; which wins depends on Go map order',
  'key-types': '`true` and `y` are the same key (true) to go-yaml v2: a duplicate',
  'escape-single-quote-in-double': '`\\\'` is not a YAML escape; go-yaml v2 accepts it, the exact parser does not',
  'ls-in-double-quoted': 'go-yaml v2 keeps U+2028 inside a string yet breaks lines at it: refused as ambiguous',
  'ls-in-single-quoted': 'as above',
  'nel-in-double-quoted': 'a quoted string continued at column 0: go-yaml v2 and the fast path read it, the exact parser refuses it',
};

/** The documents of a case, or the reason it was refused. Refusals are per path: the test holds both to the list. */
function decode(name: string, p: DecodePath): { documents?: any[]; refused?: string; fast?: boolean } {
  const bytes = _decodeBytes(fs.readFileSync(path.join(CORPUS, `${name}.yaml`)));
  if ('error' in bytes) return { refused: bytes.error };
  const r = _decodeYaml(bytes.text, p);
  if (r.errors.length > 0) return { refused: r.errors.map(e => e.message).join('; '), fast: r.fast };
  return { documents: r.documents.map(d => d.value), fast: r.fast };
}

describe('YAML differential corpus (go-yaml v2 + sigs.k8s.io/yaml)', () => {
  test('has at least 60 cases, each with the JSON go-yaml produced', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(60);
    for (const c of CASES) expect(fs.existsSync(path.join(CORPUS, `${c}.json`))).toBe(true);
  });

  for (const p of ['auto', 'js-yaml', 'exact'] as DecodePath[]) {
    describe(`${p} path`, () => {
      test.each(CASES)('%s: same documents as go-yaml, or refused', name => {
        const expected = JSON.parse(fs.readFileSync(path.join(CORPUS, `${name}.json`), 'utf8'));
        const got = decode(name, p);
        if (expected.error !== undefined) {
          expect(got).toEqual(expect.objectContaining({ refused: expect.any(String) }));
        } else if (got.refused !== undefined) {
          expect({ name, refused: got.refused, deliberate: name in DELIBERATE_REFUSALS }).toEqual({ name, refused: got.refused, deliberate: true });
        } else {
          expect(JSON.parse(JSON.stringify(got.documents))).toEqual(expected.documents);
        }
      });
    });
  }

  test('refuses only the listed cases where go-yaml succeeds, and the fast path decodes the plain ones', () => {
    const refusals = CASES.filter(c => !JSON.parse(fs.readFileSync(path.join(CORPUS, `${c}.json`), 'utf8')).error && decode(c, 'exact').refused !== undefined);
    expect(refusals).toEqual(Object.keys(DELIBERATE_REFUSALS).filter(c => CASES.includes(c)).sort());
    const fast = CASES.filter(c => decode(c, 'auto').fast);
    expect(fast.length).toBeGreaterThan(CASES.length / 3);
  });
});
