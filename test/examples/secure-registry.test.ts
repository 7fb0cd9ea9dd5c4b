// SPDX-License-Identifier: Apache-2.0
import * as fs from 'fs';
import * as path from 'path';
import { Testing } from 'cdk8s';
import { flowContext, flowMatrix, prerequisites, SecureRegistryChart } from '../../examples/secure-registry/main';
import { Checker, Reachability, RulePacks } from '../../src';
import { synthValid } from '../util';

describe('examples/secure-registry', () => {
  test('synthesizes schema-valid objects (snapshot)', () => {
    expect(synthValid(new SecureRegistryChart(Testing.app(), 'secure-registry'))).toMatchSnapshot();
  });

  test('npm run example names the prerequisites, Stakater Reloader among them (without it internal TLS breaks at expiry)', () => {
    const app = Testing.app();
    new SecureRegistryChart(app, 'secure-registry');
    const lines = prerequisites(app);
    expect(lines.map(p => p.split(/[ :(]/)[0])).toEqual(['cert-manager', 'Stakater', 'External']);
    expect(lines[1]).toMatch(/Reloader/);
  });

  test('passes every rule pack with zero unsuppressed findings (tag-only image pins and env Secrets suppressed with a reason)', () => {
    const report = new Checker({ packs: RulePacks.all() }).check(synthValid(new SecureRegistryChart(Testing.app(), 'secure-registry')));
    expect(report.findings.filter(f => !f.suppressed).map(f => `${f.ruleId} ${f.kind}/${f.name} ${f.path}: ${f.message}`)).toEqual([]);
    expect(report.unmatchedSuppressions).toEqual([]);
    expect([...new Set(report.findings.filter(f => f.suppressed).map(f => f.ruleId))].sort()).toEqual(['HARDEN-WL-004', 'HARDEN-WL-018']);
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
    // Pinned exactly: every flow of the example, no more (core -> core: replication through CORE_URL; core -> ghcr.io:
    // the scanner's databases through Harbor's proxy cache, trivy itself has no egress).
    reach.assertFlowLines([
      '* -> ingress-nginx/ingress-nginx-controller any',
      '* -> kube-system/coredns any',
      '* -> monitoring/prometheus any',
      'harbor/harbor-core -> ghcr-io TCP/443',
      'harbor/harbor-core -> ghcr-io-blobs TCP/443',
      'harbor/harbor-core -> harbor/harbor-core TCP/8443',
      'harbor/harbor-core -> harbor/harbor-database TCP/5432',
      'harbor/harbor-core -> harbor/harbor-jobservice TCP/8443',
      'harbor/harbor-core -> harbor/harbor-portal TCP/8443',
      'harbor/harbor-core -> harbor/harbor-redis TCP/6379',
      'harbor/harbor-core -> harbor/harbor-registry TCP/5443, TCP/8443',
      'harbor/harbor-core -> harbor/harbor-trivy TCP/8443',
      'harbor/harbor-core -> kube-system/coredns TCP/53, UDP/53',
      'harbor/harbor-database -> kube-system/coredns TCP/53, UDP/53',
      'harbor/harbor-exporter -> harbor/harbor-core TCP/8443',
      'harbor/harbor-exporter -> harbor/harbor-database TCP/5432',
      'harbor/harbor-exporter -> harbor/harbor-redis TCP/6379',
      'harbor/harbor-exporter -> kube-system/coredns TCP/53, UDP/53',
      'harbor/harbor-jobservice -> harbor/harbor-core TCP/8443',
      'harbor/harbor-jobservice -> harbor/harbor-database TCP/5432',
      'harbor/harbor-jobservice -> harbor/harbor-redis TCP/6379',
      'harbor/harbor-jobservice -> harbor/harbor-registry TCP/5443, TCP/8443',
      'harbor/harbor-jobservice -> harbor/harbor-trivy TCP/8443',
      'harbor/harbor-jobservice -> kube-system/coredns TCP/53, UDP/53',
      'harbor/harbor-portal -> kube-system/coredns TCP/53, UDP/53',
      'harbor/harbor-redis -> kube-system/coredns TCP/53, UDP/53',
      'harbor/harbor-registry -> harbor/harbor-redis TCP/6379',
      'harbor/harbor-registry -> kube-system/coredns TCP/53, UDP/53',
      'harbor/harbor-trivy -> harbor/harbor-core TCP/8443',
      'harbor/harbor-trivy -> harbor/harbor-redis TCP/6379',
      'harbor/harbor-trivy -> kube-system/coredns TCP/53, UDP/53',
      'ingress-nginx/ingress-nginx-controller -> * any',
      'ingress-nginx/ingress-nginx-controller -> harbor/harbor-core TCP/8443',
      'ingress-nginx/ingress-nginx-controller -> harbor/harbor-portal TCP/8443',
      'kube-system/coredns -> * any',
      'monitoring/prometheus -> * any',
      'monitoring/prometheus -> harbor/harbor-core TCP/8001',
      'monitoring/prometheus -> harbor/harbor-exporter TCP/8001',
      'monitoring/prometheus -> harbor/harbor-jobservice TCP/8001',
      'monitoring/prometheus -> harbor/harbor-registry TCP/8001',
    ]);
  });
});
