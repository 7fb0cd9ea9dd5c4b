// SPDX-License-Identifier: Apache-2.0
import * as path from 'path';
import { ApiObject, App, Chart, Include, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Hardening, HardeningChange, RulePacks, SecurityChecks, Suppressions } from '../../../src';
import { _fixableRules, _fixObject } from '../../../src/policy/engine/_fixer';
import { HardenedDeployment } from '../../../src/workload';
import { validateManifests } from '../../util';

const RAW = path.join(__dirname, '..', '..', 'fixtures', 'hardening', 'raw-deployment.yaml');
const IMAGE = 'registry.example.com/web@sha256:' + 'a'.repeat(64);

/** A chart with a plain cdk8s-plus-28 Deployment and an included raw Deployment, neither with a securityContext. */
function plainChart(app: App = Testing.app()) {
  const chart = new Chart(app, 'apps', { namespace: 'apps' });
  new kplus.Deployment(chart, 'web', { containers: [{ image: 'nginx:1.25.3', portNumber: 8080 }] });
  new Include(chart, 'vendor', { url: RAW });
  return chart;
}

function quiet(): { log: (s: string) => void; lines: string[] } {
  const lines: string[] = [];
  return { log: s => lines.push(s), lines };
}

const pin = (changes: HardeningChange[]) => changes.map(c => `${c.kind} ${c.name ?? '<generated>'} ${c.ruleId} ${c.path}: ${c.description}`);

describe('Hardening', () => {
  test('fails without it: the plain chart does not pass PodSecurityRestricted', () => {
    const chart = plainChart();
    SecurityChecks.of(chart, { logger: quiet() }).addPack(RulePacks.byName('PodSecurityRestricted'));
    expect(() => Testing.synth(chart)).toThrow(/HARDEN-PSS-017 SeccompProfileIsRuntimeDefaultOrLocalhost: Deployment apps\/vendor/);
  });

  test('makes a plain cdk8s-plus Deployment and an included raw Deployment pass PodSecurityRestricted at synth, both kept', () => {
    const chart = plainChart();
    const logger = quiet();
    const hardening = Hardening.of(chart, { logger });
    SecurityChecks.of(chart, { logger: quiet() }).addPack(RulePacks.byName('PodSecurityRestricted'));
    const out = Testing.synth(chart);
    validateManifests(out);
    expect(out.map(o => `${o.kind} ${o.metadata.name}`)).toEqual([expect.stringMatching(/^Deployment apps-web-/), 'Deployment vendor']);
    expect(pin(hardening.changes).map(s => s.replace(/apps-web-\w+/, 'apps-web'))).toEqual([
      'Deployment apps-web HARDEN-PSS-017 /spec/template/spec/securityContext/seccompProfile: set seccompProfile.type: RuntimeDefault',
      'Deployment apps-web HARDEN-PSS-018 /spec/template/spec/containers/0/securityContext/capabilities/drop: set capabilities.drop: ["ALL"]',
      'Deployment vendor HARDEN-PSS-014 /spec/template/spec/containers/0/securityContext/allowPrivilegeEscalation: set allowPrivilegeEscalation: false',
      'Deployment vendor HARDEN-PSS-015 /spec/template/spec/securityContext/runAsNonRoot: set runAsNonRoot: true (the kubelet refuses to start an image that runs as root)',
      'Deployment vendor HARDEN-PSS-017 /spec/template/spec/securityContext/seccompProfile: set seccompProfile.type: RuntimeDefault',
      'Deployment vendor HARDEN-PSS-018 /spec/template/spec/containers/0/securityContext/capabilities/drop: set capabilities.drop: ["ALL"]',
      'Deployment vendor HARDEN-WL-001 /spec/template/spec/containers/0/securityContext/readOnlyRootFilesystem: set readOnlyRootFilesystem: true',
      'Deployment vendor HARDEN-WL-001 /spec/template/spec/containers/0/volumeMounts: mounted a writable emptyDir "vendor-tmp" (sizeLimit 64Mi) at /tmp',
      'Deployment vendor HARDEN-WL-006 /spec/template/spec/automountServiceAccountToken: set automountServiceAccountToken: false',
    ]);
    const vendor = out[1].spec.template.spec;
    expect(vendor.containers[0].volumeMounts).toEqual([{ name: 'cache', mountPath: '/var/cache/vendor' }, { name: 'vendor-tmp', mountPath: '/tmp' }]);
    expect(vendor.volumes).toEqual([{ name: 'cache', emptyDir: {} }, { name: 'vendor-tmp', emptyDir: { sizeLimit: '64Mi' } }]);
    // The synth-time report lists the changes object by object, once.
    expect(logger.lines).toHaveLength(1);
    expect(logger.lines[0]).toMatch(/^Hardening\.of\(apps\): 9 change\(s\) in 2 object\(s\)\n {2}Deployment apps\/apps-web-\w+ \(construct apps\/web\/Resource\)\n/);
    expect(logger.lines[0]).toContain('  Deployment apps/vendor (construct apps/vendor/vendor-deployment-apps)\n    HARDEN-PSS-014 ');
  });

  test('is idempotent: synthesizing again and re-fixing the output change nothing', () => {
    const chart = plainChart();
    const logger = quiet();
    const hardening = Hardening.of(chart, { logger });
    const first = Testing.synth(chart);
    expect(Testing.synth(chart)).toEqual(first);
    expect(hardening.apply()).toEqual([]);
    expect(logger.lines).toHaveLength(1);
    const rules = _fixableRules(RulePacks.all());
    for (const obj of first) expect(_fixObject(obj, rules, { objects: first })).toEqual([]);
  });

  test('checks see hardened objects whichever was added first (checks on the app, hardening on the chart)', () => {
    const app = Testing.app();
    SecurityChecks.of(app, { logger: quiet() }).addPack(RulePacks.byName('PodSecurityRestricted'));
    const chart = plainChart(app);
    Hardening.of(chart, { logger: quiet() });
    expect(() => app.synthYaml()).not.toThrow();
  });

  test('leaves the output of our own constructs unchanged', () => {
    const build = (harden: boolean) => {
      const chart = new Chart(Testing.app(), 'own', { namespace: 'apps' });
      new HardenedDeployment(chart, 'web', { containers: [{ image: IMAGE, portNumber: 8080, writablePaths: ['/tmp'] }] });
      const hardening = harden ? Hardening.of(chart, { logger: quiet() }) : undefined;
      return { out: Testing.synth(chart), hardening };
    };
    const hardened = build(true);
    expect(hardened.out).toEqual(build(false).out);
    expect(hardened.hardening!.changes).toEqual([]);
  });

  test('does not fix a rule suppressed on the object', () => {
    const chart = new Chart(Testing.app(), 'apps', { namespace: 'apps' });
    const vendor = new Include(chart, 'vendor', { url: RAW });
    Suppressions.add(vendor, [{ id: 'HARDEN-PSS-018', reason: 'the vendor image needs CHOWN at start-up' }]);
    const hardening = Hardening.of(chart, { logger: quiet() });
    const [out] = Testing.synth(chart);
    expect(out.spec.template.spec.containers[0].securityContext.capabilities).toBeUndefined();
    expect(hardening.changes.map(c => c.ruleId)).not.toContain('HARDEN-PSS-018');
    expect(hardening.changes.map(c => c.ruleId)).toContain('HARDEN-PSS-014');
  });

  test('never guesses: privileged, host namespaces, hostPath and root UIDs stay findings', () => {
    const chart = new Chart(Testing.app(), 'apps', { namespace: 'apps' });
    new ApiObject(chart, 'agent', {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'agent' },
      spec: {
        selector: { matchLabels: { app: 'agent' } },
        template: {
          metadata: { labels: { app: 'agent' } },
          spec: {
            hostNetwork: true,
            volumes: [{ name: 'logs', hostPath: { path: '/var/log' } }],
            containers: [{ name: 'agent', image: 'registry.example.com/agent:1.0.0', securityContext: { privileged: true, runAsUser: 0 } }],
          },
        },
      },
    });
    Hardening.of(chart, { logger: quiet() });
    SecurityChecks.of(chart, { logger: quiet() }).addPack(RulePacks.byName('PodSecurityRestricted'));
    let message = '';
    try {
      Testing.synth(chart);
    } catch (e) {
      message = (e as Error).message;
    }
    for (const id of ['HARDEN-PSS-001', 'HARDEN-PSS-002', 'HARDEN-PSS-016']) expect(message).toContain(id);
    expect(message).toMatch(/HARDEN-PSS-013 PodUsesOnlyRestrictedVolumeTypes/);
  });

  test('runAsUser replaces a root UID; serviceAccountTokenNeeded keeps the token; the innermost hardening decides', () => {
    const chart = new Chart(Testing.app(), 'apps', { namespace: 'apps' });
    const operator = new kplus.Deployment(chart, 'operator', {
      automountServiceAccountToken: true,
      containers: [{ image: 'registry.example.com/op:1.0.0', portNumber: 8080, securityContext: { user: 0, ensureNonRoot: false } }],
    });
    Hardening.of(chart, { logger: quiet() });
    Hardening.of(operator, { runAsUser: 10001, serviceAccountTokenNeeded: true, logger: quiet() });
    const [out] = Testing.synth(chart);
    const spec = out.spec.template.spec;
    expect(spec.containers[0].securityContext.runAsUser).toBe(10001);
    expect(spec.containers[0].securityContext.runAsNonRoot).toBe(true);
    expect(spec.automountServiceAccountToken).toBe(true);
  });

  test('throws on invalid options when they are given', () => {
    const chart = new Chart(Testing.app(), 'apps');
    expect(() => Hardening.of(chart, { runAsUser: -1 })).toThrow(/Invalid runAsUser -1/);
    expect(() => Hardening.of(chart, { writablePaths: ['tmp'] })).toThrow(/Invalid writable path "tmp"/);
    expect(() => Hardening.of(chart, { resources: { memoryLimit: '1 GB' } })).toThrow(/Invalid resources limits.memory given to the fix "1 GB"/);
  });

  test('fills resources from the namespace LimitRange of the app', () => {
    const chart = new Chart(Testing.app(), 'apps', { namespace: 'apps' });
    new ApiObject(chart, 'limits', {
      apiVersion: 'v1',
      kind: 'LimitRange',
      metadata: { name: 'defaults' },
      spec: { limits: [{ type: 'Container', default: { cpu: '500m', memory: '256Mi' }, defaultRequest: { cpu: '100m', memory: '128Mi' } }] },
    } as any);
    new Include(chart, 'vendor', { url: RAW });
    Hardening.of(chart, { logger: quiet() });
    const out = Testing.synth(chart);
    validateManifests(out);
    expect(out[1].spec.template.spec.containers[0].resources).toEqual({ requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '256Mi' } });
  });
});
