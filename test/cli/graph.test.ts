// SPDX-License-Identifier: Apache-2.0
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { run } from '../../src/cli/main';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'reachability');
const SHOP = path.join(FIXTURES, 'shop');

async function graph(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  return graphWithStdin('', ...args);
}

async function graphWithStdin(stdin: string, ...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await run(['graph', ...args], {
    stdout: s => { out += s; },
    stderr: s => { err += s; },
    readStdin: async () => stdin,
  });
  return { code, out, err };
}

/** The shop namespace (web -> api on 9000) with the api's port written as YAML 1.1 hex and the policy's merged in. */
const SHOP_YAML_11 = fs.readFileSync(path.join(SHOP, 'namespace.yaml'), 'utf8').replace('containerPort: 9000', 'containerPort: 0x2328');

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

  test('label keys such as constructor and __proto__ are ordinary keys read from YAML (no isolation claimed that the cluster lacks)', async () => {
    const { code, out } = await graph(path.join(FIXTURES, 'prototype-keys'));
    expect(code).toBe(0);
    const rows = out.split('\n').filter(l => / a\/| \*/.test(l)).map(l => l.trim().split(/\s+/).slice(0, 2).join(' '));
    expect(rows).toContain('* a/client');
    expect(rows).toContain('* a/other');
    expect(rows).toContain('a/client a/web');
    expect(rows).not.toContain('a/other a/web');
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
    expect(missing.err).toMatch(/nope.yaml: cannot be read: no such file or directory/);
    const broken = await graph(path.join(FIXTURES, 'invalid', 'broken.yaml'));
    expect(broken.code).toBe(2);
    expect(broken.err).toMatch(/broken.yaml:\d+: malformed YAML in document \d+/);
    const policy = await graph(path.join(FIXTURES, 'invalid', 'bad-policy.yaml'));
    expect(policy.code).toBe(2);
    expect(policy.err).toMatch(/NetworkPolicy shop\/bad spec.ingress\[0\].ports\[0\]: unknown protocol "ICMP"/);
    for (const r of [missing, broken, policy]) expect(r.err).not.toMatch(/\n\s+at /);
  });

  describe('reads manifests through the same loader as audit', () => {
    let tmp: string;
    beforeEach(() => { tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'graph-')); });
    afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

    test('"-" reads standard input, and YAML 1.1 numbers are read as kubectl reads them (0x2328 is port 9000)', async () => {
      const policies = fs.readFileSync(path.join(SHOP, 'policies.json'), 'utf8');
      fs.writeFileSync(path.join(tmp, 'policies.json'), policies);
      const { code, out, err } = await graphWithStdin(SHOP_YAML_11, '-', path.join(tmp, 'policies.json'), '--format', 'json');
      expect(err).toBe('');
      expect(code).toBe(0);
      expect(JSON.parse(out).flows).toContainEqual({ from: 'shop/web', to: 'shop/api', protocol: 'TCP', port: 9000 });
    });

    test('fails with exit code 2 on an input above --max-file-size, and draws no partial graph', async () => {
      const { code, out, err } = await graph(SHOP, '--max-file-size', '100');
      expect(code).toBe(2);
      expect(out).toBe('');
      expect(err).toMatch(/namespace\.yaml: is \d+ bytes, larger than the limit of 100 bytes/);
    });

    test('does not follow a symbolic link to a directory (a loop would never end)', async () => {
      fs.copyFileSync(path.join(SHOP, 'namespace.yaml'), path.join(tmp, 'namespace.yaml'));
      fs.symlinkSync(tmp, path.join(tmp, 'loop.yaml'));
      const { code, err } = await graph(tmp, '--format', 'json');
      expect(code).toBe(0);
      expect(err).toMatch(/loop\.yaml: skipped: a symbolic link to a directory \(not followed\)/);
    });

    test('escapes control characters from names in the table and the flowchart', async () => {
      const evil = SHOP_YAML_11.replace('name: web\n', 'name: "web\\e[2J\\rforged"\n');
      const table = await graphWithStdin(evil, '-');
      expect(table.code).toBe(0);
      expect(table.out).toContain('web\\x1b[2J\\rforged');
      expect(table.out).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
      const mermaid = await graphWithStdin(evil, '-', '--format', 'mermaid');
      expect(mermaid.out).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
    });

    test('fails with exit code 2 on a duplicate key, as the loader refuses it everywhere', async () => {
      const { code, err } = await graphWithStdin('apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\nkind: Secret\n', '-');
      expect(code).toBe(2);
      expect(err).toMatch(/<stdin>:4: document 1: duplicate key "kind"/);
    });
  });
});
