// SPDX-License-Identifier: Apache-2.0
/**
 * Structural check of the rules folder (the cfn-guard metadata-test idea): every rule file holds
 * exactly one rule class, which is exported from the package entry, included in at least one pack,
 * and has a test file at the mirrored path.
 */
import * as fs from 'fs';
import * as path from 'path';
import { _compareCodePoints } from '../../src/core/_compare';
import { IRulePack } from '../../src/policy/engine/rule';

/** Every rule file under `rulesDir`: `.ts`, not `_`-prefixed, not `index.ts`, sorted. */
export function ruleFiles(rulesDir: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => _compareCodePoints(a.name, b.name))) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') && !e.name.startsWith('_') && e.name !== 'index.ts') out.push(p);
    }
  };
  if (fs.existsSync(rulesDir)) walk(rulesDir);
  return out;
}

/** Every function (class) reachable from a module's exports, through namespace objects. */
export function exportedClasses(entry: any): Set<any> {
  const seen = new Set<any>();
  const classes = new Set<any>();
  const visit = (v: any) => {
    if (!v || seen.has(v)) return;
    seen.add(v);
    if (typeof v === 'function') classes.add(v);
    else if (typeof v === 'object') for (const k of Object.keys(v)) visit(v[k]);
  };
  visit(entry);
  return classes;
}

function isRuleClass(v: any): boolean {
  if (typeof v !== 'function' || v.length !== 0) return false;
  try {
    const r = new v();
    return typeof r?.metadata?.id === 'string' && typeof r.check === 'function';
  } catch {
    return false;
  }
}

/** Problems of the rules layout; empty when every rule file follows the rules. */
export function ruleLayoutProblems(rulesDir: string, testsDir: string, entry: any, packs: IRulePack[]): string[] {
  const problems: string[] = [];
  const exported = exportedClasses(entry);
  const ids = new Map<string, string>();
  for (const file of ruleFiles(rulesDir)) {
    const rel = path.relative(rulesDir, file);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(file);
    const rules = Object.values(mod).filter(isRuleClass) as any[];
    if (rules.length !== 1) {
      problems.push(`${rel}: must export exactly one rule class (found ${rules.length})`);
      continue;
    }
    const cls = rules[0];
    const id: string = new cls().metadata.id;
    if (ids.has(id)) problems.push(`${rel}: rule id ${id} is also used by ${ids.get(id)}`);
    ids.set(id, rel);
    if (!exported.has(cls)) problems.push(`${rel}: ${cls.name} is not exported from the package entry (add it to the folder's index.ts)`);
    if (!packs.some(p => p.entries.some(e => e.rule instanceof cls))) problems.push(`${rel}: ${cls.name} (${id}) is in no pack`);
    const testFile = path.join(testsDir, rel.replace(/\.ts$/, '.test.ts'));
    if (!fs.existsSync(testFile)) problems.push(`${rel}: has no test file ${path.relative(process.cwd(), testFile)}`);
  }
  return problems;
}
