// SPDX-License-Identifier: Apache-2.0
import { ApiObject, Chart, Cron, JsonPatch, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { INamespaceRef } from '../../src/core/namespace-ref';
import { Checker, RulePacks, SecurityChecks, Suppressions } from '../../src/policy';
import {
  LeastPrivilegeServiceAccount,
  Permission,
  Verb,
  WorkloadIdentity,
} from '../../src/rbac';
import { HardenedDeployment } from '../../src/workload';
import { findAll, findOne, synthValid } from '../util';

const REASON = 'operator reconciles every CRD of its own group';

function namespacedChart(namespace = 'team-a'): Chart {
  return new Chart(Testing.app(), 'test', { namespace });
}

function namespaceRef(scope: Construct, name: string): INamespaceRef {
  return Object.assign(new Construct(scope, `ns-${name}`), { name });
}

function suppressionsOf(obj: any): any[] {
  return JSON.parse(obj.metadata.annotations['hardened.cdk8s.io/suppressions']);
}

const RULE_OF_FLAG: { [flag: string]: string } = {
  allowWildcards: 'HARDEN-RBAC-001',
  allowPrivilegeEscalationVerbs: 'HARDEN-RBAC-002',
  allowSensitiveSubresources: 'HARDEN-RBAC-003',
  allowUnscopedSecretReads: 'HARDEN-RBAC-004',
};

describe('LeastPrivilegeServiceAccount', () => {
  test('minimal definition', () => {
    const chart = namespacedChart();
    new LeastPrivilegeServiceAccount(chart, 'sa');
    expect(synthValid(chart)).toMatchSnapshot();
  });

  test('definition with grants, an exception and a cluster-wide grant', () => {
    const chart = namespacedChart();
    const sa = new LeastPrivilegeServiceAccount(chart, 'sa', { name: 'app', permissions: [Permission.read('', 'configmaps', ['app-config'])] });
    sa.allow(Permission.get('', 'secrets'), { allowUnscopedSecretReads: true, reason: REASON });
    sa.allowClusterWide(Permission.read('', 'namespaces'), { reason: REASON });
    expect(synthValid(chart)).toMatchSnapshot();
  });

  test('defaultChild', () => {
    const chart = namespacedChart();
    const sa = new LeastPrivilegeServiceAccount(chart, 'sa');
    expect(ApiObject.of(sa).kind).toBe('ServiceAccount');
    expect(sa.node.defaultChild).toBe(ApiObject.of(sa));
  });

  test('is a cdk8s-plus IServiceAccount that a workload can run as', () => {
    const chart = namespacedChart();
    const sa: kplus.IServiceAccount = new LeastPrivilegeServiceAccount(chart, 'sa', { name: 'app' });
    const deployment = new kplus.Deployment(chart, 'deploy', { serviceAccount: sa, containers: [{ image: 'nginx:1.27', portNumber: 8080 }] });
    const pod = findOne(synthValid(chart), 'Deployment').spec.template.spec;
    expect(pod.serviceAccountName).toBe('app');
    expect(pod.automountServiceAccountToken).toBe(false);
    expect(deployment.serviceAccount).toBe(sa);
  });

  describe('security defaults', () => {
    test('does not automount the API token', () => {
      const chart = namespacedChart();
      new LeastPrivilegeServiceAccount(chart, 'sa');
      expect(findOne(synthValid(chart), 'ServiceAccount').automountServiceAccountToken).toBe(false);
    });

    test('creates no Role or RoleBinding without grants', () => {
      const chart = namespacedChart();
      new LeastPrivilegeServiceAccount(chart, 'sa');
      const objects = synthValid(chart);
      expect(objects.map(o => o.kind)).toEqual(['ServiceAccount']);
    });

    test('creates no ClusterRole or ClusterRoleBinding for namespaced grants', () => {
      const chart = namespacedChart();
      new LeastPrivilegeServiceAccount(chart, 'sa', { permissions: [Permission.read('', 'configmaps')] });
      const objects = synthValid(chart);
      expect(findAll(objects, 'ClusterRole')).toHaveLength(0);
      expect(findAll(objects, 'ClusterRoleBinding')).toHaveLength(0);
    });

    test('carries no exceptions annotation when nothing is excepted', () => {
      const chart = namespacedChart();
      new LeastPrivilegeServiceAccount(chart, 'sa', { permissions: [Permission.read('', 'configmaps')] });
      const objects = synthValid(chart);
      expect(findOne(objects, 'ServiceAccount').metadata.annotations).toBeUndefined();
      expect(findOne(objects, 'Role').metadata.annotations).toBeUndefined();
    });
  });

  describe('grants', () => {
    test('synthesizes one Role and one RoleBinding in the service account namespace', () => {
      const chart = namespacedChart();
      const sa = new LeastPrivilegeServiceAccount(chart, 'sa', { name: 'app', permissions: [Permission.read('', 'configmaps', ['app-config'])] });
      sa.allow(Permission.get('', 'secrets', ['app-tls']));
      sa.allow(Permission.update('apps', 'deployments/scale', ['app']));
      const objects = synthValid(chart);
      expect(findAll(objects, 'Role')).toHaveLength(1);
      expect(findAll(objects, 'RoleBinding')).toHaveLength(1);
      const role = findOne(objects, 'Role');
      expect(role.metadata).toMatchObject({ name: 'app', namespace: 'team-a' });
      expect(role.rules).toEqual([
        { apiGroups: [''], resources: ['configmaps'], resourceNames: ['app-config'], verbs: ['get', 'list', 'watch'] },
        { apiGroups: [''], resources: ['secrets'], resourceNames: ['app-tls'], verbs: ['get'] },
        { apiGroups: ['apps'], resources: ['deployments/scale'], resourceNames: ['app'], verbs: ['patch', 'update'] },
      ]);
      const binding = findOne(objects, 'RoleBinding');
      expect(binding.metadata).toMatchObject({ name: 'app', namespace: 'team-a' });
      expect(binding.roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'app' });
      expect(binding.subjects).toEqual([{ kind: 'ServiceAccount', name: 'app', namespace: 'team-a' }]);
      expect(sa.roleName).toBe('app');
      expect(sa.grants).toHaveLength(3);
    });

    test('orders rules deterministically and merges verbs of identical targets', () => {
      const build = (order: Permission[]) => {
        const chart = namespacedChart();
        const sa = new LeastPrivilegeServiceAccount(chart, 'sa');
        order.forEach(p => sa.allow(p));
        return findOne(synthValid(chart), 'Role').rules;
      };
      const a = Permission.read('batch', 'jobs');
      const b = Permission.of({ apiGroups: ['batch'], resources: ['jobs'], verbs: [Verb.DELETE, Verb.GET] });
      const c = Permission.write('', 'configmaps');
      expect(build([a, b, c])).toEqual(build([c, b, a]));
      expect(build([a, b, c])).toEqual([
        { apiGroups: [''], resources: ['configmaps'], verbs: ['create', 'delete', 'patch', 'update'] },
        { apiGroups: ['batch'], resources: ['jobs'], verbs: ['delete', 'get', 'list', 'watch'] },
      ]);
    });

    test('uses the namespace passed as a reference', () => {
      const chart = Testing.chart();
      const sa = new LeastPrivilegeServiceAccount(chart, 'sa', { namespace: namespaceRef(chart, 'team-b') });
      sa.allow(Permission.read('', 'pods'));
      const objects = synthValid(chart);
      for (const kind of ['ServiceAccount', 'Role', 'RoleBinding']) {
        expect(findOne(objects, kind).metadata.namespace).toBe('team-b');
      }
      expect(findOne(objects, 'RoleBinding').subjects[0].namespace).toBe('team-b');
    });

    test('binds a generated name when no name is given', () => {
      const chart = namespacedChart();
      const sa = new LeastPrivilegeServiceAccount(chart, 'sa');
      sa.allow(Permission.read('', 'pods'));
      const objects = synthValid(chart);
      const binding = findOne(objects, 'RoleBinding');
      expect(findOne(objects, 'ServiceAccount').metadata.name).toMatch(/^test-sa-[0-9a-f]{8}$/);
      expect(binding.subjects[0].name).toBe(findOne(objects, 'ServiceAccount').metadata.name);
      expect(binding.roleRef.name).toBe(findOne(objects, 'Role').metadata.name);
    });

    test('throws on a grant without a namespace to bind in', () => {
      const chart = Testing.chart();
      const sa = new LeastPrivilegeServiceAccount(chart, 'sa');
      expect(() => sa.allow(Permission.read('', 'pods'))).toThrow(/without a namespace: a binding subject of kind ServiceAccount must name its namespace/);
    });
  });

  describe('refusals', () => {
    const refused: Array<[string, Permission, string, RegExp]> = [
      ['wildcard verbs', Permission.of({ apiGroups: [''], resources: ['pods'], verbs: [Verb.ALL] }), 'allowWildcards', /wildcard "\*" in verbs/],
      ['wildcard resources', Permission.of({ apiGroups: ['apps'], resources: ['*'], verbs: [Verb.GET] }), 'allowWildcards', /wildcard "\*" in resources/],
      ['wildcard apiGroups', Permission.of({ apiGroups: ['*'], resources: ['deployments'], verbs: [Verb.GET] }), 'allowWildcards', /wildcard "\*" in apiGroups/],
      ['escalate', Permission.of({ apiGroups: ['rbac.authorization.k8s.io'], resources: ['roles'], verbs: [Verb.ESCALATE] }), 'allowPrivilegeEscalationVerbs', /"escalate" let the holder gain permissions/],
      ['bind', Permission.of({ apiGroups: ['rbac.authorization.k8s.io'], resources: ['roles'], verbs: [Verb.BIND] }), 'allowPrivilegeEscalationVerbs', /"bind" let the holder/],
      ['impersonate', Permission.of({ apiGroups: [''], resources: ['serviceaccounts'], verbs: [Verb.IMPERSONATE] }), 'allowPrivilegeEscalationVerbs', /"impersonate" let the holder/],
      ['create pods/exec', Permission.of({ apiGroups: [''], resources: ['pods/exec'], verbs: [Verb.CREATE] }), 'allowSensitiveSubresources', /"create" on "pods\/exec"/],
      ['create pods/attach', Permission.of({ apiGroups: [''], resources: ['pods/attach'], verbs: [Verb.CREATE] }), 'allowSensitiveSubresources', /"create" on "pods\/attach"/],
      ['create nodes/proxy', Permission.of({ apiGroups: [''], resources: ['nodes/proxy'], verbs: [Verb.CREATE] }), 'allowSensitiveSubresources', /"create" on "nodes\/proxy"/],
      ['create serviceaccounts/token', Permission.of({ apiGroups: [''], resources: ['serviceaccounts/token'], verbs: [Verb.CREATE] }), 'allowSensitiveSubresources', /"create" on "serviceaccounts\/token"/],
      ['get secrets without names', Permission.get('', 'secrets'), 'allowUnscopedSecretReads', /"get" on secrets without resourceNames/],
      ['list secrets', Permission.of({ apiGroups: [''], resources: ['secrets'], verbs: [Verb.LIST] }), 'allowUnscopedSecretReads', /"list" on secrets return the full contents/],
      ['watch secrets even with names', Permission.of({ apiGroups: [''], resources: ['secrets'], verbs: [Verb.WATCH], resourceNames: ['a'] }), 'allowUnscopedSecretReads', /metadata.name field selector/],
    ];

    test.each(refused)('throws on %s, naming the rule and the fix', (_name, permission, flag, message) => {
      const sa = new LeastPrivilegeServiceAccount(namespacedChart(), 'sa');
      expect(() => sa.allow(permission)).toThrow(message);
      expect(() => sa.allow(permission)).toThrow(new RegExp(`refusing grant apiGroups=.*call allow\\(permission, \\{ ${flag}: true, reason:`));
    });

    test.each(refused)('throws on %s passed through props', (_name, permission, _flag, message) => {
      expect(() => new LeastPrivilegeServiceAccount(namespacedChart(), 'sa', { permissions: [permission] })).toThrow(message);
    });

    test.each(refused)('throws when %s is opted out without a reason', (_name, permission, flag) => {
      const sa = new LeastPrivilegeServiceAccount(namespacedChart(), 'sa');
      expect(() => sa.allow(permission, { [flag]: true })).toThrow(/needs a reason of at least 10 characters \(got undefined\)/);
      expect(() => sa.allow(permission, { [flag]: true, reason: 'too short' })).toThrow(/needs a reason of at least 10 characters \(got "too short"\)/);
    });

    test.each(refused)('accepts %s with the opt-out and a reason, recorded on the Role', (_name, permission, flag) => {
      const chart = namespacedChart();
      const sa = new LeastPrivilegeServiceAccount(chart, 'sa');
      sa.allow(permission, { [flag]: true, reason: REASON });
      const role = findOne(synthValid(chart), 'Role');
      expect(suppressionsOf(role)).toEqual([{ id: RULE_OF_FLAG[flag], reason: `${flag}: ${REASON}`, appliesTo: ['/rules/0'] }]);
      expect(role.metadata.annotations['hardened.cdk8s.io/exceptions']).toBeUndefined();
    });

    test('a reason alone does not opt out', () => {
      const sa = new LeastPrivilegeServiceAccount(namespacedChart(), 'sa');
      expect(() => sa.allow(Permission.get('', 'secrets'), { reason: REASON })).toThrow(/refusing grant/);
    });

    test('the wrong opt-out does not cover another risk', () => {
      const sa = new LeastPrivilegeServiceAccount(namespacedChart(), 'sa');
      expect(() => sa.allow(Permission.get('', 'secrets'), { allowWildcards: true, reason: REASON }))
        .toThrow(/"get" on secrets without resourceNames/);
    });

    test('throws on an opt-out the grant does not need', () => {
      const sa = new LeastPrivilegeServiceAccount(namespacedChart(), 'sa');
      expect(() => sa.allow(Permission.read('', 'configmaps'), { allowWildcards: true, reason: REASON }))
        .toThrow(/allowWildcards was set for grant .* which carries no such risk/);
    });

    test('a grant with several risks needs every flag', () => {
      const sa = new LeastPrivilegeServiceAccount(namespacedChart(), 'sa');
      const everything = Permission.of({ apiGroups: ['*'], resources: ['*'], verbs: [Verb.ALL] });
      expect(() => sa.allow(everything, { allowWildcards: true, reason: REASON })).toThrow(/pods\/exec/);
      sa.allow(everything, { allowWildcards: true, allowSensitiveSubresources: true, allowUnscopedSecretReads: true, reason: REASON });
      expect(sa.grants).toEqual([everything]);
    });

    test('get on named secrets is accepted without opt-out', () => {
      const chart = namespacedChart();
      new LeastPrivilegeServiceAccount(chart, 'sa', { permissions: [Permission.get('', 'secrets', ['db-credentials'])] });
      expect(findOne(synthValid(chart), 'Role').rules).toEqual([
        { apiGroups: [''], resources: ['secrets'], resourceNames: ['db-credentials'], verbs: ['get'] },
      ]);
    });

    test('reading pods/log is not sensitive', () => {
      const chart = namespacedChart();
      const sa = new LeastPrivilegeServiceAccount(chart, 'sa');
      sa.allow(Permission.read('', 'pods/log'));
      expect(findOne(synthValid(chart), 'Role').rules).toHaveLength(1);
    });

    // Regression (issue 12): the construct accepted get on pods/exec, which HARDEN-RBAC-003 then failed at synth
    // (a WebSocket exec is a GET). Both now read the same table (core/_rbac-risks.ts).
    test('fails get on pods/exec or pods/attach, and any verb on nodes/proxy, like HARDEN-RBAC-003', () => {
      const sa = new LeastPrivilegeServiceAccount(namespacedChart(), 'sa');
      expect(() => sa.allow(Permission.get('', 'pods/exec'))).toThrow(/"get" on "pods\/exec" gives a shell/);
      expect(() => sa.allow(Permission.get('', 'pods/attach'))).toThrow(/"get" on "pods\/attach"/);
      expect(() => sa.allow(Permission.of({ apiGroups: [''], resources: ['nodes/proxy'], verbs: [Verb.LIST] }))).toThrow(/"list" on "nodes\/proxy"/);
      sa.allow(Permission.get('', 'pods/exec'), { allowSensitiveSubresources: true, reason: REASON });
      expect(sa.grants).toHaveLength(1);
    });
  });

  // Regression (issue 12): an exception accepted with a flag and a reason still failed synth on the rule it
  // excepts (two exception mechanisms). The flag now writes a suppression of exactly that rule, scoped to the
  // PolicyRule holding the grant, with the reason; everything else in the Role is still checked.
  describe('exceptions are suppressions of their rule', () => {
    test('allowWildcards + reason passes synth with HARDEN-RBAC-001 checked, reported as suppressed with the reason', () => {
      const chart = namespacedChart();
      const logged: string[] = [];
      SecurityChecks.of(chart, { logger: { log: m => { logged.push(m); } } }).addPack(RulePacks.LEAST_PRIVILEGE_RBAC);
      const sa = new LeastPrivilegeServiceAccount(chart, 'sa');
      sa.allow(Permission.read('', 'configmaps'));
      sa.allow(Permission.of({ apiGroups: ['apps'], resources: ['*'], verbs: [Verb.GET] }), { allowWildcards: true, reason: REASON });
      const role = findOne(synthValid(chart), 'Role');
      expect(role.rules[1].resources).toEqual(['*']);
      expect(JSON.parse(role.metadata.annotations['hardened.cdk8s.io/suppressions'])).toEqual([
        { id: 'HARDEN-RBAC-001', reason: `allowWildcards: ${REASON}`, appliesTo: ['/rules/1'] },
      ]);
      const report = SecurityChecks.of(chart).check();
      expect(report.findings.map(f => [f.ruleId, f.path, f.suppressed])).toEqual([['HARDEN-RBAC-001', '/rules/1/resources/0', true]]);
      expect(report.unmatchedSuppressions).toEqual([]);
      expect(logged.join('')).toContain(REASON);
    });

    test('the exception suppressions move with their PolicyRule as grants are added; suppressions of others are kept', () => {
      const chart = namespacedChart();
      const sa = new LeastPrivilegeServiceAccount(chart, 'sa');
      sa.allow(Permission.get('', 'secrets'), { allowUnscopedSecretReads: true, reason: REASON });
      const role = ApiObject.of(sa.node.findChild('Role'));
      Suppressions.add(role, [{ id: 'HARDEN-RBAC-009', reason: 'reviewed by the platform team', appliesTo: ['/rules/9'] }]);
      sa.allow(Permission.read('', 'configmaps')); // sorts before secrets: the secrets rule moves to /rules/1
      sa.allow(Permission.of({ apiGroups: [''], resources: ['pods/exec'], verbs: [Verb.CREATE] }), { allowSensitiveSubresources: true, reason: REASON });
      const written = suppressionsOf(findOne(synthValid(chart), 'Role'));
      expect(written).toEqual([
        { id: 'HARDEN-RBAC-003', reason: `allowSensitiveSubresources: ${REASON}`, appliesTo: ['/rules/1'] },
        { id: 'HARDEN-RBAC-004', reason: `allowUnscopedSecretReads: ${REASON}`, appliesTo: ['/rules/2'] },
        { id: 'HARDEN-RBAC-009', reason: 'reviewed by the platform team', appliesTo: ['/rules/9'] },
      ]);
    });

    test('get on pods/exec with allowSensitiveSubresources passes synth; an unexcepted risk in another rule still fails', () => {
      const chart = namespacedChart();
      SecurityChecks.of(chart).addPack(RulePacks.LEAST_PRIVILEGE_RBAC);
      const sa = new LeastPrivilegeServiceAccount(chart, 'sa');
      sa.allow(Permission.get('', 'pods/exec'), { allowSensitiveSubresources: true, reason: REASON });
      expect(() => synthValid(chart)).not.toThrow();
      // A suppression scoped to /rules/0 does not cover a risky rule added outside the construct.
      ApiObject.of(sa.node.findChild('Role')).addJsonPatch(JsonPatch.add('/rules/-', { apiGroups: [''], resources: ['pods/attach'], verbs: ['get'] }));
      expect(() => Testing.synth(chart)).toThrow(/HARDEN-RBAC-003 .* at \/rules\/1\/resources\/0/);
    });
  });

  describe('cluster-wide grants', () => {
    test('synthesize one ClusterRole and ClusterRoleBinding without a namespace, with the reason recorded', () => {
      const chart = namespacedChart();
      const sa = new LeastPrivilegeServiceAccount(chart, 'sa', { name: 'operator' });
      sa.allowClusterWide(Permission.read('', 'namespaces'), { reason: REASON });
      sa.allowClusterWide(Permission.read('', 'nodes'), { reason: REASON });
      const objects = synthValid(chart);
      expect(findAll(objects, 'Role')).toHaveLength(0);
      const clusterRole = findOne(objects, 'ClusterRole');
      expect(clusterRole.metadata.name).toBe('team-a-operator');
      expect(clusterRole.metadata.namespace).toBeUndefined();
      expect(clusterRole.rules).toEqual([
        { apiGroups: [''], resources: ['namespaces'], verbs: ['get', 'list', 'watch'] },
        { apiGroups: [''], resources: ['nodes'], verbs: ['get', 'list', 'watch'] },
      ]);
      expect(clusterRole.metadata.annotations).toBeUndefined();
      const binding = findOne(objects, 'ClusterRoleBinding');
      expect(suppressionsOf(binding)).toEqual([{ id: 'HARDEN-RBAC-010', reason: `allowClusterWide: ${REASON}` }]);
      expect(binding.metadata.namespace).toBeUndefined();
      expect(binding.roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'team-a-operator' });
      expect(binding.subjects).toEqual([{ kind: 'ServiceAccount', name: 'operator', namespace: 'team-a' }]);
      expect(sa.clusterRoleName).toBe('team-a-operator');
      expect(sa.clusterWideGrants).toHaveLength(2);
    });

    test('each reason is recorded in the one HARDEN-RBAC-010 suppression of the binding; every pack passes with it suppressed', () => {
      const chart = namespacedChart();
      const sa = new LeastPrivilegeServiceAccount(chart, 'sa', { name: 'operator' });
      sa.allowClusterWide(Permission.read('', 'namespaces'), { reason: REASON });
      sa.allowClusterWide(Permission.read('', 'nodes'), { reason: 'schedules onto nodes by their labels' });
      sa.allowClusterWide(Permission.read('', 'persistentvolumes'), { reason: REASON });
      const binding = findOne(synthValid(chart), 'ClusterRoleBinding');
      const reason = `allowClusterWide: ${REASON}; schedules onto nodes by their labels`;
      expect(suppressionsOf(binding)).toEqual([{ id: 'HARDEN-RBAC-010', reason }]);
      expect(binding.metadata.annotations['suppress.hardened.cdk8s.io/HARDEN-RBAC-010']).toBe(reason);
      const report = new Checker({ packs: RulePacks.all() }).check(chart);
      expect(report.findings.map(f => [f.ruleId, f.path, f.suppressed])).toEqual([['HARDEN-RBAC-010', '/subjects/0', true]]);
      expect(report.unmatchedSuppressions).toEqual([]);
    });

    test('throws on a reason of invisible characters, before writing anything (the rule every suppression reason follows)', () => {
      const chart = namespacedChart();
      const sa = new LeastPrivilegeServiceAccount(chart, 'sa');
      const invisible = '\u200b'.repeat(12);
      expect(() => sa.allowClusterWide(Permission.read('', 'nodes'), { reason: invisible }))
        .toThrow(/allowClusterWide .* needs a reason of at least 10 characters \(got "\\u\{200B\}/);
      expect(() => sa.allow(Permission.get('', 'secrets'), { allowUnscopedSecretReads: true, reason: invisible })).toThrow(/needs a reason of at least 10 characters/);
      expect(() => new LeastPrivilegeServiceAccount(chart, 'sa2', { automountServiceAccountToken: true, automountServiceAccountTokenReason: invisible }))
        .toThrow(/automountServiceAccountToken: true needs a reason of at least 10 characters/);
      expect(sa.clusterWideGrants).toEqual([]);
    });

    test('throws without a reason', () => {
      const sa = new LeastPrivilegeServiceAccount(namespacedChart(), 'sa');
      expect(() => sa.allowClusterWide(Permission.read('', 'nodes'), { reason: '' })).toThrow(/allowClusterWide .* needs a reason of at least 10 characters/);
    });

    test('still refuses risky grants without their own flag', () => {
      const sa = new LeastPrivilegeServiceAccount(namespacedChart(), 'sa');
      expect(() => sa.allowClusterWide(Permission.read('', 'secrets'), { reason: REASON }))
        .toThrow(/call allowClusterWide\(permission, \{ allowUnscopedSecretReads: true/);
      sa.allowClusterWide(Permission.read('', 'secrets'), { reason: REASON, allowUnscopedSecretReads: true });
      expect(sa.clusterWideGrants).toHaveLength(1);
    });
  });

  describe('automountServiceAccountToken opt-out', () => {
    test('throws when enabled without a reason', () => {
      expect(() => new LeastPrivilegeServiceAccount(namespacedChart(), 'sa', { automountServiceAccountToken: true }))
        .toThrow(/automountServiceAccountToken: true needs a reason of at least 10 characters/);
    });

    test('is enabled with a reason, recorded on the ServiceAccount', () => {
      const chart = namespacedChart();
      new LeastPrivilegeServiceAccount(chart, 'sa', {
        automountServiceAccountToken: true, automountServiceAccountTokenReason: 'legacy client reads the default token path',
      });
      const sa = findOne(synthValid(chart), 'ServiceAccount');
      expect(sa.automountServiceAccountToken).toBe(true);
      expect(suppressionsOf(sa)).toEqual([{ id: 'HARDEN-WL-014', reason: 'automountServiceAccountToken: legacy client reads the default token path' }]);
      expect(sa.metadata.annotations['suppress.hardened.cdk8s.io/HARDEN-WL-014']).toBe('automountServiceAccountToken: legacy client reads the default token path');
    });

    test('the automount exception passes the checks as a suppressed HARDEN-WL-014 finding', () => {
      const chart = namespacedChart();
      new LeastPrivilegeServiceAccount(chart, 'sa', {
        automountServiceAccountToken: true, automountServiceAccountTokenReason: 'legacy client reads the default token path',
      });
      const report = new Checker({ packs: RulePacks.all() }).check(chart);
      expect(report.findings.map(f => [f.ruleId, f.suppressed])).toEqual([['HARDEN-WL-014', true]]);
    });

    test('throws on a reason without the opt-out', () => {
      expect(() => new LeastPrivilegeServiceAccount(namespacedChart(), 'sa', { automountServiceAccountTokenReason: 'not needed at all' }))
        .toThrow(/automountServiceAccountTokenReason is set but automountServiceAccountToken is not true/);
    });
  });

  describe('validation', () => {
    test('throws on an invalid name', () => {
      expect(() => new LeastPrivilegeServiceAccount(namespacedChart(), 'sa', { name: 'My_App' }))
        .toThrow(/Invalid service account name "My_App": must be a DNS-1123 subdomain/);
    });

    test('throws on a reserved namespace', () => {
      const chart = Testing.chart();
      expect(() => new LeastPrivilegeServiceAccount(chart, 'sa', { namespace: namespaceRef(chart, 'kube-system') }))
        .toThrow(/Namespace "kube-system" is reserved/);
    });
  });

  describe('workload identity', () => {
    test('annotates the ServiceAccount for EKS IRSA', () => {
      const chart = namespacedChart();
      new LeastPrivilegeServiceAccount(chart, 'sa', { workloadIdentity: WorkloadIdentity.awsIrsa('arn:aws:iam::123456789012:role/app') });
      expect(findOne(synthValid(chart), 'ServiceAccount').metadata.annotations)
        .toEqual({ 'eks.amazonaws.com/role-arn': 'arn:aws:iam::123456789012:role/app' });
    });

    test('annotates the ServiceAccount for GKE', () => {
      const chart = namespacedChart();
      new LeastPrivilegeServiceAccount(chart, 'sa', { workloadIdentity: WorkloadIdentity.gcp('my-app@my-project.iam.gserviceaccount.com') });
      expect(findOne(synthValid(chart), 'ServiceAccount').metadata.annotations)
        .toEqual({ 'iam.gke.io/gcp-service-account': 'my-app@my-project.iam.gserviceaccount.com' });
    });

    test('annotates the ServiceAccount for Azure and exposes the pod label', () => {
      const chart = namespacedChart();
      const sa = new LeastPrivilegeServiceAccount(chart, 'sa', { workloadIdentity: WorkloadIdentity.azure('11111111-2222-3333-4444-555555555555') });
      expect(findOne(synthValid(chart), 'ServiceAccount').metadata.annotations)
        .toEqual({ 'azure.workload.identity/client-id': '11111111-2222-3333-4444-555555555555' });
      expect(sa.workloadIdentity?.podLabels).toEqual({ 'azure.workload.identity/use': 'true' });
    });

    test('keeps automount off with a workload identity', () => {
      const chart = namespacedChart();
      new LeastPrivilegeServiceAccount(chart, 'sa', { workloadIdentity: WorkloadIdentity.awsIrsa('arn:aws:iam::123456789012:role/app') });
      expect(findOne(synthValid(chart), 'ServiceAccount').automountServiceAccountToken).toBe(false);
    });
  });

  describe('mountProjectedToken', () => {
    function workload(chart: Chart, sa?: kplus.IServiceAccount) {
      const deployment = new kplus.Deployment(chart, 'deploy', { serviceAccount: sa });
      const container = deployment.addContainer({ name: 'app', image: 'example.com/app:1.0.0', portNumber: 8080 });
      return { deployment, container };
    }

    test('mounts an audience-bound, short-lived token read-only into the pod spec', () => {
      const chart = namespacedChart();
      const sa = new LeastPrivilegeServiceAccount(chart, 'sa', { name: 'app' });
      const { deployment, container } = workload(chart, sa);
      sa.mountProjectedToken(deployment, container, { audience: 'vault' });
      const pod = findOne(synthValid(chart), 'Deployment').spec.template.spec;
      expect(pod.automountServiceAccountToken).toBe(false);
      expect(pod.volumes).toEqual([{
        name: 'sa-token',
        projected: { sources: [{ serviceAccountToken: { audience: 'vault', expirationSeconds: 600, path: 'token' } }] },
      }]);
      expect(pod.containers[0].volumeMounts).toEqual([{ name: 'sa-token', mountPath: '/var/run/secrets/tokens', readOnly: true }]);
    });

    test('shares one volume between containers and keeps a second audience apart', () => {
      const chart = namespacedChart();
      const sa = new LeastPrivilegeServiceAccount(chart, 'sa');
      const { deployment, container } = workload(chart, sa);
      const sidecar = deployment.addContainer({ name: 'sidecar', image: 'example.com/sidecar:1.0.0' });
      sa.mountProjectedToken(deployment, container, { audience: 'vault' });
      sa.mountProjectedToken(deployment, sidecar, { audience: 'vault' });
      sa.mountProjectedToken(deployment, sidecar, { audience: 'sts.example.com', volumeName: 'sts-token', mountPath: '/var/run/secrets/sts', expirationSeconds: 3600 });
      const pod = findOne(synthValid(chart), 'Deployment').spec.template.spec;
      expect(pod.volumes.map((v: any) => v.name)).toEqual(['sa-token', 'sts-token']);
      expect(pod.containers.map((c: any) => c.volumeMounts.map((m: any) => m.name))).toEqual([['sa-token'], ['sa-token', 'sts-token']]);
      expect(pod.volumes[0].projected.sources[0].serviceAccountToken.audience).toBe('vault');
      expect(pod.volumes[1].projected.sources[0].serviceAccountToken.expirationSeconds).toBe(3600);
    });

    // Issue 12 item 6: the volume is built on cdk8s-plus's public API (a reserved volume whose source a guarded JSON patch
    // replaces), no private constructor. Its position is found when the manifest renders.
    test('a mount added to an earlier container afterwards neither moves the token nor turns another volume into it', () => {
      const chart = namespacedChart();
      const sa = new LeastPrivilegeServiceAccount(chart, 'sa');
      const { deployment, container } = workload(chart, sa);
      const sidecar = deployment.addContainer({ name: 'sidecar', image: 'example.com/sidecar:1.0.0' });
      sa.mountProjectedToken(deployment, sidecar, { audience: 'vault' });
      container.mount('/data', kplus.Volume.fromEmptyDir(deployment, 'data', 'data'));
      const first = Testing.synth(chart);
      const pod = findOne(first, 'Deployment').spec.template.spec;
      expect(pod.volumes).toEqual([
        { name: 'data', emptyDir: {} },
        { name: 'sa-token', projected: { sources: [{ serviceAccountToken: { audience: 'vault', expirationSeconds: 600, path: 'token' } }] } },
      ]);
      expect(findOne(first, 'Deployment').metadata).not.toHaveProperty('ProjectedToken-sa-token.hardened.cdk8s.io');
      expect(Testing.synth(chart)).toEqual(first);
    });

    test.each([
      ['Job', (chart: Chart, sa: kplus.IServiceAccount) => new kplus.Job(chart, 'w', { serviceAccount: sa }), (o: any) => o.spec.template.spec],
      ['CronJob', (chart: Chart, sa: kplus.IServiceAccount) => new kplus.CronJob(chart, 'w', { serviceAccount: sa, schedule: Cron.daily() }),
        (o: any) => o.spec.jobTemplate.spec.template.spec],
      ['Pod', (chart: Chart, sa: kplus.IServiceAccount) => new kplus.Pod(chart, 'w', { serviceAccount: sa }), (o: any) => o.spec],
    ])('mounts the token into a %s (init container too)', (kind, build, podSpec) => {
      const chart = namespacedChart();
      const sa = new LeastPrivilegeServiceAccount(chart, 'sa');
      const w = (build as any)(chart, sa) as kplus.AbstractPod;
      w.addContainer({ name: 'app', image: 'example.com/app:1.0.0' });
      const init = w.addInitContainer({ name: 'init', image: 'example.com/init:1.0.0' });
      sa.mountProjectedToken(w, init, { audience: 'vault' });
      const spec = (podSpec as any)(findOne(synthValid(chart), kind as string));
      expect(spec.volumes).toEqual([
        { name: 'sa-token', projected: { sources: [{ serviceAccountToken: { audience: 'vault', expirationSeconds: 600, path: 'token' } }] } },
      ]);
      expect(spec.initContainers[0].volumeMounts).toEqual([{ name: 'sa-token', mountPath: '/var/run/secrets/tokens', readOnly: true }]);
    });

    test('works with a HardenedDeployment running as the service account', () => {
      const chart = namespacedChart();
      const sa = new LeastPrivilegeServiceAccount(chart, 'sa', { name: 'app' });
      const deployment = new HardenedDeployment(chart, 'web', {
        serviceAccount: sa, containers: [{ image: 'registry.example.com/team/web:1.4.2', portNumber: 8080 }],
      });
      sa.mountProjectedToken(deployment, deployment.containers[0], { audience: 'vault' });
      const pod = findOne(synthValid(chart), 'Deployment').spec.template.spec;
      expect(pod.serviceAccountName).toBe('app');
      expect(pod.automountServiceAccountToken).toBe(false);
      expect(pod.volumes).toContainEqual({
        name: 'sa-token',
        projected: { sources: [{ serviceAccountToken: { audience: 'vault', expirationSeconds: 600, path: 'token' } }] },
      });
      expect(pod.containers[0].volumeMounts).toContainEqual({ name: 'sa-token', mountPath: '/var/run/secrets/tokens', readOnly: true });
    });

    test('throws when the volume name is reused with other options', () => {
      const chart = namespacedChart();
      const sa = new LeastPrivilegeServiceAccount(chart, 'sa');
      const { deployment, container } = workload(chart, sa);
      sa.mountProjectedToken(deployment, container, { audience: 'vault' });
      expect(() => sa.mountProjectedToken(deployment, container, { audience: 'other' })).toThrow(/already has a projected token volume "sa-token" with different options/);
    });

    test('throws when the workload runs as another service account', () => {
      const chart = namespacedChart();
      const sa = new LeastPrivilegeServiceAccount(chart, 'sa');
      const other = new LeastPrivilegeServiceAccount(chart, 'other', { name: 'other' });
      const { deployment, container } = workload(chart, other);
      expect(() => sa.mountProjectedToken(deployment, container, { audience: 'vault' })).toThrow(/runs as service account "other"/);
    });

    test('throws for a container of another workload', () => {
      const chart = namespacedChart();
      const sa = new LeastPrivilegeServiceAccount(chart, 'sa');
      const { deployment } = workload(chart, sa);
      const stranger = new kplus.Container({ image: 'example.com/x:1.0.0' });
      expect(() => sa.mountProjectedToken(deployment, stranger, { audience: 'vault' })).toThrow(/is not part of workload/);
    });

    test('throws on a relative mountPath', () => {
      const chart = namespacedChart();
      const sa = new LeastPrivilegeServiceAccount(chart, 'sa');
      const { deployment, container } = workload(chart, sa);
      expect(() => sa.mountProjectedToken(deployment, container, { audience: 'vault', mountPath: 'tokens' })).toThrow(/Invalid projected token mountPath "tokens"/);
    });
  });
});
