// SPDX-License-Identifier: Apache-2.0
// Harbor 2.15 with PostgreSQL and Redis, hardened end to end (test/examples/secure-registry.test.ts keeps it passing).
import { App, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { HardenedNamespace, HarborTrivyDatabase, Issuer, ReachabilityOptions, SecureRegistryStack, SecurityChecks } from '../../src';

/** Addresses of ghcr.io and its blob storage (GitHub's published ranges; an example, check them before use). */
export const GHCR_CIDRS = ['140.82.112.0/20', '185.199.108.0/22'];

/** The registry chart: everything in namespace "harbor", TLS from a ClusterIssuer, metrics scraped from "monitoring". */
export class SecureRegistryChart extends Chart {
  public readonly registry: SecureRegistryStack;
  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.registry = new SecureRegistryStack(this, 'registry', {
      hostname: 'registry.example.com',
      ingressIssuer: Issuer.fromClusterIssuerName(this, 'acme', 'letsencrypt'),
      metricsNamespace: HardenedNamespace.fromNamespaceName(this, 'monitoring', 'monitoring'),
      // Vulnerability databases through Harbor's own proxy cache: trivy stays off the internet, core fetches from ghcr.io.
      // Create the public proxy-cache project "ghcr-proxy" (endpoint https://ghcr.io) once; see docs/secure-registry.md, Day 2.
      // The CIDRs are GitHub's "packages" ranges (https://api.github.com/meta); keep them current.
      trivyDatabase: HarborTrivyDatabase.harborProxyCache({ project: 'ghcr-proxy', upstreamCidrs: GHCR_CIDRS }),
    });
  }
}

/** What the cluster must run before the YAML is applied (cert-manager, Stakater Reloader, External Secrets Operator), from the stack. */
export function prerequisites(app: App): string[] {
  return (app.node.findChild('secure-registry') as SecureRegistryChart).registry.prerequisites;
}

export function buildApp(outdir: string): App {
  process.env.CDK8S_OUTDIR = outdir;
  const app = new App();
  new SecureRegistryChart(app, 'secure-registry');
  SecurityChecks.of(app).addAllPacks(); // app.synth() fails on any error finding
  return app;
}

/**
 * `npm run example` prints the allowed network flows of the YAML and writes them as a Mermaid flowchart
 * (`dist/secure-registry/secure-registry.flows.md`, the picture in docs/secure-registry.md).
 */
export const flowMatrix: ReachabilityOptions = {
  // The upstream of the scanner's proxy cache, so core's egress to it shows.
  externals: [{ name: 'ghcr-io', cidr: GHCR_CIDRS[0] }, { name: 'ghcr-io-blobs', cidr: GHCR_CIDRS[1] }],
};

/**
 * Pods the registry talks with but does not create, added to the flow matrix so that its edges show: the cluster DNS,
 * the ingress-nginx controller and a Prometheus in "monitoring". Stand-ins without NetworkPolicies (not ours to
 * isolate), so each is open both ways (`*`).
 */
export const flowContext: any[] = [
  ['kube-system', 'coredns', { 'k8s-app': 'kube-dns' }],
  ['ingress-nginx', 'ingress-nginx-controller', { 'app.kubernetes.io/component': 'controller', 'app.kubernetes.io/name': 'ingress-nginx' }],
  ['monitoring', 'prometheus', { 'app.kubernetes.io/name': 'prometheus' }],
].map(([namespace, name, labels]) => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace, labels }, spec: { containers: [{ name, image: 'stand-in' }] },
}));
