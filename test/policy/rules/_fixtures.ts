// SPDX-License-Identifier: Apache-2.0
/**
 * Test helper: loads the YAML fixtures of a rule from `test/fixtures/manifests/<rule-id>/`.
 *
 * Fixture files are named for their outcome (`compliant*.yaml`, `compliant-not-applicable*.yaml`,
 * `non-compliant*.yaml`, the convention the Pod Security fixtures share) and carry a
 * `# expected-findings: N` header plus one `# expected-path: <JSON pointer>` line per finding, in
 * the order the rule reports them. Every document of a file is checked with the whole file as
 * context, so cross-object rules use multi-document fixtures.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { _namespaceTargets } from '../../../src/policy/engine/_namespace-targets';
import { IRule, RuleViolation } from '../../../src/policy/engine/rule';
import { ContainerImageIsFromTrustedRegistry } from '../../../src/policy/rules/workload/container-image-is-from-trusted-registry';

export const FIXTURES_ROOT = path.join(__dirname, '..', '..', 'fixtures', 'manifests');

export interface Fixture {
  readonly file: string;
  readonly outcome: 'compliant' | 'non-compliant' | 'not-applicable';
  readonly expectedFindings: number;
  readonly expectedPaths: string[];
  readonly objects: any[];
}

/** The registry prefixes HARDEN-WL-010's fixtures are written for (built without prefixes, the rule checks nothing). */
export const FIXTURE_TRUSTED_REGISTRIES = ['ghcr.io/acme/', 'registry.example.com/'];

/** The rule as its fixtures expect it: configurable rules get the fixtures' configuration, others are returned as they are. */
export function configuredForFixtures(rule: IRule): IRule {
  return rule.metadata.id === ContainerImageIsFromTrustedRegistry.ID ? new ContainerImageIsFromTrustedRegistry(FIXTURE_TRUSTED_REGISTRIES) : rule;
}

/** Every fixture of a rule, sorted by file name. */
export function loadFixtures(ruleId: string): Fixture[] {
  const dir = path.join(FIXTURES_ROOT, ruleId);
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).filter(f => f.endsWith('.yaml')).sort().map(file => {
    const text = fs.readFileSync(path.join(dir, file), 'utf-8');
    const header = /^# expected-findings: (\d+)$/m.exec(text);
    if (!header) throw new Error(`${ruleId}/${file}: missing "# expected-findings: N" header`);
    const outcome = file.startsWith('non-compliant') ? 'non-compliant'
      : file.startsWith('compliant-not-applicable') ? 'not-applicable'
        : file.startsWith('compliant') ? 'compliant' : undefined;
    if (!outcome) throw new Error(`${ruleId}/${file}: name must start with compliant or non-compliant`);
    const expectedPaths = text.split('\n').map(l => /^# expected-path: (\S+)$/.exec(l)?.[1]).filter((x): x is string => x !== undefined);
    const objects = parseAllDocuments(text).map(d => {
      if (d.errors.length > 0) throw new Error(`${ruleId}/${file}: ${d.errors[0].message}`);
      return d.toJS();
    }).filter(o => o !== null && o !== undefined);
    return { file, outcome, expectedFindings: Number(header[1]), expectedPaths, objects };
  });
}

/** Runs a rule over every object of a fixture, with the fixture as context. */
export function runRule(rule: IRule, objects: any[]): RuleViolation[] {
  const context = { objects };
  // As the engine does: namespace-level rules also see a synthetic Namespace per undeclared namespace.
  const synthetic = rule.metadata.namespaceLevel ? _namespaceTargets(objects.map(object => ({ object }))).map(t => t.object) : [];
  return [...objects, ...synthetic].flatMap(o => rule.check(o, context));
}
