// SPDX-License-Identifier: Apache-2.0
import { ApiObject, Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { HardenedNamespace, PodSecurityLevel, QuotaPreset } from '../../src';
import { findAll, findOne, synthValid, testChart } from '../util';

function teamA(props: any = {}) {
  const chart = testChart();
  const ns = new HardenedNamespace(chart, 'TeamA', { name: 'team-a', ...props });
  return { chart, ns };
}

describe('HardenedNamespace', () => {
  test('minimal definition', () => {
    const chart = testChart();
    new HardenedNamespace(chart, 'TeamA', { name: 'team-a' });
    expect(synthValid(chart)).toMatchSnapshot();
  });

  test('defaultChild is the Namespace', () => {
    const { ns } = teamA();
    expect(ApiObject.of(ns).kind).toBe('Namespace');
    expect(ApiObject.of(ns).name).toBe('team-a');
  });

  test('emits Namespace, deny-all, DNS policy, ResourceQuota and LimitRange, all in the namespace', () => {
    const { chart } = teamA();
    const objects = synthValid(chart);
    expect(objects.map(o => `${o.kind}/${o.metadata.name}`)).toEqual([
      'Namespace/team-a',
      'NetworkPolicy/default-deny-all',
      'NetworkPolicy/default-deny-all-allow-dns',
      'ResourceQuota/hardened-quota',
      'LimitRange/hardened-limits',
    ]);
    expect(objects.filter(o => o.kind !== 'Namespace').every(o => o.metadata.namespace === 'team-a')).toBe(true);
  });

  describe('Pod Security Admission labels', () => {
    const labels = () => findOne(synthValid(teamA().chart), 'Namespace').metadata.labels;
    test('enforce is restricted', () => expect(labels()['pod-security.kubernetes.io/enforce']).toBe('restricted'));
    test('enforce-version is pinned to v1.28', () => expect(labels()['pod-security.kubernetes.io/enforce-version']).toBe('v1.28'));
    test('audit is restricted', () => expect(labels()['pod-security.kubernetes.io/audit']).toBe('restricted'));
    test('audit-version is pinned to v1.28', () => expect(labels()['pod-security.kubernetes.io/audit-version']).toBe('v1.28'));
    test('warn is restricted', () => expect(labels()['pod-security.kubernetes.io/warn']).toBe('restricted'));
    test('warn-version is pinned to v1.28', () => expect(labels()['pod-security.kubernetes.io/warn-version']).toBe('v1.28'));
  });

  test('a lower enforce level is explicit and keeps audit/warn at restricted', () => {
    const { chart, ns } = teamA({ podSecurityLevel: PodSecurityLevel.BASELINE, podSecurityVersion: 'latest' });
    const labels = findOne(synthValid(chart), 'Namespace').metadata.labels;
    expect(ns.podSecurityLevel).toBe(PodSecurityLevel.BASELINE);
    expect(labels['pod-security.kubernetes.io/enforce']).toBe('baseline');
    expect(labels['pod-security.kubernetes.io/audit']).toBe('restricted');
    expect(labels['pod-security.kubernetes.io/warn']).toBe('restricted');
    expect(labels['pod-security.kubernetes.io/enforce-version']).toBe('latest');
  });

  test('extra labels and annotations are added next to the PSA labels', () => {
    const { chart } = teamA({ labels: { team: 'a' }, annotations: { owner: 'team-a@example.com' } });
    const meta = findOne(synthValid(chart), 'Namespace').metadata;
    expect(meta.labels.team).toBe('a');
    expect(meta.labels['pod-security.kubernetes.io/enforce']).toBe('restricted');
    expect(meta.annotations).toEqual({ owner: 'team-a@example.com' });
  });

  test('denies ingress and egress of every pod', () => {
    const deny = findOne(synthValid(teamA().chart), 'NetworkPolicy', 'default-deny-all');
    expect(deny.spec.podSelector).toEqual({});
    expect(deny.spec.policyTypes).toEqual(['Ingress', 'Egress']);
    expect(deny.spec.ingress).toBeUndefined();
    expect(deny.spec.egress).toBeUndefined();
  });

  test('allows DNS egress on UDP and TCP 53 to kube-dns in kube-system by metadata.name label', () => {
    const dns = findOne(synthValid(teamA().chart), 'NetworkPolicy', 'default-deny-all-allow-dns');
    expect(dns.spec.egress).toEqual([{
      ports: [{ port: 53, protocol: 'UDP' }, { port: 53, protocol: 'TCP' }],
      to: [{
        namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } },
        podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
      }],
    }]);
  });

  test('DNS egress options pass through (NodeLocal DNSCache, off)', () => {
    const withCache = findOne(synthValid(teamA({ dnsEgress: { nodeLocalDnsIp: '169.254.20.10' } }).chart), 'NetworkPolicy', 'default-deny-all-allow-dns');
    expect(withCache.spec.egress[1].to).toEqual([{ ipBlock: { cidr: '169.254.20.10/32' } }]);
    const off = findAll(synthValid(teamA({ dnsEgress: { allowDnsEgress: false } }).chart), 'NetworkPolicy');
    expect(off.map(p => p.metadata.name)).toEqual(['default-deny-all']);
  });

  test('quota allows no LoadBalancer and no NodePort services', () => {
    const hard = findOne(synthValid(teamA().chart), 'ResourceQuota').spec.hard;
    expect(hard['services.loadbalancers']).toBe('0');
    expect(hard['services.nodeports']).toBe('0');
  });

  test('quota preset and overrides pass through', () => {
    const hard = findOne(synthValid(teamA({ resourceQuota: { preset: QuotaPreset.MEDIUM, pods: 10 } }).chart), 'ResourceQuota').spec.hard;
    expect(hard['requests.cpu']).toBe('8');
    expect(hard.pods).toBe('10');
  });

  test('LimitRange gives every container default requests, default limits and a max', () => {
    const limits = findOne(synthValid(teamA().chart), 'LimitRange').spec.limits;
    expect(limits).toEqual([{
      type: 'Container',
      defaultRequest: { cpu: '100m', memory: '128Mi' },
      default: { cpu: '500m', memory: '512Mi' },
      max: { cpu: '2', memory: '2Gi' },
    }]);
  });

  test('is a namespace selector and a network policy peer selecting all its pods by metadata.name', () => {
    const chart = testChart();
    const a = new HardenedNamespace(chart, 'A', { name: 'team-a' });
    const b = new HardenedNamespace(chart, 'B', { name: 'team-b' });
    expect(a.toNamespaceSelectorConfig()).toEqual({ names: ['team-a'] });
    const policy = new kplus.NetworkPolicy(chart, 'Custom', { metadata: { namespace: 'team-b', name: 'custom' } });
    policy.addIngressRule(a, [kplus.NetworkPolicyPort.tcp(80)]);
    void b;
    const custom = findOne(synthValid(chart), 'NetworkPolicy', 'custom');
    expect(custom.spec.ingress[0].from).toEqual([{
      namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'team-a' } },
      podSelector: {},
    }]);
  });

  test('generates a DNS-1123 name when none is given', () => {
    const chart = testChart();
    const ns = new HardenedNamespace(chart, 'Team');
    expect(ns.name).toMatch(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
    expect(findOne(synthValid(chart), 'Namespace').metadata.name).toBe(ns.name);
  });

  describe('fromExistingNamespace', () => {
    test('emits policies, quota and limits into the namespace but no Namespace object', () => {
      const chart = testChart();
      const ns = HardenedNamespace.fromExistingNamespace(chart, 'Legacy', 'legacy-apps');
      const objects = synthValid(chart);
      expect(findAll(objects, 'Namespace')).toHaveLength(0);
      expect(objects.map(o => `${o.kind}/${o.metadata.namespace}/${o.metadata.name}`)).toEqual([
        'NetworkPolicy/legacy-apps/default-deny-all',
        'NetworkPolicy/legacy-apps/default-deny-all-allow-dns',
        'ResourceQuota/legacy-apps/hardened-quota',
        'LimitRange/legacy-apps/hardened-limits',
      ]);
      expect(ns.managesNamespace).toBe(false);
      expect(ns.podSecurityLabels['pod-security.kubernetes.io/enforce']).toBe('restricted');
      expect(Object.keys(ns.podSecurityLabels)).toHaveLength(6);
    });

    test('intent methods work on it', () => {
      const chart = testChart();
      const ns = HardenedNamespace.fromExistingNamespace(chart, 'Legacy', 'legacy-apps');
      ns.allowIngressFromIngressController({ ports: [{ port: 8080 }] });
      expect(findOne(synthValid(chart), 'NetworkPolicy', 'allow-ingress-from-ingress-controller-tcp-8080').metadata.namespace).toBe('legacy-apps');
    });

    test('throws on labels it cannot apply', () => {
      expect(() => HardenedNamespace.fromExistingNamespace(testChart(), 'Legacy', 'legacy-apps', { labels: { a: 'b' } }))
        .toThrow(/labels and annotations cannot be set on a namespace this app does not own/);
    });

    test('throws on a reserved namespace', () => {
      expect(() => HardenedNamespace.fromExistingNamespace(testChart(), 'Sys', 'kube-system')).toThrow(/"kube-system" is reserved/);
    });
  });

  describe('validation', () => {
    test('throws on a name that is not a DNS-1123 label', () => {
      expect(() => new HardenedNamespace(testChart(), 'Ns', { name: 'Team_A' })).toThrow(/Invalid namespace name "Team_A".*Did you mean "team-a"/);
    });

    test('throws on a reserved namespace', () => {
      expect(() => new HardenedNamespace(testChart(), 'Ns', { name: 'default' })).toThrow(/Namespace "default" is reserved/);
    });

    test('throws on invalid label keys or values and annotation keys, naming the construct path', () => {
      expect(() => new HardenedNamespace(testChart(), 'Ns', { name: 'team-a', labels: { team: 'a'.repeat(64) } }))
        .toThrow(/Invalid value "a{64}" of label "team" in labels of HardenedNamespace at test\/Ns: a label value has at most 63 characters/);
      expect(() => new HardenedNamespace(testChart(), 'Ns', { name: 'team-a', labels: { 'team name': 'a' } })).toThrow(/Invalid label key "team name"/);
      expect(() => new HardenedNamespace(testChart(), 'Ns', { name: 'team-a', annotations: { 'Owner/Team': 'x' } }))
        .toThrow(/Invalid annotation key "Owner\/Team" in annotations of HardenedNamespace at test\/Ns: the prefix "Owner" must be a DNS-1123 subdomain/);
    });

    test('throws at synth on two HardenedNamespaces of one name in one app', () => {
      const app = Testing.app();
      new HardenedNamespace(new Chart(app, 'a'), 'Ns', { name: 'team-a' });
      new HardenedNamespace(new Chart(app, 'b'), 'Ns', { name: 'team-a' });
      expect(() => app.synth()).toThrow(/b\/Ns\/Resource and a\/Ns\/Resource are both core Namespace team-a: on apply the later would replace the earlier/);
    });

    test('throws on an invalid Pod Security version', () => {
      expect(() => new HardenedNamespace(testChart(), 'Ns', { name: 'a', podSecurityVersion: '1.28' })).toThrow(/Invalid podSecurityVersion "1.28".*"latest" or "v1.<minor>"/);
    });

    test('throws on an invalid Pod Security level', () => {
      expect(() => new HardenedNamespace(testChart(), 'Ns', { name: 'a', podSecurityLevel: 'strict' as any })).toThrow(/Invalid podSecurityLevel "strict"/);
    });

    test('throws on a PSA label given through labels', () => {
      expect(() => new HardenedNamespace(testChart(), 'Ns', { name: 'a', labels: { 'pod-security.kubernetes.io/enforce': 'privileged' } }))
        .toThrow(/Label "pod-security.kubernetes.io\/enforce".*set podSecurityLevel/);
    });

    test('throws on a bad quantity in the quota', () => {
      expect(() => new HardenedNamespace(testChart(), 'Ns', { name: 'a', resourceQuota: { limitsCpu: 'lots' } })).toThrow(/Invalid limitsCpu .* "lots": not a Kubernetes quantity/);
    });

    test('throws on a quota limit below its request', () => {
      expect(() => new HardenedNamespace(testChart(), 'Ns', { name: 'a', resourceQuota: { requestsMemory: '16Gi' } })).toThrow(/limitsMemory "8Gi" is below requestsMemory "16Gi"/);
    });

    test('throws on a LimitRange default limit below its default request', () => {
      expect(() => new HardenedNamespace(testChart(), 'Ns', { name: 'a', limitRange: { defaultRequestCpu: '1' } })).toThrow(/defaultLimitCpu "500m" is below defaultRequestCpu "1"/);
    });
  });
});

describe('HardenedNamespace intent-level traffic methods', () => {
  function setup() {
    const chart = testChart();
    const ns = new HardenedNamespace(chart, 'TeamA', { name: 'team-a' });
    const frontend = HardenedNamespace.fromNamespaceName(chart, 'Frontend', 'frontend');
    return { chart, ns, frontend };
  }

  test('allowIngressFromNamespace opens only the given ports from that namespace, ingress only', () => {
    const { chart, ns, frontend } = setup();
    const policy = ns.allowIngressFromNamespace(frontend, { ports: [{ port: 8080 }] });
    expect(ApiObject.of(policy).name).toBe('allow-ingress-from-ns-frontend-tcp-8080');
    const p = findOne(synthValid(chart), 'NetworkPolicy', 'allow-ingress-from-ns-frontend-tcp-8080');
    expect(p.metadata.namespace).toBe('team-a');
    expect(p.spec).toEqual({
      podSelector: {},
      policyTypes: ['Ingress'],
      ingress: [{
        from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'frontend' } }, podSelector: {} }],
        ports: [{ port: 8080, protocol: 'TCP' }],
      }],
    });
  });

  test('allowIngressFromNamespace narrows peers and targets when asked', () => {
    const { chart, ns, frontend } = setup();
    ns.allowIngressFromNamespace(frontend, {
      ports: [{ port: 8443 }, { port: 8080 }, { port: 8080 }],
      peerPodLabels: { app: 'web' },
      targetPodLabels: { app: 'api' },
    });
    const [p] = findAll(synthValid(chart), 'NetworkPolicy').filter(o => o.metadata.name.startsWith('allow-ingress-from-ns-frontend-pods-'));
    expect(p.metadata.name).toMatch(/^allow-ingress-from-ns-frontend-pods-[0-9a-f]{6}-tcp-8080-/);
    expect(p.metadata.name.length).toBeLessThanOrEqual(63);
    expect(p.spec.podSelector).toEqual({ matchLabels: { app: 'api' } });
    expect(p.spec.ingress[0].from[0].podSelector).toEqual({ matchLabels: { app: 'web' } });
    expect(p.spec.ingress[0].ports).toEqual([{ port: 8080, protocol: 'TCP' }, { port: 8443, protocol: 'TCP' }]);
  });

  test('allowIngressFromPods takes a workload as target and a pod selector as peer', () => {
    const { chart, ns } = setup();
    const api = new kplus.Deployment(chart, 'Api', { metadata: { namespace: 'team-a' }, containers: [{ image: 'example/api:1.0.0', portNumber: 8080 }] });
    const web = kplus.Pods.select(chart, 'Web', { labels: { app: 'web' } });
    const policy = ns.allowIngressFromPods(web, { ports: [{ port: 8080 }], targetPods: api });
    const p = findOne(synthValid(chart), 'NetworkPolicy', ApiObject.of(policy).name);
    expect(p.spec.podSelector).toEqual({ matchLabels: { 'cdk8s.io/metadata.addr': expect.any(String) } });
    expect(p.spec.ingress).toEqual([{ from: [{ podSelector: { matchLabels: { app: 'web' } } }], ports: [{ port: 8080, protocol: 'TCP' }] }]);
    expect(p.spec.policyTypes).toEqual(['Ingress']);
  });

  test('allowIngressFromIngressController defaults to the ingress-nginx controller pods', () => {
    const { chart, ns } = setup();
    ns.allowIngressFromIngressController({ ports: [{ port: 8080 }] });
    const p = findOne(synthValid(chart), 'NetworkPolicy', 'allow-ingress-from-ingress-controller-tcp-8080');
    expect(p.spec.ingress[0].from).toEqual([{
      namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } },
      podSelector: { matchLabels: { 'app.kubernetes.io/component': 'controller', 'app.kubernetes.io/name': 'ingress-nginx' } },
    }]);
  });

  test('allowIngressFromIngressController namespace and labels are configurable', () => {
    const { chart, ns } = setup();
    ns.allowIngressFromIngressController({ ports: [{ port: 80 }], controllerNamespace: 'traefik', controllerPodLabels: { 'app.kubernetes.io/name': 'traefik' } });
    const p = findOne(synthValid(chart), 'NetworkPolicy', 'allow-ingress-from-ingress-controller-tcp-80');
    expect(p.spec.ingress[0].from).toEqual([{
      namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'traefik' } },
      podSelector: { matchLabels: { 'app.kubernetes.io/name': 'traefik' } },
    }]);
  });

  test('allowEgressToNamespace opens egress only, on the given ports and protocols', () => {
    const { chart, ns } = setup();
    const db = HardenedNamespace.fromNamespaceName(chart, 'Db', 'databases');
    ns.allowEgressToNamespace(db, { ports: [{ port: 5432 }, { port: 5432, protocol: kplus.NetworkProtocol.UDP }] });
    const p = findOne(synthValid(chart), 'NetworkPolicy', 'allow-egress-to-ns-databases-tcp-5432-udp-5432');
    expect(p.spec.policyTypes).toEqual(['Egress']);
    expect(p.spec.ingress).toBeUndefined();
    expect(p.spec.egress).toEqual([{
      to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'databases' } }, podSelector: {} }],
      ports: [{ port: 5432, protocol: 'TCP' }, { port: 5432, protocol: 'UDP' }],
    }]);
  });

  test('allowEgressToPods with allowAllPorts is the only way to open every port', () => {
    const { chart, ns } = setup();
    ns.allowEgressToPods(kplus.Pods.select(chart, 'Cache', { labels: { app: 'cache' } }), { allowAllPorts: true });
    const [p] = findAll(synthValid(chart), 'NetworkPolicy').filter(o => o.metadata.name.startsWith('allow-egress-to-pods-'));
    expect(p.metadata.name).toMatch(/-all-ports$/);
    expect(p.spec.egress).toEqual([{ to: [{ podSelector: { matchLabels: { app: 'cache' } } }], ports: [] }]);
  });

  test('allowEgressToCidr with except', () => {
    const { chart, ns } = setup();
    ns.allowEgressToCidr('10.0.0.0/8', { ports: [{ port: 443 }], except: ['10.96.0.0/12'] });
    ns.allowEgressToCidr('fd00::/8', { ports: [{ port: 443 }] });
    const objects = synthValid(chart);
    const v4 = findAll(objects, 'NetworkPolicy').find(o => o.metadata.name.startsWith('allow-egress-to-cidr-10-0-0-0-8-except-'));
    expect(v4.spec.egress).toEqual([{ to: [{ ipBlock: { cidr: '10.0.0.0/8', except: ['10.96.0.0/12'] } }], ports: [{ port: 443, protocol: 'TCP' }] }]);
    const v6 = findOne(objects, 'NetworkPolicy', 'allow-egress-to-cidr-fd00-8-tcp-443');
    expect(v6.spec.egress[0].to).toEqual([{ ipBlock: { cidr: 'fd00::/8' } }]);
  });

  test('throws on invalid peer and controller pod labels, naming the construct path', () => {
    const { ns, frontend } = setup();
    expect(() => ns.allowIngressFromNamespace(frontend, { ports: [{ port: 443 }], peerPodLabels: { app: 'web ui' } }))
      .toThrow(/Invalid value "web ui" of label "app" in peerPodLabels of allowIngressFromNamespace at test\/TeamA/);
    expect(() => ns.allowIngressFromIngressController({ ports: [{ port: 443 }], controllerPodLabels: { '/app': 'x' } }))
      .toThrow(/Invalid label key "\/app" in controllerPodLabels/);
    expect(() => ns.allowEgressToCidr('10.0.0.0/8', { ports: [{ port: 443 }], targetPodLabels: { ['a'.repeat(64)]: 'x' } }))
      .toThrow(/Invalid label key "a{64}" in targetPodLabels of allowEgressToCidr at test\/TeamA: the name part .* must have 1 to 63 characters \(it has 64\)/);
  });

  test('throws on a malformed IPv6 CIDR instead of emitting it', () => {
    const { ns } = setup();
    expect(() => ns.allowEgressToCidr('1:2:3/64', { ports: [{ port: 443 }] })).toThrow(/"1:2:3\/64": "1:2:3" is not an IPv6 address/);
    expect(() => ns.allowEgressToCidr(':::/64', { ports: [{ port: 443 }] })).toThrow(/":::\/64": ":::" is not an IPv6 address/);
    expect(() => ns.allowEgressToCidr('fd00::/8', { ports: [{ port: 443 }], except: ['fd00:1:2/16'] })).toThrow(/"fd00:1:2" is not an IPv6 address/);
  });

  test('names are deterministic and long ones are shortened with a hash', () => {
    const names = () => {
      const { chart, ns } = setup();
      const peer = HardenedNamespace.fromNamespaceName(chart, 'Long', 'a-very-long-namespace-name-for-the-observability-stack');
      ns.allowIngressFromNamespace(peer, { ports: [{ port: 9090 }, { port: 9091 }] });
      return findAll(synthValid(chart), 'NetworkPolicy').map(p => p.metadata.name);
    };
    const first = names();
    expect(first).toEqual(names());
    const long = first.find(n => n.startsWith('allow-ingress-from-ns-a-very'))!;
    expect(long.length).toBeLessThanOrEqual(63);
    expect(long).toMatch(/-[0-9a-f]{8}$/);
  });

  test('a custom name is used as given', () => {
    const { chart, ns, frontend } = setup();
    ns.allowIngressFromNamespace(frontend, { ports: [{ port: 80 }], name: 'frontend-to-api' });
    expect(findOne(synthValid(chart), 'NetworkPolicy', 'frontend-to-api').metadata.namespace).toBe('team-a');
  });

  describe('validation', () => {
    test('throws on empty ports', () => {
      const { ns, frontend } = setup();
      expect(() => ns.allowIngressFromNamespace(frontend, { ports: [] })).toThrow(/allowIngressFromNamespace: no ports given.*allowAllPorts: true/);
      expect(() => ns.allowIngressFromNamespace(frontend, {})).toThrow(/no ports given/);
    });

    test('throws on ports together with allowAllPorts', () => {
      const { ns, frontend } = setup();
      expect(() => ns.allowIngressFromNamespace(frontend, { ports: [{ port: 80 }], allowAllPorts: true })).toThrow(/both ports \(80\) and allowAllPorts/);
    });

    test('throws on a port out of range', () => {
      const { ns, frontend } = setup();
      expect(() => ns.allowIngressFromNamespace(frontend, { ports: [{ port: 70000 }] })).toThrow(/Invalid port in allowIngressFromNamespace 70000.*between 1 and 65535/);
      expect(() => ns.allowEgressToNamespace(frontend, { ports: [{ port: 0 }] })).toThrow(/Invalid port in allowEgressToNamespace 0/);
    });

    test('throws on an invalid protocol', () => {
      const { ns, frontend } = setup();
      expect(() => ns.allowIngressFromNamespace(frontend, { ports: [{ port: 80, protocol: 'HTTP' as any }] })).toThrow(/invalid protocol "HTTP".*TCP, UDP or SCTP/);
    });

    test('throws on a bad CIDR', () => {
      const { ns } = setup();
      expect(() => ns.allowEgressToCidr('10.0.0.1', { ports: [{ port: 443 }] })).toThrow(/Invalid CIDR in allowEgressToCidr "10.0.0.1".*Did you mean "10.0.0.1\/32"/);
      expect(() => ns.allowEgressToCidr('300.0.0.0/8', { ports: [{ port: 443 }] })).toThrow(/Invalid CIDR in allowEgressToCidr "300.0.0.0\/8"/);
    });

    test('throws on a bad or outside except CIDR', () => {
      const { ns } = setup();
      expect(() => ns.allowEgressToCidr('10.0.0.0/8', { ports: [{ port: 443 }], except: ['10.1.0.0'] })).toThrow(/Invalid except CIDR/);
      expect(() => ns.allowEgressToCidr('10.0.0.0/8', { ports: [{ port: 443 }], except: ['192.168.0.0/16'] })).toThrow(/"192.168.0.0\/16" is not a strict subset of "10.0.0.0\/8"/);
      expect(() => ns.allowEgressToCidr('10.0.0.0/8', { ports: [{ port: 443 }], except: ['fd00::/8'] })).toThrow(/not the same IP family/);
    });

    test('throws on target pods outside this namespace', () => {
      const { chart, ns, frontend } = setup();
      const other = new kplus.Deployment(chart, 'Other', { metadata: { namespace: 'frontend' }, containers: [{ image: 'example/web:1.0.0' }] });
      expect(() => ns.allowIngressFromNamespace(frontend, { ports: [{ port: 80 }], targetPods: other })).toThrow(/select pods outside namespace "team-a"/);
    });

    test('throws on both targetPods and targetPodLabels, and on empty label maps', () => {
      const { chart, ns, frontend } = setup();
      const sel = kplus.Pods.select(chart, 'Sel', { labels: { app: 'x' } });
      expect(() => ns.allowIngressFromNamespace(frontend, { ports: [{ port: 80 }], targetPods: sel, targetPodLabels: { app: 'x' } })).toThrow(/both targetPods and targetPodLabels/);
      expect(() => ns.allowIngressFromNamespace(frontend, { ports: [{ port: 80 }], targetPodLabels: {} })).toThrow(/targetPodLabels is empty/);
      expect(() => ns.allowIngressFromNamespace(frontend, { ports: [{ port: 80 }], peerPodLabels: {} })).toThrow(/peerPodLabels is empty/);
      expect(() => ns.allowIngressFromIngressController({ ports: [{ port: 80 }], controllerPodLabels: {} })).toThrow(/controllerPodLabels is empty/);
    });

    test('throws when the same intent is asked twice', () => {
      const { ns, frontend } = setup();
      ns.allowIngressFromNamespace(frontend, { ports: [{ port: 80 }] });
      expect(() => ns.allowIngressFromNamespace(frontend, { ports: [{ port: 80 }] })).toThrow(/"allow-ingress-from-ns-frontend-tcp-80" already exists.*pass a distinct name/);
    });

    test('throws on an invalid custom name', () => {
      const { ns, frontend } = setup();
      expect(() => ns.allowIngressFromNamespace(frontend, { ports: [{ port: 80 }], name: 'Frontend To API' })).toThrow(/Invalid NetworkPolicy name in allowIngressFromNamespace "Frontend To API"/);
    });

    test('throws on an invalid peer namespace name', () => {
      expect(() => HardenedNamespace.fromNamespaceName(testChart(), 'X', 'Not_A_Label')).toThrow(/Invalid namespace name "Not_A_Label"/);
    });
  });
});
