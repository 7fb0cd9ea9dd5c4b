// SPDX-License-Identifier: Apache-2.0
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { run } from '../../src/cli/main';
import { _parseConfig } from '../../src/policy/integrations/_config';

let tmp: string;
beforeAll(() => { tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-hardened-init-')); });
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

async function init(cwd: string, args: string[] = []) {
  let stdout = '';
  let stderr = '';
  const code = await run(['init', ...args], { stdout: s => { stdout += s; }, stderr: s => { stderr += s; }, readStdin: async () => '', cwd: () => cwd });
  return { code, stdout, stderr };
}

const VERSION = JSON.parse(fs.readFileSync('package.json', 'utf8')).version;

describe('cdk8s-hardened init', () => {
  test('adds the validation entry (keeping comments) and writes a valid starter config; a second run changes nothing', async () => {
    const app = path.join(tmp, 'app');
    fs.mkdirSync(app);
    fs.writeFileSync(path.join(app, 'cdk8s.yaml'), '# my app\nlanguage: typescript\napp: npx ts-node main.ts\nimports:\n  - k8s\n');
    const r = await init(app);
    expect(r.code).toBe(0);
    const yaml = fs.readFileSync(path.join(app, 'cdk8s.yaml'), 'utf8');
    expect(yaml).toBe(`# my app\nlanguage: typescript\napp: npx ts-node main.ts\nimports:\n  - k8s\nvalidations:\n  - package: ./node_modules/cdk8s-hardened\n    version: ${VERSION}\n    class: SecurityValidation\n    properties:\n      failOn: error\n`);
    const config = fs.readFileSync(path.join(app, '.cdk8s-hardened.yaml'), 'utf8');
    expect(_parseConfig(config, '.cdk8s-hardened.yaml')).toEqual({ file: '.cdk8s-hardened.yaml', rules: {}, exemptions: [], exclude: [] });
    // Every commented example in the starter is itself valid once uncommented.
    const uncommented = config.split('\n').filter(l => !l.startsWith('##')).map(l => l.replace(/^# /, '')).join('\n');
    expect(_parseConfig(uncommented, 'uncommented').trustedRegistries).toEqual(['ghcr.io/acme/']);
    expect(r.stderr).toMatch(/node_modules\/cdk8s-hardened\/package\.json not found/);

    const again = await init(app);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/a SecurityValidation entry exists, left as is/);
    expect(fs.readFileSync(path.join(app, 'cdk8s.yaml'), 'utf8')).toBe(yaml);
  });

  test('appends to an existing validations list', async () => {
    const app = path.join(tmp, 'other');
    fs.mkdirSync(app);
    fs.writeFileSync(path.join(app, 'cdk8s.yaml'), 'app: node main.js\nvalidations:\n  - package: other\n    version: 1.0.0\n    class: Other\n');
    expect((await init(app)).code).toBe(0);
    expect(fs.readFileSync(path.join(app, 'cdk8s.yaml'), 'utf8')).toMatch(/class: Other\n  - package: \.\/node_modules\/cdk8s-hardened\n/);
  });

  test('fails (exit 2) outside a cdk8s app, and on an unknown argument', async () => {
    const r = await init(tmp);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cdk8s\.yaml not found: run init in a cdk8s app/);
    expect((await init(tmp, ['--force'])).code).toBe(2);
  });
});
