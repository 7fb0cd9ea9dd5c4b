// SPDX-License-Identifier: Apache-2.0
import * as fs from 'fs';
import * as path from 'path';
import { ApiObject, Testing } from 'cdk8s';
import { evaluatePolicy } from './cel-evaluator';
import {
  AdmissionAction, AdmissionGuardrails, AdmissionPolicyApiVersion, HardenedDeployment, HardenedWorkloadsPack, PodSecurityRestrictedPack,
  RulePacks, Severity, Suppressions, TrustedRegistriesPack,
} from '../../../src';
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

const trustedPod = (image: string) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p', namespace: 'team-a' },
  spec: { initContainers: [{ name: 'init', image: 'ghcr.io/acme/init:1' }], containers: [{ name: 'app', image }] },
});

function policy(objects: any[], ruleId: string): any {
  return findAll(objects, 'ValidatingAdmissionPolicy').find(p => p.metadata.name === `hardened-${ruleId.toLowerCase()}`);
}

function binding(objects: any[], ruleId: string): any {
  return findAll(objects, 'ValidatingAdmissionPolicyBinding').find(p => p.metadata.name === `hardened-${ruleId.toLowerCase()}`);
}

/** The rule ids of a markdown table's first column in the section that starts with `heading`. */
function tableIds(markdown: string, heading: string): string[] {
  const section = markdown.split(/^## /m).find(x => x.startsWith(heading));
  if (!section) throw new Error(`docs/admission-policies.md has no section "## ${heading}"`);
  return section.split('\n').map(l => /^\| `?(HARDEN-[A-Z]+-\d{3})`? \|/.exec(l)?.[1]).filter((x): x is string => x !== undefined);
}

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
      exemptionReason: 'monitoring agents need host access',
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
    bad.metadata.annotations = { 'suppress.hardened.cdk8s.io/HARDEN-PSS-002': 'GPU driver installer needs it' };
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

  test('the policies read the per-rule key, not the JSON: a JSON-only entry (hand-written) stays enforced in the cluster', () => {
    const bad = JSON.parse(JSON.stringify(restrictedPod));
    bad.spec.containers[0].securityContext.privileged = true;
    bad.metadata.annotations = { 'hardened.cdk8s.io/suppressions': JSON.stringify([{ id: 'HARDEN-PSS-002', reason: 'GPU driver installer needs it' }]) };
    const p = findAll(policies(), 'ValidatingAdmissionPolicy').find(x => x.metadata.name === 'hardened-harden-pss-002');
    expect(p.spec.matchConditions[0].expression).not.toMatch(/matches\(/);
    expect(evaluatePolicy(p, bad).allowed).toBe(false);
  });

  test('fails to suppress in the cluster with a per-rule key whose reason is shorter than 10 characters', () => {
    const bad = JSON.parse(JSON.stringify(restrictedPod));
    bad.spec.containers[0].securityContext.privileged = true;
    bad.metadata.annotations = { 'suppress.hardened.cdk8s.io/HARDEN-PSS-002': 'because' };
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

  test('rules the packs rate as warnings get warningActions: Warn and Audit by default, configurable', () => {
    const objects = policies({ packs: [new HardenedWorkloadsPack()] });
    expect(binding(objects, 'HARDEN-WL-004').spec.validationActions).toEqual(['Warn', 'Audit']);
    expect(binding(objects, 'HARDEN-WL-005').spec.validationActions).toEqual(['Warn', 'Audit']);
    expect(binding(objects, 'HARDEN-WL-001').spec.validationActions).toEqual(['Deny']);
    const audited = policies({ packs: [new HardenedWorkloadsPack()], warningActions: [AdmissionAction.AUDIT] });
    expect(binding(audited, 'HARDEN-WL-004').spec.validationActions).toEqual(['Audit']);
  });

  test('a rule in two packs is enforced once, at the more severe level', () => {
    const pack = { name: 'Strict', entries: new HardenedWorkloadsPack().entries.map(e => ({ rule: e.rule, severity: Severity.ERROR })) };
    const objects = policies({ packs: [new HardenedWorkloadsPack(), pack] });
    expect(findAll(objects, 'ValidatingAdmissionPolicy').filter(p => p.metadata.name === 'hardened-harden-wl-004')).toHaveLength(1);
    expect(binding(objects, 'HARDEN-WL-004').spec.validationActions).toEqual(['Deny']);
  });

  test('trustedRegistries adds HARDEN-WL-010: images under a listed prefix are admitted, others (and look-alikes) rejected', () => {
    const objects = policies({ trustedRegistries: ['ghcr.io/acme/', 'registry.example.com:5000/'] });
    const p = policy(objects, 'HARDEN-WL-010');
    expect(binding(objects, 'HARDEN-WL-010').spec.validationActions).toEqual(['Deny']);
    expect(evaluatePolicy(p, trustedPod('registry.example.com:5000/web:1')).allowed).toBe(true);
    expect(evaluatePolicy(p, trustedPod('docker.io/library/nginx:1.27')).allowed).toBe(false);
    expect(evaluatePolicy(p, trustedPod('ghcr.io/acme-evil/web:1')).messages).toEqual([expect.stringMatching(/^HARDEN-WL-010 ContainerImageIsFromTrustedRegistry: /)]);
  });

  test('without configured registries HARDEN-WL-010 has no policy and is not counted as a rule without CEL', () => {
    const chart = Testing.chart();
    const g = new AdmissionGuardrails(chart, 'g', { packs: RulePacks.all() });
    expect(g.enforcedRules).not.toContain('HARDEN-WL-010');
    expect(g.rulesWithoutCel).not.toContain('HARDEN-WL-010');
  });

  test('trusted prefixes of every TrustedRegistriesPack and of trustedRegistries are enforced together', () => {
    const objects = policies({ packs: [...RulePacks.all(), new TrustedRegistriesPack(['quay.io/acme/'])], trustedRegistries: ['ghcr.io/acme/'] });
    const p = policy(objects, 'HARDEN-WL-010');
    expect(evaluatePolicy(p, trustedPod('quay.io/acme/web:1')).allowed).toBe(true);
    expect(evaluatePolicy(p, trustedPod('ghcr.io/acme/web:1')).allowed).toBe(true);
    expect(evaluatePolicy(p, trustedPod('docker.io/acme/web:1')).allowed).toBe(false);
  });

  test('docs/admission-policies.md lists exactly the rules with and without CEL', () => {
    const markdown = fs.readFileSync(path.join(__dirname, '..', '..', '..', 'docs', 'admission-policies.md'), 'utf8');
    const chart = Testing.chart();
    const g = new AdmissionGuardrails(chart, 'g', { packs: RulePacks.all(), trustedRegistries: ['ghcr.io/acme/'] });
    expect(tableIds(markdown, 'Rules enforced in the cluster')).toEqual(g.enforcedRules);
    expect(tableIds(markdown, 'Rules without a CEL form')).toEqual(g.rulesWithoutCel);
    expect(g.rulesWithoutCel.length).toBeGreaterThan(0);
  });

  test('throws on Deny together with Warn', () => {
    expect(() => policies({ actions: [AdmissionAction.DENY, AdmissionAction.WARN] })).toThrow(/Invalid actions \[Deny, Warn\]/);
  });
  test('throws without actions', () => {
    expect(() => policies({ actions: [] })).toThrow(/needs at least one action/);
  });
  test('throws on Deny together with Warn in warningActions', () => {
    expect(() => policies({ warningActions: [AdmissionAction.WARN, AdmissionAction.DENY] })).toThrow(/Invalid warningActions \[Deny, Warn\]/);
  });
  test('throws on a trusted registry without the trailing slash', () => {
    expect(() => policies({ trustedRegistries: ['ghcr.io/acme'] })).toThrow(/Invalid trusted registry "ghcr.io\/acme"/);
  });
  test('throws on a bad exempt namespace', () => {
    expect(() => policies({ exemptNamespaces: ['Kube_System'] })).toThrow(/Invalid exempt namespace "Kube_System"/);
  });
});
