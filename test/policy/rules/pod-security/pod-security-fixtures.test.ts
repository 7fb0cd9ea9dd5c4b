// SPDX-License-Identifier: Apache-2.0
/**
 * Table-driven test over test/fixtures/manifests/HARDEN-PSS-NNN/*.yaml. Each fixture is one object
 * whose comment header states the expected findings of its directory's rule (count and JSON
 * pointers) and of every other Pod Security rule (`other-pod-security-findings`, default none).
 */
import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { POD_BEARING_KINDS } from './_helpers';
import { IRule } from '../../../../src/policy/engine/rule';
import { PodSecurityBaselinePack } from '../../../../src/policy/packs/pod-security-baseline-pack';
import { PodSecurityRestrictedPack } from '../../../../src/policy/packs/pod-security-restricted-pack';
import { validateManifests } from '../../../util';

const ROOT = path.join(__dirname, '..', '..', '..', 'fixtures', 'manifests');

const RULES = new Map<string, IRule>();
for (const r of [...PodSecurityBaselinePack.baselineRules(), ...PodSecurityRestrictedPack.restrictedRules()]) RULES.set(r.metadata.id, r);

interface Fixture {
  readonly ruleId: string;
  readonly file: string;
  readonly obj: any;
  readonly count: number;
  readonly paths: string[];
  readonly others: Record<string, number>;
}

function load(ruleId: string, file: string): Fixture {
  const text = fs.readFileSync(path.join(ROOT, ruleId, file), 'utf8');
  const docs = parseAllDocuments(text);
  if (!Array.isArray(docs) || docs.length !== 1) throw new Error(`${ruleId}/${file}: expected exactly one YAML document`);
  const header = (re: RegExp) => text.split('\n').filter(l => l.startsWith('#')).map(l => re.exec(l)?.[1]).filter((x): x is string => x !== undefined);
  const [count] = header(/^# expected-findings: (\d+)$/);
  const [others] = header(/^# other-pod-security-findings: (.+)$/);
  if (count === undefined || others === undefined) throw new Error(`${ruleId}/${file}: header lacks expected-findings or other-pod-security-findings`);
  const otherMap: Record<string, number> = {};
  if (others !== 'none') {
    for (const kv of others.split(' ')) {
      const [id, n] = kv.split('=');
      otherMap[id] = Number(n);
    }
  }
  return { ruleId, file, obj: docs[0].toJS(), count: Number(count), paths: header(/^# expected-path: (\S+)$/), others: otherMap };
}

const ruleDirs = fs.readdirSync(ROOT).filter(d => d.startsWith('HARDEN-PSS-')).sort();
const fixtures: Fixture[] = ruleDirs.flatMap(d => fs.readdirSync(path.join(ROOT, d)).filter(f => f.endsWith('.yaml')).sort().map(f => load(d, f)));

describe('Pod Security Standards fixtures', () => {
  test('there is a fixture directory for every rule and a rule for every directory', () => {
    expect(ruleDirs).toEqual([...RULES.keys()].sort());
  });

  test.each(fixtures.map(f => [`${f.ruleId}/${f.file}`, f] as [string, Fixture]))('%s', (_name, fx) => {
    // Self-consistent header: name, count and paths agree.
    expect(fx.file).toMatch(/^(compliant|non-compliant)(-[a-z0-9-]+)?\.yaml$/);
    expect(fx.file.startsWith('compliant')).toBe(fx.count === 0);
    expect(fx.paths).toHaveLength(fx.count);
    // Insecure, but well-formed.
    validateManifests([fx.obj]);

    const context = { objects: [fx.obj] };
    const own = RULES.get(fx.ruleId)!.check(fx.obj, context);
    expect(own.map(v => v.path)).toEqual(fx.paths);
    for (const v of own) expect(v.message.length).toBeGreaterThan(10);

    for (const [id, rule] of RULES) {
      if (id === fx.ruleId) continue;
      expect({ id, count: rule.check(fx.obj, context).length }).toEqual({ id, count: fx.others[id] ?? 0 });
    }
  });

  test('the fixtures cover every pod-bearing kind, init and ephemeral containers, and non-pod kinds', () => {
    const kinds = new Set(fixtures.map(f => f.obj.kind));
    for (const k of [...POD_BEARING_KINDS, 'ConfigMap']) expect(kinds.has(k)).toBe(true);
    const text = fixtures.map(f => JSON.stringify(f.obj)).join('\n');
    expect(text).toContain('"initContainers"');
    expect(text).toContain('"ephemeralContainers"');
  });

  test.each(ruleDirs)('%s has compliant and non-compliant fixtures', (dir) => {
    const mine = fixtures.filter(f => f.ruleId === dir);
    expect(mine.some(f => f.count === 0)).toBe(true);
    expect(mine.some(f => f.count > 0)).toBe(true);
  });
});
