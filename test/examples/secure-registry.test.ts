// SPDX-License-Identifier: Apache-2.0
import * as fs from 'fs';
import * as path from 'path';
import { Testing } from 'cdk8s';
import { flowContext, flowMatrix, SecureRegistryChart } from '../../examples/secure-registry/main';
import { Checker, Reachability, RulePacks } from '../../src';
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

  test('the flow picture in docs/secure-registry.md is the Mermaid flowchart `npm run example` writes (with DNS, ingress controller, Prometheus)', () => {
    const reach = Reachability.fromObjects([...synthValid(new SecureRegistryChart(Testing.app(), 'secure-registry')), ...flowContext], flowMatrix);
    const doc = fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'secure-registry.md'), 'utf8');
    const block = /<!-- flows:begin[^>]*-->\n```mermaid\n([\s\S]*?)```\n<!-- flows:end -->/.exec(doc);
    expect(block).not.toBeNull();
    expect(block![1]).toBe(reach.toMermaid());
    // The README carries the same picture between <!-- secure-registry-flows:begin/end -->.
    const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
    const inReadme = /<!-- secure-registry-flows:begin -->\n```mermaid\n([\s\S]*?)```\n<!-- secure-registry-flows:end -->/.exec(readme);
    expect(inReadme?.[1]).toBe(reach.toMermaid());
    expect(reach.flowLines()).toEqual(expect.arrayContaining([
      'harbor/harbor-trivy -> harbor/harbor-redis TCP/6379',
      'ingress-nginx/ingress-nginx-controller -> harbor/harbor-portal TCP/8443',
      'monitoring/prometheus -> harbor/harbor-exporter TCP/8001',
      'harbor/harbor-redis -> kube-system/coredns TCP/53, UDP/53',
    ]));
  });
});
