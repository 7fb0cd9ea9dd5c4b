// SPDX-License-Identifier: Apache-2.0
/**
 * Pins the `audit --format json` output of a large generated input (every built-in pack), so that work on the speed
 * of the checker, the rules and the report (issue 11, section 4) cannot change a verdict, a message, the order or a
 * byte of the output unnoticed. The input mixes compliant tenants with every kind of object the engine treats
 * specially: violations, suppressions (valid, unmatched, malformed), duplicate identities, namespaces without a
 * Namespace object, custom resources with several pod specs, and containers at a path no pod spec covers.
 */
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { run } from '../../src/cli/main';
import { Checker } from '../../src/policy/engine/checker';
import { _loadText } from '../../src/policy/integrations/_manifest-loader';
import { RulePacks } from '../../src/policy/packs/rule-packs';

const DIGEST = `sha256:${'a'.repeat(64)}`;
const SUPPRESSIONS = 'hardened.cdk8s.io/suppressions';

function hardenedContainer(name: string): string[] {
  return [
    `      - name: ${name}`,
    `        image: ghcr.io/acme/${name}@${DIGEST}`,
    '        resources: {requests: {cpu: 100m, memory: 64Mi}, limits: {cpu: 200m, memory: 128Mi}}',
    '        securityContext:',
    '          allowPrivilegeEscalation: false',
    '          readOnlyRootFilesystem: true',
    '          runAsNonRoot: true',
    '          capabilities: {drop: [ALL]}',
    '          seccompProfile: {type: RuntimeDefault}',
  ];
}

/** A tenant: namespace and its guards, plus a Deployment whose flaws depend on `i` (deterministic). */
function tenant(i: number): string {
  const ns = `team-${String(i).padStart(3, '0')}`;
  const docs: string[][] = [];
  if (i % 7 !== 3) {
    docs.push(['apiVersion: v1', 'kind: Namespace', 'metadata:', `  name: ${ns}`, '  labels:', '    pod-security.kubernetes.io/enforce: restricted']);
  }
  if (i % 5 !== 1) {
    for (const dir of ['Ingress', 'Egress']) {
      docs.push(['apiVersion: networking.k8s.io/v1', 'kind: NetworkPolicy', 'metadata:', `  name: deny-${dir.toLowerCase()}`, `  namespace: ${ns}`,
        'spec:', '  podSelector: {}', `  policyTypes: [${dir}]`]);
    }
  }
  if (i % 4 !== 2) {
    docs.push(['apiVersion: v1', 'kind: ResourceQuota', 'metadata:', '  name: quota', `  namespace: ${ns}`, 'spec:', '  hard: {pods: "10"}']);
    docs.push(['apiVersion: v1', 'kind: LimitRange', 'metadata:', '  name: limits', `  namespace: ${ns}`, 'spec:',
      '  limits: [{type: Container, default: {cpu: 200m, memory: 128Mi}, defaultRequest: {cpu: 100m, memory: 64Mi}}]']);
  }
  docs.push(['apiVersion: v1', 'kind: ServiceAccount', 'metadata:', '  name: app', `  namespace: ${ns}`, 'automountServiceAccountToken: false']);
  const container = hardenedContainer('app');
  if (i % 3 === 0) container[container.findIndex(l => l.includes('runAsNonRoot'))] = '          privileged: true';
  if (i % 6 === 1) container[1] = '        image: ghcr.io/acme/app:latest';
  const annotations: string[] = [];
  if (i % 9 === 0) {
    annotations.push('  annotations:', `    ${SUPPRESSIONS}: '[{"id":"HARDEN-PSS-002","reason":"audited: a device plugin needs it"},`
      + '{"id":"HARDEN-WL-003","reason":"not used on this object at all"}]\'');
  } else if (i % 11 === 0) {
    annotations.push('  annotations:', `    ${SUPPRESSIONS}: '[{"id":"HARDEN-PSS-002","reason":"short"}]'`);
  }
  docs.push(['apiVersion: apps/v1', 'kind: Deployment', 'metadata:', '  name: web', `  namespace: ${ns}`, ...annotations, 'spec:', '  replicas: 1',
    '  selector: {matchLabels: {app: web}}', '  template:', '    metadata: {labels: {app: web}}', '    spec:', '      serviceAccountName: app',
    '      automountServiceAccountToken: false', '      containers:', ...container]);
  if (i % 13 === 5) {
    // Applied twice: the later replaces the earlier.
    docs.push(['apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: settings', `  namespace: ${ns}`, 'data: {a: "1"}']);
    docs.push(['apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: settings', `  namespace: ${ns}`, 'data: {a: "2"}']);
  }
  if (i % 17 === 4) {
    docs.push(['apiVersion: argoproj.io/v1alpha1', 'kind: Workflow', 'metadata:', '  name: build', `  namespace: ${ns}`, 'spec:', '  entrypoint: a',
      '  securityContext: {runAsNonRoot: true}', '  templates:', '    - name: a', '      container:', '        image: alpine:3', '    - name: b',
      '      script:', `        image: python@${DIGEST}`, '        securityContext: {privileged: true}']);
  }
  if (i % 19 === 8) {
    docs.push(['apiVersion: example.com/v1', 'kind: Runner', 'metadata:', '  name: job', `  namespace: ${ns}`, 'spec:', '  worker:', '    containers:',
      '      - name: w', '        image: busybox']);
  }
  return docs.map(d => `---\n${d.join('\n')}\n`).join('');
}

async function auditJson(file: string): Promise<{ code: number; stdout: string }> {
  let stdout = '';
  const code = await run(['audit', path.basename(file), '--format', 'json'], {
    stdout: s => { stdout += s; },
    stderr: () => undefined,
    readStdin: async () => '',
    cwd: () => path.dirname(file),
  });
  return { code, stdout };
}

describe('cdk8s-hardened audit on a large generated input', () => {
  let dir: string;
  let file: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'audit-large-'));
    file = path.join(dir, 'tenants.yaml');
    fs.writeFileSync(file, Array.from({ length: 240 }, (_, i) => tenant(i)).join(''));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('the JSON report is pinned byte for byte (verdicts, messages, order, lines)', async () => {
    const r = await auditJson(file);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(doc.summary.objectsChecked).toBeGreaterThan(1400);
    expect(doc.inputErrors).toEqual([]);
    const ids = new Set(doc.findings.map((f: any) => f.ruleId));
    for (const id of ['HARDEN-PSS-002', 'HARDEN-WL-003', 'HARDEN-ENGINE-001', 'HARDEN-ENGINE-002', 'HARDEN-NET-001', 'HARDEN-NET-003', 'HARDEN-WL-020']) {
      expect(ids).toContain(id);
    }
    expect(doc.findings.some((f: any) => f.suppressed === true)).toBe(true);
    expect(doc.unmatchedSuppressions.length).toBeGreaterThan(0);
    // The digest keeps the test file small; the snapshot beside it lets a reviewer see what changed when it must.
    expect(crypto.createHash('sha256').update(r.stdout).digest('hex')).toMatchSnapshot();
    expect(doc.findings.slice(0, 40)).toMatchSnapshot();
  });

  test('every finding has the line the exact parser gives it', async () => {
    const r = JSON.parse((await auditJson(file)).stdout);
    const exact = _loadText(fs.readFileSync(file, 'utf8'), 'tenants.yaml', 'exact');
    const reference = JSON.parse(JSON.stringify(new Checker({ packs: RulePacks.all() })._checkTargets(exact.targets).findings));
    const key = (f: any) => `${f.ruleId} ${f.namespace ?? '-'}/${f.name} ${f.path} ${f.line ?? '-'} ${f.suppressed}`;
    expect(r.findings.map(key)).toEqual(reference.map(key));
  });
});
