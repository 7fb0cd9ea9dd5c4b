// SPDX-License-Identifier: Apache-2.0
/** Builders of plain manifest objects for the reachability tests. */

export function ns(name: string, labels: Record<string, string> = {}): any {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } };
}

/** A Deployment whose pods carry `labels` (default `app: name`) and the named container ports. */
export function deploy(namespace: string, name: string, labels?: Record<string, string>, ports: Array<[string, number, string?]> = []): any {
  const l = labels ?? { app: name };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace },
    spec: {
      selector: { matchLabels: l },
      template: {
        metadata: { labels: l },
        spec: {
          containers: [{
            name: 'main',
            image: 'registry.example/app@sha256:0000000000000000000000000000000000000000000000000000000000000000',
            ports: ports.map(([n, p, proto]) => ({ name: n, containerPort: p, ...(proto ? { protocol: proto } : {}) })),
          }],
        },
      },
    },
  };
}

export function netpol(namespace: string, name: string, spec: any): any {
  return { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace }, spec };
}

export const app = (name: string) => ({ matchLabels: { app: name } });
export const nsName = (name: string) => ({ matchLabels: { 'kubernetes.io/metadata.name': name } });
