// SPDX-License-Identifier: Apache-2.0
/**
 * Benchmark of the reachability analysis: 1,000 tenant namespaces with 5 workloads and 6 NetworkPolicies each
 * (default deny, DNS egress, ingress from the ingress controller, cross-namespace links by namespace label,
 * matchExpressions, named ports), plus shared kube-system / ingress-nginx / monitoring namespaces left open.
 * Run directly (`ts-node bench/reachability.ts`) to print the numbers; `bench/run.ts` calls `benchReachability()`.
 */
import { performance } from 'perf_hooks';
import { Reachability } from '../src';

/** Numbers of one benchmark run. */
export interface ReachabilityBenchResult {
  readonly namespaces: number;
  readonly workloads: number;
  readonly policies: number;
  readonly flowRows: number;
  /** Milliseconds to read the objects and index them. */
  readonly buildMs: number;
  /** Milliseconds to compute the full matrix (`flows()`). */
  readonly flowsMs: number;
  /** Milliseconds for 10,000 `isAllowed` queries. */
  readonly queriesMs: number;
  readonly totalMs: number;
}

function deployment(ns: string, name: string, labels: Record<string, string>, ports: Array<[string, number]>): any {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: ns },
    spec: {
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: { containers: [{ name, image: `registry.example/${name}:1.0`, ports: ports.map(([n, p]) => ({ name: n, containerPort: p })) }] },
      },
    },
  };
}

function policy(ns: string, name: string, spec: any): any {
  return { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace: ns }, spec };
}

const byName = (n: string) => ({ matchLabels: { 'kubernetes.io/metadata.name': n } });

/** Builds the benchmark manifests for `n` tenant namespaces. */
export function reachabilityBenchObjects(n: number): any[] {
  const objects: any[] = [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'kube-system' } },
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'ingress-nginx' } },
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'monitoring' } },
    deployment('kube-system', 'coredns', { 'k8s-app': 'kube-dns' }, [['dns', 53]]),
    deployment('ingress-nginx', 'controller', { app: 'ingress-nginx' }, [['https', 443]]),
    deployment('monitoring', 'prometheus', { app: 'prometheus' }, [['web', 9090]]),
  ];
  for (let i = 0; i < n; i++) {
    const ns = `tenant-${String(i).padStart(4, '0')}`;
    const next = `tenant-${String((i + 1) % n).padStart(4, '0')}`;
    objects.push(
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns, labels: { tenant: ns, tier: i % 2 ? 'gold' : 'silver' } } },
      deployment(ns, 'web', { app: 'web' }, [['http', 8080]]),
      deployment(ns, 'api', { app: 'api' }, [['http', 8080], ['metrics', 9090]]),
      deployment(ns, 'worker', { app: 'worker' }, [['metrics', 9090]]),
      deployment(ns, 'db', { app: 'db' }, [['postgres', 5432]]),
      deployment(ns, 'cache', { app: 'cache' }, [['redis', 6379]]),
      policy(ns, 'default-deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] }),
      policy(ns, 'allow-dns', {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [{
          to: [{ namespaceSelector: byName('kube-system'), podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
          ports: [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }],
        }],
      }),
      policy(ns, 'web-from-ingress', {
        podSelector: { matchLabels: { app: 'web' } },
        ingress: [{ from: [{ namespaceSelector: byName('ingress-nginx') }], ports: [{ port: 'http' }] }],
      }),
      policy(ns, 'api-from-web', {
        podSelector: { matchLabels: { app: 'api' } },
        ingress: [{
          from: [{ podSelector: { matchLabels: { app: 'web' } } }, { namespaceSelector: { matchLabels: { tenant: next } }, podSelector: { matchLabels: { app: 'web' } } }],
          ports: [{ port: 'http' }],
        }],
      }),
      policy(ns, 'backends-from-api', {
        podSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['db', 'cache'] }] },
        ingress: [{ from: [{ podSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['api', 'worker'] }] } }], ports: [{ port: 5432 }, { port: 6379 }] }],
      }),
      policy(ns, 'same-namespace-egress-and-scrape', {
        podSelector: {},
        policyTypes: ['Ingress', 'Egress'],
        ingress: [{ from: [{ namespaceSelector: byName('monitoring') }], ports: [{ port: 'metrics' }] }],
        egress: [{ to: [{ podSelector: {} }, { namespaceSelector: { matchLabels: { tenant: next } } }] }],
      }),
    );
  }
  return objects;
}

/** Runs the benchmark (1,000 namespaces by default) and returns the numbers. */
export function benchReachability(namespaces: number = 1000): ReachabilityBenchResult {
  const objects = reachabilityBenchObjects(namespaces);
  const t0 = performance.now();
  const reach = Reachability.fromObjects(objects);
  const t1 = performance.now();
  const flows = reach.flowLines();
  const t2 = performance.now();
  const ids = reach.workloads;
  let allowed = 0;
  for (let q = 0; q < 10_000; q++) {
    if (reach.isAllowed({ from: ids[(q * 7919) % ids.length], to: ids[(q * 104729) % ids.length], port: 8080 })) allowed++;
  }
  const t3 = performance.now();
  void allowed;
  return {
    namespaces: namespaces + 3,
    workloads: ids.length,
    policies: objects.filter(o => o.kind === 'NetworkPolicy').length,
    flowRows: flows.length,
    buildMs: Math.round(t1 - t0),
    flowsMs: Math.round(t2 - t1),
    queriesMs: Math.round(t3 - t2),
    totalMs: Math.round(t3 - t0),
  };
}

if (require.main === module) {
  const r = benchReachability();
  console.log(`reachability: ${r.namespaces} namespaces, ${r.workloads} workloads, ${r.policies} policies -> ${r.flowRows} flow rows`);
  console.log(`  build ${r.buildMs} ms, full matrix (flows) ${r.flowsMs} ms, 10,000 queries ${r.queriesMs} ms, total ${r.totalMs} ms`);
}
