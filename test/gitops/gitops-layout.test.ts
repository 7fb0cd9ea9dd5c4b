// SPDX-License-Identifier: Apache-2.0
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App, Chart, JsonPatch, Testing, Yaml } from 'cdk8s';
import { ArgoCdApplication, Checker, ExemptNamespaces, ExternalSecret, PasswordGenerator, SecretStore } from '../../src';
import { _annotateSyncWaves } from '../../src/gitops/_sync-waves';
import { GitOpsGrouping, GitOpsLayout, GitOpsTool } from '../../src/gitops/gitops-layout';
import { HardenedNamespace } from '../../src/namespace/hardened-namespace';
import { AdmissionGuardrails } from '../../src/policy/admission/admission-guardrails';
import { RulePacks } from '../../src/policy/packs/rule-packs';
import { Certificate } from '../../src/tls/certificate';
import { PrivateCaIssuer } from '../../src/tls/private-ca-issuer';
import { HardenedDeployment } from '../../src/workload/hardened-deployment';
import { validateManifests } from '../util';

const SHOP_IMAGE = `registry.example.com/shop/api:2.1.0@sha256:${'ab'.repeat(32)}`;

const IMAGE = `registry.example.com/shop/web:1.0.0@sha256:${'ab'.repeat(32)}`;
let tmp: string;
beforeAll(() => { tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-hardened-gitops-')); });
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function app() {
  const a = Testing.app();
  const chart = new Chart(a, 'shop');
  const ns = new HardenedNamespace(chart, 'Ns', { name: 'shop' });
  new HardenedDeployment(chart, 'Web', { name: 'web', namespace: ns, labels: { app: 'web' }, containers: [{ image: IMAGE, portNumber: 8080 }] });
  const ca = new PrivateCaIssuer(chart, 'Ca', { namespace: ns, name: 'shop-ca' });
  new Certificate(chart, 'Cert', { issuer: ca, namespace: ns, dnsNames: ['web.shop.svc'], name: 'web-tls' });
  const platform = new Chart(a, 'platform');
  new AdmissionGuardrails(platform, 'Guardrails', { packs: [RulePacks.POD_SECURITY_RESTRICTED] });
  return a;
}

const read = (file: string) => Yaml.load(file)[0];

describe('GitOpsLayout', () => {
  test('one folder per namespace and _cluster/, each with a kustomization.yaml; a top-level one lists the folders', () => {
    const out = path.join(tmp, 'ns');
    const folders = GitOpsLayout.write(app(), { outdir: out });
    expect(folders.map(f => f.name)).toEqual(['_cluster', 'shop']);
    expect(read(path.join(out, 'kustomization.yaml'))).toEqual({ apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization', resources: ['_cluster', 'shop'] });
    for (const f of folders) {
      expect(read(path.join(out, f.name, 'kustomization.yaml')).resources).toEqual(f.files);
      const objects = f.files.map(file => read(path.join(out, f.name, file)));
      validateManifests(objects);
      if (f.name === 'shop') expect(objects.every(o => o.kind === 'Namespace' || o.metadata.namespace === 'shop')).toBe(true);
      else expect(objects.every(o => o.metadata.namespace === undefined)).toBe(true);
    }
    expect(folders.find(f => f.name === 'shop')!.files).toContain('namespace-shop.yaml');
  });

  test('Argo CD: namespaces, then cert-manager objects in reference order, then admission policies, then workloads; CRs skip the dry run', () => {
    const out = path.join(tmp, 'argo');
    const folders = GitOpsLayout.write(app(), { outdir: out, tool: GitOpsTool.ARGO_CD });
    const objects = folders.flatMap(f => f.files.map(file => read(path.join(out, f.name, file))));
    const wave = (kind: string, name?: RegExp) =>
      Number(objects.find(o => o.kind === kind && (!name || name.test(o.metadata.name)))!.metadata.annotations['argocd.argoproj.io/sync-wave']);
    // PrivateCaIssuer: self-signed Issuer -> CA Certificate -> CA Issuer -> leaf Certificate, each in its own wave, so
    // Argo CD never waits on a CA Issuer whose Secret a later wave creates.
    expect([
      wave('Namespace'), wave('Issuer', /^shop-ca-selfsigned$/), wave('Certificate', /^shop-ca-ca$/), wave('Issuer', /^shop-ca$/),
      wave('Certificate', /^web-tls$/), wave('ValidatingAdmissionPolicy'), wave('ValidatingAdmissionPolicyBinding'), wave('Deployment'),
    ]).toEqual([-6, -5, -4, -3, -2, -1, -1, 0]);
    for (const o of objects) {
      const skip = o.metadata.annotations['argocd.argoproj.io/sync-options'];
      expect([o.kind, skip]).toEqual([o.kind, o.apiVersion.startsWith('cert-manager.io/') ? 'SkipDryRunOnMissingResource=true' : undefined]);
    }
    const crd = { apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'x.example.com' } };
    _annotateSyncWaves([crd]);
    expect(crd.metadata).toEqual({ name: 'x.example.com', annotations: { 'argocd.argoproj.io/sync-wave': '-3' } });
  });

  test('Flux: no annotations; chart grouping gives one folder per chart', () => {
    const out = path.join(tmp, 'flux');
    const folders = GitOpsLayout.write(app(), { outdir: out, tool: GitOpsTool.FLUX, grouping: GitOpsGrouping.CHART });
    expect(folders.map(f => f.name)).toEqual(['_cluster', 'shop']);
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

  test('namespaced objects without a namespace go to _no-namespace/, which no namespace folder can collide with', () => {
    const a = Testing.app();
    const chart = new Chart(a, 'c');
    new HardenedNamespace(chart, 'Ns', { name: 'cluster' });
    new ApiObject(chart, 'Cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' } });
    const folders = GitOpsLayout.write(a, { outdir: path.join(tmp, 'no-ns') });
    expect(folders.map(f => f.name)).toEqual(['_no-namespace', 'cluster']);
    expect(folders[0].files).toEqual(['configmap-settings.yaml']);
  });

  test('throws when there is no chart', () => {
    expect(() => GitOpsLayout.write(Testing.app(), { outdir: path.join(tmp, 'none') })).toThrow(/no Chart under this scope/);
  });
});

const WAVE = 'argocd.argoproj.io/sync-wave';
const OPTIONS = 'argocd.argoproj.io/sync-options';

const tmpDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'gitops-test-'));

/** A two-chart app: platform (guardrails, Argo CD Application) and shop (namespace, CA chain, ExternalSecret, workload). */
function shopApp(): App {
  const a = Testing.app();
  const platform = new Chart(a, 'platform');
  new AdmissionGuardrails(platform, 'Guardrails', {
    exemptNamespaces: ExemptNamespaces.platform(),
    exemptionReason: 'platform controllers installed by their own Helm charts',
  });
  new ArgoCdApplication(platform, 'ShopApp', { repoUrl: 'https://git.example.com/acme/platform.git', path: 'gitops/shop', name: 'shop' });
  const shop = new Chart(a, 'shop');
  const ns = new HardenedNamespace(shop, 'Ns', { name: 'shop' });
  const ca = new PrivateCaIssuer(shop, 'Ca', { namespace: ns, name: 'shop-ca' });
  new Certificate(shop, 'Cert', { issuer: ca, namespace: ns, dnsNames: ['api.shop.svc'], name: 'api-tls' });
  const secret = new ExternalSecret(shop, 'Secret', { namespace: ns, store: SecretStore.fromClusterSecretStoreName(shop, 'Vault', 'vault') });
  secret.addGeneratedPassword('password', new PasswordGenerator(shop, 'Password', { namespace: ns, name: 'api-password' }));
  new HardenedDeployment(shop, 'Api', { namespace: ns, labels: { app: 'api' }, containers: [{ image: SHOP_IMAGE, portNumber: 8080 }] });
  return a;
}

function readTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string) => {
    for (const entry of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const p = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(p); else out[p] = fs.readFileSync(path.join(dir, p), 'utf8');
    }
  };
  walk('');
  return out;
}

/** Every object of the output, by `kind/name`, read back through the generated kustomization.yaml files. */
function objectsOf(dir: string): Map<string, any> {
  const objects = new Map<string, any>();
  const root = Yaml.load(path.join(dir, 'kustomization.yaml'))[0];
  for (const folder of root.resources) {
    const k = Yaml.load(path.join(dir, folder, 'kustomization.yaml'))[0];
    expect(k).toEqual({ apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization', resources: expect.any(Array) });
    for (const file of k.resources) {
      const docs = Yaml.load(path.join(dir, folder, file));
      expect(docs.length).toBe(1);
      objects.set(`${docs[0].kind}/${docs[0].metadata.name}`, docs[0]);
    }
  }
  return objects;
}

const wave = (o: any) => Number(o.metadata.annotations[WAVE]);

describe('GitOpsLayout with the platform and shop app', () => {
  test('one folder per namespace, each with a kustomization.yaml listing one file per object', () => {
    const dir = tmpDir();
    const result = GitOpsLayout.write(shopApp(), { outdir: dir });
    expect(result.map(f => f.name)).toEqual(['_cluster', 'argocd', 'shop']);
    const tree = readTree(dir);
    expect(Object.keys(tree).sort()).toEqual([...result.flatMap(f => [...f.files, 'kustomization.yaml'].map(file => `${f.name}/${file}`)), 'kustomization.yaml', '.cdk8s-hardened-gitops'].sort());
    const shop = Yaml.load(path.join(dir, 'shop', 'kustomization.yaml'))[0].resources;
    // Wave order first, then file name: namespace, CA chain and ExternalSecret, then the workload's objects.
    expect(shop).toMatchSnapshot();
    expect(shop.slice(0, 7)).toEqual([
      'namespace-shop.yaml', 'issuer-shop-ca-selfsigned.yaml', 'password-api-password.yaml', 'certificate-shop-ca-ca.yaml',
      expect.stringMatching(/^externalsecret-shop-secret-[0-9a-f]{8}\.yaml$/), 'issuer-shop-ca.yaml', 'certificate-api-tls.yaml',
    ]);
    expect(Yaml.load(path.join(dir, 'kustomization.yaml'))[0].resources).toEqual(['_cluster', 'argocd', 'shop']);
    expect(Yaml.load(path.join(dir, 'argocd', 'kustomization.yaml'))[0].resources).toEqual(['application-shop.yaml']);
    const objects = [...objectsOf(dir).values()];
    validateManifests(objects);
    // The output is the app plus annotations: nothing lost, nothing weakened.
    expect(new Checker({ packs: RulePacks.all() }).check(objects).findings).toEqual([]);
    expect(objects.filter(o => o.metadata.namespace === 'shop' || o.kind === 'Namespace').length).toBe(
      Object.keys(tree).filter(f => f.startsWith('shop/') && f !== 'shop/kustomization.yaml').length);
  });

  test('sync waves: namespaces, then cert-manager/External Secrets in reference order, then admission policies, then the rest', () => {
    const dir = tmpDir();
    GitOpsLayout.write(shopApp(), { outdir: dir });
    const objects = objectsOf(dir);
    const get = (k: string) => { const o = objects.get(k); if (!o) throw new Error(`missing ${k}: ${[...objects.keys()]}`); return o; };
    const ns = wave(get('Namespace/shop'));
    const selfSigned = wave(get('Issuer/shop-ca-selfsigned'));
    const caCert = wave(get('Certificate/shop-ca-ca'));
    const caIssuer = wave(get('Issuer/shop-ca'));
    const leaf = wave(get('Certificate/api-tls'));
    const generator = wave(get('Password/api-password'));
    const externalSecret = wave([...objects.values()].find(o => o.kind === 'ExternalSecret'));
    const policies = [...objects.values()].filter(o => o.kind.startsWith('ValidatingAdmissionPolicy'));
    const deployment = [...objects.values()].find(o => o.kind === 'Deployment');
    expect([ns, selfSigned, caCert, caIssuer, leaf]).toEqual([-6, -5, -4, -3, -2]);
    expect(generator).toBe(selfSigned);
    expect(externalSecret).toBe(caCert);
    expect(new Set(policies.map(wave))).toEqual(new Set([-1]));
    expect(wave(deployment)).toBe(0);
    // Custom resources whose CRD may not be installed yet skip the dry run; built-in kinds do not.
    for (const o of objects.values()) {
      const custom = /cert-manager\.io|external-secrets\.io|argoproj\.io/.test(o.apiVersion);
      expect([o.kind, o.metadata.annotations[OPTIONS]]).toEqual([o.kind, custom ? 'SkipDryRunOnMissingResource=true' : undefined]);
    }
  });

  test('byte-identical output for the same app', () => {
    const a = tmpDir();
    const b = tmpDir();
    GitOpsLayout.write(shopApp(), { outdir: a });
    GitOpsLayout.write(shopApp(), { outdir: b });
    expect(readTree(b)).toEqual(readTree(a));
  });

  test('an annotation set by the user is kept; other sync options are kept beside SkipDryRun', () => {
    const testApp = Testing.app();
    const chart = new Chart(testApp, 'c');
    new ApiObject(chart, 'Cert', {
      apiVersion: 'cert-manager.io/v1',
      kind: 'Certificate',
      metadata: { name: 'x', namespace: 'shop', annotations: { [WAVE]: '7', [OPTIONS]: 'Replace=true' } },
      spec: { secretName: 'x', dnsNames: ['x.shop.svc'], issuerRef: { name: 'ca' } },
    });
    const dir = tmpDir();
    GitOpsLayout.write(testApp, { outdir: dir });
    const cert = objectsOf(dir).get('Certificate/x');
    expect(cert.metadata.annotations).toEqual({ [WAVE]: '7', [OPTIONS]: 'Replace=true,SkipDryRunOnMissingResource=true' });
  });

  test('throws on an empty outdir', () => {
    expect(() => GitOpsLayout.write(shopApp(), { outdir: ' ' })).toThrow(/GitOpsLayout.write: invalid outdir " "/);
  });

  test('throws when the app fails its validations, and writes nothing', () => {
    const testApp = shopApp();
    const chart = testApp.charts[0];
    chart.node.addValidation({ validate: () => ['the app is not valid'] });
    const dir = path.join(tmpDir(), 'out');
    expect(() => GitOpsLayout.write(testApp, { outdir: dir })).toThrow(/the app is not valid/);
    expect(fs.existsSync(dir)).toBe(false);
  });

  test('throws when two charts define the same object', () => {
    const testApp = Testing.app();
    for (const id of ['a', 'b']) {
      new ApiObject(new Chart(testApp, id), 'Cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'same', namespace: 'shop' } });
    }
    expect(() => GitOpsLayout.write(testApp, { outdir: tmpDir() })).toThrow(/two objects would be written to shop\/configmap-same\.yaml/);
  });

  test('throws on an object without metadata.name', () => {
    const testApp = Testing.app();
    new ApiObject(new Chart(testApp, 'a'), 'Cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { namespace: 'shop' } });
    // cdk8s generates a name unless the construct overrides it with nothing.
    ApiObject.of(testApp.charts[0].node.findChild('Cm')).addJsonPatch(JsonPatch.remove('/metadata/name'));
    expect(() => GitOpsLayout.write(testApp, { outdir: tmpDir() })).toThrow(/synthesized an object without kind or metadata.name, which the API server would refuse/);
  });

  test('throws on a reference cycle between prerequisites', () => {
    const issuer = { apiVersion: 'cert-manager.io/v1', kind: 'Issuer', metadata: { name: 'ca', namespace: 'x' }, spec: { ca: { secretName: 'ca' } } };
    const cert = { apiVersion: 'cert-manager.io/v1', kind: 'Certificate', metadata: { name: 'ca', namespace: 'x' }, spec: { secretName: 'ca', issuerRef: { name: 'ca' } } };
    expect(() => _annotateSyncWaves([issuer, cert])).toThrow(/in a cycle \(Issuer x\/ca -> Certificate x\/ca -> Issuer x\/ca\)/);
  });

  test('ExternalSecrets wait for their SecretStore, ClusterSecretStore and generators', () => {
    const store = { apiVersion: 'external-secrets.io/v1', kind: 'SecretStore', metadata: { name: 's', namespace: 'x' }, spec: {} };
    const cluster = { apiVersion: 'external-secrets.io/v1', kind: 'ClusterSecretStore', metadata: { name: 'c' }, spec: {} };
    const es1 = { apiVersion: 'external-secrets.io/v1', kind: 'ExternalSecret', metadata: { name: 'e1', namespace: 'x' }, spec: { secretStoreRef: { name: 's' } } };
    const es2 = {
      apiVersion: 'external-secrets.io/v1',
      kind: 'ExternalSecret',
      metadata: { name: 'e2', namespace: 'x' },
      spec: { data: [{ secretKey: 'k', remoteRef: { key: 'k' }, sourceRef: { storeRef: { name: 'c', kind: 'ClusterSecretStore' } } }] },
    };
    const objs = [es1, es2, store, cluster];
    _annotateSyncWaves(objs);
    expect(objs.map(wave)).toEqual([-2, -2, -3, -3]);
  });
});
