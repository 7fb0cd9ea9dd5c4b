// SPDX-License-Identifier: Apache-2.0
import * as path from 'path';
import { ruleFiles, ruleLayoutProblems } from './rule-layout';
import * as entry from '../../src';
import { RulePacks } from '../../src/policy/packs/rule-packs';

const ROOT = path.join(__dirname, '..', '..');

describe('rules layout', () => {
  test('every rule file is exported, in at least one pack, and has a test file', () => {
    expect(ruleLayoutProblems(path.join(ROOT, 'src/policy/rules'), path.join(ROOT, 'test/policy/rules'), entry, RulePacks.all())).toEqual([]);
  });

  test('fails a rule file that is not exported, in no pack, without a test, or with two rules', () => {
    const dir = path.join(ROOT, 'test/fixtures/structure/rules');
    expect(ruleFiles(dir).map(f => path.basename(f))).toEqual(['orphan-rule.ts', 'two-rules.ts']);
    expect(ruleLayoutProblems(dir, path.join(ROOT, 'test/fixtures/structure/tests'), entry, RulePacks.all())).toEqual([
      'demo/orphan-rule.ts: OrphanRule is not exported from the package entry (add it to the folder\'s index.ts)',
      'demo/orphan-rule.ts: OrphanRule (TEST-ORPHAN-001) is in no pack',
      'demo/orphan-rule.ts: has no test file test/fixtures/structure/tests/demo/orphan-rule.test.ts',
      'demo/two-rules.ts: must export exactly one rule class (found 2)',
    ]);
  });
});
