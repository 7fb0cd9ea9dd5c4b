// SPDX-License-Identifier: Apache-2.0
/**
 * Structure of the workload, rbac, network and secrets rule folders: every rule file exports one
 * rule class from its folder barrel, the class is named after the file, ids are unique and
 * well-formed, metadata is complete, every rule is in exactly one of the five packs (HardenedWorkloads, LeastPrivilegeRbac,
 * NetworkIsolation, SecretsHygiene, TrustedRegistries), and every
 * rule file has a test file next to its mirror path. Also: no rule throws on malformed input.
 */
import * as fs from 'fs';
import * as path from 'path';
import { IRule } from '../../../src/policy/engine/rule';
import { HardenedWorkloadsPack } from '../../../src/policy/packs/hardened-workloads-pack';
import { LeastPrivilegeRbacPack } from '../../../src/policy/packs/least-privilege-rbac-pack';
import { NetworkIsolationPack } from '../../../src/policy/packs/network-isolation-pack';
import { SecretsHygienePack } from '../../../src/policy/packs/secrets-hygiene-pack';
import { TrustedRegistriesPack } from '../../../src/policy/packs/trusted-registries-pack';
import * as network from '../../../src/policy/rules/network';
import * as rbac from '../../../src/policy/rules/rbac';
import * as secrets from '../../../src/policy/rules/secrets';
import * as workload from '../../../src/policy/rules/workload';

const SRC = path.join(__dirname, '..', '..', '..', 'src', 'policy', 'rules');
const FOLDERS: Record<string, [any, string]> = {
  workload: [workload, 'WL'], rbac: [rbac, 'RBAC'], network: [network, 'NET'], secrets: [secrets, 'SEC'],
};
const PACKS = [
  new HardenedWorkloadsPack(), new LeastPrivilegeRbacPack(), new NetworkIsolationPack(), new SecretsHygienePack(), new TrustedRegistriesPack(),
];

function pascal(file: string): string {
  return file.replace(/\.ts$/, '').split('-').map(w => w[0].toUpperCase() + w.slice(1)).join('');
}

describe.each(Object.entries(FOLDERS))('rules/%s', (folder, [mod, prefix]) => {
  const files = fs.readdirSync(path.join(SRC, folder)).filter(f => f.endsWith('.ts') && !f.startsWith('_') && f !== 'index.ts').sort();

  test('every rule file is exported from the barrel under its own name, and nothing else is', () => {
    expect(Object.keys(mod).sort()).toEqual(files.map(f => pascal(f)).sort());
  });

  test.each(files)('%s has a test file', file => {
    expect(fs.existsSync(path.join(__dirname, folder, file.replace(/\.ts$/, '.test.ts')))).toBe(true);
  });

  test.each(files)('%s has complete metadata, an id in its folder range, and is in exactly one pack', file => {
    const Rule = mod[pascal(file)];
    const rule: IRule = new Rule();
    const m = rule.metadata;
    expect(m.id).toMatch(new RegExp(`^HARDEN-${prefix}-\\d{3}$`));
    expect(Rule.ID).toBe(m.id);
    expect(m.name).toBe(pascal(file));
    expect(m.rationale.length).toBeGreaterThan(40);
    expect(m.remediation.length).toBeGreaterThan(20);
    expect(m.references.some(r => r.startsWith('https://kubernetes.io/'))).toBe(true);
    const inPacks = PACKS.filter(p => p.entries.some(e => e.rule.metadata.id === m.id));
    expect(inPacks).toHaveLength(1);
  });
});

test('rule ids and names are unique', () => {
  const rules = PACKS.flatMap(p => p.entries.map(e => e.rule.metadata));
  expect(new Set(rules.map(r => r.id)).size).toBe(rules.length);
  expect(new Set(rules.map(r => r.name)).size).toBe(rules.length);
});

const KINDS = ['Pod', 'PodTemplate', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job', 'CronJob',
  'Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding', 'Namespace', 'NetworkPolicy', 'Service', 'Ingress', 'Secret', 'PodDisruptionBudget'];
const API: Record<string, string> = { Role: 'rbac.authorization.k8s.io/v1', ClusterRole: 'rbac.authorization.k8s.io/v1', RoleBinding: 'rbac.authorization.k8s.io/v1', ClusterRoleBinding: 'rbac.authorization.k8s.io/v1' };
const MALFORMED: any[] = [
  null, undefined, 42, 'Pod', [], {},
  ...KINDS.flatMap(kind => [
    { kind },
    { apiVersion: API[kind] ?? 'v1', kind, metadata: null, spec: 'x', rules: 'x', subjects: [null, 1], data: [1], stringData: 'x' },
    { apiVersion: API[kind] ?? 'v1', kind, metadata: { name: 5, namespace: {} }, spec: { template: { spec: { containers: [null, 'x', { env: 'x', image: 5, securityContext: 'x', resources: 'x' }], initContainers: {} } }, rules: [null, { host: 5 }], tls: 'x', selector: 'x', podSelector: 'x', type: 5 }, rules: [null, { verbs: 'x', resources: [1], apiGroups: null }], roleRef: null, template: { spec: { containers: [{ env: [null, { name: 1, value: 2 }] }] } } },
  ]),
];

test('no rule throws on malformed objects or contexts', () => {
  const contexts = [{ objects: MALFORMED }, { objects: [] }, { objects: null as any }];
  for (const pack of PACKS) {
    for (const { rule } of pack.entries) {
      for (const obj of MALFORMED) {
        for (const context of contexts) {
          expect(() => rule.check(obj, context)).not.toThrow();
        }
      }
    }
  }
});
