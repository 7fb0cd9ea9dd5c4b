// SPDX-License-Identifier: Apache-2.0
import { ApiObject, Testing } from 'cdk8s';
import { ArgoCdApplication, Checker, HardenedNamespace, RulePacks } from '../../src';
import { findOne, synthValid } from '../util';

const REPO = 'https://git.example.com/acme/platform.git';

describe('ArgoCdApplication', () => {
  test('minimal definition', () => {
    const chart = Testing.chart();
    new ArgoCdApplication(chart, 'Shop', { repoUrl: REPO, path: 'gitops/shop' });
    expect(synthValid(chart)).toMatchSnapshot();
  });

  test('defaultChild', () => {
    const chart = Testing.chart();
    const app = new ArgoCdApplication(chart, 'Shop', { repoUrl: REPO, path: 'gitops/shop' });
    expect(ApiObject.of(app).kind).toBe('Application');
    expect(ApiObject.of(app)).toBe(app.apiObject);
  });

  test('defaults: manual sync, default project, in-cluster destination, argocd namespace, HEAD', () => {
    const chart = Testing.chart();
    const app = new ArgoCdApplication(chart, 'Shop', { repoUrl: REPO, path: 'gitops/shop' });
    const obj = findOne(synthValid(chart), 'Application');
    expect(app.automatedSync).toBe(false);
    expect(obj.spec.syncPolicy).toBeUndefined();
    expect(obj.spec.project).toBe('default');
    expect(obj.spec.destination).toEqual({ server: 'https://kubernetes.default.svc' });
    expect(obj.metadata.namespace).toBe('argocd');
    expect(obj.spec.source).toEqual({ repoURL: REPO, targetRevision: 'HEAD', path: 'gitops/shop' });
    expect(obj.metadata.name).toBe(app.applicationName);
  });

  test('automated sync with prune and selfHeal, sync options, names and namespaces', () => {
    const chart = Testing.chart();
    new ArgoCdApplication(chart, 'Shop', {
      repoUrl: 'git@git.example.com:acme/platform.git',
      path: 'gitops/shop',
      targetRevision: 'v1.2.0',
      name: 'shop',
      project: 'tenants',
      namespace: HardenedNamespace.fromNamespaceName(chart, 'Argo', 'gitops'),
      destinationNamespace: HardenedNamespace.fromNamespaceName(chart, 'Shop-ns', 'shop'),
      automatedSync: true,
      prune: true,
      selfHeal: true,
      syncOptions: ['ServerSideApply=true', 'PruneLast=true'],
    });
    const obj = findOne(synthValid(chart), 'Application');
    expect(obj.metadata).toEqual({ name: 'shop', namespace: 'gitops' });
    expect(obj.spec.project).toBe('tenants');
    expect(obj.spec.destination.namespace).toBe('shop');
    expect(obj.spec.syncPolicy).toEqual({ automated: { prune: true, selfHeal: true }, syncOptions: ['ServerSideApply=true', 'PruneLast=true'] });
  });

  test('passes every rule pack with zero findings (it is not a workload)', () => {
    const chart = Testing.chart();
    new ArgoCdApplication(chart, 'Shop', { repoUrl: REPO, path: 'gitops/shop' });
    const report = new Checker({ packs: RulePacks.all() }).check(synthValid(chart));
    expect(report.findings).toEqual([]);
  });

  describe('validation', () => {
    const make = (props: Partial<ConstructorParameters<typeof ArgoCdApplication>[2]>) => () =>
      new ArgoCdApplication(Testing.chart(), 'App', { repoUrl: REPO, path: 'gitops/shop', ...props });

    test('throws on plain http', () => {
      expect(make({ repoUrl: 'http://git.example.com/acme/platform.git' })).toThrow(/Invalid Argo CD repoUrl "http:\/\/git\.example\.com.*plain HTTP.*Use https:\/\/ or ssh:\/\//);
    });
    test('throws on credentials in the URL without repeating them', () => {
      let message = '';
      try {
        make({ repoUrl: 'https://bot:s3cr3t-t0ken@git.example.com/acme/platform.git' })();
      } catch (e: any) {
        message = e.message;
      }
      expect(message).toMatch(/credentials must not be part of the URL/);
      expect(message).not.toContain('s3cr3t-t0ken');
      expect(message).not.toContain('bot');
    });
    test('throws on something that is not a URL', () => {
      expect(make({ repoUrl: 'platform.git' })).toThrow(/Invalid Argo CD repoUrl "platform.git": not a URL/);
      expect(make({ repoUrl: '' })).toThrow(/Invalid Argo CD repoUrl ""/);
    });
    test('throws on an empty, absolute or escaping path', () => {
      expect(make({ path: '' })).toThrow(/Invalid Argo CD Application path "": give the folder/);
      expect(make({ path: '/gitops/shop' })).toThrow(/Invalid Argo CD Application path "\/gitops\/shop": must be a relative path/);
      expect(make({ path: 'gitops/../../etc' })).toThrow(/no "\.\." segment/);
    });
    test('throws on a revision with white space', () => {
      expect(make({ targetRevision: 'main branch' })).toThrow(/Invalid Argo CD targetRevision "main branch"/);
    });
    test('throws on prune or selfHeal without automated sync', () => {
      expect(make({ prune: true })).toThrow(/prune and selfHeal only apply to automated sync/);
      expect(make({ selfHeal: true })).toThrow(/Set automatedSync: true/);
    });
    test('throws on a malformed sync option', () => {
      expect(make({ syncOptions: ['ServerSideApply'] })).toThrow(/Invalid Argo CD sync option "ServerSideApply": must be Key=value/);
    });
    test('throws on a non-https destination server', () => {
      expect(make({ destinationServer: 'http://10.0.0.1:6443' })).toThrow(/Invalid Argo CD destinationServer "http:\/\/10\.0\.0\.1:6443".*Use https:\/\//);
    });
    test('throws on a bad project or name', () => {
      expect(make({ project: 'My Project' })).toThrow(/Invalid Argo CD project "My Project"/);
      expect(make({ name: 'Shop_App' })).toThrow(/Invalid Argo CD Application name "Shop_App"/);
    });
  });
});
