// SPDX-License-Identifier: Apache-2.0
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App, Chart, JsonPatch, Testing, Yaml } from 'cdk8s';
import { Construct } from 'constructs';
import {
  AdmissionGuardrails, ArgoCdApplication, Certificate, Checker, ExternalSecret, GitOpsLayout, GitOpsOutput, HardenedDeployment,
  HardenedNamespace, PasswordGenerator, PlatformNamespaces, PrivateCaIssuer, RulePacks, SecretStore,
} from '../../src';
import { _annotateSyncWaves } from '../../src/gitops/_sync-waves';
import { validateManifests } from '../util';

const IMAGE = `registry.example.com/shop/api:2.1.0@sha256:${'ab'.repeat(32)}`;
const WAVE = 'argocd.argoproj.io/sync-wave';
const OPTIONS = 'argocd.argoproj.io/sync-options';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'gitops-test-'));

/** A two-chart app: platform (guardrails, Argo CD Application) and shop (namespace, CA chain, ExternalSecret, workload). */
function shopApp(): App {
  const app = Testing.app();
  const platform = new Chart(app, 'platform');
  new AdmissionGuardrails(platform, 'Guardrails', {
    exemptNamespaces: PlatformNamespaces.all(),
    exemptionReason: 'platform controllers installed by their own Helm charts',
  });
  new ArgoCdApplication(platform, 'ShopApp', { repoUrl: 'https://git.example.com/acme/platform.git', path: 'gitops/shop', name: 'shop' });
  const shop = new Chart(app, 'shop');
  const ns = new HardenedNamespace(shop, 'Ns', { name: 'shop' });
  const ca = new PrivateCaIssuer(shop, 'Ca', { namespace: ns, name: 'shop-ca' });
  new Certificate(shop, 'Cert', { issuer: ca, namespace: ns, dnsNames: ['api.shop.svc'], name: 'api-tls' });
  const secret = new ExternalSecret(shop, 'Secret', { namespace: ns, store: SecretStore.fromClusterSecretStoreName(shop, 'Vault', 'vault') });
  secret.addGeneratedPassword('password', new PasswordGenerator(shop, 'Password', { namespace: ns, name: 'api-password' }));
  new HardenedDeployment(shop, 'Api', { namespace: ns, labels: { app: 'api' }, containers: [{ image: IMAGE, portNumber: 8080 }] });
  return app;
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

describe('GitOpsOutput', () => {
  test('one folder per namespace, each with a kustomization.yaml listing one file per object', () => {
    const dir = tmp();
    const result = GitOpsOutput.synth(shopApp(), { outdir: dir });
    expect(result.folders).toEqual(['_cluster', 'argocd', 'shop']);
    const tree = readTree(dir);
    expect(Object.keys(tree).sort()).toEqual([...result.files, '.cdk8s-hardened-gitops'].sort());
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
    const dir = tmp();
    GitOpsOutput.synth(shopApp(), { outdir: dir });
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
    const a = tmp();
    const b = tmp();
    GitOpsOutput.synth(shopApp(), { outdir: a });
    GitOpsOutput.synth(shopApp(), { outdir: b });
    expect(readTree(b)).toEqual(readTree(a));
  });

  test('GitOpsLayout.CHART: one folder per chart', () => {
    const dir = tmp();
    const result = GitOpsOutput.synth(shopApp(), { outdir: dir, layout: GitOpsLayout.CHART });
    expect(result.folders).toEqual(['platform', 'shop']);
    expect(result.files.filter(f => f.startsWith('platform/')).every(f => /^platform\/(kustomization|validatingadmissionpolicy|application)/.test(f))).toBe(true);
  });

  test('syncWaves: false writes the objects without Argo CD annotations', () => {
    const dir = tmp();
    GitOpsOutput.synth(shopApp(), { outdir: dir, syncWaves: false });
    for (const o of objectsOf(dir).values()) {
      expect(o.metadata.annotations?.[WAVE]).toBeUndefined();
      expect(o.metadata.annotations?.[OPTIONS]).toBeUndefined();
    }
  });

  test('an annotation set by the user is kept; other sync options are kept beside SkipDryRun', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    new ApiObject(chart, 'Cert', {
      apiVersion: 'cert-manager.io/v1',
      kind: 'Certificate',
      metadata: { name: 'x', namespace: 'shop', annotations: { [WAVE]: '7', [OPTIONS]: 'Replace=true' } },
      spec: { secretName: 'x', dnsNames: ['x.shop.svc'], issuerRef: { name: 'ca' } },
    });
    const dir = tmp();
    GitOpsOutput.synth(app, { outdir: dir });
    const cert = objectsOf(dir).get('Certificate/x');
    expect(cert.metadata.annotations).toEqual({ [WAVE]: '7', [OPTIONS]: 'Replace=true,SkipDryRunOnMissingResource=true' });
  });

  test('a second run replaces its earlier output, stale files included', () => {
    const dir = tmp();
    GitOpsOutput.synth(shopApp(), { outdir: dir });
    fs.writeFileSync(path.join(dir, 'shop', 'stale.yaml'), 'kind: Stale\n');
    GitOpsOutput.synth(shopApp(), { outdir: dir });
    expect(fs.existsSync(path.join(dir, 'shop', 'stale.yaml'))).toBe(false);
  });

  test('throws on a non-empty folder it did not write, and deletes nothing', () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'README.md'), 'mine');
    expect(() => GitOpsOutput.synth(shopApp(), { outdir: dir })).toThrow(/is not empty and holds no earlier GitOps output .*Choose an empty or new folder/);
    expect(fs.readdirSync(dir)).toEqual(['README.md']);
  });

  test('throws on an empty outdir', () => {
    expect(() => GitOpsOutput.synth(shopApp(), { outdir: ' ' })).toThrow(/GitOpsOutput: invalid outdir " "/);
  });

  test('throws when the app fails its validations, and writes nothing', () => {
    const app = shopApp();
    const chart = app.charts[0];
    chart.node.addValidation({ validate: () => ['the app is not valid'] });
    const dir = path.join(tmp(), 'out');
    expect(() => GitOpsOutput.synth(app, { outdir: dir })).toThrow(/the app is not valid/);
    expect(fs.existsSync(dir)).toBe(false);
  });

  test('throws when two charts define the same object', () => {
    const app = Testing.app();
    for (const id of ['a', 'b']) {
      new ApiObject(new Chart(app, id), 'Cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'same', namespace: 'shop' } });
    }
    expect(() => GitOpsOutput.synth(app, { outdir: tmp() })).toThrow(/two objects would be written to shop\/configmap-same\.yaml/);
  });

  test('throws on an object without metadata.name', () => {
    const app = Testing.app();
    new ApiObject(new Chart(app, 'a'), 'Cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { namespace: 'shop' } });
    // cdk8s generates a name unless the construct overrides it with nothing.
    ApiObject.of(app.charts[0].node.findChild('Cm')).addJsonPatch(JsonPatch.remove('/metadata/name'));
    expect(() => GitOpsOutput.synth(app, { outdir: tmp() })).toThrow(/a v1 ConfigMap in shop\/ has no metadata.name/);
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
