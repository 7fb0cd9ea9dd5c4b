// SPDX-License-Identifier: Apache-2.0
import { _labelKeyProblem, _labelValueProblem, _validatePort, _validatePortName, _validatePortOrName, _validateReplicas } from '../../src/core/_kube-validation';

describe('Kubernetes validation facts (core/_kube-validation)', () => {
  test('ports: integers in 1..65535', () => {
    expect(_validatePort(1)).toBe(1);
    expect(_validatePort(65535)).toBe(65535);
    for (const bad of [0, 65536, -1, 80.5, NaN, Infinity]) expect(() => _validatePort(bad, 'containerPort')).toThrow(/Invalid containerPort .*: a port must be an integer between 1 and 65535/);
    expect(() => _validatePort('80' as any)).toThrow(/Invalid port "80"/);
  });

  test('port names: IANA service names (1-15 lowercase, a letter, no "--", no "-" at an end)', () => {
    for (const ok of ['http', 'https-web', 'h2c', 'a1', 'metrics-8080x']) expect(_validatePortName(ok)).toBe(ok);
    for (const bad of ['', 'HTTP', 'https-controller', '8080', '-http', 'http-', 'ht--tp', 'http_web']) expect(() => _validatePortName(bad)).toThrow(/IANA service name/);
    expect(_validatePortOrName('http')).toBe('http');
    expect(() => _validatePortOrName(0)).toThrow(/Invalid port 0/);
  });

  test('replicas: int32, not negative', () => {
    expect(_validateReplicas(0, 'x')).toBe(0);
    expect(_validateReplicas(2147483647, 'x')).toBe(2147483647);
    for (const bad of [-1, 2147483648, 1.5]) expect(() => _validateReplicas(bad, 'HardenedDeployment "web"')).toThrow(/Invalid replicas .* for HardenedDeployment "web": must be an integer between 0 and 2147483647/);
  });

  test('label keys: optional DNS-1123 subdomain prefix (<= 253), name 1-63 alphanumeric at both ends', () => {
    for (const ok of ['app', 'app.kubernetes.io/name', 'a', 'A_b.c-D', `${'a'.repeat(253)}/x`, `x/${'a'.repeat(63)}`]) expect(_labelKeyProblem(ok)).toBeUndefined();
    expect(_labelKeyProblem('')).toMatch(/must not be empty/);
    expect(_labelKeyProblem('/app')).toMatch(/prefix "" must be a DNS-1123 subdomain/);
    expect(_labelKeyProblem('app/')).toMatch(/name part "" must have 1 to 63/);
    expect(_labelKeyProblem(`${'a'.repeat(254)}/x`)).toMatch(/at most 253/);
    expect(_labelKeyProblem('a'.repeat(64))).toMatch(/it has 64/);
    expect(_labelKeyProblem('Example.com/app')).toMatch(/prefix "Example.com"/);
    expect(_labelKeyProblem('a/b/c')).toMatch(/at most one "\/"/);
    expect(_labelKeyProblem('_app')).toMatch(/must start and end with a letter or digit/);
  });

  test('label values: empty, or 1-63 alphanumeric at both ends', () => {
    for (const ok of ['', 'v1', 'a.b_c-d', 'x'.repeat(63)]) expect(_labelValueProblem(ok)).toBeUndefined();
    expect(_labelValueProblem('x'.repeat(64))).toMatch(/at most 63 characters \(it has 64\)/);
    expect(_labelValueProblem('-x')).toMatch(/must be empty, or start and end/);
    expect(_labelValueProblem('a b')).toMatch(/must be empty, or start and end/);
    expect(_labelValueProblem(1 as any)).toMatch(/must be a string/);
  });
});
