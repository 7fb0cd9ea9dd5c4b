// SPDX-License-Identifier: Apache-2.0
/**
 * The pipeline as a team runs it, end to end in subprocesses: a fresh cdk8s TypeScript app in a temp folder with
 * the packed library (`npm pack` of lib/, built by `projen compile` before the tests; built here when missing),
 * cdk8s, cdk8s-plus-28, constructs and the real cdk8s-cli from the npm registry.
 *
 * `npx cdk8s-hardened init` writes the documented cdk8s.yaml entry and config; `cdk8s synth` fails on an insecure
 * cdk8s-plus Deployment and passes on a hardened app; `audit dist/` passes; `audit` on a GitOps folder (Kustomize,
 * Helm chart) does not exit 2; a baseline hides old findings and shows a new one; the app's own jest test uses the
 * matchers and the DNS/ingress stubs from `cdk8s-hardened/jest`. The folder is deleted afterwards.
 */
import { execFileSync, spawnSync, SpawnSyncReturns } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.join(__dirname, '..', '..');
const MINUTES = 60_000;
const STARTED = Date.now();
// Each step runs npm, ts-node or cdk8s synth in a subprocess: seconds, not jest's default 5 s.
jest.setTimeout(5 * MINUTES);
let tmp: string;
let app: string;

/**
 * Runs a command in the app; never throws (the tests assert status and output). Its temporary files go inside `tmp`
 * (removed after the suite): the app's own jest run makes a `cdk8s.outdir.*` per `Testing.app()`, which our jest setup
 * cannot see from this process.
 */
function sh(cmd: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): SpawnSyncReturns<string> {
  const childTmp = path.join(tmp, 'tmp');
  fs.mkdirSync(childTmp, { recursive: true });
  return spawnSync(cmd, args, {
    cwd: options.cwd ?? app,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', CI: '1', CDK8S_CHECK_UPGRADE: 'false', npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false', TMPDIR: childTmp, ...options.env },
    timeout: 5 * MINUTES,
    maxBuffer: 64 * 1024 * 1024,
  });
}

const bin = (name: string) => path.join(app, 'node_modules', '.bin', name);
const out = (r: SpawnSyncReturns<string>) => `${r.stdout}\n${r.stderr}`;

const FILES: Record<string, string> = {
  'tsconfig.json': JSON.stringify({
    compilerOptions: {
      target: 'ES2020',
      module: 'commonjs',
      lib: ['es2020'],
      strict: true,
      esModuleInterop: true,
      skipLibCheck: true,
      types: ['node', 'jest'],
    },
    exclude: ['node_modules', 'cdk.out', 'dist'],
  }, undefined, 2),
  'cdk8s.yaml': 'language: typescript\napp: npx ts-node main.ts\n',
  'jest.config.js': "module.exports = { preset: 'ts-jest', testEnvironment: 'node', testMatch: ['**/*.test.ts'] };\n",
  // The hardened app: this library's constructs, with synth-time checks reading the same config file.
  'shop.ts': `import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { HardenedDeployment, HardenedNamespace } from 'cdk8s-hardened';

const IMAGE = 'registry.example.com/shop/web:1.0.0@sha256:${'ab'.repeat(32)}';

export class Shop extends Chart {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const ns = new HardenedNamespace(this, 'Ns', { name: 'shop' });
    new HardenedDeployment(this, 'Web', { name: 'web', namespace: ns, labels: { app: 'web' }, containers: [{ image: IMAGE, portNumber: 8080 }] });
    new HardenedDeployment(this, 'Db', { name: 'db', namespace: ns, labels: { app: 'db' }, containers: [{ image: IMAGE, portNumber: 5432 }] });
    ns.allowIngressFromIngressController({ ports: [{ port: 8080 }], targetPodLabels: { app: 'web' } });
  }
}
`,
  'main.ts': `import { App } from 'cdk8s';
import { SecurityChecks } from 'cdk8s-hardened';
import { Shop } from './shop';

const app = new App();
new Shop(app, 'shop');
SecurityChecks.of(app).applyConfig();
app.synth();
`,
  // What a team starts from: a plain cdk8s-plus Deployment with a root, privileged container on :latest.
  'insecure.ts': `import { App, Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';

const app = new App();
const chart = new Chart(app, 'legacy');
new kplus.Deployment(chart, 'api', {
  securityContext: { ensureNonRoot: false },
  containers: [{ image: 'nginx:latest', portNumber: 80, securityContext: { ensureNonRoot: false, privileged: true, allowPrivilegeEscalation: true, readOnlyRootFilesystem: false } }],
});
app.synth();
`,
  'shop.test.ts': `import 'cdk8s-hardened/jest';
import { Testing } from 'cdk8s';
import { ClusterStubs, Reachability } from 'cdk8s-hardened';
import { Shop } from './shop';

const shop = () => new Shop(Testing.app(), 'shop');

test('the shop chart has no findings', () => {
  expect(shop()).toHaveNoFindings();
});

test('flows to and from the cluster components', () => {
  const reach = Reachability.of(shop(), { stubs: [ClusterStubs.coreDns(), ClusterStubs.ingressNginx()], namespaces: ['shop'] });
  expect(reach).toAllowFlow('shop/web', 'kube-system/coredns', 'UDP/53');
  expect(reach).toAllowFlow('ingress-nginx/ingress-nginx-controller', 'shop/web', 8080);
  expect(reach).toDenyFlow('ingress-nginx/ingress-nginx-controller', 'shop/db', 5432);
  expect(reach).toDenyFlow('shop/web', 'shop/db', 5432);
});
`,
};

const POD = (name: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\n  namespace: legacy\nspec:\n  containers:\n    - name: app\n      image: app:1.0\n`;

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-hardened-e2e-'));
  app = path.join(tmp, 'app');
  fs.mkdirSync(app);
  if (!fs.existsSync(path.join(ROOT, 'lib', 'index.js')) || !fs.existsSync(path.join(ROOT, '.jsii'))) {
    execFileSync(process.execPath, [require.resolve('jsii/bin/jsii'), '--silence-warnings=reserved-word'], { cwd: ROOT, stdio: 'pipe' });
  }
  const packed = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', tmp], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }));
  const tarball = path.join(tmp, packed[0].filename);
  fs.writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'shop-app', version: '1.0.0', private: true }, undefined, 2));
  for (const [file, text] of Object.entries(FILES)) fs.writeFileSync(path.join(app, file), text);
  const install = sh('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', tarball,
    'cdk8s@^2.70.0', 'cdk8s-plus-28@^2.5.6', 'constructs@^10.3.0', 'cdk8s-cli@^2',
    'typescript@~5.9.0', 'ts-node@^10', '@types/node@^20', 'jest@^30', 'ts-jest@^29', '@types/jest@^30']);
  if (install.status !== 0) throw new Error(`npm install in the test app failed:\n${out(install)}`);
}, 10 * MINUTES);

afterAll(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  // The measured cost of this suite, reported in docs/getting-started.md (CI must stay under 15 minutes).
  process.stderr.write(`cdk8s-app e2e: ${((Date.now() - STARTED) / 1000).toFixed(0)} s\n`);
});

describe('a fresh cdk8s TypeScript app with the packed library', () => {
  test('npx cdk8s-hardened init writes the cdk8s.yaml validation entry and the starter config', () => {
    const r = sh(bin('cdk8s-hardened'), ['init']);
    expect(r.status).toBe(0);
    const version = JSON.parse(fs.readFileSync(path.join(app, 'node_modules', 'cdk8s-hardened', 'package.json'), 'utf8')).version;
    expect(fs.readFileSync(path.join(app, 'cdk8s.yaml'), 'utf8')).toContain(
      `validations:\n  - package: ./node_modules/cdk8s-hardened\n    version: ${version}\n    class: SecurityValidation\n`);
    expect(fs.existsSync(path.join(app, '.cdk8s-hardened.yaml'))).toBe(true);
    expect(sh(bin('cdk8s-hardened'), ['--version']).stdout).toBe(`${version}\n`);
  });

  test('cdk8s synth fails on an insecure cdk8s-plus Deployment, with the findings', () => {
    const r = sh(bin('cdk8s'), ['synth', '--app', 'npx ts-node --transpile-only insecure.ts']);
    expect(r.status).not.toBe(0);
    const text = out(r);
    expect(text).toMatch(/error\s+HARDEN-PSS-\d+ ContainerIsNotPrivileged\s+Deployment/);
    expect(text).toMatch(/Validation failed/);
    expect(text).not.toMatch(/Cannot find module|is not a validation plugin|unknown property/);
  });

  test('cdk8s synth passes on the hardened app with one success line, then audit dist/ passes', () => {
    const synth = sh(bin('cdk8s'), ['synth']);
    expect(out(synth)).toMatch(/cdk8s-hardened: no findings in \d+ objects \(/);
    expect(synth.status).toBe(0);
    expect(fs.existsSync(path.join(app, 'dist', 'construct-metadata.json'))).toBe(true);
    const audit = sh(bin('cdk8s-hardened'), ['audit', 'dist/']);
    expect(audit.stderr).toMatch(/note: dist\/construct-metadata\.json: cdk8s-cli construct metadata, not a manifest/);
    expect(audit.stdout).toMatch(/Security checks: 0 error, 0 warning, 0 info/);
    expect(audit.status).toBe(0);
  });

  test('a misspelled plugin property fails synth naming it', () => {
    const yaml = fs.readFileSync(path.join(app, 'cdk8s.yaml'), 'utf8');
    fs.writeFileSync(path.join(app, 'cdk8s.yaml'), yaml.replace('failOn: error', 'failon: error'));
    try {
      const r = sh(bin('cdk8s'), ['synth']);
      expect(r.status).not.toBe(0);
      expect(out(r)).toMatch(/unknown property "failon" in the cdk8s\.yaml validation entry.*Did you mean "failOn"\?/);
    } finally {
      fs.writeFileSync(path.join(app, 'cdk8s.yaml'), yaml);
    }
  });

  test('audit on a GitOps folder with kustomization.yaml and a Helm chart does not exit 2', () => {
    fs.cpSync(path.join(ROOT, 'test', 'fixtures', 'gitops'), path.join(app, 'gitops'), { recursive: true });
    const r = sh(bin('cdk8s-hardened'), ['audit', 'gitops', '--format', 'sarif', '--pack', 'PodSecurityRestricted']);
    expect(r.stderr).toMatch(/note: gitops\/apps\/shop\/kustomization\.yaml: a Kustomize kustomization/);
    expect(r.stderr).toMatch(/note: gitops\/charts\/web\/: Helm chart files/);
    expect(r.stderr).not.toMatch(/error:/);
    expect(r.status).toBe(1); // the plain Pod in the chart folder has findings; nothing is unusable
    expect(JSON.parse(r.stdout).runs[0].tool.driver.version).toMatch(/^\d+\.\d+\.\d+/);
  });

  test('a baseline hides the old findings and shows a new one', () => {
    const legacy = path.join(app, 'legacy');
    fs.mkdirSync(legacy);
    fs.writeFileSync(path.join(legacy, 'old.yaml'), POD('old'));
    const write = sh(bin('cdk8s-hardened'), ['audit', 'legacy', '--write-baseline', '.cdk8s-hardened-baseline.json']);
    expect(write.status).toBe(0);
    expect(sh(bin('cdk8s-hardened'), ['audit', 'legacy', '--baseline', '.cdk8s-hardened-baseline.json']).status).toBe(0);
    fs.writeFileSync(path.join(legacy, 'new.yaml'), POD('new'));
    const r = sh(bin('cdk8s-hardened'), ['audit', 'legacy', '--baseline', '.cdk8s-hardened-baseline.json', '--format', 'json']);
    expect(r.status).toBe(1);
    const names = [...new Set(JSON.parse(r.stdout).findings.map((f: any) => f.name))];
    expect(names).toEqual(['new']);
  });

  test("the app's jest test uses the matchers and the DNS/ingress stubs from cdk8s-hardened/jest", () => {
    const r = sh(bin('jest'), ['--ci', '--colors=false']);
    expect(out(r)).toMatch(/Tests:\s+2 passed, 2 total/);
    expect(r.status).toBe(0);
  });
});
