// SPDX-License-Identifier: Apache-2.0
/**
 * Three tenants, each in its own HardenedNamespace with a hardened deployment (and its own
 * LeastPrivilegeServiceAccount). They talk to one another only where declared:
 *
 *   ingress controller → storefront:8080 → orders:8080 → payments:8443
 *
 * Everything else is denied in both directions; DNS works everywhere.
 */
import { App, Chart, ChartProps, YamlOutputType } from 'cdk8s';
import { Construct } from 'constructs';
import { HardenedDeployment, HardenedNamespace, SecurityChecks } from '../../src';

/** One tenant: a namespace and a deployment labelled `app: <name>`. */
class Tenant extends Construct {
  public readonly namespace: HardenedNamespace;
  public readonly deployment: HardenedDeployment;
  public readonly labels: { [key: string]: string };
  public readonly port: number;

  constructor(scope: Construct, id: string, name: string, image: string, port: number) {
    super(scope, id);
    this.port = port;
    this.labels = { app: name };
    this.namespace = new HardenedNamespace(this, 'Namespace', { name });
    this.deployment = new HardenedDeployment(this, 'Deployment', {
      name,
      namespace: this.namespace,
      labels: this.labels,
      containers: [{ image, portNumber: port }],
    });
  }
}

/** Lets `from` call `to` on `to.port`: egress on the sender's side and ingress on the receiver's side. */
function connect(from: Tenant, to: Tenant): void {
  const ports = [{ port: to.port }];
  from.namespace.allowEgressToNamespace(to.namespace, { ports, targetPodLabels: from.labels, peerPodLabels: to.labels });
  to.namespace.allowIngressFromNamespace(from.namespace, { ports, targetPodLabels: to.labels, peerPodLabels: from.labels });
}

export class MultiTenantChart extends Chart {
  public readonly tenants: Tenant[];

  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, props);
    const digest = (c: string) => `sha256:${c.repeat(64)}`;
    const storefront = new Tenant(this, 'Storefront', 'storefront', `ghcr.io/acme/storefront@${digest('a')}`, 8080);
    const orders = new Tenant(this, 'Orders', 'orders', `ghcr.io/acme/orders@${digest('b')}`, 8080);
    const payments = new Tenant(this, 'Payments', 'payments', `ghcr.io/acme/payments@${digest('c')}`, 8443);
    this.tenants = [storefront, orders, payments];

    storefront.namespace.allowIngressFromIngressController({ ports: [{ port: 8080 }], targetPodLabels: storefront.labels });
    connect(storefront, orders);
    connect(orders, payments);
  }
}

/** Builds the example app; `npm run example` synthesizes it into `outdir`. */
export function buildApp(outdir: string): App {
  const app = new App({ outdir, yamlOutputType: YamlOutputType.FILE_PER_CHART });
  const chart = new MultiTenantChart(app, 'multi-tenant');
  SecurityChecks.of(chart).addAllPacks();
  return app;
}
