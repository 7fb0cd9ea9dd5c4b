// SPDX-License-Identifier: Apache-2.0
/** Test builders for workload-rule tests: a fully hardened pod spec and containers to vary from. */

export const DIGEST = 'sha256:' + '3f1d9c2a7b5e4d6f8a0c1e2b3d4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f';

export function hardenedContainer(name = 'web', extra: Record<string, any> = {}): any {
  return {
    name,
    image: `registry.example.com/shop/web:1.4.2@${DIGEST}`,
    securityContext: { readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
    resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '256Mi' } },
    livenessProbe: { httpGet: { path: '/healthz', port: 8080 } },
    readinessProbe: { httpGet: { path: '/ready', port: 8080 } },
    ...extra,
  };
}

export function podSpec(extra: Record<string, any> = {}): any {
  return { serviceAccountName: 'web', automountServiceAccountToken: false, containers: [hardenedContainer()], ...extra };
}

/** Wraps a pod spec in the given pod-bearing kind. */
export function wrap(kind: string, spec: any, namespace = 'shop'): any {
  const metadata = { name: 'w', namespace };
  switch (kind) {
    case 'Pod': return { apiVersion: 'v1', kind, metadata, spec };
    case 'PodTemplate': return { apiVersion: 'v1', kind, metadata, template: { spec } };
    case 'CronJob': return { apiVersion: 'batch/v1', kind, metadata, spec: { schedule: '* * * * *', jobTemplate: { spec: { template: { spec } } } } };
    case 'Job': return { apiVersion: 'batch/v1', kind, metadata, spec: { template: { spec } } };
    case 'ReplicationController': return { apiVersion: 'v1', kind, metadata, spec: { template: { spec } } };
    default: return { apiVersion: 'apps/v1', kind, metadata, spec: { selector: {}, template: { spec } } };
  }
}

export const POD_BEARING = ['Pod', 'PodTemplate', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job', 'CronJob'];
export const NO_CONTEXT = { objects: [] as any[] };
