// SPDX-License-Identifier: Apache-2.0
import * as fs from 'fs';
import * as path from 'path';
import { Testing } from 'cdk8s';
import { MultiTenantChart } from '../../examples/multi-tenant/main';
import { Checker, Reachability, RulePacks } from '../../src';
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

  describe('network flows (pinned with the reachability analysis)', () => {
    // Pods the chart does not create but talks to or must be kept from: the cluster DNS, the ingress controller and a
    // pod next to it, and a pod in another namespace carrying a tenant's labels. None of them has a NetworkPolicy.
    const pod = (namespace: string, name: string, labels: Record<string, string>) =>
      ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace, labels }, spec: { containers: [{ name, image: 'example' }] } });
    const cluster = [
      pod('kube-system', 'coredns', { 'k8s-app': 'kube-dns' }),
      pod('ingress-nginx', 'controller', { 'app.kubernetes.io/component': 'controller', 'app.kubernetes.io/name': 'ingress-nginx' }),
      pod('ingress-nginx', 'admission-webhook', { 'app.kubernetes.io/component': 'admission-webhook', 'app.kubernetes.io/name': 'ingress-nginx' }),
      pod('default', 'impostor', { 'app.kubernetes.io/name': 'storefront' }),
    ];
    const reach = () => Reachability.fromObjects([...synthValid(new MultiTenantChart(Testing.app(), 'multi-tenant')), ...cluster], {
      externals: [{ name: 'internet', cidr: '0.0.0.0/0' }],
    });

    test('allows exactly ingress controller -> storefront -> orders -> payments, plus DNS', () => {
      reach().assertFlowLines([
        // the unpoliced cluster pods: open both ways (not ours to isolate)
        '* -> default/impostor any',
        '* -> ingress-nginx/admission-webhook any',
        '* -> ingress-nginx/controller any',
        '* -> kube-system/coredns any',
        'default/impostor -> * any',
        'ingress-nginx/admission-webhook -> * any',
        'ingress-nginx/controller -> * any',
        'kube-system/coredns -> * any',
        // the tenants: only the chain and DNS
        'ingress-nginx/controller -> storefront/storefront TCP/8080',
        'storefront/storefront -> orders/orders TCP/8080',
        'orders/orders -> payments/payments TCP/8443',
        'storefront/storefront -> kube-system/coredns TCP/53, UDP/53',
        'orders/orders -> kube-system/coredns TCP/53, UDP/53',
        'payments/payments -> kube-system/coredns TCP/53, UDP/53',
      ]);
    });

    test('denies skipping a hop, wrong ports, look-alike pods, other controller pods and the internet', () => {
      const r = reach();
      expect(r.isAllowed({ from: 'storefront/storefront', to: 'payments/payments', port: 8443 })).toBe(false);
      expect(r.isAllowed({ from: 'storefront/storefront', to: 'orders/orders', port: 8443 })).toBe(false);
      expect(r.isAllowed({ from: 'default/impostor', to: 'orders/orders', port: 8080 })).toBe(false);
      expect(r.isAllowed({ from: 'ingress-nginx/admission-webhook', to: 'storefront/storefront', port: 8080 })).toBe(false);
      expect(r.isAllowed({ from: 'internet', to: 'storefront/storefront', port: 8080 })).toBe(false);
      expect(r.isAllowed({ from: 'payments/payments', to: 'internet', port: 443 })).toBe(false);
      expect(r.explain({ from: 'default/impostor', to: 'orders/orders', port: 8080 }).reason).toMatch(/orders\/default-deny-all/);
    });

    test("the README's Mermaid picture is the analysis of the chart with the cluster DNS and the ingress controller", () => {
      const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
      const block = /<!-- multi-tenant-flows:begin -->\n```mermaid\n([\s\S]*?)```\n<!-- multi-tenant-flows:end -->/.exec(readme);
      const objects = [...synthValid(new MultiTenantChart(Testing.app(), 'multi-tenant')), cluster[0], cluster[1]];
      expect(block?.[1].trimEnd()).toBe(Reachability.fromObjects(objects).toMermaid().trimEnd());
    });
  });
});
