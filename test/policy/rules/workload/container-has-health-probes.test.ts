// SPDX-License-Identifier: Apache-2.0
import { hardenedContainer, NO_CONTEXT, podSpec, wrap } from './_objects';
import { ContainerHasHealthProbes } from '../../../../src/policy/rules/workload';

const NO_PROBES = { livenessProbe: undefined, readinessProbe: undefined };

describe('ContainerHasHealthProbes', () => {
  const rule = new ContainerHasHealthProbes();

  test('metadata', () => {
    expect(rule.metadata.id).toBe('HARDEN-WL-005');
  });

  test.each(['Pod', 'PodTemplate', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController'])('fails on a long-running %s without probes', kind => {
    const found = rule.check(wrap(kind, podSpec({ containers: [hardenedContainer('app', NO_PROBES)] })), NO_CONTEXT);
    expect(found.map(v => v.path.split('/').slice(-1)[0])).toEqual(['livenessProbe', 'readinessProbe']);
    expect(found[0].message).toBe('container "app" has no livenessProbe');
  });

  test('fails on a native sidecar without a readiness probe', () => {
    const sidecar = hardenedContainer('proxy', { restartPolicy: 'Always', readinessProbe: undefined });
    expect(rule.check(wrap('Deployment', podSpec({ initContainers: [sidecar] })), NO_CONTEXT)).toEqual([
      { path: '/spec/template/spec/initContainers/0/readinessProbe', message: 'sidecar init container "proxy" has no readinessProbe' },
    ]);
  });

  test.each(['Job', 'CronJob'])('not applicable to %s', kind => {
    expect(rule.check(wrap(kind, podSpec({ containers: [hardenedContainer('app', NO_PROBES)] })), NO_CONTEXT)).toEqual([]);
  });

  test.each(['Never', 'OnFailure'])('not applicable to a Pod with restartPolicy %s', restartPolicy => {
    expect(rule.check(wrap('Pod', podSpec({ restartPolicy, containers: [hardenedContainer('app', NO_PROBES)] })), NO_CONTEXT)).toEqual([]);
  });

  test('not applicable to ordinary init containers and ephemeral containers', () => {
    const obj = wrap('Deployment', podSpec({
      initContainers: [hardenedContainer('init', NO_PROBES)],
      ephemeralContainers: [{ name: 'debug', image: 'busybox' }],
    }));
    expect(rule.check(obj, NO_CONTEXT)).toEqual([]);
  });
});
