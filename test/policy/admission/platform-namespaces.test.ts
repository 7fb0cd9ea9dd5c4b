// SPDX-License-Identifier: Apache-2.0
import { Testing } from 'cdk8s';
import { AdmissionGuardrails, PlatformNamespaces } from '../../../src';
import { findAll, synthValid } from '../../util';

describe('PlatformNamespaces', () => {
  test('the preset lists the platform namespaces, kube-system included, in code-point order', () => {
    expect(PlatformNamespaces.all()).toEqual(['argocd', 'cert-manager', 'external-secrets', 'flux-system', 'ingress-nginx', 'kube-system']);
  });

  test('of() always keeps kube-system and drops duplicates', () => {
    expect(PlatformNamespaces.of(PlatformNamespaces.ARGO_CD, 'traefik', PlatformNamespaces.ARGO_CD)).toEqual(['argocd', 'kube-system', 'traefik']);
  });

  test('used through AdmissionGuardrails exemptNamespaces, the exemption and its reason are on every binding', () => {
    const chart = Testing.chart();
    const guardrails = new AdmissionGuardrails(chart, 'G', {
      exemptNamespaces: PlatformNamespaces.all(),
      exemptionReason: 'platform controllers installed by their own Helm charts',
    });
    expect(guardrails.exemptNamespaces).toEqual(PlatformNamespaces.all());
    expect(guardrails.exemptionReason).toBe('platform controllers installed by their own Helm charts');
    const bindings = findAll(synthValid(chart), 'ValidatingAdmissionPolicyBinding');
    expect(bindings.length).toBeGreaterThan(0);
    for (const b of bindings) {
      expect(b.metadata.annotations).toEqual({ 'hardened.cdk8s.io/exemption-reason': 'platform controllers installed by their own Helm charts' });
      expect(b.spec.matchResources.namespaceSelector.matchExpressions).toEqual([
        { key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: PlatformNamespaces.all() },
      ]);
    }
  });

  test('the default exemption (kube-system) needs no reason and writes no annotation', () => {
    const chart = Testing.chart();
    new AdmissionGuardrails(chart, 'G');
    for (const b of findAll(synthValid(chart), 'ValidatingAdmissionPolicyBinding')) expect(b.metadata.annotations).toBeUndefined();
  });

  test('throws when exempting more than kube-system without a reason', () => {
    expect(() => new AdmissionGuardrails(Testing.chart(), 'G', { exemptNamespaces: PlatformNamespaces.all() }))
      .toThrow(/exempting argocd, cert-manager, external-secrets, flux-system, ingress-nginx turns the policies off there; say why in exemptionReason/);
  });

  test('throws on a reason shorter than 10 characters', () => {
    expect(() => new AdmissionGuardrails(Testing.chart(), 'G', { exemptNamespaces: ['argocd'], exemptionReason: 'gitops' }))
      .toThrow(/exemptionReason "gitops" must be at least 10 characters/);
  });
});
