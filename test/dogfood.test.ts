// SPDX-License-Identifier: Apache-2.0
/**
 * Dogfooding: every construct of the library, with default props (only what is required), in one chart, passes every
 * built-in rule pack with zero findings, suppressed or not. SecureRegistryStack is checked the same way in
 * test/registry/secure-registry-stack.test.ts (its tag-only image pins and the Secrets its images read from env carry reasoned suppressions).
 */
import { Cron, Testing } from 'cdk8s';
import {
  AdmissionGuardrails, ArgoCdApplication, Certificate, Checker, ExternalSecret, FluxKustomization,
  HardenedCronJob, HardenedDaemonSet, HardenedDeployment, HardenedJob, HardenedNamespace, HardenedStatefulSet,
  LeastPrivilegeServiceAccount, MeshMtls, PasswordGenerator, Permission, PrivateCaIssuer, RulePacks, SecretStore, VeleroSchedule,
} from '../src';
import { synthValid } from './util';

const IMAGE = `registry.example.com/shop/api:2.1.0@sha256:${'ab'.repeat(32)}`;

function everything() {
  const chart = Testing.chart();
  const ns = new HardenedNamespace(chart, 'Ns', { name: 'shop' });
  new LeastPrivilegeServiceAccount(chart, 'Sa', { namespace: ns }).allow(Permission.read('', 'configmaps'));
  new HardenedDeployment(chart, 'Api', { namespace: ns, labels: { app: 'api' }, containers: [{ image: IMAGE, portNumber: 8080 }] });
  new HardenedStatefulSet(chart, 'Db', { namespace: ns, labels: { app: 'db' }, containers: [{ image: IMAGE, portNumber: 5432 }] });
  new HardenedJob(chart, 'Migrate', { namespace: ns, containers: [{ image: IMAGE }] });
  new HardenedCronJob(chart, 'Report', { namespace: ns, schedule: Cron.daily(), containers: [{ image: IMAGE }] });
  new HardenedDaemonSet(chart, 'Agent', { namespace: ns, containers: [{ image: IMAGE, portNumber: 9100 }] });
  new MeshMtls(chart, 'Mtls', { namespace: ns });
  new VeleroSchedule(chart, 'Backup', { includedNamespaces: ['shop'] });
  const ca = new PrivateCaIssuer(chart, 'Ca', { namespace: ns });
  new Certificate(chart, 'Cert', { issuer: ca, namespace: ns, dnsNames: ['api.shop.svc'] });
  const secret = new ExternalSecret(chart, 'Secret', { namespace: ns, store: SecretStore.fromClusterSecretStoreName(chart, 'Vault', 'vault') });
  secret.addRemoteKey('token', { remoteKey: 'shop/api', property: 'token' });
  secret.addGeneratedPassword('password', new PasswordGenerator(chart, 'Password', { namespace: ns }));
  new AdmissionGuardrails(chart, 'Guardrails', { packs: RulePacks.all() });
  new ArgoCdApplication(chart, 'Argo', { repoUrl: 'https://github.com/acme/deploy.git', path: 'gitops/shop' });
  new FluxKustomization(chart, 'Flux', { sourceName: 'deploy', path: './gitops/shop' });
  return chart;
}

describe('every construct with default props', () => {
  test('passes every built-in rule pack with zero findings and no suppressions', () => {
    const objects = synthValid(everything());
    const report = new Checker({ packs: RulePacks.all() }).check(objects);
    expect(report.findings.map(f => `${f.ruleId} ${f.kind}/${f.name} ${f.path}: ${f.message}`)).toEqual([]);
    expect(report.unmatchedSuppressions).toEqual([]);
    expect(report.objectsChecked).toBe(objects.length);
    // Every kind the library emits is in the chart, so a new construct that forgets this test shows up here.
    expect([...new Set(objects.map(o => o.kind))].sort()).toMatchSnapshot();
  });
});
