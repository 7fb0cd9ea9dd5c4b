// SPDX-License-Identifier: Apache-2.0
// The README's opening example; test/examples/quickstart.test.ts keeps the two identical.
import { App, Chart } from 'cdk8s';
import { HardenedDeployment, HardenedNamespace, SecurityChecks } from '../../src';

export function buildApp(outdir: string): App {
  process.env.CDK8S_OUTDIR = outdir; // App() writes to CDK8S_OUTDIR (default dist/)
  // README:begin
  const app = new App();
  const chart = new Chart(app, 'shop');
  const ns = new HardenedNamespace(chart, 'ns', { name: 'shop' }); // PSA restricted, default-deny both ways + DNS, quota, limits
  new HardenedDeployment(chart, 'web', { // non-root, read-only root FS, drop ALL, seccomp, requests/limits,
    namespace: ns,
    labels: { app: 'web' }, // its own service account, probes, PDB, topology spread
    containers: [{ image: 'ghcr.io/acme/web:1.4.2@sha256:4315c8fd5a82533f56a83922bc1d5a2cff2b1f1e76117f66673abbcffd6c9fff', portNumber: 8080 }],
  });
  ns.allowIngressFromIngressController({ ports: [{ port: 8080 }], targetPodLabels: { app: 'web' } });
  SecurityChecks.of(app).addAllPacks(); // app.synth() fails on any error finding
  // README:end
  return app;
}
