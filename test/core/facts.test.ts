// SPDX-License-Identifier: Apache-2.0
/**
 * One decision, one home: each security fact list lives in exactly one module under src/core/, and every
 * construct, rule and CEL expression reads it from there. This test fails when another file in src/ spells
 * out a second copy (enough of a list's members as quoted literals to be a copy).
 */
import * as fs from 'fs';
import * as path from 'path';
import { _DIGEST_ALGORITHMS } from '../../src/core/_image-reference';
import {
  _BASELINE_CAPABILITIES, _RESTRICTED_VOLUME_TYPES, _SAFE_SYSCTLS, _SECCOMP_TYPES, _SELINUX_TYPES,
} from '../../src/core/_pod-security-standards';
import { _ESCALATION_VERBS, _PRIVILEGED_SUBJECTS, _TAKEOVER_SUBRESOURCES } from '../../src/core/_rbac-risks';

const SRC = path.join(__dirname, '..', '..', 'src');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(e => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'imports' ? [] : sourceFiles(full);
    return e.name.endsWith('.ts') ? [full] : [];
  }).sort();
}

interface Fact {
  readonly name: string;
  readonly home: string;
  readonly members: readonly string[];
  /** How many members quoted in one file make a copy. */
  readonly copyAt: number;
  /** Count only members quoted inside one array literal (the members are also a wider vocabulary, e.g. `Verb`). */
  readonly inOneArray?: boolean;
}

const FACTS: Fact[] = [
  { name: 'baseline capabilities', home: 'core/_pod-security-standards.ts', members: _BASELINE_CAPABILITIES, copyAt: 3 },
  { name: 'restricted volume types', home: 'core/_pod-security-standards.ts', members: _RESTRICTED_VOLUME_TYPES, copyAt: 4 },
  { name: 'safe sysctls', home: 'core/_pod-security-standards.ts', members: _SAFE_SYSCTLS, copyAt: 2 },
  { name: 'SELinux types', home: 'core/_pod-security-standards.ts', members: _SELINUX_TYPES.filter(t => t !== ''), copyAt: 2 },
  { name: 'seccomp types', home: 'core/_pod-security-standards.ts', members: _SECCOMP_TYPES, copyAt: 2 },
  { name: 'image-digest algorithms', home: 'core/_image-reference.ts', members: Object.keys(_DIGEST_ALGORITHMS).map(a => `${a}:`), copyAt: 2 },
  { name: 'RBAC takeover subresources', home: 'core/_rbac-risks.ts', members: Object.keys(_TAKEOVER_SUBRESOURCES), copyAt: 2 },
  { name: 'RBAC escalation verbs', home: 'core/_rbac-risks.ts', members: _ESCALATION_VERBS, copyAt: 3, inOneArray: true },
  { name: 'privileged RBAC subjects', home: 'core/_rbac-risks.ts', members: _PRIVILEGED_SUBJECTS, copyAt: 2 },
];

/** The code of a TypeScript file without its comments (JSDoc prose may name the members). */
function code(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
}

/**
 * Members of `fact` that the code spells as a single-quoted literal (the house quote style; messages use double
 * quotes inside templates), or, for digest algorithms, as a digest grammar (`sha256:[`, `sha512:<n>`, `{64}`).
 */
function quotedMembers(text: string, fact: Fact): string[] {
  const src = code(text);
  return fact.members.filter(m => {
    const escaped = m.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    if (fact.name === 'image-digest algorithms') {
      const alg = escaped.replace(/:$/, '');
      return new RegExp(`${alg}:\\[|${alg}:\\s*\\d|'@?${alg}:'`).test(src);
    }
    return new RegExp(`'${escaped}'`).test(src);
  });
}

function membersOf(text: string, fact: Fact): string[] {
  if (!fact.inOneArray) return quotedMembers(text, fact);
  const arrays = code(text).match(/\[[^[\]]*\]/g) ?? [];
  return arrays.map(a => quotedMembers(a, fact)).reduce((best, x) => (x.length > best.length ? x : best), [] as string[]);
}

function copies(fact: Fact, files: Array<{ rel: string; text: string }>): string[] {
  return files
    .filter(f => f.rel !== fact.home)
    .map(f => ({ rel: f.rel, found: membersOf(f.text, fact) }))
    .filter(f => f.found.length >= fact.copyAt)
    .map(f => `${f.rel}: ${f.found.join(', ')}`);
}

describe('security facts live in one file each', () => {
  const files = sourceFiles(SRC).map(f => ({ rel: path.relative(SRC, f).split(path.sep).join('/'), text: fs.readFileSync(f, 'utf8') }));

  test.each(FACTS.map(f => [f.name, f] as const))('%s: no copy outside its home module', (_name, fact) => {
    expect(membersOf(files.find(f => f.rel === fact.home)!.text, fact).length).toBeGreaterThanOrEqual(fact.copyAt);
    expect(copies(fact, files)).toEqual([]);
  });

  test('fails a file that spells out a second copy of a list', () => {
    const fact = FACTS.find(f => f.name === 'RBAC takeover subresources')!;
    const planted = [{ rel: 'rbac/_copy.ts', text: "const SENSITIVE = ['nodes/proxy', 'pods/attach', 'pods/exec'];" }];
    expect(copies(fact, planted)).toEqual(['rbac/_copy.ts: pods/exec, pods/attach, nodes/proxy']);
    const digests = FACTS.find(f => f.name === 'image-digest algorithms')!;
    expect(copies(digests, [{ rel: 'workload/_x.ts', text: 'const DIGEST = /^(sha256:[a-f0-9]{64}|sha512:[a-f0-9]{128})$/;' }])).toEqual(['workload/_x.ts: sha256:, sha512:']);
  });
});
