// SPDX-License-Identifier: Apache-2.0
import { run } from '../../src/cli/main';
import { fixtureCatalog } from '../policy/engine/fixtures';

const GITOPS = 'test/fixtures/gitops';

async function audit(args: string[], stdin = '') {
  let stdout = '';
  let stderr = '';
  const code = await run(['audit', '--pack', 'FixtureStrict', ...args], {
    stdout: s => { stdout += s; }, stderr: s => { stderr += s; }, readStdin: async () => stdin, cwd: () => process.cwd(), packs: CATALOG,
  });
  return { code, stdout, stderr };
}

const CATALOG = fixtureCatalog();

describe('audit inputs that are not manifests', () => {
  test('skips kustomization.yaml, Helm chart files, construct-metadata.json and SARIF reports with one note each (not exit 2)', async () => {
    const r = await audit([GITOPS, '--format', 'json']);
    const notes = r.stderr.split('\n').filter(l => l.includes('note:'));
    expect(notes).toEqual([
      'cdk8s-hardened audit: note: test/fixtures/gitops/apps/shop/kustomization.yaml: a Kustomize kustomization, not a manifest (the resources it lists are audited when they are in the inputs; audit "kustomize build" output to check patches)',
      'cdk8s-hardened audit: note: test/fixtures/gitops/cdk8s-dist/construct-metadata.json: cdk8s-cli construct metadata, not a manifest',
      'cdk8s-hardened audit: note: test/fixtures/gitops/cdk8s-dist/report.sarif.json: a SARIF report, not a manifest',
      'cdk8s-hardened audit: note: test/fixtures/gitops/charts/web/: Helm chart files (Chart.yaml, Chart.lock, values, Go templates) skipped, not manifests: audit the output of "helm template" to check what the chart renders (3 files)',
    ]);
    expect(r.stderr).not.toMatch(/error:/);
    // The plain manifests are audited: the compliant Deployment and the plain Pod kept inside the chart folder.
    const doc = JSON.parse(r.stdout);
    expect(doc.summary.objectsChecked).toBe(2);
    expect(doc.findings.map((f: any) => `${f.file} ${f.ruleId} ${f.name}`)).toEqual(['test/fixtures/gitops/charts/web/templates/plain-pod.yaml TEST-POD-001 plain-in-chart']);
    expect(r.code).toBe(1);
  });

  test('--exclude skips matching paths with one note; repeatable', async () => {
    const r = await audit([GITOPS, '--exclude', 'charts', '--exclude', '**/*.json', '--format', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).summary.objectsChecked).toBe(1);
    expect(r.stderr).toMatch(/note: test\/fixtures\/gitops: 6 file\(s\) excluded by "charts", "\*\*\/\*\.json"/);
    expect(r.stderr).not.toMatch(/Helm chart|construct metadata/);
  });

  test('--stdin-filename names standard input in findings and SARIF locations', async () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: a\n      image: a:1\n';
    const r = await audit(['-', '--stdin-filename', 'k8s/pod.yaml', '--format', 'sarif'], text);
    expect(r.code).toBe(1);
    const loc = JSON.parse(r.stdout).runs[0].results[0].locations[0].physicalLocation;
    expect(loc).toEqual({ artifactLocation: { uri: 'k8s/pod.yaml' }, region: { startLine: 7 } });
  });

  test('throws a usage error (exit 2) on an empty --stdin-filename', async () => {
    const r = await audit(['-', '--stdin-filename=']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--stdin-filename needs a file name/);
  });
});

describe('audit inputs that are devices', () => {
  test('a device that fails to load is never read again to look for Helm templates (no hang on /dev/zero)', async () => {
    const r = await audit(['/dev/zero', '--max-file-size', '1K', '--format', 'json']);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout).inputErrors[0].file).toBe('/dev/zero');
  }, 20_000);
});
