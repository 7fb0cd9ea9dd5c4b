// SPDX-License-Identifier: Apache-2.0
import { Testing } from 'cdk8s';
import { AdmissionGuardrails } from '../../../src/policy/admission/admission-guardrails';
import { ExemptNamespaces } from '../../../src/policy/admission/exempt-namespaces';
import { RulePacks } from '../../../src/policy/packs/rule-packs';
import { synthValid } from '../../util';

describe('ExemptNamespaces', () => {
  test('platform() is kube-system plus the GitOps, certificate, secrets and ingress controller namespaces, sorted', () => {
    expect(ExemptNamespaces.clusterOnly()).toEqual(['kube-system']);
    expect(ExemptNamespaces.platform()).toEqual(['argocd', 'cert-manager', 'external-secrets', 'flux-system', 'ingress-nginx', 'kube-system']);
    expect(ExemptNamespaces.platform(['istio-system', 'argocd'])).toContain('istio-system');
  });

  test('AdmissionGuardrails bindings leave the preset namespaces out', () => {
    const chart = Testing.chart();
    new AdmissionGuardrails(chart, 'G', { packs: [RulePacks.POD_SECURITY_RESTRICTED], exemptNamespaces: ExemptNamespaces.platform() });
    const binding = synthValid(chart).find(o => o.kind === 'ValidatingAdmissionPolicyBinding');
    expect(binding.spec.matchResources.namespaceSelector.matchExpressions).toEqual([
      { key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: ExemptNamespaces.platform() },
    ]);
  });

  test('throws on an invalid extra namespace', () => {
    expect(() => ExemptNamespaces.platform(['Istio'])).toThrow(/Invalid exempt namespace "Istio"/);
  });
});
