// SPDX-License-Identifier: Apache-2.0
/**
 * Table-driven: every fixture of every HardenedWorkloads, LeastPrivilegeRbac, NetworkIsolation
 * and SecretsHygiene rule, checked for verdict and finding count. Every fixture is also
 * schema-validated, so fixtures stay real Kubernetes manifests.
 */
import { configuredForFixtures, loadFixtures, runRule } from './_fixtures';
import { IRule } from '../../../src/policy/engine/rule';
import * as network from '../../../src/policy/rules/network';
import * as rbac from '../../../src/policy/rules/rbac';
import * as secrets from '../../../src/policy/rules/secrets';
import * as workload from '../../../src/policy/rules/workload';
import { validateManifests } from '../../util';

const RULES: IRule[] = [workload, rbac, network, secrets]
  .flatMap(mod => Object.values(mod))
  .map((Rule: any) => configuredForFixtures(new Rule() as IRule));

describe.each(RULES.map(r => [r.metadata.id, r] as const))('%s fixtures', (id, rule) => {
  const fixtures = loadFixtures(id);

  test('has compliant, non-compliant and compliant-not-applicable fixtures', () => {
    const outcomes = new Set(fixtures.map(f => f.outcome));
    expect([...outcomes].sort()).toEqual(['compliant', 'non-compliant', 'not-applicable']);
  });

  test.each(fixtures.map(f => [f.file, f] as const))('%s', (_file, fixture) => {
    validateManifests(fixture.objects);
    const findings = runRule(rule, fixture.objects);
    if (fixture.outcome === 'non-compliant') {
      expect(fixture.expectedFindings).toBeGreaterThan(0);
    } else {
      expect(fixture.expectedFindings).toBe(0);
    }
    expect(findings).toHaveLength(fixture.expectedFindings);
    expect(findings.map(f => f.path)).toEqual(fixture.expectedPaths);
    for (const f of findings) {
      expect(f.path).toMatch(/^\/\S*$/);
      expect(f.message.length).toBeGreaterThan(10);
    }
  });
});
