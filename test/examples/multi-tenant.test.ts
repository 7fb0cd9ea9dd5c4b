// SPDX-License-Identifier: Apache-2.0
import { Testing } from 'cdk8s';
import { MultiTenantChart } from '../../examples/multi-tenant/main';
import { Checker, RulePacks } from '../../src';
import { findAll, synthValid } from '../util';

describe('examples/multi-tenant', () => {
  test('synthesizes schema-valid objects (snapshot)', () => {
    const chart = new MultiTenantChart(Testing.app(), 'multi-tenant');
    expect(synthValid(chart)).toMatchSnapshot();
  });

  test('passes every rule pack with zero findings', () => {
    const chart = new MultiTenantChart(Testing.app(), 'multi-tenant');
    const report = new Checker({ packs: RulePacks.all() }).check(synthValid(chart));
    expect(report.findings.map(f => `${f.ruleId} ${f.kind}/${f.name} ${f.path}: ${f.message}`)).toEqual([]);
    expect(report.objectsChecked).toBeGreaterThan(0);
  });

  test('three tenants, each with a restricted namespace, its own service account and a hardened deployment', () => {
    const objects = synthValid(new MultiTenantChart(Testing.app(), 'multi-tenant'));
    expect(findAll(objects, 'Namespace').map(n => [n.metadata.name, n.metadata.labels['pod-security.kubernetes.io/enforce']]))
      .toEqual([['storefront', 'restricted'], ['orders', 'restricted'], ['payments', 'restricted']]);
    for (const d of findAll(objects, 'Deployment')) {
      const sa = d.spec.template.spec.serviceAccountName;
      expect(findAll(objects, 'ServiceAccount').filter(s => s.metadata.name === sa && s.metadata.namespace === d.metadata.namespace)).toHaveLength(1);
      expect(d.spec.template.spec.automountServiceAccountToken).toBe(false);
    }
  });

  test('is deterministic: two synths give identical output', () => {
    const a = JSON.stringify(Testing.synth(new MultiTenantChart(Testing.app(), 'multi-tenant')));
    const b = JSON.stringify(Testing.synth(new MultiTenantChart(Testing.app(), 'multi-tenant')));
    expect(a).toBe(b);
  });
});
