// SPDX-License-Identifier: Apache-2.0
/**
 * The rules' automatic fixes (`IRule.fix`): over every fixture of every fixable rule, a fix never adds a finding,
 * never touches a compliant object, is idempotent and keeps the object schema-valid; then one case per fix decision.
 */
import { loadFixtures, runRule } from './_fixtures';
import { IRule, RuleFixOptions } from '../../../src/policy/engine/rule';
import * as podSecurity from '../../../src/policy/rules/pod-security';
import * as workload from '../../../src/policy/rules/workload';
import { validateManifests } from '../../util';

const ALL: IRule[] = [podSecurity, workload].flatMap(mod => Object.values(mod)).map((Rule: any) => new Rule() as IRule);
const FIXABLE = ALL.filter(r => r.fix);

function applyFix(rule: IRule, objects: any[], options: RuleFixOptions = {}) {
  const copy = JSON.parse(JSON.stringify(objects));
  const changes = copy.flatMap((o: any) => rule.fix!.apply(o, { ...options, objects: copy }));
  return { objects: copy, changes };
}

function deployment(pod: any, container: any = {}): any {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'apps' },
    spec: {
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { ...pod, containers: [{ name: 'app', image: 'registry.example.com/app:1.0.0', ...container }] } },
    },
  };
}

const C = '/spec/template/spec/containers/0';

test('the fixable rules are the agreed ones', () => {
  expect(FIXABLE.map(r => r.metadata.id).sort()).toEqual([
    'HARDEN-PSS-006', 'HARDEN-PSS-014', 'HARDEN-PSS-015', 'HARDEN-PSS-016', 'HARDEN-PSS-017', 'HARDEN-PSS-018',
    'HARDEN-WL-001', 'HARDEN-WL-002', 'HARDEN-WL-006',
  ]);
});

describe.each(FIXABLE.map(r => [r.metadata.id, r] as const))('%s fix over its fixtures', (id, rule) => {
  const fixtures = loadFixtures(id);
  const options: RuleFixOptions = { runAsUser: 10001, resources: { cpuRequest: '100m', cpuLimit: '500m', memoryRequest: '128Mi', memoryLimit: '256Mi' } };

  test.each(fixtures.map(f => [f.file, f] as const))('%s', (_file, fixture) => {
    const before = runRule(rule, fixture.objects);
    const { objects, changes } = applyFix(rule, fixture.objects, options);
    const after = runRule(rule, objects);
    if (fixture.outcome !== 'non-compliant') expect(changes).toEqual([]);
    expect(after.length).toBeLessThanOrEqual(before.length);
    expect(applyFix(rule, objects, options).changes).toEqual([]);
    validateManifests(objects);
    for (const c of changes) expect(c.path).toMatch(/^\/\S+$/);
  });

  test('what stays a finding after the fix (pinned)', () => {
    const remaining = Object.fromEntries(fixtures.map(f => [f.file, runRule(rule, applyFix(rule, f.objects, options).objects).map(v => v.path)]));
    expect(remaining).toMatchSnapshot();
  });
});

describe('HARDEN-PSS-015 ContainerRunsAsNonRoot fix', () => {
  const rule = new podSecurity.ContainerRunsAsNonRoot();
  test('sets runAsNonRoot: true on the pod where unset', () => {
    const { objects, changes } = applyFix(rule, [deployment({})]);
    expect(objects[0].spec.template.spec.securityContext).toEqual({ runAsNonRoot: true });
    expect(changes.map((c: any) => c.path)).toEqual(['/spec/template/spec/securityContext/runAsNonRoot']);
  });
  test('fails open on nothing: an explicit runAsNonRoot: false stays without runAsUser', () => {
    const { objects, changes } = applyFix(rule, [deployment({}, { securityContext: { runAsNonRoot: false } })]);
    expect(objects[0].spec.template.spec.containers[0].securityContext).toEqual({ runAsNonRoot: false });
    expect(changes.map((c: any) => c.path)).toEqual(['/spec/template/spec/securityContext/runAsNonRoot']);
    expect(rule.check(objects[0], { objects })).toHaveLength(1);
  });
  test('with runAsUser, an explicit false becomes true with that UID', () => {
    const { objects } = applyFix(rule, [deployment({}, { securityContext: { runAsNonRoot: false } })], { runAsUser: 10001 });
    expect(objects[0].spec.template.spec.containers[0].securityContext).toEqual({ runAsNonRoot: true, runAsUser: 10001 });
    expect(rule.check(objects[0], { objects })).toEqual([]);
  });
  test('throws on an invalid runAsUser', () => {
    expect(() => rule.fix!.apply(deployment({}), { runAsUser: 0 })).toThrow(/Invalid runAsUser 0 .*0 is root/);
    expect(() => rule.fix!.apply(deployment({}), { runAsUser: 1.5 })).toThrow(/Invalid runAsUser 1.5/);
  });
});

describe('HARDEN-PSS-016 ContainerDoesNotRunAsRootUser fix', () => {
  const rule = new podSecurity.ContainerDoesNotRunAsRootUser();
  test('never guesses the UID: runAsUser 0 stays without the option', () => {
    const { changes } = applyFix(rule, [deployment({ securityContext: { runAsUser: 0 } }, { securityContext: { runAsUser: 0 } })]);
    expect(changes).toEqual([]);
  });
  test('replaces runAsUser 0 with the given UID on the pod and containers', () => {
    const root = deployment({ securityContext: { runAsUser: 0 } }, { securityContext: { runAsUser: 0 } });
    const { objects, changes } = applyFix(rule, [root], { runAsUser: 10001 });
    expect(objects[0].spec.template.spec.securityContext.runAsUser).toBe(10001);
    expect(objects[0].spec.template.spec.containers[0].securityContext.runAsUser).toBe(10001);
    expect(changes).toHaveLength(2);
  });
});

describe('HARDEN-PSS-014 ContainerDisallowsPrivilegeEscalation fix', () => {
  const rule = new podSecurity.ContainerDisallowsPrivilegeEscalation();
  test('sets allowPrivilegeEscalation: false where unset', () => {
    const { objects } = applyFix(rule, [deployment({})]);
    expect(objects[0].spec.template.spec.containers[0].securityContext).toEqual({ allowPrivilegeEscalation: false });
  });
  test('leaves privileged containers, SYS_ADMIN and an explicit true alone', () => {
    for (const sc of [{ privileged: true }, { capabilities: { add: ['SYS_ADMIN'] } }, { allowPrivilegeEscalation: true }]) {
      expect(applyFix(rule, [deployment({}, { securityContext: sc })]).changes).toEqual([]);
    }
  });
});

describe('HARDEN-PSS-017 SeccompProfileIsRuntimeDefaultOrLocalhost fix', () => {
  const rule = new podSecurity.SeccompProfileIsRuntimeDefaultOrLocalhost();
  test('sets the pod profile to RuntimeDefault', () => {
    const { objects } = applyFix(rule, [deployment({})]);
    expect(objects[0].spec.template.spec.securityContext.seccompProfile).toEqual({ type: 'RuntimeDefault' });
  });
  test('leaves an explicit Unconfined profile (a finding) alone', () => {
    expect(applyFix(rule, [deployment({ securityContext: { seccompProfile: { type: 'Unconfined' } } })]).changes).toEqual([]);
  });
  test('leaves Windows pods alone', () => {
    expect(applyFix(rule, [deployment({ os: { name: 'windows' } })]).changes).toEqual([]);
  });
});

describe('HARDEN-PSS-018 ContainerDropsAllCapabilities fix', () => {
  const rule = new podSecurity.ContainerDropsAllCapabilities();
  test('adds ALL to what is dropped already', () => {
    const { objects } = applyFix(rule, [deployment({}, { securityContext: { capabilities: { drop: ['NET_RAW'] } } })]);
    expect(objects[0].spec.template.spec.containers[0].securityContext.capabilities).toEqual({ drop: ['NET_RAW', 'ALL'] });
  });
  test('never removes an added capability: NET_ADMIN stays a finding', () => {
    const { objects } = applyFix(rule, [deployment({}, { securityContext: { capabilities: { add: ['NET_ADMIN'] } } })]);
    expect(objects[0].spec.template.spec.containers[0].securityContext.capabilities).toEqual({ add: ['NET_ADMIN'], drop: ['ALL'] });
    expect(rule.check(objects[0], { objects }).map(v => v.path)).toEqual([`${C}/securityContext/capabilities/add/0`]);
  });
});

describe('HARDEN-WL-001 ContainerRootFilesystemIsReadOnly fix', () => {
  const rule = new workload.ContainerRootFilesystemIsReadOnly();
  test('makes the root filesystem read-only with an emptyDir at /tmp and at each listed path, keeping existing mounts', () => {
    const obj = deployment({ volumes: [{ name: 'cache', emptyDir: {} }] }, { volumeMounts: [{ name: 'cache', mountPath: '/var/cache/app' }] });
    const { objects } = applyFix(rule, [obj], { writablePaths: ['/var/run/app/'] });
    const spec = objects[0].spec.template.spec;
    expect(spec.containers[0].securityContext).toEqual({ readOnlyRootFilesystem: true });
    expect(spec.containers[0].volumeMounts).toEqual([
      { name: 'cache', mountPath: '/var/cache/app' },
      { name: 'app-tmp', mountPath: '/tmp' },
      { name: 'app-var-run-app', mountPath: '/var/run/app' },
    ]);
    expect(spec.volumes).toEqual([
      { name: 'cache', emptyDir: {} },
      { name: 'app-tmp', emptyDir: { sizeLimit: '64Mi' } },
      { name: 'app-var-run-app', emptyDir: { sizeLimit: '64Mi' } },
    ]);
  });
  test('does not mount over a path the container mounts already, and avoids a taken volume name', () => {
    const obj = deployment({ volumes: [{ name: 'app-tmp', configMap: { name: 'x' } }] }, { volumeMounts: [{ name: 'app-tmp', mountPath: '/etc/x' }] });
    const { objects } = applyFix(rule, [obj], { writablePaths: ['/etc/x'] });
    expect(objects[0].spec.template.spec.volumes.map((v: any) => v.name)).toEqual(['app-tmp', 'app-tmp-2']);
    expect(objects[0].spec.template.spec.containers[0].volumeMounts).toEqual([{ name: 'app-tmp', mountPath: '/etc/x' }, { name: 'app-tmp-2', mountPath: '/tmp' }]);
  });
  test('leaves an explicit readOnlyRootFilesystem: false alone', () => {
    expect(applyFix(rule, [deployment({}, { securityContext: { readOnlyRootFilesystem: false } })]).changes).toEqual([]);
  });
  test('throws on an invalid writable path', () => {
    expect(() => rule.fix!.apply(deployment({}), { writablePaths: ['relative/dir'] })).toThrow(/Invalid writable path "relative\/dir"/);
    expect(() => rule.fix!.apply(deployment({}), { writablePaths: ['/'] })).toThrow(/Invalid writable path "\/"/);
  });
});

describe('HARDEN-WL-006 PodServiceAccountTokenIsNotAutomounted fix', () => {
  const rule = new workload.PodServiceAccountTokenIsNotAutomounted();
  test('sets automountServiceAccountToken: false on the pod spec', () => {
    expect(applyFix(rule, [deployment({})]).objects[0].spec.template.spec.automountServiceAccountToken).toBe(false);
  });
  test('keeps the token when it is needed, and leaves an explicit true', () => {
    expect(applyFix(rule, [deployment({})], { serviceAccountTokenNeeded: true }).changes).toEqual([]);
    expect(applyFix(rule, [deployment({ automountServiceAccountToken: true })]).changes).toEqual([]);
  });
});

describe('HARDEN-WL-002 ContainerResourcesAreBounded fix', () => {
  const rule = new workload.ContainerResourcesAreBounded();
  test('never guesses: without options or a LimitRange nothing is set', () => {
    expect(applyFix(rule, [deployment({})]).changes).toEqual([]);
  });
  test('fills what is missing from the options', () => {
    const { objects } = applyFix(rule, [deployment({}, { resources: { limits: { memory: '1Gi' } } })],
      { resources: { cpuRequest: '100m', cpuLimit: '500m', memoryRequest: '128Mi', memoryLimit: '256Mi' } });
    expect(objects[0].spec.template.spec.containers[0].resources).toEqual({ limits: { memory: '1Gi', cpu: '500m' }, requests: { cpu: '100m', memory: '128Mi' } });
  });
  test('takes the namespace LimitRange defaults (defaultRequest falling back to default)', () => {
    const limitRange = {
      apiVersion: 'v1',
      kind: 'LimitRange',
      metadata: { name: 'defaults', namespace: 'apps' },
      spec: { limits: [{ type: 'Container', default: { cpu: '1', memory: '512Mi' }, defaultRequest: { cpu: '250m' } }] },
    };
    const { objects, changes } = applyFix(rule, [limitRange, deployment({})]);
    expect(objects[1].spec.template.spec.containers[0].resources).toEqual({ requests: { cpu: '250m', memory: '512Mi' }, limits: { cpu: '1', memory: '512Mi' } });
    expect(changes[0].description).toMatch(/LimitRange default/);
  });
  test('never sets a limit below an existing request', () => {
    const { objects } = applyFix(rule, [deployment({}, { resources: { requests: { cpu: '2' } } })], { resources: { cpuLimit: '500m' } });
    expect(objects[0].spec.template.spec.containers[0].resources).toEqual({ requests: { cpu: '2' } });
  });
  test('throws on an invalid quantity', () => {
    expect(() => rule.fix!.apply(deployment({}), { resources: { cpuLimit: 'lots' } })).toThrow(/Invalid resources limits.cpu given to the fix "lots"/);
  });
});

describe('HARDEN-PSS-006 AppArmorProfileIsRuntimeDefaultOrLocalhost fix', () => {
  const rule = new podSecurity.AppArmorProfileIsRuntimeDefaultOrLocalhost();
  const key = 'container.apparmor.security.beta.kubernetes.io/app';
  test('does nothing unless appArmorRuntimeDefault is set (a node without AppArmor refuses such pods)', () => {
    expect(applyFix(rule, [deployment({})]).changes).toEqual([]);
  });
  test('sets runtime/default for containers without a profile', () => {
    const { objects, changes } = applyFix(rule, [deployment({})], { appArmorRuntimeDefault: true });
    expect(objects[0].spec.template.metadata.annotations).toEqual({ [key]: 'runtime/default' });
    expect(changes.map((c: any) => c.path)).toEqual(['/spec/template/metadata/annotations/container.apparmor.security.beta.kubernetes.io~1app']);
  });
  test('keeps an explicit profile, including Unconfined (a finding)', () => {
    const obj = deployment({});
    obj.spec.template.metadata.annotations = { [key]: 'unconfined' };
    expect(applyFix(rule, [obj], { appArmorRuntimeDefault: true }).changes).toEqual([]);
  });
});
