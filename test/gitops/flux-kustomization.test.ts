// SPDX-License-Identifier: Apache-2.0
import { ApiObject, Testing } from 'cdk8s';
import { FluxKustomization } from '../../src/gitops/flux-kustomization';
import { synthValid } from '../util';

const PROPS = { gitRepositoryName: 'deploy', path: './dist/gitops/shop' };

describe('FluxKustomization', () => {
  test('minimal definition', () => {
    const chart = Testing.chart();
    new FluxKustomization(chart, 'Shop', PROPS);
    expect(synthValid(chart)).toMatchSnapshot();
  });

  test('defaultChild', () => {
    const chart = Testing.chart();
    const k = new FluxKustomization(chart, 'Shop', PROPS);
    expect(ApiObject.of(k)).toBe(k.apiObject);
  });

  test('waits for health, never prunes unless asked; dependsOn references other Kustomizations', () => {
    const chart = Testing.chart();
    const cluster = new FluxKustomization(chart, 'Cluster', { ...PROPS, name: 'cluster', path: './dist/gitops/cluster' });
    new FluxKustomization(chart, 'Shop', { ...PROPS, name: 'shop', dependsOn: [cluster] });
    const [, shop] = synthValid(chart);
    expect(shop.metadata.namespace).toBe('flux-system');
    expect(shop.spec).toEqual({
      interval: '10m',
      path: './dist/gitops/shop',
      prune: false,
      wait: true,
      sourceRef: { kind: 'GitRepository', name: 'deploy' },
      dependsOn: [{ name: 'cluster', namespace: 'flux-system' }],
    });
  });

  test('throws on an escaping path, a bad interval and a bad repository name', () => {
    expect(() => new FluxKustomization(Testing.chart(), 'K', { ...PROPS, path: '/abs' })).toThrow(/path "\/abs" must be a folder relative/);
    expect(() => new FluxKustomization(Testing.chart(), 'K', { ...PROPS, interval: '10 minutes' })).toThrow(/interval "10 minutes" must be a Go duration/);
    expect(() => new FluxKustomization(Testing.chart(), 'K', { ...PROPS, gitRepositoryName: 'Deploy' })).toThrow(/Invalid FluxKustomization gitRepositoryName "Deploy"/);
  });
});
