// SPDX-License-Identifier: Apache-2.0
import * as path from 'path';
import { run } from '../../src/cli/main';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'reachability');
const SHOP = path.join(FIXTURES, 'shop');

async function graph(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await run(['graph', ...args], {
    stdout: s => { out += s; },
    stderr: s => { err += s; },
    readStdin: async () => '',
  });
  return { code, out, err };
}

describe('cdk8s-hardened graph', () => {
  test('prints the flows of a directory as a table (YAML multi-doc, JSON List, .yml; other files skipped)', async () => {
    const { code, out, err } = await graph(SHOP, '--external', 'payments=192.0.2.7');
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toMatchSnapshot();
    expect(out).toMatch(/^shop\/web\s+shop\/api\s+TCP\/9000$/m);
    expect(out).toMatch(/^ingress\/controller\s+shop\/web\s+TCP\/8080$/m);
    expect(out).toMatch(/^shop\/api\s+payments\s+TCP\/443$/m);
  });

  test('--format mermaid draws a flowchart', async () => {
    const { code, out } = await graph('--format', 'mermaid', SHOP);
    expect(code).toBe(0);
    expect(out.startsWith('flowchart LR\n')).toBe(true);
    expect(out).toContain('subgraph ns1["namespace shop"]');
    expect(out).toMatchSnapshot();
  });

  test('--format=json prints the workloads and flows', async () => {
    const { code, out } = await graph('--format=json', path.join(SHOP, 'namespace.yaml'), path.join(SHOP, 'policies.json'));
    expect(code).toBe(0);
    const json = JSON.parse(out);
    expect(json.workloads.map((w: any) => w.id)).toEqual(['shop/api', 'shop/web']);
    expect(json.flows).toContainEqual({ from: 'shop/web', to: 'shop/api', protocol: 'TCP', port: 9000 });
  });

  test('--help prints the usage and exits 0; the top-level usage lists graph', async () => {
    const { code, out } = await graph('--help');
    expect(code).toBe(0);
    expect(out).toMatch(/Usage: cdk8s-hardened graph/);
    let top = '';
    await run(['help'], { stdout: s => { top += s; }, stderr: () => undefined, readStdin: async () => '' });
    expect(top).toMatch(/graph\s+Show which workloads may talk to which/);
  });

  test('fails with exit code 2 when no path is given', async () => {
    const { code, err } = await graph();
    expect(code).toBe(2);
    expect(err).toMatch(/no input: give one or more manifest files or directories/);
  });

  test('fails with exit code 2 on a bad --format, a bad --external and an unknown option', async () => {
    expect(await graph('--format', 'dot', SHOP)).toMatchObject({ code: 2, err: expect.stringMatching(/--format must be table, mermaid or json, got "dot"/) });
    expect(await graph('--external', 'nocidr', SHOP)).toMatchObject({ code: 2, err: expect.stringMatching(/--external takes NAME=CIDR/) });
    expect(await graph('--external', 'x=not-an-ip', SHOP)).toMatchObject({ code: 2, err: expect.stringMatching(/Invalid cidr of external endpoint "x" "not-an-ip"/) });
    expect(await graph('--verbose', SHOP)).toMatchObject({ code: 2, err: expect.stringMatching(/unknown option "--verbose"/) });
  });

  test('fails with exit code 2 and a one-line message on a missing path, invalid YAML and an invalid policy', async () => {
    const missing = await graph(path.join(FIXTURES, 'nope.yaml'));
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/nope.yaml: no such file or directory/);
    const broken = await graph(path.join(FIXTURES, 'invalid', 'broken.yaml'));
    expect(broken.code).toBe(2);
    expect(broken.err).toMatch(/broken.yaml:\d+:\d+: invalid YAML\/JSON/);
    const policy = await graph(path.join(FIXTURES, 'invalid', 'bad-policy.yaml'));
    expect(policy.code).toBe(2);
    expect(policy.err).toMatch(/NetworkPolicy shop\/bad spec.ingress\[0\].ports\[0\]: unknown protocol "ICMP"/);
    for (const r of [missing, broken, policy]) expect(r.err).not.toMatch(/\n\s+at /);
  });
});
