// SPDX-License-Identifier: Apache-2.0
import { _loadText } from '../../../src/policy/integrations/_manifest-loader';

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
    expect(problems).toEqual([expect.objectContaining({ line: 3, message: expect.stringMatching(/malformed YAML in document 1/) })]);
  });

  test('fails alias bombs instead of expanding them', () => {
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 8; i++) lines.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill('*' + String.fromCharCode(96 + i)).join(', ')}]`);
    const { problems } = load(['apiVersion: v1', 'kind: ConfigMap', ...lines].join('\n'));
    expect(problems).toEqual([expect.objectContaining({ message: expect.stringMatching(/unusable YAML in document 1: .*alias/i) })]);
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
