// SPDX-License-Identifier: Apache-2.0
/** Structure of the Pod Security rule folder: every rule file is exported, packed, tested, and has a fixture directory. */
import * as fs from 'fs';
import * as path from 'path';
import { PodSecurityBaselinePack } from '../../../../src/policy/packs/pod-security-baseline-pack';
import { PodSecurityRestrictedPack } from '../../../../src/policy/packs/pod-security-restricted-pack';
import * as podSecurity from '../../../../src/policy/rules/pod-security';

const SRC = path.join(__dirname, '..', '..', '..', '..', 'src', 'policy', 'rules', 'pod-security');
const FIXTURES = path.join(__dirname, '..', '..', '..', 'fixtures', 'manifests');
const ruleFiles = fs.readdirSync(SRC).filter(f => f.endsWith('.ts') && !f.startsWith('_') && f !== 'index.ts').sort();
const toClass = (file: string) => file.replace(/\.ts$/, '').split('-').map(w => w[0].toUpperCase() + w.substring(1)).join('');

describe('pod-security rules folder', () => {
  const packed = new Set([...new PodSecurityBaselinePack().entries, ...new PodSecurityRestrictedPack().entries].map(e => e.rule.metadata.id));
  const exported = podSecurity as Record<string, any>;

  test('there are exactly 19 rule files, one per Pod Security Admission check', () => {
    expect(ruleFiles).toHaveLength(19);
  });

  test.each(ruleFiles)('%s: exported class named after the file, in a pack, with a test file and fixtures', (file) => {
    const cls = exported[toClass(file)];
    expect(cls).toBeDefined();
    const rule = new cls();
    expect(rule.metadata.name).toBe(toClass(file));
    expect(rule.metadata.id).toBe(cls.ID);
    expect(packed.has(cls.ID)).toBe(true);
    expect(fs.existsSync(path.join(__dirname, file.replace(/\.ts$/, '.test.ts')))).toBe(true);
    expect(fs.existsSync(path.join(FIXTURES, cls.ID))).toBe(true);
  });

  test('ids and PSS check ids are unique', () => {
    const classes = ruleFiles.map(f => exported[toClass(f)]);
    expect(new Set(classes.map(c => c.ID)).size).toBe(19);
    expect(new Set(classes.map(c => c.PSS_CHECK_ID)).size).toBe(19);
  });
});
