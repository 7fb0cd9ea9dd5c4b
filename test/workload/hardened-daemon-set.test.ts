// SPDX-License-Identifier: Apache-2.0
import { ApiObject, Chart, JsonPatch, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { expectHardenedPodDefaults } from './_pod-defaults';
import { Checker, HardenedDaemonSet, HardenedDaemonSetProps, HardenedNamespace, RulePacks } from '../../src';
import { findOne, synthValid } from '../util';

const IMAGE = 'registry.example.com/team/agent:1.4.2';
const PINNED = `${IMAGE}@sha256:${'ab'.repeat(32)}`;
const LOGS = { hostPath: '/var/log', mountPath: '/host/var/log', reason: 'log shipper reads the node\'s container logs' };

function daemon(props: Partial<HardenedDaemonSetProps> = {}, chart: Chart = Testing.chart()) {
  const construct = new HardenedDaemonSet(chart, 'agent', { containers: [{ image: IMAGE, portNumber: 9100 }], ...props });
  return { chart, daemon: construct };
}

function synthPod(chart: Chart) {
  const objects = synthValid(chart);
  const workload = findOne(objects, 'DaemonSet');
  return { objects, workload, pod: workload.spec.template.spec };
}

/** Active findings, suppressed findings and unmatched suppressions of the DaemonSet in a hardened namespace. */
function check(props: Partial<HardenedDaemonSetProps>, patch?: (d: HardenedDaemonSet) => void) {
  const chart = Testing.chart();
  const ns = new HardenedNamespace(chart, 'Ns', { name: 'agents' });
  const { daemon: construct } = daemon({ namespace: ns, containers: [{ image: PINNED, portNumber: 9100 }], ...props }, chart);
  patch?.(construct);
  const report = new Checker({ packs: RulePacks.all() }).check(synthValid(chart));
  const show = (fs: any[]) => fs.map(f => `${f.ruleId} ${f.path}`);
  return { active: show(report.activeFindings()), suppressed: show(report.suppressedFindings()), unmatched: report.unmatchedSuppressions.length };
}

describe('HardenedDaemonSet', () => {
  test('minimal definition', () => {
    expect(synthValid(daemon().chart)).toMatchSnapshot();
  });

  test('defaultChild', () => {
    const { daemon: construct } = daemon();
    expect(ApiObject.of(construct).kind).toBe('DaemonSet');
    expect(construct.node.defaultChild).toBe(ApiObject.of(construct));
  });

  expectHardenedPodDefaults(() => synthPod(daemon().chart));

  test('long-running containers get liveness and readiness probes from the port', () => {
    const container = synthPod(daemon().chart).pod.containers[0];
    expect(container.livenessProbe.tcpSocket).toEqual({ port: 9100 });
    expect(container.readinessProbe.tcpSocket).toEqual({ port: 9100 });
  });

  test('no host access and no suppressions by default', () => {
    const { workload, pod } = synthPod(daemon().chart);
    expect(pod.hostNetwork).toBe(false);
    expect(pod.volumes).toBeUndefined();
    expect(workload.metadata.annotations).toBeUndefined();
    expect(daemon().daemon.hostNetwork).toBe(false);
  });

  test('default props in a hardened namespace pass every pack with zero findings', () => {
    expect(check({})).toEqual({ active: [], suppressed: [], unmatched: 0 });
  });

  describe('explicit host access', () => {
    test('hostPaths are mounted read-only into every container, with a suppression of exactly their volume', () => {
      const { workload, pod } = synthPod(daemon({ hostPaths: [LOGS], containers: [{ image: IMAGE, portNumber: 9100, writablePaths: ['/tmp'] }] }).chart);
      expect(pod.volumes[0]).toEqual({ name: 'host-var-log', hostPath: { path: '/var/log' } });
      expect(pod.containers[0].volumeMounts).toContainEqual({ name: 'host-var-log', mountPath: '/host/var/log', readOnly: true });
      const written = JSON.parse(workload.metadata.annotations['hardened.cdk8s.io/suppressions']);
      expect(written).toEqual([
        { id: 'HARDEN-PSS-004', reason: LOGS.reason, appliesTo: ['/spec/template/spec/volumes/0/hostPath'] },
        { id: 'HARDEN-PSS-013', reason: LOGS.reason, appliesTo: ['/spec/template/spec/volumes/0/hostPath'] },
      ]);
      expect(workload.spec.template.metadata.annotations['hardened.cdk8s.io/suppressions']).toEqual(JSON.stringify(written));
    });

    test('hostPaths: the checks report nothing active; exactly the hostPath findings are suppressed', () => {
      expect(check({ hostPaths: [LOGS] })).toEqual({
        active: [],
        suppressed: ['HARDEN-PSS-004 /spec/template/spec/volumes/0/hostPath', 'HARDEN-PSS-013 /spec/template/spec/volumes/0/hostPath'],
        unmatched: 0,
      });
    });

    test('hostNetwork with a reason: hostNetwork true, DNS policy for host network, suppression of hostNetwork only', () => {
      const { workload, pod } = synthPod(daemon({ hostNetwork: true, hostNetworkReason: 'node exporter reads host interfaces' }).chart);
      expect(pod.hostNetwork).toBe(true);
      expect(pod.hostPID).toBe(false);
      expect(pod.hostIPC).toBe(false);
      expect(pod.dnsPolicy).toBe('ClusterFirstWithHostNet');
      expect(JSON.parse(workload.metadata.annotations['hardened.cdk8s.io/suppressions'])).toEqual([
        { id: 'HARDEN-PSS-001', reason: 'node exporter reads host interfaces', appliesTo: ['/spec/template/spec/hostNetwork'] },
      ]);
      expect(check({ hostNetwork: true, hostNetworkReason: 'node exporter reads host interfaces' }))
        .toEqual({ active: [], suppressed: ['HARDEN-PSS-001 /spec/template/spec/hostNetwork'], unmatched: 0 });
    });

    test('fails without the option: the same DaemonSet patched to hostNetwork is found by HARDEN-PSS-001', () => {
      const patched = check({}, d => ApiObject.of(d).addJsonPatch(JsonPatch.replace('/spec/template/spec/hostNetwork', true)));
      expect(patched.active).toEqual(['HARDEN-PSS-001 /spec/template/spec/hostNetwork']);
    });

    test('the hostNetwork suppression does not cover hostPID', () => {
      // Patches of cdk8s-plus objects apply before the L1 key mapping, so the field is spelled hostPid here.
      const patched = check({ hostNetwork: true, hostNetworkReason: 'node exporter reads host interfaces' },
        d => ApiObject.of(d).addJsonPatch(JsonPatch.replace('/spec/template/spec/hostPid', true)));
      expect(patched.active).toEqual(['HARDEN-PSS-001 /spec/template/spec/hostPID']);
    });

    test('a hostPath volume passed as an ordinary mount is still refused', () => {
      const chart = Testing.chart();
      const vol = kplus.Volume.fromHostPath(chart, 'v', 'docker', { path: '/var/run/docker.sock' });
      expect(() => daemon({ containers: [{ image: IMAGE, portNumber: 9100, volumeMounts: [{ path: '/sock', volume: vol }] }] }, chart))
        .toThrow(/Volume "docker" uses the hostPath source, which the restricted Pod Security Standard forbids/);
    });
  });

  test('throws on hostNetwork without a reason', () => {
    expect(() => daemon({ hostNetwork: true })).toThrow(/hostNetwork: true needs hostNetworkReason, at least 10 visible characters/);
  });

  test('throws on a hostNetworkReason without hostNetwork', () => {
    expect(() => daemon({ hostNetworkReason: 'node exporter reads host interfaces' })).toThrow(/sets hostNetworkReason but not hostNetwork: true/);
  });

  test('throws on a hostPath mount without a reason', () => {
    expect(() => daemon({ hostPaths: [{ ...LOGS, reason: 'logs' }] })).toThrow(/the hostPath mount of "\/var\/log" needs hostPaths\[0\]\.reason, at least 10 visible characters saying why the pods need it \(got "logs"\)/);
  });

  test('throws on a hostPath of "/"', () => {
    expect(() => daemon({ hostPaths: [{ ...LOGS, hostPath: '/' }] })).toThrow(/Invalid hostPath "\/" in hostPaths\[0\] of HardenedDaemonSet "agent" at test\/agent/);
  });

  test('throws on a relative mountPath', () => {
    expect(() => daemon({ hostPaths: [{ ...LOGS, mountPath: 'logs' }] })).toThrow(/Invalid mountPath "logs" in hostPaths\[0\]/);
  });

  test('throws on a repeated hostPath', () => {
    expect(() => daemon({ hostPaths: [LOGS, { ...LOGS, mountPath: '/other' }] })).toThrow(/hostPaths\[1\] .* repeats another entry/);
  });

  test('throws on a root runAsUser', () => {
    expect(() => daemon({ runAsUser: 0 })).toThrow(/Invalid runAsUser 0: 0 is root/);
  });

  test('throws on a container without a port or probes', () => {
    expect(() => daemon({ containers: [{ image: IMAGE }] })).toThrow(/has no liveness or readiness probe and no TCP port/);
  });

  test('throws on a cdk8s-plus container with a host port', () => {
    const { daemon: construct } = daemon();
    expect(() => construct.addContainer({ name: 'side', image: IMAGE, ports: [{ number: 80, hostPort: 80 }] }))
      .toThrow(/sets hostPort 80, which the baseline Pod Security Standard forbids/);
  });

  test('hostPaths getter returns a copy', () => {
    const { daemon: construct } = daemon({ hostPaths: [LOGS] });
    expect(construct.hostPaths).toEqual([LOGS]);
    expect(construct.hostPaths).not.toBe(construct.hostPaths);
  });
});
