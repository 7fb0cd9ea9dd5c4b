// SPDX-License-Identifier: Apache-2.0
/**
 * Runs the real `bin/cdk8s-hardened` as a subprocess (it needs `lib/`, built by `projen compile`).
 * The rule packs are whatever the package registers; these cases rely only on engine checks.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.join(__dirname, '..', '..');
const BIN = path.join(ROOT, 'bin', 'cdk8s-hardened');
const built = fs.existsSync(path.join(ROOT, 'lib', 'cli', 'main.js'));

function cli(args: string[], input?: string) {
  return spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, input, encoding: 'utf8' });
}

(built ? describe : describe.skip)('bin/cdk8s-hardened (subprocess)', () => {
  test('exits 2 with a message and no stack trace on a missing file', () => {
    const r = cli(['audit', 'test/fixtures/cli/does-not-exist.yaml']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/does-not-exist\.yaml: cannot be read: no such file or directory/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  test('exits 1 with JSON findings on an invalid suppression annotation read from stdin', () => {
    const r = cli(['audit', '-', '--format', 'json'], fs.readFileSync(path.join(ROOT, 'test/fixtures/cli/invalid-suppression.yaml'), 'utf8'));
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout).findings.map((f: any) => `${f.file}:${f.line} ${f.ruleId}`)).toContain('<stdin>:6 HARDEN-ENGINE-001');
  });

  test('exits 2 on malformed YAML with file and line', () => {
    const r = cli(['audit', 'test/fixtures/cli/malformed.yaml', '--severity', 'error']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/malformed\.yaml:\d+: malformed YAML in document 2/);
  });

  test('exits 0 with --help', () => {
    const r = cli(['audit', '--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Exit codes:/);
  });

  test('fix --dry-run prints a unified diff of typical Helm output and writes nothing', () => {
    const before = fs.readFileSync(path.join(ROOT, 'test/fixtures/cli/fix/helm-output.yaml'), 'utf8');
    const r = cli(['fix', '--dry-run', '--run-as-user', '10001', '--pack', 'PodSecurityRestricted', 'test/fixtures/cli/fix/helm-output.yaml']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^--- a\/test\/fixtures\/cli\/fix\/helm-output\.yaml\n\+\+\+ b\//);
    expect(r.stdout).toContain('+            runAsUser: 10001');
    expect(fs.readFileSync(path.join(ROOT, 'test/fixtures/cli/fix/helm-output.yaml'), 'utf8')).toBe(before);
  });

  test('fix exits 2 with a message and no stack trace on a missing file', () => {
    const r = cli(['fix', '--dry-run', 'test/fixtures/cli/does-not-exist.yaml']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/does-not-exist\.yaml: cannot be read: no such file or directory/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  test('stops quietly when the reader closes the pipe early (| head)', () => {
    const r = spawnSync('/bin/sh', ['-c', `"${process.execPath}" "${BIN}" audit --format sarif test/fixtures/manifests | head -c 20`], { cwd: ROOT, encoding: 'utf8' });
    expect(r.stdout).toHaveLength(20);
    expect(r.stderr).not.toMatch(/EPIPE|\n\s+at /);
  });
});
