// SPDX-License-Identifier: Apache-2.0
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { run } from '../../src/cli/main';

const HELM = 'test/fixtures/cli/fix/helm-output.yaml';

interface Result {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

async function cli(args: string[], stdin = ''): Promise<Result> {
  let stdout = '';
  let stderr = '';
  const code = await run(args, {
    stdout: s => { stdout += s; },
    stderr: s => { stderr += s; },
    readStdin: async () => stdin,
    cwd: () => process.cwd(),
  });
  return { code, stdout, stderr };
}

const objectsOf = (text: string) => parseAllDocuments(text).map(d => d.toJS()).filter(o => o);
const ids = (text: string) => objectsOf(text).map((o: any) => `${o.kind} ${o.metadata.namespace}/${o.metadata.name}`);

let tmp: string;
beforeEach(() => { tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-hardened-fix-')); });
afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('cdk8s-hardened fix', () => {
  test('fixes typical Helm output so it passes PodSecurityRestricted, keeping every object, comment and the writable mount', async () => {
    const r = await cli(['fix', '--out', tmp, '--run-as-user', '10001', HELM]);
    expect(r.code).toBe(1); // resources and NetworkPolicies remain (HardenedWorkloads, NetworkIsolation)
    expect(r.stdout).toMatch(/cdk8s-hardened fix: 19 change\(s\):/);
    expect(r.stdout).toContain('DaemonSet shop/shop-log-shipper: HARDEN-PSS-016 /spec/template/spec/containers/0/securityContext/runAsUser: replaced runAsUser 0 (root) with 10001');
    const source = fs.readFileSync(HELM, 'utf8');
    const fixed = fs.readFileSync(path.join(tmp, 'helm-output.yaml'), 'utf8');
    expect(ids(fixed)).toEqual(ids(source));
    for (const comment of source.split('\n').filter(l => l.trim().startsWith('#'))) expect(fixed).toContain(comment);
    // The untouched ServiceAccount document is kept byte for byte.
    expect(fixed.startsWith(source.slice(0, source.indexOf('---', 4)))).toBe(true);
    const web = objectsOf(fixed)[1].spec.template.spec;
    expect(web.containers[0].volumeMounts).toEqual([{ name: 'cache', mountPath: '/var/cache/shop' }, { name: 'web-tmp', mountPath: '/tmp' }]);
    expect(web.volumes[0]).toEqual({ name: 'cache', emptyDir: {} });

    const audit = await cli(['audit', '--pack', 'PodSecurityRestricted', tmp]);
    expect(audit.stdout).toMatch(/0 error, 0 warning, 0 info/);
    expect(audit.code).toBe(0);
  });

  test('fails the restricted audit without --run-as-user: the root DaemonSet stays a finding', async () => {
    const r = await cli(['fix', '--out', tmp, '--pack', 'PodSecurityRestricted', HELM]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/HARDEN-PSS-016 ContainerDoesNotRunAsRootUser +DaemonSet shop\/shop-log-shipper/);
    const audit = await cli(['audit', '--pack', 'PodSecurityRestricted', tmp]);
    expect(audit.code).toBe(1);
  });

  test('exits 0 when nothing remains at --severity in the chosen packs', async () => {
    const r = await cli(['fix', '--out', tmp, '--pack', 'PodSecurityRestricted', '--run-as-user', '10001', HELM]);
    expect(r.code).toBe(0);
  });

  test('--resources fills requests and limits, --app-armor-runtime-default sets the AppArmor annotation', async () => {
    const r = await cli(['fix', '-', '--pack', 'HardenedWorkloads,PodSecurityBaseline', '--app-armor-runtime-default',
      '--resources', 'cpuRequest=100m,cpuLimit=500m,memoryRequest=128Mi,memoryLimit=256Mi'], fs.readFileSync(HELM, 'utf8'));
    const web = (objectsOf(r.stdout) as any[])[1].spec.template;
    expect(web.spec.containers[0].resources).toEqual({ requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '256Mi' } });
    expect(web.metadata.annotations).toEqual({ 'container.apparmor.security.beta.kubernetes.io/web': 'runtime/default' });
    expect(r.stderr).toMatch(/HARDEN-WL-002 \/spec\/template\/spec\/containers\/0\/resources\/limits\/cpu: set resources.limits.cpu: 500m/);
    expect(r.stderr).not.toMatch(/HARDEN-WL-002 ContainerResourcesAreBounded/); // no remaining finding
  });

  test('--dry-run prints a unified diff and writes nothing', async () => {
    const copy = path.join(tmp, 'in.yaml');
    fs.copyFileSync(HELM, copy);
    const r = await cli(['fix', '--dry-run', '--run-as-user', '10001', copy]);
    expect(r.stdout).toMatch(/^--- a\/.*in\.yaml\n\+\+\+ b\/.*in\.yaml\n@@ -\d+,\d+ \+\d+,\d+ @@\n/);
    expect(r.stdout).toContain('+        seccompProfile:\n+          type: RuntimeDefault\n');
    expect(r.stdout).toContain('-            runAsUser: 0\n+            runAsUser: 10001\n');
    expect(r.stderr).toMatch(/19 change\(s\) \(dry run: nothing written\)/);
    expect(fs.readFileSync(copy, 'utf8')).toBe(fs.readFileSync(HELM, 'utf8'));
    expect(fs.readdirSync(tmp)).toEqual(['in.yaml']);
  });

  test('--in-place rewrites the file, and a second run changes nothing (idempotent)', async () => {
    const copy = path.join(tmp, 'in.yaml');
    fs.copyFileSync(HELM, copy);
    await cli(['fix', '--in-place', '--run-as-user', '10001', copy]);
    const once = fs.readFileSync(copy, 'utf8');
    expect(once).not.toBe(fs.readFileSync(HELM, 'utf8'));
    const again = await cli(['fix', '--in-place', '--run-as-user', '10001', copy]);
    expect(again.stdout).toMatch(/nothing to change/);
    expect(fs.readFileSync(copy, 'utf8')).toBe(once);
  });

  test('writes the hardened YAML to stdout by default (stdin in, stdout out), the report to stderr', async () => {
    const r = await cli(['fix', '-', '--pack', 'PodSecurityRestricted'], fs.readFileSync(HELM, 'utf8'));
    expect(ids(r.stdout)).toEqual(ids(fs.readFileSync(HELM, 'utf8')));
    expect(r.stderr).toMatch(/cdk8s-hardened fix: 12 change\(s\)/);
    expect(r.code).toBe(1);
  });

  test('does not fix a rule the object suppresses, and fixes each item of a List', async () => {
    const list = {
      apiVersion: 'v1',
      kind: 'List',
      items: [0, 1].map(i => ({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: {
          name: `p${i}`,
          annotations: i === 0 ? { 'hardened.cdk8s.io/suppressions': JSON.stringify([{ id: 'HARDEN-PSS-018', reason: 'needs CHOWN while it starts up' }]) } : {},
        },
        spec: { containers: [{ name: 'app', image: 'registry.example.com/app:1.0.0' }] },
      })),
    };
    const r = await cli(['fix', '-', '--pack', 'PodSecurityRestricted'], JSON.stringify(list));
    const [out] = objectsOf(r.stdout) as any[];
    expect(out.items[0].spec.containers[0].securityContext).toEqual({ allowPrivilegeEscalation: false });
    expect(out.items[1].spec.containers[0].securityContext).toEqual({ allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
    expect(r.code).toBe(0); // the suppressed finding is reported as suppressed
  });

  test('exits 2 on unusable input with file and line, and writes nothing', async () => {
    const out = path.join(tmp, 'out');
    const r = await cli(['fix', '--out', out, HELM, 'test/fixtures/cli/malformed.yaml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/malformed\.yaml:\d+: malformed YAML in document 2/);
    expect(r.stderr).toMatch(/nothing was written \(exit 2\)/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(fs.existsSync(out)).toBe(false);
  });

  test.each([
    [['--out', 'x', '--in-place', HELM], /--out, --in-place and --dry-run exclude each other/],
    [['--run-as-user', '0', HELM], /--run-as-user "0" must be a non-root UID/],
    [['--in-place', '-'], /--in-place cannot rewrite standard input/],
    [['--writable-path', 'tmp', HELM], /--writable-path "tmp" must be an absolute directory/],
    [['--resources', 'cpu=1', HELM], /--resources "cpu=1" must be cpuRequest=/],
    [['--max-file-size', '0', HELM], /--max-file-size "0" must be a positive number of bytes/],
    [['--resources', 'cpuLimit=lots', HELM], /--resources cpuLimit "lots" is not a Kubernetes quantity/],
    [[], /no input/],
  ])('exits 2 on bad arguments %j', async (args, message) => {
    const r = await cli(['fix', ...args]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });

  test('--help documents the exit codes', async () => {
    const r = await cli(['fix', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Exit codes:/);
  });
});
