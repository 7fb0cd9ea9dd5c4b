// SPDX-License-Identifier: Apache-2.0
/**
 * Namespace-level findings belong to the namespace: a suppression on one workload never silences them,
 * and the report does not depend on the order of the input.
 */
import { _isSyntheticNamespace, _namespaceTargets } from '../../../src/policy/engine/_namespace-targets';
import { Checker } from '../../../src/policy/engine/checker';
import { NetworkIsolationPack } from '../../../src/policy/packs/network-isolation-pack';

const SUPPRESS_NET = JSON.stringify([{ id: 'HARDEN-NET-001', reason: 'this workload is fronted by the mesh gateway' }]);

function deployment(name: string, namespace?: string, annotations?: Record<string, string>): any {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, ...(namespace ? { namespace } : {}), ...(annotations ? { annotations } : {}) },
    spec: { selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'app', image: 'x' }] } } },
  };
}

const key = (f: any) => `${f.ruleId} ${f.kind} ${f.namespace ?? '-'}/${f.name ?? '-'} ${f.path} ${f.suppressed}`;

function shuffled<T>(items: T[], seed: number): T[] {
  const out = [...items];
  let x = seed;
  for (let i = out.length - 1; i > 0; i--) {
    x = (x * 1103515245 + 12345) % 2147483648;
    const j = x % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

describe('namespace-level findings', () => {
  const checker = new Checker({ packs: [new NetworkIsolationPack()] });

  test('a suppression on the first workload does not silence the namespace finding (it lands on the namespace)', () => {
    const report = checker.check([deployment('first', 'shop', { 'hardened.cdk8s.io/suppressions': SUPPRESS_NET }), deployment('second', 'shop')]);
    const net1 = report.findings.filter(f => f.ruleId === 'HARDEN-NET-001');
    expect(net1.map(key)).toEqual(['HARDEN-NET-001 Namespace -/shop /metadata/name false']);
    expect(net1[0].file).toBeUndefined();
    expect(report.activeFindings().some(f => f.ruleId === 'HARDEN-NET-001')).toBe(true);
    expect(report.unmatchedSuppressions.map(u => `${u.ruleId} ${u.name}`)).toEqual(['HARDEN-NET-001 first']);
  });

  test('results do not depend on input order (shuffled 12 times)', () => {
    const objects = [
      deployment('a', 'shop'), deployment('b', 'shop', { 'hardened.cdk8s.io/suppressions': SUPPRESS_NET }), deployment('c', 'blog'),
      deployment('d'), deployment('e'),
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'blog', labels: { 'pod-security.kubernetes.io/enforce': 'restricted' } } },
      { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'deny', namespace: 'blog' }, spec: { podSelector: {}, policyTypes: ['Ingress'] } },
    ];
    const expected = checker.check(objects).findings.map(key).sort();
    expect(expected).toContain('HARDEN-NET-001 Namespace -/shop /metadata/name false');
    expect(expected).toContain('HARDEN-NET-002 Namespace -/blog /metadata/name false');
    expect(expected).toContain('HARDEN-NET-001 Namespace -/- /metadata false');
    for (let seed = 1; seed <= 12; seed++) {
      const input = shuffled(objects.map(o => JSON.parse(JSON.stringify(o))), seed);
      expect(checker.check(input).findings.map(key).sort()).toEqual(expected);
    }
  });

  test('synthetic targets: one per undeclared namespace, sorted, the apply-time namespace without a name', () => {
    const targets = _namespaceTargets([
      { object: deployment('x', 'zeta') }, { object: deployment('y', 'alpha') }, { object: deployment('z') },
      { object: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'declared' } } }, { object: deployment('w', 'declared') },
    ]);
    expect(targets.map(t => t.object)).toEqual([
      { apiVersion: 'v1', kind: 'Namespace', metadata: {} },
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'alpha' } },
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'zeta' } },
    ]);
    expect(targets.every(t => _isSyntheticNamespace(t.object))).toBe(true);
    expect(_isSyntheticNamespace({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'alpha' } })).toBe(false);
  });

  test('only namespace-level rules run on synthetic targets (NamespaceEnforcesPodSecurity does not)', () => {
    const report = checker.check([deployment('a', 'shop')]);
    expect(report.findings.filter(f => f.kind === 'Namespace').map(f => f.ruleId).sort()).toEqual(['HARDEN-NET-001', 'HARDEN-NET-002', 'HARDEN-NET-003', 'HARDEN-NET-004']);
    expect(report.objectsChecked).toBe(1);
  });
});
