// SPDX-License-Identifier: Apache-2.0
import { ApiObject, Testing } from 'cdk8s';
import { ArgoCdApplication } from '../../src/gitops/argo-cd-application';
import { synthValid } from '../util';

const PROPS = { repoUrl: 'https://github.com/acme/deploy.git', path: 'dist/gitops/shop' };

describe('ArgoCdApplication', () => {
  test('minimal definition', () => {
    const chart = Testing.chart();
    new ArgoCdApplication(chart, 'Shop', PROPS);
    expect(synthValid(chart)).toMatchSnapshot();
  });

  test('defaultChild', () => {
    const chart = Testing.chart();
    const app = new ArgoCdApplication(chart, 'Shop', PROPS);
    expect(app.node.defaultChild).toBe(app.apiObject);
    expect(ApiObject.of(app)).toBe(app.apiObject);
  });

  test('syncs automatically with self-heal, never prunes unless asked, in the argocd namespace', () => {
    const chart = Testing.chart();
    new ArgoCdApplication(chart, 'Shop', PROPS);
    const [obj] = synthValid(chart);
    expect(obj.metadata.namespace).toBe('argocd');
    expect(obj.spec.syncPolicy.automated).toEqual({ prune: false, selfHeal: true });
    expect(obj.spec.destination).toEqual({ server: 'https://kubernetes.default.svc' });
    expect(obj.spec.source).toEqual({ repoURL: PROPS.repoUrl, path: PROPS.path, targetRevision: 'HEAD' });
  });

  test('throws on a non-Git URL, an escaping path and a bad namespace', () => {
    expect(() => new ArgoCdApplication(Testing.chart(), 'A', { ...PROPS, repoUrl: 'ftp://x' })).toThrow(/repoUrl "ftp:\/\/x" must be an https:\/\/, ssh:\/\/ or git@ Git URL/);
    expect(() => new ArgoCdApplication(Testing.chart(), 'A', { ...PROPS, path: '../secrets' })).toThrow(/path "..\/secrets" must be a folder relative to the repository root/);
    expect(() => new ArgoCdApplication(Testing.chart(), 'A', { ...PROPS, destinationNamespace: 'Shop' })).toThrow(/Invalid ArgoCdApplication destinationNamespace "Shop"/);
  });
});
