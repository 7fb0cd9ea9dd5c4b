// SPDX-License-Identifier: Apache-2.0

/**
 * Names of the namespaces that cluster platform components are conventionally installed in, and the preset to
 * exempt them from `AdmissionGuardrails` (its `exemptNamespaces` option, together with the required
 * `exemptionReason`):
 *
 * ```ts
 * new AdmissionGuardrails(chart, 'guardrails', {
 *   exemptNamespaces: PlatformNamespaces.all(),
 *   exemptionReason: 'platform controllers installed and upgraded by their own Helm charts',
 * });
 * ```
 *
 * Exempt namespaces are not checked at all, so keep the list to what you run: `PlatformNamespaces.of(...)` picks
 * some. Anyone who can create pods in an exempt namespace bypasses the policies; restrict that with RBAC.
 */
export class PlatformNamespaces {
  /** The cluster's own components. */
  public static readonly KUBE_SYSTEM = 'kube-system';
  /** Argo CD (`argocd`, as in its install manifests). */
  public static readonly ARGO_CD = 'argocd';
  /** Flux (`flux-system`, as `flux bootstrap` creates it). */
  public static readonly FLUX = 'flux-system';
  /** cert-manager (`cert-manager`, as in its Helm chart docs). */
  public static readonly CERT_MANAGER = 'cert-manager';
  /** External Secrets Operator (`external-secrets`, as in its Helm chart docs). */
  public static readonly EXTERNAL_SECRETS = 'external-secrets';
  /** The ingress-nginx controller (`ingress-nginx`). */
  public static readonly INGRESS_NGINX = 'ingress-nginx';

  /**
   * The preset: `kube-system`, `argocd`, `flux-system`, `cert-manager`, `external-secrets` and `ingress-nginx`,
   * in code-point order.
   */
  public static all(): string[] {
    return PlatformNamespaces.of(
      PlatformNamespaces.KUBE_SYSTEM, PlatformNamespaces.ARGO_CD, PlatformNamespaces.FLUX,
      PlatformNamespaces.CERT_MANAGER, PlatformNamespaces.EXTERNAL_SECRETS, PlatformNamespaces.INGRESS_NGINX,
    );
  }

  /**
   * `kube-system` plus the namespaces given (for example `PlatformNamespaces.ARGO_CD` or your own ingress
   * controller's namespace), without duplicates, in code-point order.
   */
  public static of(...namespaces: string[]): string[] {
    return [...new Set([PlatformNamespaces.KUBE_SYSTEM, ...namespaces])].sort();
  }

  private constructor() {}
}
