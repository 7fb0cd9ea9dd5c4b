// SPDX-License-Identifier: Apache-2.0
import { hardenedContainer, NO_CONTEXT, podSpec, wrap } from './_objects';
import { ContainerEnvHasNoSecretLiterals } from '../../../../src/policy/rules/workload';

function withEnv(env: any[], field = 'containers') {
  return wrap('Deployment', podSpec({ [field]: [hardenedContainer('app', { env })] }));
}
const PEM = '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----';
const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJkZW1vIn0.c2lnbmF0dXJl';

describe('ContainerEnvHasNoSecretLiterals', () => {
  const rule = new ContainerEnvHasNoSecretLiterals();

  test('metadata', () => {
    expect(rule.metadata.id).toBe('HARDEN-WL-009');
  });

  test.each([
    ['LOG_LEVEL', 'debug'],
    ['DB_PASSWORD_FILE', '/run/secrets/db'],
    ['TOKEN_PATH', '/var/run/token'],
    ['SECRET_NAME', 'db-credentials'],
    ['TOKEN_TTL', '3600'],
    ['SECRET_ROTATION', 'true'],
    ['API_KEY', ''],
    ['DSN_PASSWORD', '$(DB_PASSWORD)'],
    ['PWD', '/app'],
  ])('compliant literal %s', (name, value) => {
    expect(rule.check(withEnv([{ name, value }]), NO_CONTEXT)).toEqual([]);
  });

  test('compliant with valueFrom.secretKeyRef', () => {
    expect(rule.check(withEnv([{ name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } }]), NO_CONTEXT)).toEqual([]);
  });

  test.each([
    ['DB_PASSWORD', 'hunter2-prod', /secret-looking name/],
    ['github_token', 'abc-def', /secret-looking name/],
    ['StripeApiKey', 'sk_test_abc', /secret-looking name/],
    ['DB_PASSWORD', '12345678', /secret-looking name/],
    ['AWS_SECRET_ACCESS_KEY', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', /secret-looking name/],
    ['SSH_KEY', PEM, /looks like a PEM private key/],
    ['S3_USER', 'AKIAIOSFODNN7EXAMPLE', /looks like an AWS access key id/],
    ['UPSTREAM_AUTH', `Bearer ${JWT}`, /looks like a JSON Web Token/],
    ['GIT_REMOTE', `https://x:ghp_${'a'.repeat(36)}@github.com/org/repo`, /looks like a GitHub token/],
  ])('fails on %s, never printing the value', (name, value, message) => {
    const found = rule.check(withEnv([{ name: 'LOG_LEVEL', value: 'info' }, { name, value }]), NO_CONTEXT);
    expect(found).toHaveLength(1);
    expect(found[0].path).toBe('/spec/template/spec/containers/0/env/1/value');
    expect(found[0].message).toMatch(message);
    expect(found[0].message).toContain(`env "${name}"`);
    expect(found[0].message).not.toContain(value);
    expect(found[0].message).toContain('value not shown');
  });

  test('fails on init and ephemeral containers', () => {
    expect(rule.check(withEnv([{ name: 'PASSWORD', value: 'x1' }], 'initContainers'), NO_CONTEXT)[0].path).toBe('/spec/template/spec/initContainers/0/env/0/value');
    expect(rule.check(withEnv([{ name: 'PASSWORD', value: 'x1' }], 'ephemeralContainers'), NO_CONTEXT)).toHaveLength(1);
  });

  test('not applicable to ConfigMaps', () => {
    expect(rule.check({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' }, data: { PASSWORD: 'x' } }, NO_CONTEXT)).toEqual([]);
  });
});
