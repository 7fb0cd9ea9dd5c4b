// SPDX-License-Identifier: Apache-2.0
import { ApiObject, Testing } from 'cdk8s';
import { evaluatePolicy } from './cel-evaluator';
import { AdmissionAction, AdmissionGuardrails, AdmissionPolicyApiVersion, HardenedDeployment, PodSecurityRestrictedPack, Suppressions } from '../../../src';
import { findAll, findOne, synthValid } from '../../util';

const restrictedPod = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'ok', namespace: 'team-a' },
  spec: {
    securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
    containers: [{ name: 'app', image: 'nginx:1.27', securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } } }],
  },
};

function policies(props = {}) {
  const chart = Testing.chart();
  new AdmissionGuardrails(chart, 'guardrails', props);
  return synthValid(chart);
}

describe('AdmissionGuardrails', () => {
  test('minimal definition', () => {
    expect(policies()).toMatchSnapshot();
  });

  test('defaultChild: none (one policy per rule); every child is a policy or binding', () => {
    const chart = Testing.chart();
    const g = new AdmissionGuardrails(chart, 'guardrails');
    expect(g.node.children.every(c => ['ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding'].includes((c as ApiObject).kind))).toBe(true);
  });

  test('one policy and one binding per restricted rule, by default', () => {
    const objects = policies();
    const ids = new PodSecurityRestrictedPack().entries.map(e => e.rule.metadata.id).sort();
    expect(findAll(objects, 'ValidatingAdmissionPolicy').map(p => p.metadata.name)).toEqual(ids.map(id => `hardened-${id.toLowerCase()}`));
    expect(findAll(objects, 'ValidatingAdmissionPolicyBinding')).toHaveLength(ids.length);
  });

  test('policies fail closed and match every pod-bearing kind on create and update', () => {
    const p = findAll(policies(), 'ValidatingAdmissionPolicy')[0];
    expect(p.apiVersion).toBe('admissionregistration.k8s.io/v1');
    expect(p.spec.failurePolicy).toBe('Fail');
    const resources = p.spec.matchConstraints.resourceRules.flatMap((r: any) => r.resources).sort();
    expect(resources).toEqual(['cronjobs', 'daemonsets', 'deployments', 'jobs', 'pods', 'pods/ephemeralcontainers', 'podtemplates',
      'replicasets', 'replicationcontrollers', 'statefulsets']);
    expect(p.spec.matchConstraints.resourceRules.every((r: any) => r.operations.join() === 'CREATE,UPDATE')).toBe(true);
  });

  test('bindings deny and exempt kube-system by default', () => {
    const b = findAll(policies(), 'ValidatingAdmissionPolicyBinding')[0];
    expect(b.spec.validationActions).toEqual(['Deny']);
    expect(b.spec.matchResources.namespaceSelector.matchExpressions).toEqual([
      { key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: ['kube-system'] },
    ]);
  });

  test('messages carry the rule id and the fix', () => {
    for (const p of findAll(policies(), 'ValidatingAdmissionPolicy')) {
      const id = p.metadata.name.replace('hardened-', '').toUpperCase();
      expect(p.spec.validations[0].message.startsWith(`${id} `)).toBe(true);
    }
  });

  test('v1beta1 for Kubernetes 1.28/1.29, warn+audit actions, scoped by namespace labels', () => {
    const objects = policies({
      apiVersion: AdmissionPolicyApiVersion.V1BETA1,
      actions: [AdmissionAction.WARN, AdmissionAction.AUDIT],
      exemptNamespaces: ['kube-system', 'monitoring'],
      namespaceLabels: { tenant: 'true' },
    });
    expect(objects.every(o => o.apiVersion === 'admissionregistration.k8s.io/v1beta1')).toBe(true);
    const b = findAll(objects, 'ValidatingAdmissionPolicyBinding')[0];
    expect(b.spec.validationActions).toEqual(['Warn', 'Audit']);
    expect(b.spec.matchResources.namespaceSelector.matchLabels).toEqual({ tenant: 'true' });
    expect(b.spec.matchResources.namespaceSelector.matchExpressions[0].values).toEqual(['kube-system', 'monitoring']);
  });

  test('a restricted pod is admitted by every policy', () => {
    for (const p of findAll(policies(), 'ValidatingAdmissionPolicy')) {
      expect([p.metadata.name, evaluatePolicy(p, restrictedPod).allowed]).toEqual([p.metadata.name, true]);
    }
  });

  test('a privileged root pod is rejected with the rule ids in the messages', () => {
    const bad = JSON.parse(JSON.stringify(restrictedPod));
    bad.spec.containers[0].securityContext = { privileged: true, runAsUser: 0 };
    const rejected = findAll(policies(), 'ValidatingAdmissionPolicy')
      .map(p => evaluatePolicy(p, bad)).filter(v => !v.allowed).flatMap(v => v.messages.map(m => m.split(' ')[0])).sort();
    expect(rejected).toEqual(['HARDEN-PSS-002', 'HARDEN-PSS-014', 'HARDEN-PSS-016', 'HARDEN-PSS-018']);
  });

  test('a suppression annotation for one rule skips only that rule', () => {
    const bad = JSON.parse(JSON.stringify(restrictedPod));
    bad.spec.containers[0].securityContext = { privileged: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } };
    bad.metadata.annotations = { 'hardened.cdk8s.io/suppressions': JSON.stringify([{ id: 'HARDEN-PSS-002', reason: 'GPU driver installer needs it' }]) };
    const verdicts = findAll(policies(), 'ValidatingAdmissionPolicy').map(p => [p.metadata.name, evaluatePolicy(p, bad)] as const);
    expect(verdicts.find(([n]) => n === 'hardened-harden-pss-002')![1].applies).toBe(false);
    expect(verdicts.every(([, v]) => v.allowed)).toBe(true);
  });

  test('a suppression scoped with appliesTo is not honoured in the cluster (the policy stays enforced)', () => {
    const bad = JSON.parse(JSON.stringify(restrictedPod));
    bad.spec.containers[0].securityContext.privileged = true;
    bad.metadata.annotations = {
      'hardened.cdk8s.io/suppressions': JSON.stringify([{ id: 'HARDEN-PSS-002', reason: 'GPU driver installer needs it', appliesTo: ['/spec/containers/0'] }]),
    };
    const p = findAll(policies(), 'ValidatingAdmissionPolicy').find(x => x.metadata.name === 'hardened-harden-pss-002');
    expect(evaluatePolicy(p, bad).allowed).toBe(false);
  });

  test('suppressions on a workload reach the Pods it creates (template annotations)', () => {
    const chart = Testing.chart();
    const web = new HardenedDeployment(chart, 'web', { containers: [{ image: 'nginx:1.27.0', portNumber: 8080 }] });
    Suppressions.add(web, [{ id: 'HARDEN-PSS-002', reason: 'GPU driver installer needs it' }]);
    const dep = findOne(synthValid(chart), 'Deployment');
    const pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'web-abc', namespace: 'team-a', annotations: dep.spec.template.metadata.annotations },
      spec: {
        ...dep.spec.template.spec,
        containers: dep.spec.template.spec.containers.map((c: any) => ({ ...c, securityContext: { ...c.securityContext, privileged: true } })),
      },
    };
    const p = findAll(policies(), 'ValidatingAdmissionPolicy').find(x => x.metadata.name === 'hardened-harden-pss-002');
    expect(evaluatePolicy(p, pod).applies).toBe(false);
    expect(evaluatePolicy(p, { ...pod, metadata: { name: 'other', namespace: 'team-a' } }).allowed).toBe(false);
  });

  test('throws on Deny together with Warn', () => {
    expect(() => policies({ actions: [AdmissionAction.DENY, AdmissionAction.WARN] })).toThrow(/Invalid actions \[Deny, Warn\]/);
  });
  test('throws without actions', () => {
    expect(() => policies({ actions: [] })).toThrow(/needs at least one action/);
  });
  test('throws on a bad exempt namespace', () => {
    expect(() => policies({ exemptNamespaces: ['Kube_System'] })).toThrow(/Invalid exempt namespace "Kube_System"/);
  });
});
