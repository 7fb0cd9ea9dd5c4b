// SPDX-License-Identifier: Apache-2.0
import { Testing } from 'cdk8s';
import { KubeDeployment, KubeNamespace, KubeNetworkPolicy, IntOrString } from 'cdk8s-plus-28/lib/imports/k8s';
import { app, deploy, netpol, ns, nsName } from './_fixtures';
import { FlowProtocol, Reachability, ReachabilityFlow } from '../../../src';
import { synthValid } from '../../util';

/** A small shop: default deny everywhere, web <- ingress controller, web -> api, api -> db, DNS, one external store. */
function shop(): any[] {
  return [
    ns('shop', { team: 'shop' }), ns('ingress'), ns('kube-system'),
    deploy('ingress', 'controller', undefined, [['https', 443]]),
    deploy('kube-system', 'coredns', { 'k8s-app': 'kube-dns' }, [['dns', 53, 'UDP'], ['dns-tcp', 53]]),
    deploy('shop', 'web', undefined, [['http', 8080]]),
    deploy('shop', 'api', undefined, [['http', 9000], ['metrics', 9090]]),
    deploy('shop', 'db', undefined, [['postgres', 5432]]),
    netpol('shop', 'default-deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] }),
    netpol('shop', 'dns', {
      podSelector: {},
      policyTypes: ['Egress'],
      egress: [{ to: [{ namespaceSelector: nsName('kube-system'), podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }], ports: [{ protocol: 'UDP', port: 53 }, { port: 53 }] }],
    }),
    netpol('shop', 'web', {
      podSelector: app('web'),
      policyTypes: ['Ingress', 'Egress'],
      ingress: [{ from: [{ namespaceSelector: nsName('ingress') }], ports: [{ port: 'http' }] }],
      egress: [{ to: [{ podSelector: app('api') }], ports: [{ port: 'http' }] }],
    }),
    netpol('shop', 'api', {
      podSelector: app('api'),
      policyTypes: ['Ingress', 'Egress'],
      ingress: [{ from: [{ podSelector: app('web') }], ports: [{ port: 'http' }] }],
      egress: [{ to: [{ podSelector: app('db') }], ports: [{ port: 5432 }] }, { to: [{ ipBlock: { cidr: '192.0.2.0/24' } }], ports: [{ port: 443 }] }],
    }),
    netpol('shop', 'db', { podSelector: app('db'), ingress: [{ from: [{ podSelector: app('api') }], ports: [{ port: 'postgres' }] }] }),
  ];
}
const EXTERNALS = [{ name: 'object-store', cidr: '192.0.2.10' }, { name: 'internet', cidr: '198.51.100.0/24' }];

const SHOP_FLOWS = [
  '* -> ingress/controller any',
  '* -> kube-system/coredns any',
  'ingress/controller -> * any',
  'ingress/controller -> shop/web TCP/8080',
  'kube-system/coredns -> * any',
  'shop/api -> kube-system/coredns TCP/53, UDP/53',
  'shop/api -> object-store TCP/443',
  'shop/api -> shop/db TCP/5432',
  'shop/db -> kube-system/coredns TCP/53, UDP/53',
  'shop/web -> kube-system/coredns TCP/53, UDP/53',
  'shop/web -> shop/api TCP/9000',
];

describe('Reachability', () => {
  test('minimal definition: flows of the shop', () => {
    const r = Reachability.fromObjects(shop(), { externals: EXTERNALS });
    expect(r.flowLines()).toEqual(SHOP_FLOWS);
    expect(r.workloads).toEqual(['ingress/controller', 'kube-system/coredns', 'shop/api', 'shop/db', 'shop/web']);
    expect(r.externals).toEqual(['internet', 'object-store']);
  });

  test('of(chart) reads the objects of a cdk8s chart (synthesized and schema-valid)', () => {
    const chart = Testing.chart();
    new KubeNamespace(chart, 'ns', { metadata: { name: 'shop', labels: { team: 'shop' } } });
    for (const name of ['web', 'api']) {
      new KubeDeployment(chart, name, {
        metadata: { name, namespace: 'shop' },
        spec: {
          selector: { matchLabels: { app: name } },
          template: { metadata: { labels: { app: name } }, spec: { containers: [{ name, image: 'registry.example/x:1', ports: [{ name: 'http', containerPort: 8080 }] }] } },
        },
      });
    }
    new KubeNetworkPolicy(chart, 'deny', { metadata: { name: 'deny', namespace: 'shop' }, spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] } });
    new KubeNetworkPolicy(chart, 'web-api', {
      metadata: { name: 'web-api', namespace: 'shop' },
      spec: {
        podSelector: { matchLabels: { app: 'api' } },
        ingress: [{ from: [{ podSelector: { matchLabels: { app: 'web' } } }], ports: [{ port: IntOrString.fromString('http') }] }],
      },
    });
    new KubeNetworkPolicy(chart, 'web-out', {
      metadata: { name: 'web-out', namespace: 'shop' },
      spec: { podSelector: { matchLabels: { app: 'web' } }, policyTypes: ['Egress'], egress: [{ to: [{ podSelector: { matchLabels: { app: 'api' } } }] }] },
    });
    const objects = synthValid(chart);
    const r = Reachability.of(chart);
    expect(Reachability.fromObjects(objects).flowLines()).toEqual(r.flowLines());
    r.assertFlowLines(['shop/web -> shop/api TCP/8080']);
    expect(r.isAllowed({ from: 'shop/api', to: 'shop/web', port: 8080 })).toBe(false);
  });

  test('flows() agrees with isAllowed() on every pair, port and protocol probed', () => {
    const r = Reachability.fromObjects([...shop(), deploy('open', 'tool'), deploy('shop', 'batch', { app: 'batch' })], { externals: EXTERNALS });
    const flows = r.flows();
    const named: Record<string, Record<string, number>> = {
      'shop/web': { http: 8080 },
      'shop/api': { http: 9000, metrics: 9090 },
      'shop/db': { postgres: 5432 },
      'ingress/controller': { https: 443 },
      'kube-system/coredns': { 'dns-tcp': 53 },
    };
    const covers = (f: ReachabilityFlow, to: string, protocol: string, port: number) => {
      if (f.protocol === undefined) return true;
      if (f.protocol !== protocol) return false;
      if (f.portName !== undefined) return protocol === 'TCP' && named[to]?.[f.portName] === port;
      if (f.port === undefined) return true;
      return f.port <= port && port <= (f.endPort ?? f.port);
    };
    // External endpoints carry no policy: they belong to '*' on both sides (see the legend).
    const isExternal = (id: string) => r.externals.includes(id);
    const implied = (from: string, to: string, protocol: string, port: number) =>
      flows.some(f => f.from === from && f.to === to && covers(f, to, protocol, port)) ||
      ((isExternal(from) || flows.some(f => f.from === from && f.to === '*' && covers(f, to, protocol, port))) &&
        (isExternal(to) || flows.some(f => f.from === '*' && f.to === to && covers(f, to, protocol, port))));
    const endpoints = [...r.workloads, ...r.externals];
    let checked = 0;
    for (const from of endpoints) {
      for (const to of endpoints) {
        if (r.externals.includes(from) && r.externals.includes(to)) continue;
        for (const protocol of [FlowProtocol.TCP, FlowProtocol.UDP]) {
          for (const port of [53, 443, 5432, 8080, 9000, 9090, 12345]) {
            expect(`${from} -> ${to} ${protocol}/${port} ${implied(from, to, protocol, port)}`)
              .toEqual(`${from} -> ${to} ${protocol}/${port} ${r.isAllowed({ from, to, port, protocol })}`);
            checked++;
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(500);
  });

  test('assertFlows passes on the exact list, in any order and split differently', () => {
    const r = Reachability.fromObjects([deploy('a', 'x'), deploy('a', 'y'), netpol('a', 'deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] }),
      netpol('a', 'y-in', { podSelector: app('y'), ingress: [{ from: [{ podSelector: app('x') }], ports: [{ port: 80, endPort: 82 }] }] }),
      netpol('a', 'x-out', { podSelector: app('x'), policyTypes: ['Egress'], egress: [{ to: [{ podSelector: app('y') }] }] })]);
    expect(() => r.assertFlows([
      { from: 'a/x', to: 'a/y', protocol: FlowProtocol.TCP, port: 82 },
      { from: 'a/x', to: 'a/y', protocol: FlowProtocol.TCP, port: 80, endPort: 81 },
    ])).not.toThrow();
    expect(() => r.assertFlowLines(['a/x -> a/y TCP/80-82'])).not.toThrow();
  });

  test('fails assertFlows with a readable diff of missing and extra flows', () => {
    const r = Reachability.fromObjects(shop(), { externals: EXTERNALS });
    const expected = SHOP_FLOWS.filter(l => !l.startsWith('shop/api -> object-store')).concat(['shop/web -> shop/db TCP/5432']);
    let message = '';
    try {
      r.assertFlowLines(expected);
    } catch (e: any) {
      message = e.message;
    }
    expect(message).toContain('Allowed network flows differ from the expected list (1 missing, 1 extra):');
    expect(message).toContain('    - shop/web -> shop/db TCP/5432');
    expect(message).toContain('    + shop/api -> object-store TCP/443');
    expect(message).toMatch(/'\*' is every endpoint whose own side admits the traffic/);
  });

  test('diffFlows reports the difference port by port', () => {
    const r = Reachability.fromObjects(shop());
    const diff = r.diffFlows([...SHOP_FLOWS.filter(l => !l.includes('object-store')), 'shop/web -> shop/api TCP/9000-9001']
      .flatMap(l => Reachability.parseFlows(l)));
    expect(diff.missing).toEqual([{ from: 'shop/web', to: 'shop/api', protocol: 'TCP', port: 9001 }]);
    expect(diff.extra).toEqual([]);
  });

  test('parseFlows and formatFlow round-trip every port form', () => {
    const line = 'a/x -> * any, TCP, UDP/53, TCP/8000-8080, SCTP/diameter';
    const flows = Reachability.parseFlows(line);
    expect(flows.map(f => Reachability.formatFlow(f))).toEqual(['a/x -> * any', 'a/x -> * TCP', 'a/x -> * UDP/53', 'a/x -> * TCP/8000-8080', 'a/x -> * SCTP/diameter']);
  });

  test('throws on a malformed flow line', () => {
    expect(() => Reachability.parseFlows('a/x to a/y')).toThrow(/expected "FROM -> TO PORTS"/);
    expect(() => Reachability.parseFlows('a/x -> a/y tcp/80')).toThrow(/Invalid ports "tcp\/80"/);
    const r = Reachability.fromObjects([]);
    expect(() => r.assertFlows([{ from: 'a', to: 'b', port: 80 }])).toThrow(/a port needs a protocol/);
    expect(() => r.assertFlows([{ from: 'a', to: 'b', protocol: FlowProtocol.TCP, port: 90, endPort: 80 }])).toThrow(/1 <= port <= endPort/);
  });

  test('renders a table, a Mermaid flowchart and JSON', () => {
    const r = Reachability.fromObjects(shop(), { externals: EXTERNALS });
    expect(r.toTable()).toMatchSnapshot();
    expect(r.toMermaid()).toMatchSnapshot();
    const json = r.toJson();
    expect(json.flows).toEqual(r.flows());
    expect(json.externals).toEqual([{ name: 'internet', cidr: '198.51.100.0/24' }, { name: 'object-store', cidr: '192.0.2.10/32' }]);
    expect(json.workloads[0]).toEqual({ id: 'ingress/controller', namespace: 'ingress', name: 'controller', kind: 'Deployment' });
  });

  test('output does not depend on the order of the input objects', () => {
    const a = Reachability.fromObjects(shop(), { externals: EXTERNALS });
    const b = Reachability.fromObjects([...shop()].reverse(), { externals: [...EXTERNALS].reverse() });
    expect(b.toTable()).toEqual(a.toTable());
    expect(b.toMermaid()).toEqual(a.toMermaid());
  });

  describe('validation', () => {
    const bad = (spec: any) => () => Reachability.fromObjects([netpol('a', 'p', spec)]);
    test('throws on an unknown matchExpressions operator', () => {
      expect(bad({ podSelector: { matchExpressions: [{ key: 'a', operator: 'Equals', values: ['x'] }] } })).toThrow(/NetworkPolicy a\/p spec.podSelector.matchExpressions\[0\]: unknown operator "Equals"/);
    });
    test('throws on In without values and Exists with values', () => {
      expect(bad({ podSelector: { matchExpressions: [{ key: 'a', operator: 'In' }] } })).toThrow(/needs a non-empty "values"/);
      expect(bad({ podSelector: { matchExpressions: [{ key: 'a', operator: 'Exists', values: ['x'] }] } })).toThrow(/must not have "values"/);
    });
    test('throws on an empty peer', () => {
      expect(bad({ podSelector: {}, ingress: [{ from: [{}] }] })).toThrow(/spec.ingress\[0\].from\[0\]: a peer must set podSelector, namespaceSelector or ipBlock/);
    });
    test('throws on ipBlock combined with a selector, or except outside cidr', () => {
      expect(bad({ podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: '10.0.0.0/8' }, podSelector: {} }] }] })).toThrow(/ipBlock cannot be combined/);
      expect(bad({ podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: '10.0.0.0/8', except: ['11.0.0.0/16'] } }] }] })).toThrow(/"11.0.0.0\/16" must lie inside the ipBlock cidr/);
      expect(bad({ podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: '10.0.0.0' } }] }] })).not.toThrow();
      expect(bad({ podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: '10.0.0.0/33' } }] }] })).toThrow(/Invalid .*ipBlock.cidr "10.0.0.0\/33"/);
    });
    test('throws on a malformed IPv6 ipBlock (1:2:3/64, :::/64) instead of claiming a range', () => {
      expect(bad({ podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: '1:2:3/64' } }] }] })).toThrow(/ipBlock.cidr "1:2:3\/64": "1:2:3" is not an IPv6 address/);
      expect(bad({ podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: 'fd00::/8', except: [':::/64'] } }] }] })).toThrow(/except\[0\] ":::\/64": ":::" is not an IPv6 address/);
      expect(() => Reachability.fromObjects([], { externals: [{ name: 'x', cidr: '1:2:3' }] })).toThrow(/not an IPv6 address|Invalid/);
    });
    test('throws on bad ports: unknown protocol, endPort with a name, endPort below port, digit strings', () => {
      expect(bad({ podSelector: {}, ingress: [{ ports: [{ protocol: 'ICMP' }] }] })).toThrow(/unknown protocol "ICMP"/);
      expect(bad({ podSelector: {}, ingress: [{ ports: [{ port: 'http', endPort: 90 }] }] })).toThrow(/"endPort" cannot be used with the named port "http"/);
      expect(bad({ podSelector: {}, ingress: [{ ports: [{ port: 90, endPort: 80 }] }] })).toThrow(/endPort 80 must be an integer between port \(90\) and 65535/);
      expect(bad({ podSelector: {}, ingress: [{ ports: [{ port: '80' }] }] })).toThrow(/write it as a number \(80\)/);
      expect(bad({ podSelector: {}, ingress: [{ ports: [{ endPort: 80 }] }] })).toThrow(/"endPort" needs a numeric "port"/);
    });
    test('throws on an unknown policy type', () => {
      expect(bad({ podSelector: {}, policyTypes: ['Inbound'] })).toThrow(/unknown policy type "Inbound"/);
    });
    test('throws on bad external endpoints', () => {
      expect(() => Reachability.fromObjects([], { externals: [{ name: 'Bad Name', cidr: '10.0.0.1' }] })).toThrow(/Invalid external endpoint name "Bad Name"/);
      expect(() => Reachability.fromObjects([], { externals: [{ name: 'x', cidr: 'example.com' }] })).toThrow(/Invalid cidr of external endpoint "x" "example.com"/);
      expect(() => Reachability.fromObjects([], { externals: [{ name: 'x', cidr: '10.0.0.1' }, { name: 'x', cidr: '10.0.0.2' }] })).toThrow(/declared twice/);
    });
    test('throws on a workload without a pod spec', () => {
      expect(() => Reachability.fromObjects([{ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd', namespace: 'a' }, spec: {} }]))
        .toThrow(/Deployment a\/d: a Deployment needs a pod spec \(spec.template\)/);
    });
    test('throws on bad queries: unknown endpoint, port and portName, unknown named port', () => {
      const r = Reachability.fromObjects(shop());
      expect(() => r.isAllowed({ from: 'shop/nope', to: 'shop/web', port: 80 })).toThrow(/Unknown from "shop\/nope" in reachability query/);
      expect(() => r.isAllowed({ from: 'shop/api', to: 'shop/web', port: 80, portName: 'http' })).toThrow(/exactly one of "port" and "portName"/);
      expect(() => r.isAllowed({ from: 'shop/api', to: 'shop/web' })).toThrow(/exactly one of "port" and "portName"/);
      expect(() => r.isAllowed({ from: 'shop/api', to: 'shop/web', portName: 'grpc' })).toThrow(/Named port "grpc" \(TCP\) is not a container port of shop\/web \(its named ports: http\/TCP\)/);
      expect(() => r.isAllowed({ from: 'shop/api', to: 'shop/web', port: 70000 })).toThrow(/Invalid port 70000/);
    });
  });
});
