// SPDX-License-Identifier: Apache-2.0
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Checker } from '../../../src/policy/engine/checker';
import { _findFiles, _loadBytes, _loadFile, _loadText } from '../../../src/policy/integrations/_manifest-loader';
import { RulePacks } from '../../../src/policy/packs/rule-packs';
import { ContainerDoesNotRunAsRootUser } from '../../../src/policy/rules/pod-security/container-does-not-run-as-root-user';
import { ContainerIsNotPrivileged } from '../../../src/policy/rules/pod-security/container-is-not-privileged';
import { PodSharesNoHostNamespaces } from '../../../src/policy/rules/pod-security/pod-shares-no-host-namespaces';

const load = (text: string) => _loadText(text, 'f.yaml');

describe('manifest loader', () => {
  test('reads YAML 1.1 like kubectl: on/yes are booleans, 0644 is octal, << merges', () => {
    const { targets, problems } = load([
      'apiVersion: v1',
      'kind: Pod',
      'metadata: {name: p}',
      'x-defaults: &sc {privileged: on}',
      'spec:',
      '  containers:',
      '    - name: a',
      '      securityContext:',
      '        <<: *sc',
      '        allowPrivilegeEscalation: yes',
      '  volumes:',
      '    - name: v',
      '      secret: {secretName: s, defaultMode: 0644}',
    ].join('\n'));
    expect(problems).toEqual([]);
    const pod = targets[0].object;
    expect(pod.spec.containers[0].securityContext).toEqual({ privileged: true, allowPrivilegeEscalation: true });
    expect(pod.spec.volumes[0].secret.defaultMode).toBe(420);
  });

  test('resolves a JSON pointer to the line of the field, or of the closest existing parent', () => {
    const { targets } = load('---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: a\n      image: x\n');
    expect(targets[0].locate!('/spec/containers/0/image')).toBe(9);
    expect(targets[0].locate!('/spec/containers/0/securityContext/runAsNonRoot')).toBe(8);
    expect(targets[0].locate!('/metadata/name')).toBe(5);
    expect(targets[0].locate!('')).toBe(2);
  });

  test('keeps lines right for an indented document that starts after "---" on the same line', () => {
    const { targets, problems } = load('--- {apiVersion: v1, kind: ConfigMap,\n  metadata: {name: c}}\n---\n  apiVersion: v1\n  kind: Secret\n  metadata:\n    name: s\n');
    expect(problems).toEqual([]);
    expect(targets.map(t => t.locate!('/metadata/name'))).toEqual([2, 7]);
  });

  test('fails duplicate keys (the API server and a checker could read different values)', () => {
    const { problems } = load('apiVersion: v1\nkind: Pod\nkind: Secret\n');
    expect(problems).toEqual([expect.objectContaining({ line: 3, message: expect.stringMatching(/document 1: duplicate key "kind"/) })]);
  });

  test('fails alias bombs instead of expanding them', () => {
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 8; i++) lines.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill('*' + String.fromCharCode(96 + i)).join(', ')}]`);
    const { problems } = load(['apiVersion: v1', 'kind: ConfigMap', ...lines].join('\n'));
    expect(problems).toEqual([expect.objectContaining({ message: expect.stringMatching(/document 1: excessive aliasing/) })]);
  });

  test('skips empty documents and notes a text without objects', () => {
    expect(load('---\n# only a comment\n---\n').notes).toEqual([{ file: 'f.yaml', message: 'contains no Kubernetes objects' }]);
  });

  test('fails absurdly deep nesting as unusable input instead of crashing', () => {
    const { problems, targets } = load('apiVersion: v1\nkind: ConfigMap\ndata: ' + '['.repeat(200000));
    expect(targets).toEqual([]);
    expect(problems[0]).toEqual(expect.objectContaining({ file: 'f.yaml', message: expect.stringMatching(/YAML/) }));
  });

  test('strips a byte order mark', () => {
    expect(load('\ufeffapiVersion: v1\nkind: ConfigMap\n').targets).toHaveLength(1);
  });
});

describe('manifest loader reads what kubectl reads (issue 11)', () => {
  const findings = (text: string) => {
    const { targets, problems } = load(text);
    expect(problems).toEqual([]);
    return new Checker({ packs: RulePacks.all() })._checkTargets(targets).findings.map(f => `${f.ruleId} ${f.path}`);
  };
  const pod = (spec: string[]) => ['apiVersion: v1', 'kind: Pod', 'metadata: {name: p, namespace: n}', 'spec:', ...spec.map(l => `  ${l}`)].join('\n');

  test.each([
    ['U+2028', '\u2028'],
    ['U+2029', '\u2029'],
    ['U+0085', '\u0085'],
  ])('reads text after %s in a comment as keys, as go-yaml does (hostPID: true is found)', (_name, separator) => {
    const text = pod([`# harmless comment${separator}  hostPID: true`, 'containers: [{name: a, image: x}]']);
    expect(load(text).targets[0].object.spec.hostPID).toBe(true);
    expect(findings(text)).toContain(`${PodSharesNoHostNamespaces.ID} /spec/hostPID`);
  });

  test('applies a "<<" merge that comes after an explicit key in document order (the merged privileged: true wins)', () => {
    const text = pod([
      'containers:',
      '  - name: a',
      '    image: x',
      '    securityContext:',
      '      privileged: false',
      '      <<: {privileged: true}',
    ]);
    expect(load(text).targets[0].object.spec.containers[0].securityContext.privileged).toBe(true);
    expect(findings(text)).toContain(`${ContainerIsNotPrivileged.ID} /spec/containers/0/securityContext/privileged`);
  });

  test('reads YAML 1.1 numbers as go-yaml v2: runAsUser 0o0 is UID 0, containerPort 0443 is 291, 0x1F is 31, 1_000 is 1000', () => {
    const text = pod(['securityContext: {runAsUser: 0o0}', 'containers: [{name: a, image: x, ports: [{containerPort: 0443, hostPort: 0x1F}], x: 1_000}]']);
    const p = load(text).targets[0].object;
    const c = p.spec.containers[0];
    expect([p.spec.securityContext.runAsUser, c.ports[0].containerPort, c.ports[0].hostPort, c.x]).toEqual([0, 291, 31, 1000]);
    expect(findings(text)).toContain(`${ContainerDoesNotRunAsRootUser.ID} /spec/securityContext/runAsUser`);
  });

  test('refuses a kind: List whose items is not a sequence, naming the line', () => {
    const { targets, problems } = load('apiVersion: v1\nkind: List\nitems:\n  a: {apiVersion: v1, kind: Pod}\n');
    expect(targets).toEqual([]);
    expect(problems).toEqual([{ file: 'f.yaml', line: 3, message: 'document 1 is a List whose "items" is not a sequence (kubectl refuses it)' }]);
  });

  test('decodes UTF-16 with a byte order mark, and refuses it without one', () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n';
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    expect(_loadBytes(le, 'f.yaml', 1000).targets.map(t => t.object.metadata.name)).toEqual(['c']);
    const noBom = _loadBytes(Buffer.from(text, 'utf16le'), 'f.yaml', 1000);
    expect(noBom.problems).toEqual([expect.objectContaining({ message: expect.stringMatching(/control character U\+0000 .*UTF-16 without a byte order mark/) })]);
  });

  test('reads CR-only line endings as line breaks, as go-yaml does', () => {
    expect(load('apiVersion: v1\rkind: Pod\rmetadata:\r  name: p\rspec:\r  hostPID: true\r').targets[0].object.spec).toEqual({ hostPID: true });
  });

  test('refuses invalid UTF-8 and control characters instead of replacing them', () => {
    expect(_loadBytes(Buffer.from([0x61, 0x3a, 0x20, 0xff, 0x0a]), 'f.yaml', 1000).problems).toEqual([
      { file: 'f.yaml', message: 'is not valid UTF-8 text (kubectl refuses it too); save it as UTF-8' },
    ]);
    expect(load('apiVersion: v1\nkind: Pod\nmetadata: {name: "a\u001bb"}\n').problems).toEqual([expect.objectContaining({ line: 3, message: expect.stringMatching(/control character U\+001B/) })]);
  });

  test('refuses .inf and .nan values, which JSON (and so kubectl) cannot carry', () => {
    expect(load('apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {terminationGracePeriodSeconds: .inf}\n').problems).toEqual([
      expect.objectContaining({ line: 4, message: expect.stringMatching(/Infinity is not a number JSON can carry/) }),
    ]);
  });
});

describe('manifest loader files', () => {
  let tmp: string;
  beforeEach(() => { tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'loader-')); });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  test('walks a directory in code-point order: reads symbolic links to files, skips named pipes and links to directories with a note', () => {
    fs.mkdirSync(path.join(tmp, 'sub'));
    fs.writeFileSync(path.join(tmp, 'sub', 'b.yaml'), 'apiVersion: v1\nkind: ConfigMap\n');
    fs.writeFileSync(path.join(tmp, 'Z.yml'), 'apiVersion: v1\nkind: ConfigMap\n');
    fs.symlinkSync(path.join(tmp, 'Z.yml'), path.join(tmp, 'link.yaml'));
    fs.symlinkSync(path.join(tmp, 'sub'), path.join(tmp, 'dir.yaml'));
    execFileSync('mkfifo', [path.join(tmp, 'pipe.yaml')]);
    const found = _findFiles('.', tmp);
    expect(found.files.map(f => f.displayName)).toEqual(['Z.yml', 'link.yaml', 'sub/b.yaml']);
    expect(found.notes).toEqual([
      { file: 'dir.yaml', message: 'skipped: a symbolic link to a directory (not followed)' },
      { file: 'pipe.yaml', message: 'skipped: not a regular file (give a named pipe or device explicitly)' },
    ]);
    expect(found.problems).toEqual([]);
  });

  test('refuses a file above the cap before reading it, and names its size', () => {
    fs.writeFileSync(path.join(tmp, 'big.yaml'), `apiVersion: v1\nkind: ConfigMap\ndata: {a: "${'x'.repeat(100)}"}\n`);
    expect(_loadFile(path.join(tmp, 'big.yaml'), 'big.yaml', 50).problems).toEqual([
      { file: 'big.yaml', message: 'is 145 bytes, larger than the limit of 50 bytes; split it into smaller files or raise --max-file-size' },
    ]);
  });

  test('returns the decoded text with the objects (UTF-16 decoded), for commands that edit it', () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\n';
    fs.writeFileSync(path.join(tmp, 'u16.yaml'), Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]));
    const loaded = _loadFile(path.join(tmp, 'u16.yaml'), 'u16.yaml', 1000);
    expect(loaded.problems).toEqual([]);
    expect(loaded.text).toBe(text);
  });
});
