// SPDX-License-Identifier: Apache-2.0
import { _namespaceTargets } from '../../../../src/policy/engine/_namespace-targets';
import { IRule } from '../../../../src/policy/engine/rule';
/** Test builders for network-rule tests. */

export function namespace(name = 'shop', labels: Record<string, string> = { 'pod-security.kubernetes.io/enforce': 'restricted' }): any {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } };
}

export function deployment(name = 'web', ns: string | null = 'shop'): any {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, ...(ns === null ? {} : { namespace: ns }) },
    spec: { selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name, image: 'x' }] } } },
  };
}

export function netpol(name: string, spec: any, ns = 'shop'): any {
  return { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace: ns }, spec };
}

export function quota(ns = 'shop'): any {
  return { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'q', namespace: ns }, spec: { hard: { pods: '10' } } };
}

export function limitRange(ns = 'shop'): any {
  return { apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'l', namespace: ns }, spec: { limits: [{ type: 'Container', max: { cpu: '1' } }] } };
}

/** Runs a rule over every object with all of them as context, like the engine does. */
export function checkAll(rule: IRule, objects: any[]): Array<{ obj: string; path: string; message: string }> {
  const context = { objects };
  // As the engine does: namespace-level rules also see a synthetic Namespace per undeclared namespace.
  const synthetic = rule.metadata.namespaceLevel ? _namespaceTargets(objects.map(object => ({ object }))).map(t => t.object) : [];
  return [...objects, ...synthetic].flatMap(o => rule.check(o, context).map((v: any) => ({ obj: `${o.kind}/${o.metadata?.name}`, ...v })));
}
