// SPDX-License-Identifier: Apache-2.0
import { Testing } from 'cdk8s';
import { AdmissionGuardrails, Checker, IRule, RuleContext, RuleViolation, Severity, TrustedRegistriesPack } from '../../../src';
import { _resolveRules } from '../../../src/policy/engine/_resolve-rules';
import { ContainerImageIsFromTrustedRegistry } from '../../../src/policy/rules/workload/container-image-is-from-trusted-registry';
import { evaluatePolicy } from '../admission/cel-evaluator';

const pod = (image: string) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p', namespace: 'team-a' },
  spec: { containers: [{ name: 'app', image }] },
});

describe('_resolveRules', () => {
  test('several instances of HARDEN-WL-010 resolve to one that trusts every pack\'s prefixes', () => {
    const resolved = _resolveRules([new TrustedRegistriesPack(['quay.io/acme/']), new TrustedRegistriesPack(['ghcr.io/acme/'])], 'test');
    expect(resolved).toHaveLength(1);
    expect((resolved[0].rule as ContainerImageIsFromTrustedRegistry).registries).toEqual(['ghcr.io/acme/', 'quay.io/acme/']);
    expect(resolved[0].packs).toEqual(['TrustedRegistries']);
  });

  test('a pack built without prefixes adds none (the rule still checks the other pack\'s)', () => {
    const resolved = _resolveRules([new TrustedRegistriesPack(), new TrustedRegistriesPack(['ghcr.io/acme/'])], 'test');
    expect((resolved[0].rule as ContainerImageIsFromTrustedRegistry).registries).toEqual(['ghcr.io/acme/']);
  });

  test('with two trusted-registry packs, the checker and the generated CEL agree on every image (regression)', () => {
    const packs = [new TrustedRegistriesPack(['quay.io/acme/']), new TrustedRegistriesPack(['ghcr.io/acme/'])];
    const checker = new Checker({ packs });
    const chart = Testing.chart();
    new AdmissionGuardrails(chart, 'g', { packs });
    const policy = Testing.synth(chart).find(o => o.kind === 'ValidatingAdmissionPolicy' && o.metadata.name === 'hardened-harden-wl-010');
    const verdicts = ['quay.io/acme/web:1', 'ghcr.io/acme/web:1', 'docker.io/acme/web:1', 'ghcr.io/acme-evil/web:1'].map(image => ({
      image,
      checker: checker.check([pod(image)]).findings.filter(f => f.ruleId === ContainerImageIsFromTrustedRegistry.ID && !f.suppressed).length === 0,
      cel: evaluatePolicy(policy, pod(image)).allowed,
    }));
    expect(verdicts.filter(v => v.checker !== v.cel)).toEqual([]);
    expect(verdicts.map(v => v.checker)).toEqual([true, true, false, false]);
  });

  test('a rule without a merge keeps the first instance (same id and name, e.g. the same rule class in two packs)', () => {
    class Probe implements IRule {
      public readonly metadata = {
        id: 'TEST-MERGE-001', name: 'Probe', rationale: 'r', remediation: 'r', references: [], defaultSeverity: Severity.INFO,
      };
      public check(_obj: any, _context: RuleContext): RuleViolation[] {
        return [];
      }
    }
    const first = new Probe();
    const resolved = _resolveRules([{ name: 'A', entries: [{ rule: first }] }, { name: 'B', entries: [{ rule: new Probe(), severity: Severity.ERROR }] }], 'test');
    expect(resolved[0].rule).toBe(first);
    expect(resolved[0].severity).toBe(Severity.ERROR);
  });
});
