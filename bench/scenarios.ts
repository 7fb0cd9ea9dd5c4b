// SPDX-License-Identifier: Apache-2.0
/**
 * Scenario builders of `npm run bench` (bench/run.ts), kept apart so test/bench/scenarios.test.ts can check that
 * they build what the benchmark claims to measure.
 */
import { ApiObject, App, Chart, Yaml } from 'cdk8s';
import { Construct } from 'constructs';
import * as YAML from 'yaml';
import {
  HardenedDeployment,
  HardenedNamespace,
  Issuer,
  LeastPrivilegeServiceAccount,
  Permission,
  SecureRegistryStack,
} from '../src';

/** The name of tenant `i` (`tenant-00042`). */
export function tenantName(i: number): string {
  return `tenant-${String(i).padStart(5, '0')}`;
}

/**
 * One tenant, built only from this library's constructs: a HardenedNamespace (Namespace, default-deny and DNS
 * NetworkPolicies, ResourceQuota, LimitRange), a LeastPrivilegeServiceAccount that may read ConfigMaps (ServiceAccount,
 * Role, RoleBinding), and a two-replica HardenedDeployment running as that account (Deployment, PodDisruptionBudget).
 */
export class BenchTenant extends Construct {
  constructor(scope: Construct, id: string, index: number) {
    super(scope, id);
    const name = tenantName(index);
    const namespace = new HardenedNamespace(this, 'Namespace', { name });
    const serviceAccount = new LeastPrivilegeServiceAccount(this, 'ServiceAccount', {
      name: 'app',
      namespace,
      permissions: [Permission.read('', 'configmaps')],
    });
    new HardenedDeployment(this, 'Deployment', {
      name: 'app',
      namespace,
      labels: { app: 'app', tenant: name },
      serviceAccount,
      containers: [{ name: 'app', image: `ghcr.io/acme/app@sha256:${'a'.repeat(64)}`, portNumber: 8080 }],
    });
  }
}

/** An app with one chart holding `n` tenants. */
export function buildTenantApp(n: number): App {
  const app = new App({ outdir: '/dev/null' });
  const chart = new Chart(app, 'tenants');
  for (let i = 0; i < n; i++) {
    new BenchTenant(chart, tenantName(i), i);
  }
  return app;
}

/** An app with the registry stack of examples/secure-registry (Harbor, PostgreSQL, Redis, TLS, metrics). */
export function buildRegistryApp(): App {
  const app = new App({ outdir: '/dev/null' });
  const chart = new Chart(app, 'secure-registry');
  new SecureRegistryStack(chart, 'registry', {
    hostname: 'registry.example.com',
    ingressIssuer: Issuer.fromClusterIssuerName(chart, 'acme', 'letsencrypt'),
    metricsNamespace: HardenedNamespace.fromNamespaceName(chart, 'monitoring', 'monitoring'),
  });
  return app;
}

/**
 * The plain-cdk8s baseline: the given (already synthesized) objects as bare `ApiObject`s in one chart, with none
 * of this library's logic. `synthYaml()` of the result is the same output as the app the objects came from.
 */
export function buildPlainApp(objects: any[]): App {
  const app = new App({ outdir: '/dev/null' });
  const chart = new Chart(app, 'plain');
  objects.forEach((obj, i) => new ApiObject(chart, `o${i}`, obj));
  return app;
}

/** The synthesized objects of every chart of an app, in output order. */
export function synthObjects(app: App): any[] {
  return app.charts.flatMap(chart => chart.toJson());
}

/** The floor: the objects serialized straight to multi-document YAML with the `yaml` package, as cdk8s does. */
export function floorYaml(objects: any[]): string {
  return objects.map(o => YAML.stringify(o, { keepUndefined: true, lineWidth: 0, version: '1.1' })).join('---\n');
}

/** cdk8s's own serialization of the same objects, to check that `floorYaml` produces the same bytes. */
export function cdk8sYaml(objects: any[]): string {
  return Yaml.stringify(...objects);
}
