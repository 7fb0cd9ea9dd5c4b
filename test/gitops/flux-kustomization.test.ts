// SPDX-License-Identifier: Apache-2.0
import { ApiObject, Duration, Testing } from 'cdk8s';
import { Checker, FluxKustomization, FluxSourceKind, HardenedNamespace, RulePacks } from '../../src';
import { findAll, findOne, synthValid } from '../util';

describe('FluxKustomization', () => {
  test('minimal definition', () => {
    const chart = Testing.chart();
    new FluxKustomization(chart, 'Shop', { path: './gitops/shop' });
    expect(synthValid(chart)).toMatchSnapshot();
  });

  test('defaultChild', () => {
    const chart = Testing.chart();
    const k = new FluxKustomization(chart, 'Shop', { path: './gitops/shop' });
    expect(ApiObject.of(k).kind).toBe('Kustomization');
  });

  test('defaults: flux-system source and namespace, 10m interval, no prune, wait for readiness', () => {
    const chart = Testing.chart();
    const k = new FluxKustomization(chart, 'Shop', { path: './gitops/shop' });
    const obj = findOne(synthValid(chart), 'Kustomization');
    expect(obj.metadata.namespace).toBe('flux-system');
    expect(obj.metadata.name).toBe(k.kustomizationName);
    expect(obj.spec.sourceRef).toEqual({ kind: 'GitRepository', name: 'flux-system' });
    expect(obj.spec.interval).toBe('10m');
    expect(obj.spec.prune).toBe(false);
    expect(obj.spec.wait).toBe(true);
    expect(obj.spec.dependsOn).toBeUndefined();
    expect(obj.spec.targetNamespace).toBeUndefined();
  });

  test('dependsOn orders folders; addDependency adds once; a dependency in another namespace is qualified', () => {
    const chart = Testing.chart();
    const cluster = new FluxKustomization(chart, 'Cluster', { path: './gitops/_cluster', name: 'cluster' });
    const shop = new FluxKustomization(chart, 'Shop', { path: './gitops/shop', name: 'shop', dependsOn: [cluster] });
    shop.addDependency(cluster);
    shop.addDependency(FluxKustomization.fromKustomizationName(chart, 'Infra', 'infra', 'platform'));
    const objs = synthValid(chart);
    expect(findAll(objs, 'Kustomization').find(o => o.metadata.name === 'shop').spec.dependsOn)
      .toEqual([{ name: 'cluster' }, { name: 'infra', namespace: 'platform' }]);
    expect(shop.dependsOn.length).toBe(2);
  });

  test('source kind and namespace, interval, prune, targetNamespace, serviceAccountName', () => {
    const chart = Testing.chart();
    new FluxKustomization(chart, 'Shop', {
      path: 'gitops/shop',
      sourceKind: FluxSourceKind.OCI_REPOSITORY,
      sourceName: 'platform',
      sourceNamespace: HardenedNamespace.fromNamespaceName(chart, 'Src', 'sources'),
      interval: Duration.minutes(90),
      prune: true,
      wait: false,
      targetNamespace: HardenedNamespace.fromNamespaceName(chart, 'Tgt', 'shop'),
      serviceAccountName: 'shop-reconciler',
    });
    const spec = findOne(synthValid(chart), 'Kustomization').spec;
    expect(spec.sourceRef).toEqual({ kind: 'OCIRepository', name: 'platform', namespace: 'sources' });
    expect(spec.interval).toBe('90m');
    expect(spec.prune).toBe(true);
    expect(spec.wait).toBe(false);
    expect(spec.targetNamespace).toBe('shop');
    expect(spec.serviceAccountName).toBe('shop-reconciler');
  });

  test('passes every rule pack with zero findings (it is not a workload)', () => {
    const chart = Testing.chart();
    new FluxKustomization(chart, 'Shop', { path: './gitops/shop' });
    expect(new Checker({ packs: RulePacks.all() }).check(synthValid(chart)).findings).toEqual([]);
  });

  describe('validation', () => {
    test('throws on an empty, absolute or escaping path', () => {
      const chart = Testing.chart();
      expect(() => new FluxKustomization(chart, 'A', { path: '' })).toThrow(/Invalid Flux Kustomization path "": give the folder/);
      expect(() => new FluxKustomization(chart, 'B', { path: '/srv/gitops' })).toThrow(/must be a relative path/);
      expect(() => new FluxKustomization(chart, 'C', { path: './../other' })).toThrow(/no "\.\." segment/);
    });
    test('throws on a sub-second interval', () => {
      expect(() => new FluxKustomization(Testing.chart(), 'A', { path: './x', interval: Duration.millis(500) }))
        .toThrow(/Invalid Flux Kustomization interval/);
    });
    test('throws on bad names', () => {
      const chart = Testing.chart();
      expect(() => new FluxKustomization(chart, 'A', { path: './x', name: 'Shop' })).toThrow(/Invalid Flux Kustomization name "Shop"/);
      expect(() => new FluxKustomization(chart, 'B', { path: './x', sourceName: 'a b' })).toThrow(/Invalid Flux source name "a b"/);
      expect(() => new FluxKustomization(chart, 'C', { path: './x', serviceAccountName: 'SA' })).toThrow(/Invalid Flux serviceAccountName "SA"/);
    });
    test('throws on depending on itself', () => {
      const k = new FluxKustomization(Testing.chart(), 'A', { path: './x' });
      expect(() => k.addDependency(k)).toThrow(/cannot depend on itself/);
    });
  });
});
