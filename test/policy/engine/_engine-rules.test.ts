// SPDX-License-Identifier: Apache-2.0
/** HARDEN-ENGINE-002: object identity (API group, kind, namespace, name) is unique in one input. */
import { _describeIdentity, _objectIdentity } from '../../../src/core/_object-identity';
import { _ObjectIdentityIsUnique } from '../../../src/policy/engine/_engine-rules';
import { Checker } from '../../../src/policy/engine/checker';
import { NetworkIsolationPack } from '../../../src/policy/packs/network-isolation-pack';

const cm = (name: string, extra: any = {}, apiVersion = 'v1', kind = 'ConfigMap') => ({ apiVersion, kind, metadata: { name, namespace: 'shop', ...extra } });

describe('ObjectIdentityIsUnique (HARDEN-ENGINE-002)', () => {
  const rule = new _ObjectIdentityIsUnique();
  const run = (objects: any[]) => objects.map(o => rule.check(o, { objects }).map(v => `${v.path}: ${v.message}`));

  test('fails on each object a later one replaces (same group, kind, namespace, name), not on the last', () => {
    const objects = [cm('a'), cm('b'), cm('a'), cm('a')];
    const found = run(objects);
    expect(found[0]).toEqual(['/metadata/name: another object later in the input is also core ConfigMap shop/a: on apply it replaces this one, so this object never takes effect']);
    expect(found[1]).toEqual([]);
    expect(found[2]).toHaveLength(1);
    expect(found[3]).toEqual([]);
  });

  test('the API group counts, not the version', () => {
    const d = (apiVersion: string) => ({ apiVersion, kind: 'Deployment', metadata: { name: 'web', namespace: 'shop' } });
    expect(run([d('apps/v1beta2'), d('apps/v1')])[0]).toHaveLength(1);
    expect(run([d('apps/v1'), d('example.com/v1')])).toEqual([[], []]);
  });

  test('different namespaces, kinds or names are different objects; generateName objects have no identity', () => {
    expect(run([cm('a'), cm('a', { namespace: 'blog' }), cm('a', {}, 'v1', 'Secret'), cm('b')]).flat()).toEqual([]);
    const gen = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { generateName: 'x-' } };
    expect(run([gen, { ...gen }]).flat()).toEqual([]);
    expect(_objectIdentity(gen)).toBeUndefined();
  });

  test('cluster-scoped kinds ignore metadata.namespace', () => {
    const role = (ns?: string) => ({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'r', ...(ns ? { namespace: ns } : {}) } });
    expect(run([role('a'), role()])[0]).toHaveLength(1);
    expect(_describeIdentity(_objectIdentity(role('x'))!)).toBe('rbac.authorization.k8s.io ClusterRole r');
  });

  test('the engine always runs it, whatever the packs, and a suppression cannot silence it', () => {
    const first = cm('a', { annotations: { 'hardened.cdk8s.io/suppressions': JSON.stringify([{ id: 'HARDEN-ENGINE-002', reason: 'we know about the duplicate here' }]) } });
    const report = new Checker({ packs: [new NetworkIsolationPack()] }).check([first, cm('a')]);
    const dup = report.findings.filter(f => f.ruleId === 'HARDEN-ENGINE-002');
    expect(dup.map(f => `${f.severity} ${f.name} ${f.suppressed}`)).toEqual(['error a false']);
    expect(report.hasFindings()).toBe(true);
  });
});
