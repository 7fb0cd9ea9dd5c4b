// SPDX-License-Identifier: Apache-2.0
/**
 * Runs the real `bin/cdk8s-hardened` as a subprocess (it needs `lib/`, built by `projen compile`).
 * The rule packs are whatever the package registers; these cases rely only on engine checks.
 */
import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
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

  test('says in one line, and exits 2, when the reader closes the pipe before the report is complete (| head)', () => {
    const pipeline = `set -o pipefail; "${process.execPath}" "${BIN}" audit --format sarif test/fixtures/manifests | head -c 20; echo "rc=$?" >&2`;
    const r = spawnSync('/bin/bash', ['-c', pipeline], { cwd: ROOT, encoding: 'utf8' });
    expect(r.stdout).toHaveLength(20);
    expect(r.stderr).not.toMatch(/EPIPE|\n\s+at /);
    expect(r.stderr).toMatch(/^cdk8s-hardened: cannot write to standard output: the reader closed it before the report was complete \(exit 2\)\nrc=2\n$/);
  });

  test('exits 2 with one error line, not a stack trace or exit 1, when stdout cannot be written (> /dev/full)', () => {
    const full = fs.openSync('/dev/full', 'w');
    try {
      const r = spawnSync(process.execPath, [BIN, 'audit', 'test/fixtures/cli/good', '--pack', 'PodSecurityBaseline'], { cwd: ROOT, stdio: ['ignore', full, 'pipe'], encoding: 'utf8' });
      expect(r.stderr).toBe('cdk8s-hardened: cannot write to standard output: ENOSPC: no space left on device (exit 2)\n');
      expect(r.status).toBe(2);
    } finally {
      fs.closeSync(full);
    }
  });

  test('stops reading /dev/zero at --max-file-size (exit 2) and keeps the findings of the other inputs', () => {
    const r = cli(['audit', 'test/fixtures/cli/invalid-suppression.yaml', '/dev/zero', '--max-file-size', '1M', '--format', 'json']);
    expect(r.status).toBe(2);
    const doc = JSON.parse(r.stdout);
    expect(doc.findings.map((f: any) => f.ruleId)).toContain('HARDEN-ENGINE-001');
    expect(doc.inputErrors).toEqual([{ file: '/dev/zero', line: null, message: expect.stringMatching(/^is larger than the limit of 1048576 bytes.*\(reading stopped there\)$/) }]);
  });

  test('stops reading an endless stdin at --max-file-size (yes | audit -) with exit 2', () => {
    const r = spawnSync('/bin/sh', ['-c', `yes | "${process.execPath}" "${BIN}" audit - --max-file-size 1M; echo "rc=$?" >&2`], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 });
    expect(r.stderr).toMatch(/<stdin>: is larger than the limit of 1048576 bytes/);
    expect(r.stderr).toMatch(/rc=2\n$/);
  });

  test('says it is waiting on a named pipe nobody writes to, then reads it once written', async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'audit-fifo-'));
    try {
      const fifo = path.join(tmp, 'in.yaml');
      spawnSync('mkfifo', [fifo]);
      const child = spawn(process.execPath, [BIN, 'audit', fifo, '--format', 'json'], { cwd: ROOT });
      let stderr = '';
      let stdout = '';
      child.stdout.on('data', d => { stdout += d; });
      const waiting = new Promise<void>(resolve => child.stderr.on('data', d => {
        stderr += d;
        if (/waiting for data/.test(stderr)) resolve();
      }));
      const exited = new Promise<number | null>(resolve => child.on('close', code => resolve(code)));
      await waiting;
      expect(stderr).toMatch(/in\.yaml: waiting for data \(it is a named pipe; nothing has been written to it yet\)/);
      fs.writeFileSync(fifo, fs.readFileSync(path.join(ROOT, 'test/fixtures/cli/invalid-suppression.yaml')));
      expect(await exited).toBe(1);
      expect(JSON.parse(stdout).findings.map((f: any) => f.ruleId)).toContain('HARDEN-ENGINE-001');
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  }, 20_000);
});
