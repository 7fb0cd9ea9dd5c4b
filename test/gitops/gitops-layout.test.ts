// SPDX-License-Identifier: Apache-2.0
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Chart, Testing, Yaml } from 'cdk8s';
import { _syncWave } from '../../src/gitops/_sync-waves';
import { GitOpsGrouping, GitOpsLayout, GitOpsTool } from '../../src/gitops/gitops-layout';
import { HardenedNamespace } from '../../src/namespace/hardened-namespace';
import { AdmissionGuardrails } from '../../src/policy/admission/admission-guardrails';
import { RulePacks } from '../../src/policy/packs/rule-packs';
import { Certificate } from '../../src/tls/certificate';
import { PrivateCaIssuer } from '../../src/tls/private-ca-issuer';
import { HardenedDeployment } from '../../src/workload/hardened-deployment';
import { validateManifests } from '../util';

const IMAGE = `registry.example.com/shop/web:1.0.0@sha256:${'ab'.repeat(32)}`;
let tmp: string;
beforeAll(() => { tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-hardened-gitops-')); });
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function app() {
  const a = Testing.app();
  const chart = new Chart(a, 'shop');
  const ns = new HardenedNamespace(chart, 'Ns', { name: 'shop' });
  new HardenedDeployment(chart, 'Web', { name: 'web', namespace: ns, labels: { app: 'web' }, containers: [{ image: IMAGE, portNumber: 8080 }] });
  const ca = new PrivateCaIssuer(chart, 'Ca', { namespace: ns });
  new Certificate(chart, 'Cert', { issuer: ca, namespace: ns, dnsNames: ['web.shop.svc'] });
  const platform = new Chart(a, 'platform');
  new AdmissionGuardrails(platform, 'Guardrails', { packs: [RulePacks.POD_SECURITY_RESTRICTED] });
  return a;
}

const read = (file: string) => Yaml.load(file)[0];

describe('GitOpsLayout', () => {
  test('one folder per namespace and cluster/, each with a kustomization.yaml; a top-level one lists the folders', () => {
    const out = path.join(tmp, 'ns');
    const folders = GitOpsLayout.write(app(), { outdir: out });
    expect(folders.map(f => f.name)).toEqual(['cluster', 'shop']);
    expect(read(path.join(out, 'kustomization.yaml'))).toEqual({ apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization', resources: ['cluster', 'shop'] });
    for (const f of folders) {
      expect(read(path.join(out, f.name, 'kustomization.yaml')).resources).toEqual(f.files);
      const objects = f.files.map(file => read(path.join(out, f.name, file)));
      validateManifests(objects);
      if (f.name === 'shop') expect(objects.every(o => o.kind === 'Namespace' || o.metadata.namespace === 'shop')).toBe(true);
      else expect(objects.every(o => o.metadata.namespace === undefined)).toBe(true);
    }
    expect(folders.find(f => f.name === 'shop')!.files).toContain('namespace-shop.yaml');
  });

  test('Argo CD: sync waves put namespaces and admission policies before CRD-backed objects before workloads; CRD-backed objects skip the dry run', () => {
    const out = path.join(tmp, 'argo');
    const folders = GitOpsLayout.write(app(), { outdir: out, tool: GitOpsTool.ARGO_CD });
    const objects = folders.flatMap(f => f.files.map(file => read(path.join(out, f.name, file))));
    const wave = (kind: string) => Number(objects.find(o => o.kind === kind)!.metadata.annotations['argocd.argoproj.io/sync-wave']);
    expect(wave('Namespace')).toBeLessThan(wave('ValidatingAdmissionPolicy'));
    expect(wave('ValidatingAdmissionPolicy')).toBeLessThan(wave('ValidatingAdmissionPolicyBinding'));
    expect(wave('ValidatingAdmissionPolicyBinding')).toBeLessThan(wave('Issuer'));
    expect(wave('Issuer')).toBeLessThan(wave('Certificate'));
    expect(wave('Certificate')).toBeLessThan(wave('Deployment'));
    for (const o of objects) {
      const skip = o.metadata.annotations['argocd.argoproj.io/sync-options'];
      expect([o.kind, skip]).toEqual([o.kind, o.apiVersion.startsWith('cert-manager.io/') ? 'SkipDryRunOnMissingResource=true' : undefined]);
    }
    expect(_syncWave({ apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition' })).toBe(-3);
  });

  test('Flux: no annotations; chart grouping gives one folder per chart', () => {
    const out = path.join(tmp, 'flux');
    const folders = GitOpsLayout.write(app(), { outdir: out, tool: GitOpsTool.FLUX, grouping: GitOpsGrouping.CHART });
    expect(folders.map(f => f.name)).toEqual(['cluster', 'shop']);
    const objects = folders.flatMap(f => f.files.map(file => read(path.join(out, f.name, file))));
    expect(objects.some(o => Object.keys(o.metadata.annotations ?? {}).some(k => k.startsWith('argocd.')))).toBe(false);
  });

  test('replaces its own output, and throws rather than delete a folder it did not write', () => {
    const out = path.join(tmp, 'again');
    GitOpsLayout.write(app(), { outdir: out });
    fs.writeFileSync(path.join(out, 'shop', 'stale.yaml'), 'x: 1\n');
    GitOpsLayout.write(app(), { outdir: out });
    expect(fs.existsSync(path.join(out, 'shop', 'stale.yaml'))).toBe(false);
    const mine = path.join(tmp, 'mine');
    fs.mkdirSync(mine);
    fs.writeFileSync(path.join(mine, 'notes.txt'), 'keep me');
    expect(() => GitOpsLayout.write(app(), { outdir: mine })).toThrow(/exists and was not written by GitOpsLayout/);
    expect(fs.readFileSync(path.join(mine, 'notes.txt'), 'utf8')).toBe('keep me');
  });

  test('throws when there is no chart', () => {
    expect(() => GitOpsLayout.write(Testing.app(), { outdir: path.join(tmp, 'none') })).toThrow(/no Chart under this scope/);
  });
});
