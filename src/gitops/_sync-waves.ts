// SPDX-License-Identifier: Apache-2.0
/** Internal: the apply order of a GitOps layout (Argo CD sync waves) and which objects a CRD serves. */

/** CRD-backed objects others depend on (issuers, secret stores): applied before their consumers. */
const PROVIDERS = new Set(['Issuer', 'ClusterIssuer', 'SecretStore', 'ClusterSecretStore']);

/** Whether the object's API group is served by Kubernetes itself (not by a CRD that may be missing). @internal */
export function _isBuiltInApi(apiVersion: string): boolean {
  const group = apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
  return group === '' || !group.includes('.') || group.endsWith('.k8s.io');
}

/** The Argo CD sync wave of an object: lower waves are applied (and healthy) first. @internal */
export function _syncWave(obj: any): number {
  if (obj.kind === 'CustomResourceDefinition') return -3;
  if (obj.kind === 'Namespace') return -2;
  if (obj.kind === 'ValidatingAdmissionPolicy') return -1; // enforced before anything it checks is applied
  if (obj.kind === 'ValidatingAdmissionPolicyBinding') return 0;
  if (PROVIDERS.has(obj.kind)) return 1;
  if (!_isBuiltInApi(String(obj.apiVersion))) return 2; // certificates, external secrets, mesh policies, ...
  return 3; // workloads last: their Secrets, certificates and policies exist by then
}

