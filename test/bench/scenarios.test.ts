// SPDX-License-Identifier: Apache-2.0
// The benchmark's scenario builders build what docs/performance.md says they measure. No timing here.
import { Chart } from 'cdk8s';
import { buildPlainApp, buildRegistryApp, buildTenantApp, cdk8sYaml, floorYaml, synthObjects } from '../../bench/scenarios';
import { Checker, RulePacks } from '../../src';
import { synthValid } from '../util';

const onlyChart = (app: { charts: Chart[] }): Chart => {
  expect(app.charts).toHaveLength(1);
  return app.charts[0];
};

describe('bench/scenarios', () => {
  test('a tenant is a namespace (with its guardrails), a least-privilege service account and a hardened deployment', () => {
    const objects = synthValid(onlyChart(buildTenantApp(2)));
    const kinds = objects.map(o => `${o.metadata.namespace ?? o.metadata.name} ${o.kind}`).sort();
    const perTenant = (ns: string) => ['Deployment', 'LimitRange', 'Namespace', 'NetworkPolicy', 'NetworkPolicy', 'PodDisruptionBudget',
      'ResourceQuota', 'Role', 'RoleBinding', 'ServiceAccount'].map(k => `${ns} ${k}`);
    expect(kinds).toEqual([...perTenant('tenant-00000'), ...perTenant('tenant-00001')]);
    const deployment = objects.find(o => o.kind === 'Deployment' && o.metadata.namespace === 'tenant-00001');
    expect(deployment.spec.template.spec.serviceAccountName).toBe('app');
  });

  test('tenants and the registry stack pass every rule pack without unsuppressed findings', () => {
    for (const app of [buildTenantApp(2), buildRegistryApp()]) {
      const report = new Checker({ packs: RulePacks.all() }).check(synthValid(onlyChart(app)));
      expect(report.findings.filter(f => !f.suppressed).map(f => `${f.ruleId} ${f.kind}/${f.name}: ${f.message}`)).toEqual([]);
    }
  });

  test('plain cdk8s and the yaml floor produce the same bytes as our synthesis', () => {
    const app = buildTenantApp(3);
    const ours = app.synthYaml();
    const objects = synthObjects(app);
    expect(objects).toHaveLength(30);
    expect(buildPlainApp(objects).synthYaml()).toBe(ours);
    expect(floorYaml(objects)).toBe(ours);
    expect(cdk8sYaml(objects)).toBe(ours);
  });
});
