// SPDX-License-Identifier: Apache-2.0
import { hardenedContainer, NO_CONTEXT, POD_BEARING, podSpec, wrap } from './_objects';
import { Checker, HardenedWorkloadsPack, WellKnownLabels } from '../../../../src';
import { ContainerEnvHasNoSecretLiterals, ContainerEnvReadsNoSecrets } from '../../../../src/policy/rules/workload';

const SECRET_ENV = { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } };

function withContainer(extra: Record<string, any>, field = 'containers', kind = 'Deployment') {
  return wrap(kind, podSpec({ [field]: [hardenedContainer('app', extra)] }));
}

describe('ContainerEnvReadsNoSecrets', () => {
  const rule = new ContainerEnvReadsNoSecrets();

  test('metadata: HARDEN-WL-018, a warning citing CIS 5.4.1', () => {
    expect(rule.metadata.id).toBe('HARDEN-WL-018');
    expect(rule.metadata.defaultSeverity).toBe('warning');
    expect(rule.metadata.references.join(' ')).toMatch(/CIS Kubernetes Benchmark 5\.4\.1/);
  });

  test.each(POD_BEARING)('compliant %s with literal values, ConfigMap references and field references', kind => {
    const env = [
      { name: 'LOG_LEVEL', value: 'info' },
      { name: 'MODE', valueFrom: { configMapKeyRef: { name: 'settings', key: 'mode' } } },
      { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
    ];
    expect(rule.check(withContainer({ env, envFrom: [{ configMapRef: { name: 'settings' } }] }, 'containers', kind), NO_CONTEXT)).toEqual([]);
  });

  test('fails on env valueFrom.secretKeyRef, naming variable, key and Secret', () => {
    expect(rule.check(withContainer({ env: [{ name: 'LOG_LEVEL', value: 'info' }, SECRET_ENV] }), NO_CONTEXT)).toEqual([{
      path: '/spec/template/spec/containers/0/env/1/valueFrom/secretKeyRef',
      message: 'container "app" env "DB_PASSWORD" reads key "password" of Secret "db" into the environment; mount the Secret as a file',
    }]);
  });

  test('fails on envFrom secretRef (every key of the Secret)', () => {
    expect(rule.check(withContainer({ envFrom: [{ configMapRef: { name: 'settings' } }, { prefix: 'DB_', secretRef: { name: 'db' } }] }), NO_CONTEXT)).toEqual([{
      path: '/spec/template/spec/containers/0/envFrom/1/secretRef',
      message: 'container "app" envFrom loads every key of Secret "db" into the environment; mount the Secret as a file',
    }]);
  });

  test('fails on init and ephemeral containers, and inside a CronJob', () => {
    expect(rule.check(withContainer({ env: [SECRET_ENV] }, 'initContainers'), NO_CONTEXT).map(f => f.path))
      .toEqual(['/spec/template/spec/initContainers/0/env/0/valueFrom/secretKeyRef']);
    expect(rule.check(withContainer({ env: [SECRET_ENV] }, 'ephemeralContainers'), NO_CONTEXT)).toHaveLength(1);
    expect(rule.check(withContainer({ env: [SECRET_ENV] }, 'containers', 'CronJob'), NO_CONTEXT).map(f => f.path))
      .toEqual(['/spec/jobTemplate/spec/template/spec/containers/0/env/0/valueFrom/secretKeyRef']);
  });

  test('fails on a reference without names, without crashing', () => {
    const obj = withContainer({ env: [{ valueFrom: { secretKeyRef: null } }], envFrom: [{ secretRef: {} }] });
    expect(rule.check(obj, NO_CONTEXT).map(f => f.message)).toEqual([
      'container "app" env (no name) reads key (no name) of Secret (no name) into the environment; mount the Secret as a file',
      'container "app" envFrom loads every key of Secret (no name) into the environment; mount the Secret as a file',
    ]);
  });

  test('a literal private key in env is HARDEN-WL-009\'s finding, not this rule\'s', () => {
    const obj = withContainer({ env: [{ name: 'TLS_KEY', value: '-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----' }] });
    expect(rule.check(obj, NO_CONTEXT)).toEqual([]);
    expect(new ContainerEnvHasNoSecretLiterals().check(obj, NO_CONTEXT)).toHaveLength(1);
  });

  test('not applicable to other kinds', () => {
    expect(rule.check({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db' }, stringData: { password: 'x' } }, NO_CONTEXT)).toEqual([]);
  });

  test('a suppression scoped to one container\'s env covers only that container', () => {
    const obj = wrap('Deployment', podSpec({ containers: [hardenedContainer('a', { env: [SECRET_ENV] }), hardenedContainer('b', { env: [SECRET_ENV] })] }));
    obj.metadata.annotations = {
      [WellKnownLabels.SUPPRESSIONS_ANNOTATION]: JSON.stringify([{
        id: 'HARDEN-WL-018', reason: 'the image reads DB_PASSWORD only from its environment', appliesTo: ['/spec/template/spec/containers/0/env'],
      }]),
    };
    const findings = new Checker({ packs: [new HardenedWorkloadsPack()] }).check([obj]).findings.filter(f => f.ruleId === 'HARDEN-WL-018');
    expect(findings.map(f => [f.path, f.suppressed])).toEqual([
      ['/spec/template/spec/containers/0/env/0/valueFrom/secretKeyRef', true],
      ['/spec/template/spec/containers/1/env/0/valueFrom/secretKeyRef', false],
    ]);
  });
});
