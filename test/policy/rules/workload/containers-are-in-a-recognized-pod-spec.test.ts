// SPDX-License-Identifier: Apache-2.0
import { NO_CONTEXT, podSpec, POD_BEARING, wrap } from './_objects';
import { Checker } from '../../../../src/policy/engine/checker';
import { Severity } from '../../../../src/policy/engine/rule';
import { HardenedWorkloadsPack } from '../../../../src/policy/packs/hardened-workloads-pack';
import { ContainersAreInARecognizedPodSpec } from '../../../../src/policy/rules/workload';

const widget = (spec: any) => ({ apiVersion: 'fixtures.cdk8s-hardened.example/v1', kind: 'WorkerPool', metadata: { name: 'w', namespace: 'shop' }, spec });

describe('ContainersAreInARecognizedPodSpec', () => {
  const rule = new ContainersAreInARecognizedPodSpec();

  test('metadata', () => {
    expect(rule.metadata.id).toBe('HARDEN-WL-020');
    expect(rule.metadata.name).toBe('ContainersAreInARecognizedPodSpec');
    expect(rule.metadata.defaultSeverity).toBe(Severity.WARNING);
  });

  test('is a warning of HardenedWorkloads (so addAllPacks includes it)', () => {
    const entry = new HardenedWorkloadsPack().entries.find(e => e.rule.metadata.id === 'HARDEN-WL-020');
    expect(entry?.severity).toBe(Severity.WARNING);
  });

  test.each(POD_BEARING)('compliant: every container of a %s is read', kind => {
    expect(rule.check(wrap(kind, podSpec({ initContainers: [{ name: 'i', image: 'x' }], ephemeralContainers: [{ name: 'e', image: 'x' }] })), NO_CONTEXT)).toEqual([]);
  });

  test('compliant: known custom resources (Rollout, Knative, Argo, Tekton) are read, not reported', () => {
    const c = [{ name: 'a', image: 'x' }];
    const objects = [
      { apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', metadata: { name: 'r' }, spec: { template: { spec: { containers: c } } } },
      { apiVersion: 'serving.knative.dev/v1', kind: 'Service', metadata: { name: 'k' }, spec: { template: { spec: { containers: c } } } },
      { apiVersion: 'argoproj.io/v1alpha1', kind: 'Workflow', metadata: { name: 'w' }, spec: { templates: [{ name: 't', containerSet: { containers: c }, initContainers: c }] } },
      { apiVersion: 'tekton.dev/v1', kind: 'Task', metadata: { name: 't' }, spec: { steps: c, sidecars: c } },
    ];
    for (const o of objects) expect(rule.check(o, NO_CONTEXT)).toEqual([]);
  });

  test('not applicable: no container lists, an empty list, or lists under metadata/status', () => {
    expect(rule.check({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' }, data: { containers: '[]' } }, NO_CONTEXT)).toEqual([]);
    expect(rule.check(widget({ containers: [] }), NO_CONTEXT)).toEqual([]);
    expect(rule.check({ ...widget({}), status: { containers: [{ name: 'a' }] } }, NO_CONTEXT)).toEqual([]);
    expect(rule.check(null, NO_CONTEXT)).toEqual([]);
  });

  test('fails once per unread list, at its JSON pointer, naming the kind', () => {
    const obj = widget({ containers: [{ name: 'a', image: 'x' }], groups: [{ 'a/b': { initContainers: [{ name: 'b', image: 'x' }] } }] });
    const found = rule.check(obj, NO_CONTEXT);
    expect(found.map(v => v.path)).toEqual(['/spec/containers', '/spec/groups/0/a~1b/initContainers']);
    expect(found[0].message).toMatch(/fixtures.cdk8s-hardened.example\/v1 WorkerPool; they were not checked/);
  });

  test('fails on an OpenKruise SidecarSet (its containers are injected into other pods) and a KubeVirt object with containers', () => {
    const sidecarSet = { apiVersion: 'apps.kruise.io/v1alpha1', kind: 'SidecarSet', metadata: { name: 's' }, spec: { containers: [{ name: 'proxy', image: 'x' }] } };
    expect(rule.check(sidecarSet, NO_CONTEXT).map(v => v.path)).toEqual(['/spec/containers']);
    const vm = { apiVersion: 'kubevirt.io/v1', kind: 'VirtualMachine', metadata: { name: 'v' }, spec: { template: { spec: { containers: [{ name: 'c', image: 'x' }] } } } };
    expect(rule.check(vm, NO_CONTEXT).map(v => v.path)).toEqual(['/spec/template/spec/containers']);
  });

  test('fails on a built-in kind whose containers sit outside its pod spec', () => {
    const d = wrap('Deployment', podSpec());
    d.spec.containers = [{ name: 'stray', image: 'x' }];
    expect(rule.check(d, NO_CONTEXT).map(v => v.path)).toEqual(['/spec/containers']);
  });

  test('suppressed: a suppression on the object covers it, and it is reported as suppressed', () => {
    const obj: any = widget({ containers: [{ name: 'a', image: 'x' }] });
    obj.metadata.annotations = { 'hardened.cdk8s.io/suppressions': JSON.stringify([{ id: 'HARDEN-WL-020', reason: 'checked by the operator admission webhook' }]) };
    const report = new Checker({ packs: [new HardenedWorkloadsPack()] }).check([obj]);
    expect(report.findings.filter(f => f.ruleId === 'HARDEN-WL-020').map(f => f.suppressed)).toEqual([true]);
  });

  test('throws -> ERROR: a rule that throws is isolated by the engine (this one never throws on hostile input)', () => {
    const hostile: any = widget({});
    hostile.spec.self = hostile.spec; // a cycle cannot come from YAML/JSON, but must not hang or overflow
    expect(() => rule.check(hostile, NO_CONTEXT)).not.toThrow();
  });
});
