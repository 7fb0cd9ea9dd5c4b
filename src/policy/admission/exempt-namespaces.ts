// SPDX-License-Identifier: Apache-2.0
import { _validateDns1123Label } from '../../core/_util';

/**
 * Presets for `AdmissionGuardrailsProps.exemptNamespaces`: namespaces whose pods the admission policies do not check.
 * Every exemption is a namespace where a privileged controller may run unchecked, so pass a preset explicitly and
 * review it; nothing here is applied by default.
 *
 * @example
 * new AdmissionGuardrails(chart, 'guardrails', {
 *   packs: RulePacks.all(),
 *   exemptNamespaces: ExemptNamespaces.platform(),
 *   exemptionReason: 'platform controllers installed by their own Helm charts', // required beyond kube-system
 * });
 */
export class ExemptNamespaces {
  /** `kube-system` only (the default of `AdmissionGuardrails`). */
  public static clusterOnly(): string[] {
    return ['kube-system'];
  }

  /**
   * `kube-system` plus the namespaces of the usual platform controllers, as their install guides name them:
   * `argocd` (Argo CD), `flux-system` (Flux), `cert-manager`, `external-secrets`, `ingress-nginx`. Their pods
   * need host ports, root or broad RBAC by design; hardening them is the platform team's job, not the guardrails'.
   * @param extra more namespaces to exempt (your ingress controller's or mesh's, e.g. `istio-system`)
   */
  public static platform(extra: string[] = []): string[] {
    for (const ns of extra) _validateDns1123Label(ns, 'exempt namespace');
    return [...new Set(['argocd', 'cert-manager', 'external-secrets', 'flux-system', 'ingress-nginx', 'kube-system', ...extra])].sort();
  }

  private constructor() {}
}
