// SPDX-License-Identifier: Apache-2.0
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, Testing } from 'cdk8s';
import { run } from '../../../src/cli/main';
import { HardenedNamespace } from '../../../src/namespace/hardened-namespace';
import { ClusterStub, ClusterStubs } from '../../../src/network/reachability/cluster-stubs';
import { FlowProtocol, Reachability } from '../../../src/network/reachability/reachability';
import { HardenedDeployment } from '../../../src/workload/hardened-deployment';
import { synthValid } from '../../util';

const IMAGE = `registry.example.com/shop/web:1.0.0@sha256:${'ab'.repeat(32)}`;

/** A hardened namespace with one web Deployment, reachable from the ingress controller on 8080. */
function shop() {
  const chart = Testing.chart();
  const ns = new HardenedNamespace(chart, 'Ns', { name: 'shop' });
  new HardenedDeployment(chart, 'Web', { name: 'web', namespace: ns, labels: { app: 'web' }, containers: [{ image: IMAGE, portNumber: 8080 }] });
  ns.allowIngressFromIngressController({ ports: [{ port: 8080 }] });
  return chart;
}

describe('ClusterStubs', () => {
  test('coreDns: the default DNS egress of a HardenedNamespace reaches it on UDP and TCP 53, nothing else', () => {
    const reach = Reachability.of(shop(), { stubs: [ClusterStubs.coreDns()] });
    expect(reach.isAllowed({ from: 'shop/web', to: 'kube-system/coredns', port: 53, protocol: FlowProtocol.UDP })).toBe(true);
    expect(reach.isAllowed({ from: 'shop/web', to: 'kube-system/coredns', portName: 'dns-tcp' })).toBe(true);
    expect(reach.isAllowed({ from: 'shop/web', to: 'kube-system/coredns', port: 9153 })).toBe(false);
  });

  test('ingressNginx: allowIngressFromIngressController admits it on the listed port only', () => {
    const reach = Reachability.of(shop(), { stubs: [ClusterStubs.ingressNginx()] });
    expect(reach.isAllowed({ from: 'ingress-nginx/ingress-nginx-controller', to: 'shop/web', port: 8080 })).toBe(true);
    expect(reach.isAllowed({ from: 'ingress-nginx/ingress-nginx-controller', to: 'shop/web', port: 9090 })).toBe(false);
  });

  test('configurable labels: a controller labelled differently is not the one the policy admits', () => {
    const other = ClusterStubs.ingressNginx({ labels: { 'app.kubernetes.io/name': 'traefik' } });
    const reach = Reachability.of(shop(), { stubs: [other] });
    expect(reach.isAllowed({ from: 'ingress-nginx/ingress-nginx-controller', to: 'shop/web', port: 8080 })).toBe(false);
  });

  test('prometheus(namespace) runs where it is told; manifests are schema-valid Pods', () => {
    const p = ClusterStubs.prometheus('observability');
    expect(p.id).toBe('observability/prometheus');
    expect(p.labels).toEqual({ 'app.kubernetes.io/name': 'prometheus' });
    const chart = Testing.chart();
    for (const [i, o] of [...p.toManifests(), ...ClusterStubs.coreDns({ namespaceLabels: { tier: 'system' } }).toManifests()].entries()) {
      new ApiObject(chart, `o${i}`, o);
    }
    expect(synthValid(chart).map(o => `${o.kind} ${o.metadata.namespace ?? ''}/${o.metadata.name}`)).toEqual([
      'Pod observability/prometheus', 'Namespace /kube-system', 'Pod kube-system/coredns',
    ]);
  });

  test('namespaces: flows keep only those with an end in the namespaces under test', () => {
    const reach = Reachability.of(shop(), { stubs: [ClusterStubs.coreDns(), ClusterStubs.ingressNginx()], namespaces: ['shop'] });
    expect(reach.flowLines().every(l => /(^| )shop\//.test(l))).toBe(true);
    const all = Reachability.of(shop(), { stubs: [ClusterStubs.coreDns(), ClusterStubs.ingressNginx()] });
    expect(all.flowLines().some(l => !/(^| )shop\//.test(l))).toBe(true);
  });

  test('throws on a stub without labels, a bad port, an unknown name, and a bad namespace under test', () => {
    expect(() => new ClusterStub({ namespace: 'a', name: 'b', labels: {} })).toThrow(/labels are required/);
    expect(() => new ClusterStub({ namespace: 'a', name: 'b', labels: { x: 'y' }, ports: [{ port: 70000 }] })).toThrow(/port 70000 must be a whole number/);
    expect(() => ClusterStubs.byName('kube-dns')).toThrow(/Unknown cluster stub "kube-dns": use one of coredns, ingress-nginx, prometheus/);
    expect(() => Reachability.fromObjects([], { namespaces: ['Shop'] })).toThrow(/Invalid namespace under test "Shop"/);
  });

  test('graph --stub adds stand-ins, --namespace filters the flows; an unknown stub exits 2', async () => {
    const objects = JSON.stringify({ apiVersion: 'v1', kind: 'List', items: synthValid(shop()) });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-hardened-stubs-'));
    try {
      fs.writeFileSync(path.join(dir, 'shop.json'), objects);
      let out = '';
      let err = '';
      const io = { stdout: (s: string) => { out += s; }, stderr: (s: string) => { err += s; }, readStdin: async () => '' };
      expect(await run(['graph', dir, '--stub', 'coredns', '--stub', 'ingress-nginx', '--namespace', 'shop'], io)).toBe(0);
      expect(out).toMatch(/^ingress-nginx\/ingress-nginx-controller\s+shop\/web\s+TCP\/8080$/m);
      expect(out).toMatch(/^shop\/web\s+kube-system\/coredns\s+.*UDP\/53/m);
      expect(await run(['graph', dir, '--stub', 'kube-dns'], io)).toBe(2);
      expect(err).toMatch(/Unknown cluster stub "kube-dns"/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
