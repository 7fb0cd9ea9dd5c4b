// SPDX-License-Identifier: Apache-2.0
/**
 * Hand-written cases pinning the analysis to the Kubernetes NetworkPolicy semantics. Each case quotes or
 * names the rule it pins; unless another URL is given the source is
 * https://kubernetes.io/docs/concepts/services-networking/network-policies/ ("NP docs") and the API reference
 * https://kubernetes.io/docs/reference/kubernetes-api/policy-resources/network-policy-v1/ ("API ref").
 */
import { app, deploy, netpol, ns, nsName } from './_fixtures';
import { FlowProtocol, Reachability, ReachabilityOptions } from '../../../src';

function reach(objects: any[], options?: ReachabilityOptions): Reachability {
  return Reachability.fromObjects(objects, options);
}

function can(r: Reachability, from: string, to: string, port: number, protocol?: FlowProtocol): boolean {
  return r.isAllowed({ from, to, port, protocol });
}

const denyAll = (namespace: string) => netpol(namespace, 'default-deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] });

describe('isolation and policy types', () => {
  test('no policy: pods are non-isolated for ingress and egress, all traffic is allowed', () => {
    // NP docs, "The two sorts of pod isolation": "By default, a pod is non-isolated for egress/ingress".
    const r = reach([deploy('a', 'x'), deploy('b', 'y')]);
    expect(can(r, 'a/x', 'b/y', 1)).toBe(true);
    expect(can(r, 'b/y', 'a/x', 65535, FlowProtocol.SCTP)).toBe(true);
    const v = r.explain({ from: 'a/x', to: 'b/y', port: 80 });
    expect(v.egress.isolated).toBe(false);
    expect(v.ingress.reason).toMatch(/not isolated for ingress/);
  });

  test('a policy whose podSelector selects no pods isolates nothing', () => {
    // NP docs: policies apply to the pods their podSelector selects; a pod selected by no policy stays non-isolated.
    const r = reach([deploy('a', 'x'), deploy('a', 'y'),
      netpol('a', 'matches-nothing', { podSelector: app('nothing'), policyTypes: ['Ingress', 'Egress'] })]);
    expect(can(r, 'a/x', 'a/y', 80)).toBe(true);
    r.assertFlowLines(['* -> a/x any', '* -> a/y any', 'a/x -> * any', 'a/y -> * any']);
  });

  test('a policy selects pods only in its own namespace', () => {
    // API ref, NetworkPolicySpec.podSelector: "selects the pods to which this NetworkPolicy object applies" (in the policy's namespace).
    const r = reach([deploy('a', 'x'), deploy('b', 'x'), netpol('a', 'deny', { podSelector: {}, policyTypes: ['Ingress'] })]);
    expect(can(r, 'b/x', 'a/x', 80)).toBe(false);
    expect(can(r, 'a/x', 'b/x', 80)).toBe(true);
  });

  test('default deny ingress isolates ingress only; egress stays open', () => {
    // NP docs, "Default deny all ingress traffic": egress of the selected pods is not changed.
    const r = reach([deploy('a', 'x'), deploy('b', 'y'), netpol('a', 'deny-in', { podSelector: {}, policyTypes: ['Ingress'] })]);
    expect(can(r, 'b/y', 'a/x', 80)).toBe(false);
    expect(can(r, 'a/x', 'b/y', 80)).toBe(true);
    expect(r.explain({ from: 'b/y', to: 'a/x', port: 80 }).ingress.policies).toEqual(['a/deny-in']);
  });

  test('an egress-only policy (policyTypes [Egress]) isolates egress and leaves ingress open', () => {
    // NP docs, "Default deny all egress traffic": "...will not change the ingress isolation behavior of any pod".
    const r = reach([deploy('a', 'x'), deploy('b', 'y'), netpol('a', 'deny-out', { podSelector: {}, policyTypes: ['Egress'] })]);
    expect(can(r, 'a/x', 'b/y', 80)).toBe(false);
    expect(can(r, 'b/y', 'a/x', 80)).toBe(true);
    const v = r.explain({ from: 'a/x', to: 'b/y', port: 80 });
    expect(v.egress).toMatchObject({ allowed: false, isolated: true, policies: ['a/deny-out'] });
    expect(v.ingress.allowed).toBe(true);
  });

  test('missing policyTypes defaults to Ingress, plus Egress when the policy has egress rules', () => {
    // API ref, policyTypes: "If this field is not specified, it will default based on the existence of ingress or egress
    // rules; policies that contain an egress section are assumed to affect egress, and all policies ... affect ingress".
    const r = reach([deploy('a', 'x'), deploy('a', 'y'), deploy('b', 'z'),
      netpol('a', 'x-egress', { podSelector: app('x'), egress: [{ to: [{ podSelector: app('y') }] }] })]);
    expect(can(r, 'a/x', 'a/y', 80)).toBe(true);
    expect(can(r, 'a/x', 'b/z', 80)).toBe(false); // Egress was added by the default
    expect(can(r, 'a/y', 'a/x', 80)).toBe(false); // Ingress is always defaulted, and there are no ingress rules
  });

  test('missing policyTypes with an empty egress list means Ingress only', () => {
    // API ref defaulting: Egress is added only when egress rules exist; `egress: []` has none.
    const r = reach([deploy('a', 'x'), deploy('b', 'y'), netpol('a', 'p', { podSelector: {}, egress: [] })]);
    expect(can(r, 'a/x', 'b/y', 80)).toBe(true);
    expect(can(r, 'b/y', 'a/x', 80)).toBe(false);
  });

  test('rules of a direction not listed in policyTypes are ignored', () => {
    // API ref, policyTypes: the list of rule types the policy relates to; ingress rules of an Egress-only policy do not apply.
    const r = reach([deploy('a', 'x'), deploy('b', 'y'),
      netpol('a', 'p', { podSelector: {}, policyTypes: ['Egress'], ingress: [{ from: [{ podSelector: {} }] }], egress: [] })]);
    expect(can(r, 'b/y', 'a/x', 80)).toBe(true); // ingress not isolated
    expect(can(r, 'a/x', 'b/y', 80)).toBe(false);
  });
});

describe('both sides must allow', () => {
  const objects = (withEgress: boolean, withIngress: boolean) => [
    deploy('a', 'client'), deploy('b', 'server', undefined, [['http', 8080]]), denyAll('a'), denyAll('b'),
    ...(withEgress ? [netpol('a', 'client-out', { podSelector: app('client'), policyTypes: ['Egress'], egress: [{ to: [{ namespaceSelector: nsName('b') }] }] })] : []),
    ...(withIngress ? [netpol('b', 'server-in', { podSelector: app('server'), ingress: [{ from: [{ namespaceSelector: nsName('a'), podSelector: app('client') }] }] })] : []),
  ];

  test('ingress allowed but egress missing: denied, and the egress side says why', () => {
    // NP docs: "for a connection from a source pod to a destination pod to be allowed, both the egress policy on the source
    // pod and the ingress policy on the destination pod need to allow the connection".
    const v = reach(objects(false, true)).explain({ from: 'a/client', to: 'b/server', port: 8080 });
    expect(v.allowed).toBe(false);
    expect(v.ingress.rules).toEqual(['b/server-in ingress[0]']);
    expect(v.egress).toMatchObject({ allowed: false, policies: ['a/default-deny'] });
    expect(v.reason).toMatch(/a\/client is isolated for egress by a\/default-deny/);
  });

  test('egress allowed but ingress missing: denied', () => {
    const v = reach(objects(true, false)).explain({ from: 'a/client', to: 'b/server', port: 8080 });
    expect(v.allowed).toBe(false);
    expect(v.egress.rules).toEqual(['a/client-out egress[0]']);
    expect(v.ingress.allowed).toBe(false);
  });

  test('egress and ingress both allowed: allowed, with the admitting rule on each side', () => {
    const r = reach(objects(true, true));
    const v = r.explain({ from: 'a/client', to: 'b/server', port: 8080 });
    expect(v.allowed).toBe(true);
    expect(v.egress.rules).toEqual(['a/client-out egress[0]']);
    expect(v.ingress.rules).toEqual(['b/server-in ingress[0]']);
    r.assertFlowLines(['a/client -> b/server any']);
  });

  test('policies are additive: a deny-all policy never removes what another policy allows', () => {
    // NP docs: "Network policies do not conflict; they are additive ... the order of evaluation does not affect the result".
    const r = reach([deploy('a', 'x'), deploy('a', 'y'), deploy('a', 'z'), denyAll('a'),
      netpol('a', 'y-from-x', { podSelector: app('y'), ingress: [{ from: [{ podSelector: app('x') }] }] }),
      netpol('a', 'y-from-z', { podSelector: app('y'), ingress: [{ from: [{ podSelector: app('z') }] }] }),
      netpol('a', 'out', { podSelector: {}, policyTypes: ['Egress'], egress: [{ to: [{ podSelector: {} }] }] })]);
    expect(can(r, 'a/x', 'a/y', 80)).toBe(true);
    expect(can(r, 'a/z', 'a/y', 80)).toBe(true);
    expect(can(r, 'a/x', 'a/z', 80)).toBe(false);
    expect(r.explain({ from: 'a/x', to: 'a/y', port: 80 }).ingress.policies).toEqual(['a/default-deny', 'a/y-from-x', 'a/y-from-z']);
  });
});

describe('peers: from / to selectors', () => {
  const base = [ns('a'), ns('b', { team: 'blue' }), ns('c', { team: 'green' }),
    deploy('a', 'server'), deploy('a', 'web'), deploy('b', 'web'), deploy('b', 'db'), deploy('c', 'web')];
  const ingressFrom = (...from: any[]) => reach([...base, netpol('a', 'in', { podSelector: app('server'), ingress: [{ from }] })]);

  test('podSelector alone selects pods in the policy\'s own namespace only', () => {
    // NP docs, "Behavior of to and from selectors": podSelector "selects particular Pods in the same namespace as the NetworkPolicy".
    const r = ingressFrom({ podSelector: app('web') });
    expect(can(r, 'a/web', 'a/server', 80)).toBe(true);
    expect(can(r, 'b/web', 'a/server', 80)).toBe(false);
  });

  test('namespaceSelector alone selects every pod of the namespaces whose labels match', () => {
    // NP docs: namespaceSelector "selects particular namespaces for which all Pods should be allowed".
    const r = ingressFrom({ namespaceSelector: { matchLabels: { team: 'blue' } } });
    expect(can(r, 'b/web', 'a/server', 80)).toBe(true);
    expect(can(r, 'b/db', 'a/server', 80)).toBe(true);
    expect(can(r, 'c/web', 'a/server', 80)).toBe(false);
    expect(can(r, 'a/web', 'a/server', 80)).toBe(false); // own namespace lacks the label
  });

  test('namespaceSelector and podSelector in one peer: both must match (AND)', () => {
    // NP docs: "namespaceSelector and podSelector: A single to/from entry that specifies both ... selects particular Pods
    // within particular namespaces".
    const r = ingressFrom({ namespaceSelector: { matchLabels: { team: 'blue' } }, podSelector: app('web') });
    expect(can(r, 'b/web', 'a/server', 80)).toBe(true);
    expect(can(r, 'b/db', 'a/server', 80)).toBe(false);
    expect(can(r, 'a/web', 'a/server', 80)).toBe(false);
  });

  test('two separate peers in one from list: either may match (OR)', () => {
    // NP docs: the two-element from array "allows connections from Pods in the local Namespace with the label ..., or
    // from any Pod in any namespace with the label ...".
    const r = ingressFrom({ namespaceSelector: { matchLabels: { team: 'blue' } } }, { podSelector: app('web') });
    expect(can(r, 'b/db', 'a/server', 80)).toBe(true);
    expect(can(r, 'a/web', 'a/server', 80)).toBe(true);
    expect(can(r, 'c/web', 'a/server', 80)).toBe(false);
  });

  test('a namespace is selected by the automatic kubernetes.io/metadata.name label, even when absent from the manifests', () => {
    // NP docs, "Targeting a Namespace by its name": "The Kubernetes control plane sets an immutable label
    // kubernetes.io/metadata.name on all namespaces". Namespace "d" has no Namespace object here.
    const r = reach([...base, deploy('d', 'job'),
      netpol('a', 'in', { podSelector: app('server'), ingress: [{ from: [{ namespaceSelector: nsName('d') }, { namespaceSelector: nsName('b') }] }] })]);
    expect(can(r, 'd/job', 'a/server', 80)).toBe(true);
    expect(can(r, 'b/db', 'a/server', 80)).toBe(true);
    expect(can(r, 'c/web', 'a/server', 80)).toBe(false);
  });

  test('a namespace absent from the manifests carries no label other than its name', () => {
    // Documented assumption (docs/reachability.md): a referenced namespace without a Namespace object has only kubernetes.io/metadata.name.
    const r = reach([deploy('a', 'server'), deploy('d', 'job'),
      netpol('a', 'in', { podSelector: app('server'), ingress: [{ from: [{ namespaceSelector: { matchExpressions: [{ key: 'team', operator: 'Exists' }] } }] }] })]);
    expect(can(r, 'd/job', 'a/server', 80)).toBe(false);
  });

  test('an empty namespaceSelector selects all namespaces; an empty podSelector all pods of the policy namespace', () => {
    // API ref, NetworkPolicyPeer: an empty selector "selects all" (namespaces / pods).
    const all = ingressFrom({ namespaceSelector: {} });
    expect(['a/web', 'b/db', 'c/web'].every(s => can(all, s, 'a/server', 80))).toBe(true);
    const local = ingressFrom({ podSelector: {} });
    expect(can(local, 'a/web', 'a/server', 80)).toBe(true);
    expect(can(local, 'b/web', 'a/server', 80)).toBe(false);
  });

  test('matchExpressions In, NotIn, Exists and DoesNotExist on pod labels, ANDed with matchLabels', () => {
    // https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#resources-that-support-set-based-requirements
    // NotIn also matches objects without the key; all requirements are ANDed.
    const pods = [deploy('a', 'server'), deploy('a', 'p1', { app: 'p', tier: 'fe' }), deploy('a', 'p2', { app: 'p', tier: 'be' }),
      deploy('a', 'p3', { app: 'p' }), deploy('a', 'q', { app: 'q', canary: 'yes' })];
    const selFrom = (podSelector: any) => reach([...pods, netpol('a', 'in', { podSelector: app('server'), ingress: [{ from: [{ podSelector }] }] })]);
    const admitted = (r: Reachability) => ['a/p1', 'a/p2', 'a/p3', 'a/q'].filter(s => can(r, s, 'a/server', 80));
    expect(admitted(selFrom({ matchExpressions: [{ key: 'tier', operator: 'In', values: ['fe', 'x'] }] }))).toEqual(['a/p1']);
    expect(admitted(selFrom({ matchLabels: { app: 'p' }, matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['fe'] }] }))).toEqual(['a/p2', 'a/p3']);
    expect(admitted(selFrom({ matchExpressions: [{ key: 'canary', operator: 'Exists' }] }))).toEqual(['a/q']);
    expect(admitted(selFrom({ matchExpressions: [{ key: 'tier', operator: 'DoesNotExist' }, { key: 'app', operator: 'In', values: ['p', 'q'] }] }))).toEqual(['a/p3', 'a/q']);
  });

  test('policy podSelector with matchExpressions chooses which pods are isolated', () => {
    // API ref, NetworkPolicySpec.podSelector is a LabelSelector: set-based requirements apply to the selected pods too.
    const r = reach([deploy('a', 'db'), deploy('a', 'cache'), deploy('a', 'web'),
      netpol('a', 'backends', { podSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['db', 'cache'] }] }, ingress: [] })]);
    expect(can(r, 'a/web', 'a/db', 5432)).toBe(false);
    expect(can(r, 'a/web', 'a/cache', 6379)).toBe(false);
    expect(can(r, 'a/db', 'a/web', 80)).toBe(true);
  });
});

describe('object identity: the later of two objects with the same group, kind, namespace and name is the one applied', () => {
  test('a later NetworkPolicy of the same name replaces the earlier one', () => {
    const allow = netpol('a', 'web-in', { podSelector: app('web'), ingress: [{ from: [{ podSelector: app('client') }] }] });
    const deny = netpol('a', 'web-in', { podSelector: app('web'), ingress: [] });
    const pods = [deploy('a', 'web'), deploy('a', 'client')];
    expect(can(reach([...pods, deny, allow]), 'a/client', 'a/web', 80)).toBe(true);
    expect(can(reach([...pods, allow, deny]), 'a/client', 'a/web', 80)).toBe(false);
  });

  test('a later Deployment of the same name replaces the earlier one (its labels count), even across apiVersions of one group', () => {
    const policy = netpol('a', 'iso', { podSelector: app('locked'), ingress: [] });
    const earlier = { ...deploy('a', 'web', { app: 'locked' }), apiVersion: 'apps/v1beta2' };
    const later = deploy('a', 'web', { app: 'open' });
    const r = reach([earlier, later, deploy('a', 'client'), policy]);
    expect(can(r, 'a/client', 'a/web', 80)).toBe(true);
    expect(r.flowLines().some(l => l.includes('a/web'))).toBe(true);
  });

  test('a later Namespace of the same name replaces the earlier one (its labels count)', () => {
    const r = reach([{ ...ns('b'), metadata: { name: 'b', labels: { team: 'x' } } }, ns('b', { team: 'y' }), deploy('b', 'far'), deploy('a', 'web'),
      netpol('a', 'in', { podSelector: app('web'), ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: 'x' } } }] }] })]);
    expect(can(r, 'b/far', 'a/web', 80)).toBe(false);
  });
});

describe('custom resources that run pods', () => {
  const rollout = (namespace: string, name: string, labels: Record<string, string>) => ({
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Rollout',
    metadata: { name, namespace },
    spec: { selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: 'main', image: 'x' }] } } },
  });

  test('an Argo Rollout\'s pods are endpoints with the template\'s labels, selected and isolated like any pods', () => {
    const r = reach([rollout('a', 'web', { app: 'web' }), deploy('a', 'client'), deploy('a', 'other'),
      netpol('a', 'web-in', { podSelector: app('web'), ingress: [{ from: [{ podSelector: app('client') }] }] })]);
    expect(can(r, 'a/client', 'a/web', 80)).toBe(true);
    expect(can(r, 'a/other', 'a/web', 80)).toBe(false);
  });

  test('Argo Workflows and Tekton runs are listed as not drawn (their pods are labelled at run time); templates and Rollouts are not', () => {
    const workflow = {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Workflow',
      metadata: { name: 'build', namespace: 'ci' },
      spec: { entrypoint: 'main', templates: [{ name: 'main', container: { image: 'alpine:3.19' } }] },
    };
    const template = { ...workflow, kind: 'WorkflowTemplate', metadata: { name: 'build-template', namespace: 'ci' } };
    const taskRun = {
      apiVersion: 'tekton.dev/v1',
      kind: 'TaskRun',
      metadata: { name: 'test-run', namespace: 'ci' },
      spec: { taskSpec: { steps: [{ name: 'test', image: 'golang:1.22' }] } },
    };
    const task = { apiVersion: 'tekton.dev/v1', kind: 'Task', metadata: { name: 'test', namespace: 'ci' }, spec: { steps: [{ name: 'test', image: 'golang:1.22' }] } };
    const r = reach([taskRun, workflow, template, task, rollout('a', 'web', { app: 'web' }), deploy('ci', 'runner')]);
    expect(r.notModelled).toEqual(['ci/TaskRun:test-run', 'ci/Workflow:build']);
    expect(r.workloads).toEqual(['a/web', 'ci/runner']);
    expect(r.toTable()).toContain('Not drawn: their controller creates and labels their pods at run time, so which NetworkPolicies select '
      + 'those pods cannot be read from the manifests: ci/TaskRun:test-run, ci/Workflow:build.\n');
    expect(r.toMermaid()).toContain('  %% Not drawn: ');
    expect(r.toJson().notModelled).toEqual(['ci/TaskRun:test-run', 'ci/Workflow:build']);
    const scoped = Reachability.fromObjects([taskRun, deploy('a', 'web')], { namespaces: ['a'] });
    expect(scoped.notModelled).toEqual([]);
    expect(scoped.toTable()).not.toContain('Not drawn');
  });

  test('a same-named kind of another group (a Volcano Job) is not read as a batch Job, and does not fail the analysis', () => {
    const volcano = { apiVersion: 'batch.volcano.sh/v1alpha1', kind: 'Job', metadata: { name: 'train', namespace: 'a' }, spec: { tasks: [{ replicas: 1, template: { spec: { containers: [] } } }] } };
    expect(() => reach([volcano, deploy('a', 'web')])).not.toThrow();
  });
});

describe('label keys that are also Object.prototype names are ordinary keys', () => {
  // Labels are a map[string]string: `constructor`, `toString` and `__proto__` are keys like any other, absent unless set.
  test('Exists on "constructor" selects no pod that lacks the label, so nothing is isolated', () => {
    const r = reach([deploy('a', 'db'), deploy('a', 'web'),
      netpol('a', 'iso', { podSelector: { matchExpressions: [{ key: 'constructor', operator: 'Exists' }] }, ingress: [] })]);
    expect(can(r, 'a/web', 'a/db', 5432)).toBe(true);
    expect(r.explain({ from: 'a/web', to: 'a/db', port: 5432 }).ingress.isolated).toBe(false);
  });

  test('DoesNotExist and NotIn on "toString" / "hasOwnProperty" admit pods without the label', () => {
    const pods = [deploy('a', 'server'), deploy('a', 'client')];
    const from = (podSelector: any) => reach([...pods, netpol('a', 'in', { podSelector: app('server'), ingress: [{ from: [{ podSelector }] }] })]);
    expect(can(from({ matchExpressions: [{ key: 'toString', operator: 'DoesNotExist' }] }), 'a/client', 'a/server', 80)).toBe(true);
    expect(can(from({ matchExpressions: [{ key: 'hasOwnProperty', operator: 'NotIn', values: ['x'] }] }), 'a/client', 'a/server', 80)).toBe(true);
    expect(can(from({ matchExpressions: [{ key: 'valueOf', operator: 'In', values: ['x'] }] }), 'a/client', 'a/server', 80)).toBe(false);
  });

  test('a "__proto__" label is kept and matched like any other label (pods and namespaces)', () => {
    // JSON.parse (as the manifest loader does) makes "__proto__" an own key.
    const labelled = JSON.parse('{"app": "client", "__proto__": "x"}');
    const sel = JSON.parse('{"matchLabels": {"__proto__": "x"}}');
    const nsSel = JSON.parse('{"matchLabels": {"__proto__": "team"}}');
    const r = reach([deploy('a', 'server'), deploy('a', 'client', labelled), deploy('a', 'other'), deploy('b', 'far'),
      { ...ns('b'), metadata: { name: 'b', labels: JSON.parse('{"__proto__": "team"}') } },
      netpol('a', 'in', { podSelector: app('server'), ingress: [{ from: [{ podSelector: sel }, { namespaceSelector: nsSel }] }] })]);
    expect(can(r, 'a/client', 'a/server', 80)).toBe(true);
    expect(can(r, 'a/other', 'a/server', 80)).toBe(false);
    expect(can(r, 'b/far', 'a/server', 80)).toBe(true);
  });
});

describe('empty versus missing', () => {
  const with_ = (rule: any) => reach([deploy('a', 'server'), deploy('b', 'client'),
    netpol('a', 'p', { podSelector: app('server'), policyTypes: ['Ingress'], ...rule })], { externals: [{ name: 'office', cidr: '198.51.100.0/24' }] });

  test('missing from: the rule matches all sources, pods of every namespace and external addresses', () => {
    // API ref, NetworkPolicyIngressRule.from: "If this field is empty or missing, this rule matches all sources".
    const r = with_({ ingress: [{ ports: [{ port: 443 }] }] });
    expect(can(r, 'b/client', 'a/server', 443)).toBe(true);
    expect(can(r, 'office', 'a/server', 443)).toBe(true);
    expect(can(r, 'b/client', 'a/server', 80)).toBe(false);
    r.assertFlowLines(['* -> a/server TCP/443', '* -> b/client any', 'a/server -> * any', 'b/client -> * any']);
  });

  test('empty from: [] matches all sources exactly like a missing from', () => {
    // Same API ref sentence: "empty or missing".
    const missing = with_({ ingress: [{ ports: [{ port: 443 }] }] });
    const empty = with_({ ingress: [{ from: [], ports: [{ port: 443 }] }] });
    expect(empty.flowLines()).toEqual(missing.flowLines());
    expect(can(empty, 'office', 'a/server', 443)).toBe(true);
  });

  test('empty ingress list denies all ingress; a list with one empty rule allows all', () => {
    // NP docs, "Default deny all ingress traffic" (no rules) versus "Allow all ingress traffic" (`ingress: [{}]`).
    expect(can(with_({ ingress: [] }), 'b/client', 'a/server', 80)).toBe(false);
    expect(can(with_({}), 'b/client', 'a/server', 80)).toBe(false);
    const open = with_({ ingress: [{}] });
    expect(can(open, 'b/client', 'a/server', 80)).toBe(true);
    expect(can(open, 'office', 'a/server', 9, FlowProtocol.UDP)).toBe(true);
  });

  test('missing or empty ports: every port of every protocol', () => {
    // API ref, NetworkPolicyIngressRule.ports: "If this field is empty or missing, this rule matches all ports".
    for (const rule of [{ from: [{ namespaceSelector: {} }] }, { from: [{ namespaceSelector: {} }], ports: [] }]) {
      const r = with_({ ingress: [rule] });
      expect(can(r, 'b/client', 'a/server', 1, FlowProtocol.SCTP)).toBe(true);
      expect(can(r, 'b/client', 'a/server', 65535, FlowProtocol.UDP)).toBe(true);
    }
  });

  test('a port entry with a protocol but no port matches every port of that protocol', () => {
    // API ref, NetworkPolicyPort.port: "If this field is not provided, this matches all port names and numbers".
    const r = with_({ ingress: [{ ports: [{ protocol: 'UDP' }] }] });
    expect(can(r, 'b/client', 'a/server', 5353, FlowProtocol.UDP)).toBe(true);
    expect(can(r, 'b/client', 'a/server', 5353, FlowProtocol.TCP)).toBe(false);
  });
});

describe('ports and protocols', () => {
  test('named ports are resolved on each destination pod', () => {
    // API ref, NetworkPolicyPort.port: "the port on the given protocol. This can either be a numerical or named port on a pod".
    const r = reach([deploy('a', 'one', { role: 'svc', app: 'one' }, [['http', 8080]]), deploy('a', 'two', { role: 'svc', app: 'two' }, [['http', 9000]]),
      deploy('a', 'client'),
      netpol('a', 'svc-in', { podSelector: { matchLabels: { role: 'svc' } }, ingress: [{ from: [{ podSelector: app('client') }], ports: [{ port: 'http' }] }] })]);
    expect(can(r, 'a/client', 'a/one', 8080)).toBe(true);
    expect(can(r, 'a/client', 'a/one', 9000)).toBe(false);
    expect(can(r, 'a/client', 'a/two', 9000)).toBe(true);
    expect(r.explain({ from: 'a/client', to: 'a/two', portName: 'http' }).port).toBe(9000);
  });

  test('a named port the destination does not have matches nothing, and its protocol must match too', () => {
    // API ref, NetworkPolicyPort: a named port refers to a container port of that name on the pod (with the given protocol).
    const r = reach([deploy('a', 'dns', undefined, [['dns', 53, 'UDP']]), deploy('a', 'client'),
      netpol('a', 'in', { podSelector: app('dns'), ingress: [{ ports: [{ port: 'dns' }, { port: 'metrics' }] }] })]);
    expect(can(r, 'a/client', 'a/dns', 53, FlowProtocol.UDP)).toBe(false); // rule says TCP (default), port is UDP
    expect(can(r, 'a/client', 'a/dns', 53, FlowProtocol.TCP)).toBe(false); // no TCP port named dns
    expect(r.flowLines().filter(l => l.includes('-> a/dns'))).toEqual([]);
  });

  test('egress named ports are resolved on the destination pod, not on the source', () => {
    // API ref: named ports name ports "on a pod" receiving the traffic; for egress that is the destination.
    const r = reach([deploy('a', 'client', undefined, [['http', 1111]]), deploy('a', 'server', undefined, [['http', 8080]]),
      netpol('a', 'out', { podSelector: app('client'), policyTypes: ['Egress'], egress: [{ ports: [{ port: 'http' }] }] })],
    { externals: [{ name: 'internet', cidr: '0.0.0.0/0' }] });
    expect(can(r, 'a/client', 'a/server', 8080)).toBe(true);
    expect(can(r, 'a/client', 'a/server', 1111)).toBe(false);
    expect(can(r, 'a/client', 'internet', 8080)).toBe(false); // an address has no named ports
    expect(r.flowLines()).toContain('a/client -> * TCP/http');
  });

  test('endPort makes an inclusive range', () => {
    // NP docs, "Targeting a range of ports": "port: 32000, endPort: 32768" allows ports between 32000 and 32768.
    const r = reach([deploy('a', 'x'), deploy('a', 'y'),
      netpol('a', 'in', { podSelector: app('y'), ingress: [{ ports: [{ protocol: 'TCP', port: 32000, endPort: 32768 }] }] })]);
    expect([31999, 32000, 32500, 32768, 32769].map(p => can(r, 'a/x', 'a/y', p))).toEqual([false, true, true, true, false]);
    r.assertFlows([
      { from: '*', to: 'a/y', protocol: FlowProtocol.TCP, port: 32000, endPort: 32768 },
      { from: 'a/x', to: '*' }, { from: 'a/y', to: '*' }, { from: '*', to: 'a/x' },
    ]);
  });

  test('the protocol defaults to TCP', () => {
    // API ref, NetworkPolicyPort.protocol: "If not specified, this field defaults to TCP".
    const r = reach([deploy('a', 'x'), deploy('a', 'y'), netpol('a', 'in', { podSelector: app('y'), ingress: [{ ports: [{ port: 53 }] }] })]);
    expect(can(r, 'a/x', 'a/y', 53, FlowProtocol.TCP)).toBe(true);
    expect(can(r, 'a/x', 'a/y', 53, FlowProtocol.UDP)).toBe(false);
  });

  test('UDP and SCTP are matched per protocol', () => {
    // API ref, NetworkPolicyPort.protocol: "TCP, UDP, or SCTP"; NP docs, "SCTP support" (stable since 1.20).
    const r = reach([deploy('a', 'x'), deploy('a', 'y'),
      netpol('a', 'in', { podSelector: app('y'), ingress: [{ ports: [{ protocol: 'UDP', port: 53 }, { protocol: 'SCTP', port: 3868 }] }] })]);
    expect(can(r, 'a/x', 'a/y', 53, FlowProtocol.UDP)).toBe(true);
    expect(can(r, 'a/x', 'a/y', 3868, FlowProtocol.SCTP)).toBe(true);
    expect(can(r, 'a/x', 'a/y', 3868, FlowProtocol.TCP)).toBe(false);
    expect(r.flowLines()).toContain('* -> a/y UDP/53, SCTP/3868');
  });

  test('port lists of one rule and of several rules are unions', () => {
    // API ref, NetworkPolicyIngressRule: "traffic is allowed if ... matches at least one port in the list"; rules are ORed.
    const r = reach([deploy('a', 'x'), deploy('a', 'y'),
      netpol('a', 'in', { podSelector: app('y'), ingress: [{ ports: [{ port: 80 }, { port: 81 }] }, { ports: [{ port: 443 }] }] })]);
    expect([80, 81, 82, 443].map(p => can(r, 'a/x', 'a/y', p))).toEqual([true, true, false, true]);
    expect(r.flowLines()).toContain('* -> a/y TCP/80-81, TCP/443');
  });
});

describe('ipBlock and external endpoints', () => {
  const externals = [
    { name: 'partner', cidr: '203.0.113.10' },
    { name: 'partner-blocked', cidr: '203.0.113.200' },
    { name: 'elsewhere', cidr: '192.0.2.1' },
    { name: 'v6-host', cidr: '2001:db8::5' },
  ];

  test('egress ipBlock with except admits addresses inside cidr and outside except', () => {
    // NP docs, ipBlock: "selects particular IP CIDR ranges ... These should be cluster-external IPs"; except excludes ranges.
    const r = reach([deploy('a', 'x'), netpol('a', 'out', {
      podSelector: {},
      policyTypes: ['Egress'],
      egress: [{ to: [{ ipBlock: { cidr: '203.0.113.0/24', except: ['203.0.113.128/25'] } }], ports: [{ port: 443 }] }],
    })], { externals });
    expect(can(r, 'a/x', 'partner', 443)).toBe(true);
    expect(can(r, 'a/x', 'partner-blocked', 443)).toBe(false);
    expect(can(r, 'a/x', 'elsewhere', 443)).toBe(false);
    expect(can(r, 'a/x', '203.0.113.50', 443)).toBe(true); // an undeclared address can be queried too
    expect(r.flowLines()).toEqual(['* -> a/x any', 'a/x -> partner TCP/443']);
  });

  test('ingress ipBlock admits declared external sources', () => {
    // NP docs, ipBlock in `from`.
    const r = reach([deploy('a', 'x'), netpol('a', 'in', {
      podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: '203.0.113.0/24', except: ['203.0.113.128/25'] } }] }],
    })], { externals });
    expect(can(r, 'partner', 'a/x', 8443)).toBe(true);
    expect(can(r, 'partner-blocked', 'a/x', 8443)).toBe(false);
    expect(r.explain({ from: 'partner', to: 'a/x', port: 1 }).egress.reason).toMatch(/external endpoint/);
  });

  test('ipBlock never matches pods (pod IPs are treated as implementation-defined and not matched)', () => {
    // NP docs, ipBlock: cluster-internal traffic to/from pod IPs matched by ipBlock is implementation-defined
    // ("Cluster ingress and egress mechanisms often require rewriting the source or destination IP"). This analysis decides:
    // ipBlock matches only external endpoints.
    const r = reach([deploy('a', 'x'), deploy('b', 'y'),
      netpol('a', 'out', { podSelector: {}, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0' } }] }] })], { externals });
    expect(can(r, 'a/x', 'b/y', 80)).toBe(false);
    expect(can(r, 'a/x', 'elsewhere', 80)).toBe(true);
  });

  test('an external range partly inside the except list is still admitted (the analysis over-reports)', () => {
    // Documented decision: an ipBlock admits an endpoint when it admits at least one of its addresses.
    const r = reach([deploy('a', 'x'), netpol('a', 'out', {
      podSelector: {},
      policyTypes: ['Egress'],
      egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16', '10.2.0.0/16'] } }] }],
    })], { externals: [{ name: 'half', cidr: '10.0.0.0/15' }, { name: 'covered', cidr: '10.1.0.0/24' }, { name: 'pair', cidr: '10.2.0.0/15' }] });
    expect(can(r, 'a/x', 'half', 80)).toBe(true);
    expect(can(r, 'a/x', 'covered', 80)).toBe(false);
    expect(can(r, 'a/x', 'pair', 80)).toBe(true); // 10.3.0.0/16 is not excepted
  });

  test('IPv6 ipBlocks match only IPv6 endpoints', () => {
    // API ref, IPBlock.cidr: "a string representing the IPBlock Valid examples are "192.168.1.0/24" or "2001:db8::/64"".
    const r = reach([deploy('a', 'x'), netpol('a', 'out', {
      podSelector: {}, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: '2001:db8::/64' } }] }],
    })], { externals });
    expect(can(r, 'a/x', 'v6-host', 80)).toBe(true);
    expect(can(r, 'a/x', 'elsewhere', 80)).toBe(false);
  });
});

describe('workloads', () => {
  test('every pod-bearing kind contributes its pod template labels', () => {
    // https://kubernetes.io/docs/concepts/workloads/ : controllers create pods from spec.template (CronJob: spec.jobTemplate.spec.template).
    const podSpec = { containers: [{ name: 'c', image: 'i' }] };
    const tpl = (name: string) => ({ metadata: { labels: { app: name } }, spec: podSpec });
    const objects = [
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'pod', namespace: 'a', labels: { app: 'pod' } }, spec: podSpec },
      ...['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job'].map(kind => ({
        apiVersion: 'apps/v1', kind, metadata: { name: kind.toLowerCase(), namespace: 'a' }, spec: { template: tpl(kind.toLowerCase()) },
      })),
      { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'cron', namespace: 'a' }, spec: { schedule: '* * * * *', jobTemplate: { spec: { template: tpl('cron') } } } },
      { apiVersion: 'v1', kind: 'PodTemplate', metadata: { name: 'template', namespace: 'a' }, template: tpl('template') },
      { apiVersion: 'v1', kind: 'Service', metadata: { name: 'svc', namespace: 'a' }, spec: { selector: { app: 'pod' } } },
      netpol('a', 'only-cron', { podSelector: { matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['cron'] }] }, ingress: [{ from: [{ podSelector: app('cron') }] }] }),
    ];
    const r = reach(objects);
    expect(r.workloads).toEqual(['a/cron', 'a/daemonset', 'a/deployment', 'a/job', 'a/pod', 'a/replicaset', 'a/replicationcontroller', 'a/statefulset']);
    for (const w of r.workloads.filter(x => x !== 'a/cron')) {
      expect(can(r, 'a/cron', w, 80)).toBe(true);
      expect(can(r, 'a/job', w, 80)).toBe(false);
    }
  });

  test('objects without a namespace land in defaultNamespace', () => {
    // kubectl places namespaced objects without metadata.namespace in the current namespace ("default").
    const d = deploy('a', 'x');
    delete d.metadata.namespace;
    expect(reach([d]).workloads).toEqual(['default/x']);
    expect(reach([d], { defaultNamespace: 'apps' }).workloads).toEqual(['apps/x']);
  });

  test('workloads of different kinds sharing a name get kind-qualified ids', () => {
    const job = { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'x', namespace: 'a' }, spec: { template: { metadata: { labels: { app: 'x' } }, spec: { containers: [] } } } };
    expect(reach([deploy('a', 'x'), job]).workloads).toEqual(['a/Deployment:x', 'a/Job:x']);
  });

  test('replicas of one workload talk to each other only when a policy admits it', () => {
    // NP docs: policies apply to pod-to-pod traffic, including between pods of one workload (only traffic of a pod to itself is always allowed).
    const r = reach([deploy('a', 'x'), denyAll('a'),
      netpol('a', 'peers', { podSelector: app('x'), policyTypes: ['Ingress', 'Egress'], ingress: [{ from: [{ podSelector: app('x') }], ports: [{ port: 7000 }] }], egress: [{ to: [{ podSelector: app('x') }] }] })]);
    expect(can(r, 'a/x', 'a/x', 7000)).toBe(true);
    expect(can(r, 'a/x', 'a/x', 7001)).toBe(false);
    r.assertFlowLines(['a/x -> a/x TCP/7000']);
  });
});
