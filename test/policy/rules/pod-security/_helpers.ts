// SPDX-License-Identifier: Apache-2.0
/** Shared helpers for the Pod Security Standards rule tests. */
import { IRule, RuleViolation } from '../../../../src/policy/engine/rule';

export const POD_BEARING_KINDS = ['Pod', 'PodTemplate', 'ReplicationController', 'ReplicaSet', 'Deployment', 'DaemonSet', 'StatefulSet', 'Job', 'CronJob'];

/** JSON pointer of the pod spec for each pod-bearing kind. */
export const SPEC_PATH: Record<string, string> = {
  Pod: '/spec',
  PodTemplate: '/template/spec',
  ReplicationController: '/spec/template/spec',
  ReplicaSet: '/spec/template/spec',
  Deployment: '/spec/template/spec',
  DaemonSet: '/spec/template/spec',
  StatefulSet: '/spec/template/spec',
  Job: '/spec/template/spec',
  CronJob: '/spec/jobTemplate/spec/template/spec',
};

/** A container that passes every restricted check on its own. */
export function goodContainer(name = 'app', extra: any = {}): any {
  return { name, image: 'registry.example.com/app:1.0', securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } }, ...extra };
}

/** A pod spec that passes every restricted check. */
export function goodSpec(extra: any = {}): any {
  return { securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } }, containers: [goodContainer()], ...extra };
}

/** Wraps a pod spec (and template annotations) into an object of the given kind. */
export function wrap(kind: string, spec: any, annotations?: Record<string, string>): any {
  const metadata = annotations ? { annotations } : {};
  const template = { metadata, spec };
  switch (kind) {
    case 'Pod': return { apiVersion: 'v1', kind, metadata: { name: 'p', ...metadata }, spec };
    case 'PodTemplate': return { apiVersion: 'v1', kind, metadata: { name: 'p' }, template };
    case 'ReplicationController': return { apiVersion: 'v1', kind, metadata: { name: 'p' }, spec: { template } };
    case 'CronJob': return { apiVersion: 'batch/v1', kind, metadata: { name: 'p' }, spec: { schedule: '* * * * *', jobTemplate: { spec: { template } } } };
    case 'Job': return { apiVersion: 'batch/v1', kind, metadata: { name: 'p' }, spec: { template } };
    default: return { apiVersion: 'apps/v1', kind, metadata: { name: 'p' }, spec: { template } };
  }
}

/** Runs a rule on a Pod built from a spec. */
export function checkPod(rule: IRule, spec: any, annotations?: Record<string, string>): RuleViolation[] {
  return rule.check(wrap('Pod', spec, annotations), { objects: [] });
}

/** The paths of a rule's findings on a Pod built from a spec. */
export function podPaths(rule: IRule, spec: any, annotations?: Record<string, string>): string[] {
  return checkPod(rule, spec, annotations).map(v => v.path);
}

/** Objects that are not pod-bearing or carry no pod spec; no PSS rule applies to them. */
export const NOT_APPLICABLE: any[] = [
  { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { spec: 'hostNetwork: true' } },
  { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { hostNetwork: true, securityContext: { runAsUser: 0 } } },
  // A KubeVirt VirtualMachine's template spec is a VirtualMachineInstanceSpec, not a pod spec (an Argo Rollout, once
  // listed here, is now checked: see test/policy/rules/pod-spec.test.ts).
  { apiVersion: 'kubevirt.io/v1', kind: 'VirtualMachine', metadata: { name: 'vm' }, spec: { template: { spec: { hostNetwork: true, domain: { devices: {} }, volumes: [{ name: 'd', hostDisk: { path: '/x' } }] } } } },
  { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' }, spec: { template: { spec: { hostNetwork: true, securityContext: { runAsUser: 0 } } } } },
  { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'no-template' }, spec: { replicas: 1 } },
  { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'no-spec' } },
  null,
  'a string',
  42,
];

/**
 * Standard cases every PSS rule shares: metadata shape, not-applicable objects, and the same
 * offending spec detected at the right path in every pod-bearing kind.
 * `badSpec` must produce exactly one finding whose path, relative to the pod spec, is `relPath`.
 */
export function describeStandardCases(rule: IRule, id: string, checkId: string, badSpec: () => any, relPath: string): void {
  test('metadata: stable id, assertion-style name, PSS reference', () => {
    expect(rule.metadata.id).toBe(id);
    expect(rule.metadata.name).toMatch(/^[A-Z][A-Za-z]+$/);
    expect(rule.metadata.rationale.length).toBeGreaterThan(20);
    expect(rule.metadata.remediation.length).toBeGreaterThan(20);
    expect(rule.metadata.references.some(r => r.includes(`"${checkId}"`) && r.includes('https://kubernetes.io/docs/concepts/security/pod-security-standards/'))).toBe(true);
  });

  test('not applicable: non-pod kinds and objects without a pod spec give no findings', () => {
    for (const obj of NOT_APPLICABLE) expect(rule.check(obj, { objects: [] })).toEqual([]);
  });

  test('compliant: a restricted-compliant spec gives no findings in any pod-bearing kind', () => {
    for (const kind of POD_BEARING_KINDS) expect(rule.check(wrap(kind, goodSpec()), { objects: [] })).toEqual([]);
  });

  test.each(POD_BEARING_KINDS)('fails on %s at the kind-specific path', (kind) => {
    const found = rule.check(wrap(kind, badSpec()), { objects: [] });
    expect(found.map(v => v.path)).toEqual([SPEC_PATH[kind] + relPath]);
    expect(found[0].message.length).toBeGreaterThan(10);
  });

  test('does not mutate its input', () => {
    const obj = wrap('Deployment', badSpec());
    const before = JSON.stringify(obj);
    rule.check(obj, { objects: [obj] });
    expect(JSON.stringify(obj)).toBe(before);
  });
}
