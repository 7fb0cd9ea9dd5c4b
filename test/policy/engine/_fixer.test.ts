// SPDX-License-Identifier: Apache-2.0
import { _cloneJson, _fixableRules, _fixObject } from '../../../src/policy/engine/_fixer';
import { Checker } from '../../../src/policy/engine/checker';
import { RulePacks } from '../../../src/policy/packs/rule-packs';

const RULES = _fixableRules(RulePacks.all());
const DIGEST = `sha256:${'c'.repeat(64)}`;

/** The findings of the fixable rules on one object (the fixes must leave none that they can fix). */
function fixableFindings(obj: any): string[] {
  const ids = new Set(RULES.map(r => r.metadata.id));
  return new Checker({ packs: RulePacks.all() }).check([obj]).findings
    .filter(f => ids.has(f.ruleId) && f.ruleId !== 'HARDEN-WL-002' && f.ruleId !== 'HARDEN-PSS-015')
    .map(f => `${f.ruleId} ${f.path}`);
}

function argoWorkflow(spec: any = {}): any {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Workflow',
    metadata: { name: 'build', namespace: 'ci' },
    spec: {
      entrypoint: 'compile',
      ...spec,
      templates: [
        { name: 'compile', container: { name: 'compile', image: `ghcr.io/acme/compile@${DIGEST}` } },
        { name: 'test', script: { name: 'test', image: `ghcr.io/acme/test@${DIGEST}`, source: 'make test' }, sidecars: [{ name: 'db', image: `ghcr.io/acme/db@${DIGEST}` }] },
      ],
    },
  };
}

describe('_fixObject', () => {
  test('fixes every pod spec of an object, not only the first (Argo Workflow with two templates)', () => {
    const obj = argoWorkflow();
    const before = fixableFindings(obj);
    expect(before.some(f => f.includes('/spec/templates/1/'))).toBe(true);
    const applied = _fixObject(obj, RULES, {});
    const [compile, test] = obj.spec.templates;
    for (const c of [compile.container, test.script, test.sidecars[0]]) {
      expect(c.securityContext.allowPrivilegeEscalation).toBe(false);
      expect(c.securityContext.capabilities.drop).toEqual(['ALL']);
      expect(c.securityContext.readOnlyRootFilesystem).toBe(true);
    }
    for (const t of [compile, test]) {
      expect(t.securityContext.seccompProfile).toEqual({ type: 'RuntimeDefault' });
      expect(t.securityContext.runAsNonRoot).toBe(true);
      expect(t.automountServiceAccountToken).toBe(false);
    }
    expect(applied.map(a => a.path)).toEqual(expect.arrayContaining([
      '/spec/templates/1/securityContext/seccompProfile',
      '/spec/templates/1/automountServiceAccountToken',
      '/spec/templates/1/sidecars/0/securityContext/capabilities/drop',
    ]));
    expect(fixableFindings(obj)).toEqual([]);
  });

  test('fixes a pod-level field a template inherits where it is set (the Workflow spec), never replacing it', () => {
    const obj = argoWorkflow({ securityContext: { runAsUser: 1000 } });
    const applied = _fixObject(obj, RULES, {});
    expect(obj.spec.securityContext).toEqual({ runAsUser: 1000, runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
    for (const t of obj.spec.templates) expect(t.securityContext).toBeUndefined();
    expect(applied.filter(a => a.path.startsWith('/spec/securityContext')).map(a => a.path)).toEqual([
      '/spec/securityContext/runAsNonRoot', '/spec/securityContext/seccompProfile',
    ]);
    expect(fixableFindings(obj)).toEqual([]);
  });

  test('fixes every container of a Tekton Task but adds no pod-level field and mounts no volume it cannot declare (the run decides those)', () => {
    const obj: any = {
      apiVersion: 'tekton.dev/v1',
      kind: 'Task',
      metadata: { name: 'build', namespace: 'ci' },
      spec: {
        steps: [{ name: 'a', image: `ghcr.io/acme/a@${DIGEST}` }, { name: 'b', image: `ghcr.io/acme/b@${DIGEST}` }],
        sidecars: [{ name: 's', image: `ghcr.io/acme/s@${DIGEST}` }],
      },
    };
    const original = _cloneJson(obj);
    _fixObject(obj, RULES, {});
    for (const c of [...obj.spec.steps, ...obj.spec.sidecars]) {
      expect(c.securityContext.allowPrivilegeEscalation).toBe(false);
      expect(c.securityContext.capabilities.drop).toEqual(['ALL']);
      // A writable mount would need a volume in the Task's (absent) list: the read-only root filesystem stays a finding.
      expect(c.volumeMounts).toBeUndefined();
      expect(c.securityContext.readOnlyRootFilesystem).toBeUndefined();
    }
    expect(Object.keys(obj.spec).sort()).toEqual(Object.keys(original.spec).sort());
  });
});
