// SPDX-License-Identifier: Apache-2.0
/**
 * The API groups a Kubernetes 1.28 API server serves without any CustomResourceDefinition or aggregated API
 * (`kubectl api-versions` on a bare cluster). An object of any other group is a custom resource whose CRD may not
 * be installed yet. The one home of this fact: the GitOps output reads it to decide where a dry run may fail.
 * @internal
 */
export const _BUILT_IN_API_GROUPS: ReadonlySet<string> = new Set([
  '', // core: v1
  'admissionregistration.k8s.io',
  'apiextensions.k8s.io',
  'apiregistration.k8s.io',
  'apps',
  'authentication.k8s.io',
  'authorization.k8s.io',
  'autoscaling',
  'batch',
  'certificates.k8s.io',
  'coordination.k8s.io',
  'discovery.k8s.io',
  'events.k8s.io',
  'flowcontrol.apiserver.k8s.io',
  'networking.k8s.io',
  'node.k8s.io',
  'policy',
  'rbac.authorization.k8s.io',
  'scheduling.k8s.io',
  'storage.k8s.io',
]);

/** The group of an `apiVersion` (`apps/v1` -> `apps`, `v1` -> ``). @internal */
export function _apiGroup(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

/** True when objects of this `apiVersion` need a CRD (or an aggregated API) that a bare cluster does not have. @internal */
export function _isCustomResource(apiVersion: string): boolean {
  return !_BUILT_IN_API_GROUPS.has(_apiGroup(apiVersion));
}
