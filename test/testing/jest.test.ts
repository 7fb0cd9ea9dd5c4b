// SPDX-License-Identifier: Apache-2.0
import { ApiObject, Testing } from 'cdk8s';
import { HardenedNamespace } from '../../src/namespace/hardened-namespace';
import { ClusterStubs } from '../../src/network/reachability/cluster-stubs';
import { Reachability } from '../../src/network/reachability/reachability';
import { matchers } from '../../src/testing/jest';
import { HardenedDeployment } from '../../src/workload/hardened-deployment';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    interface Matchers<R> {
      toHaveNoFindings(packs?: any[]): R;
      toAllowFlow(from: string, to: string, port: number | string): R;
      toDenyFlow(from: string, to: string, port: number | string): R;
    }
  }
}

const IMAGE = `registry.example.com/shop/web:1.0.0@sha256:${'ab'.repeat(32)}`;

function shop() {
  const chart = Testing.chart();
  const ns = new HardenedNamespace(chart, 'Ns', { name: 'shop' });
  new HardenedDeployment(chart, 'Web', { name: 'web', namespace: ns, labels: { app: 'web' }, containers: [{ image: IMAGE, portNumber: 8080 }] });
  new HardenedDeployment(chart, 'Db', { name: 'db', namespace: ns, labels: { app: 'db' }, containers: [{ image: IMAGE, portNumber: 5432 }] });
  ns.allowIngressFromIngressController({ ports: [{ port: 8080 }], targetPodLabels: { app: 'web' } });
  return chart;
}

const reach = () => Reachability.of(shop(), { stubs: [ClusterStubs.coreDns(), ClusterStubs.ingressNginx()] });
const ctx = { isNot: false };

describe('cdk8s-hardened/jest matchers', () => {
  test('toHaveNoFindings passes on a hardened chart and fails on an insecure one with the report table', () => {
    expect(shop()).toHaveNoFindings();
    expect(shop()).toHaveNoFindings(['PodSecurityRestricted']);
    const bad = Testing.chart();
    new ApiObject(bad, 'pod', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'root', namespace: 'shop' }, spec: { containers: [{ name: 'a', image: 'a:latest' }] } });
    expect(bad).not.toHaveNoFindings(['PodSecurityRestricted']);
    const r = matchers.toHaveNoFindings.call(ctx, bad, ['PodSecurityRestricted']);
    expect(r.pass).toBe(false);
    expect(r.message()).toMatch(/^expected no findings from PodSecurityRestricted, found \d+:\n\nSEVERITY\s+RULE/);
    expect(r.message()).toMatch(/How to fix:/);
  });

  test('toAllowFlow / toDenyFlow with the DNS and ingress stubs; ports as numbers, "UDP/53" or named', () => {
    expect(reach()).toAllowFlow('shop/web', 'kube-system/coredns', 'UDP/53');
    expect(reach()).toAllowFlow('shop/web', 'kube-system/coredns', 'dns-tcp');
    expect(reach()).toAllowFlow('ingress-nginx/ingress-nginx-controller', 'shop/web', 8080);
    expect(reach()).toDenyFlow('ingress-nginx/ingress-nginx-controller', 'shop/db', 5432);
    expect(reach()).toDenyFlow('shop/web', 'shop/db', 5432);
    expect(reach()).not.toDenyFlow('shop/web', 'kube-system/coredns', 'UDP/53');
  });

  test('failure messages explain both sides of the verdict', () => {
    const denied = matchers.toAllowFlow.call(ctx, reach(), 'shop/web', 'shop/db', 5432);
    expect(denied.pass).toBe(false);
    expect(denied.message()).toMatch(/^expected shop\/web -> shop\/db TCP\/5432 to be allowed, but it is denied:\nshop\/web -> shop\/db TCP\/5432 is denied: /);
    expect(denied.message()).toMatch(/\n  egress of shop\/web: .*\n  ingress of shop\/db: /);
    const allowed = matchers.toDenyFlow.call(ctx, reach(), 'ingress-nginx/ingress-nginx-controller', 'shop/web', 8080);
    expect(allowed.pass).toBe(false);
    expect(allowed.message()).toMatch(/to be denied, but it is allowed:[\s\S]*rules: shop\/allow-ingress-from-ingress-controller/);
  });

  test('throws on something that is not a Reachability, a construct or manifests, and on a bad port', () => {
    expect(() => matchers.toAllowFlow.call(ctx, 42, 'a/b', 'c/d', 80)).toThrow(/toAllowFlow: expected a Reachability, a construct or a list of manifests, got number/);
    expect(() => matchers.toAllowFlow.call(ctx, reach(), 'shop/web', 'shop/db', 'TCP/')).toThrow();
  });
});
