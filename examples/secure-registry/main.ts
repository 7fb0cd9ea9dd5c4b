// SPDX-License-Identifier: Apache-2.0
// Harbor 2.15 with PostgreSQL and Redis, hardened end to end (test/examples/secure-registry.test.ts keeps it passing).
import { App, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { HardenedNamespace, Issuer, ReachabilityOptions, SecureRegistryStack, SecurityChecks } from '../../src';

/** The registry chart: everything in namespace "harbor", TLS from a ClusterIssuer, metrics scraped from "monitoring". */
export class SecureRegistryChart extends Chart {
  public readonly registry: SecureRegistryStack;
  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.registry = new SecureRegistryStack(this, 'registry', {
      hostname: 'registry.example.com',
      ingressIssuer: Issuer.fromClusterIssuerName(this, 'acme', 'letsencrypt'),
      metricsNamespace: HardenedNamespace.fromNamespaceName(this, 'monitoring', 'monitoring'),
    });
  }
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
export const flowMatrix: ReachabilityOptions = {};

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
