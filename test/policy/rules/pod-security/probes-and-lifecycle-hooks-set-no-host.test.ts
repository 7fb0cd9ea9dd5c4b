// SPDX-License-Identifier: Apache-2.0
import { checkPod, describeStandardCases, goodContainer, goodSpec, podPaths } from './_helpers';
import { ProbesAndLifecycleHooksSetNoHost } from '../../../../src/policy/rules/pod-security';

describe('ProbesAndLifecycleHooksSetNoHost', () => {
  const rule = new ProbesAndLifecycleHooksSetNoHost();
  describeStandardCases(rule, 'HARDEN-PSS-012', 'hostProbesAndHostLifecycle',
    () => goodSpec({ containers: [goodContainer('app', { readinessProbe: { tcpSocket: { host: '10.0.0.1', port: 1 } } })] }), '/containers/0/readinessProbe/tcpSocket/host');

  test('compliant: no host, empty host, exec and grpc handlers', () => {
    const c = goodContainer('app', {
      livenessProbe: { httpGet: { port: 8080, host: '' } },
      readinessProbe: { grpc: { port: 9000 } },
      startupProbe: { exec: { command: ['true'] } },
      lifecycle: { postStart: { httpGet: { port: 8080 } }, preStop: { sleep: { seconds: 5 } } },
    });
    expect(podPaths(rule, goodSpec({ containers: [c] }))).toEqual([]);
  });

  test('fails once per handler with a host, in probes and lifecycle hooks of every container kind', () => {
    const c = goodContainer('app', {
      livenessProbe: { httpGet: { host: 'a', port: 1 } },
      readinessProbe: { tcpSocket: { host: 'b', port: 1 } },
      startupProbe: { httpGet: { host: 'c', port: 1 } },
      lifecycle: { postStart: { tcpSocket: { host: 'd', port: 1 } }, preStop: { httpGet: { host: 'e', port: 1 } } },
    });
    const init = goodContainer('i', { restartPolicy: 'Always', startupProbe: { tcpSocket: { host: 'f', port: 1 } } });
    const eph = goodContainer('e', { lifecycle: { preStop: { tcpSocket: { host: 'g', port: 1 } } } });
    expect(podPaths(rule, goodSpec({ initContainers: [init], containers: [c], ephemeralContainers: [eph] }))).toEqual([
      '/spec/initContainers/0/startupProbe/tcpSocket/host',
      '/spec/containers/0/livenessProbe/httpGet/host',
      '/spec/containers/0/readinessProbe/tcpSocket/host',
      '/spec/containers/0/startupProbe/httpGet/host',
      '/spec/containers/0/lifecycle/postStart/tcpSocket/host',
      '/spec/containers/0/lifecycle/preStop/httpGet/host',
      '/spec/ephemeralContainers/0/lifecycle/preStop/tcpSocket/host',
    ]);
  });

  test.each(['127.0.0.1', '::1', 'localhost'])('fails on loopback host %p too (only empty or unset is allowed)', (host) => {
    const c = goodContainer('app', { livenessProbe: { httpGet: { host, port: 8080 } } });
    expect(podPaths(rule, goodSpec({ containers: [c] }))).toEqual(['/spec/containers/0/livenessProbe/httpGet/host']);
  });

  test('fails with a message naming the host', () => {
    const c = goodContainer('app', { livenessProbe: { httpGet: { host: '169.254.169.254', port: 80 } } });
    expect(checkPod(rule, goodSpec({ containers: [c] }))[0].message).toMatch(/livenessProbe\.httpGet\.host is "169\.254\.169\.254"/);
  });
});
