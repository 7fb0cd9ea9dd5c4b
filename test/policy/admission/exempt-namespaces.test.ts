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
    const guardrails = new AdmissionGuardrails(chart, 'G', {
      packs: [RulePacks.POD_SECURITY_RESTRICTED],
      exemptNamespaces: ExemptNamespaces.platform(),
      exemptionReason: 'platform controllers installed by their own Helm charts',
    });
    expect(guardrails.exemptNamespaces).toEqual(ExemptNamespaces.platform());
    expect(guardrails.exemptionReason).toBe('platform controllers installed by their own Helm charts');
    const bindings = synthValid(chart).filter(o => o.kind === 'ValidatingAdmissionPolicyBinding');
    expect(bindings.length).toBeGreaterThan(0);
    for (const binding of bindings) {
      expect(binding.spec.matchResources.namespaceSelector.matchExpressions).toEqual([
        { key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: ExemptNamespaces.platform() },
      ]);
      // The exemption is visible in Git and in the cluster, with its reason.
      expect(binding.metadata.annotations).toEqual({ 'hardened.cdk8s.io/exemption-reason': 'platform controllers installed by their own Helm charts' });
    }
  });

  test('the default exemption (kube-system) needs no reason and writes no annotation', () => {
    const chart = Testing.chart();
    new AdmissionGuardrails(chart, 'G', { packs: [RulePacks.POD_SECURITY_RESTRICTED], exemptNamespaces: ExemptNamespaces.clusterOnly() });
    for (const b of synthValid(chart).filter(o => o.kind === 'ValidatingAdmissionPolicyBinding')) expect(b.metadata.annotations).toBeUndefined();
  });

  test('throws when exempting more than kube-system without a reason', () => {
    expect(() => new AdmissionGuardrails(Testing.chart(), 'G', { exemptNamespaces: ExemptNamespaces.platform() }))
      .toThrow(/exempting argocd, cert-manager, external-secrets, flux-system, ingress-nginx turns the policies off there; say why in exemptionReason/);
  });

  test('throws on a reason shorter than 10 characters', () => {
    expect(() => new AdmissionGuardrails(Testing.chart(), 'G', { exemptNamespaces: ['argocd'], exemptionReason: 'gitops' }))
      .toThrow(/exemptionReason "gitops" must be at least 10 characters/);
  });

  test('throws on an invalid extra namespace', () => {
    expect(() => ExemptNamespaces.platform(['Istio'])).toThrow(/Invalid exempt namespace "Istio"/);
  });
});
