// SPDX-License-Identifier: Apache-2.0
import { Testing } from 'cdk8s';
import { SecureRegistryChart } from '../../examples/secure-registry/main';
import { Checker, RulePacks } from '../../src';
import { synthValid } from '../util';

describe('examples/secure-registry', () => {
  test('synthesizes schema-valid objects (snapshot)', () => {
    expect(synthValid(new SecureRegistryChart(Testing.app(), 'secure-registry'))).toMatchSnapshot();
  });

  test('passes every rule pack with zero unsuppressed findings (tag-only image pins suppressed with a reason)', () => {
    const report = new Checker({ packs: RulePacks.all() }).check(synthValid(new SecureRegistryChart(Testing.app(), 'secure-registry')));
    expect(report.findings.filter(f => !f.suppressed).map(f => `${f.ruleId} ${f.kind}/${f.name} ${f.path}: ${f.message}`)).toEqual([]);
    expect(report.unmatchedSuppressions).toEqual([]);
    expect([...new Set(report.findings.filter(f => f.suppressed).map(f => f.ruleId))]).toEqual(['HARDEN-WL-004']);
  });
});
