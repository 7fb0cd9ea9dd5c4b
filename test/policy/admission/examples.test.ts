// SPDX-License-Identifier: Apache-2.0
/**
 * Issue 6, done when: the AdmissionGuardrails of every pack, evaluated the way the API server evaluates them,
 * (a) admit every object the examples synthesize in a namespace the bindings select, and (b) reject every
 * non-compliant fixture of every rule they enforce, by that rule's policy, with a message that starts with its id.
 */
import { Testing } from 'cdk8s';
import { bindingSelects, evaluatePolicy } from './cel-evaluator';
import { MultiTenantChart } from '../../../examples/multi-tenant/main';
import { SecureRegistryChart } from '../../../examples/secure-registry/main';
import { AdmissionGuardrails, RulePacks, WellKnownLabels } from '../../../src';
import { synthValid } from '../../util';
import { FIXTURE_TRUSTED_REGISTRIES, loadFixtures } from '../rules/_fixtures';

interface Policy {
  readonly ruleId: string;
  readonly policy: any;
  readonly binding: any;
}

/** The generated policies with their bindings, one per enforced rule. */
function guardrails(trustedRegistries?: string[]): { guardrails: AdmissionGuardrails; policies: Policy[] } {
  const chart = Testing.chart();
  const g = new AdmissionGuardrails(chart, 'guardrails', { packs: RulePacks.all(), trustedRegistries });
  const objects = Testing.synth(chart);
  const policies = objects.filter(o => o.kind === 'ValidatingAdmissionPolicy').map(policy => ({
    ruleId: policy.spec.validations[0].message.split(' ')[0],
    policy,
    binding: objects.find(o => o.kind === 'ValidatingAdmissionPolicyBinding' && o.spec.policyName === policy.metadata.name),
  }));
  return { guardrails: g, policies };
}

const EXAMPLES: Array<[string, () => any[]]> = [
  ['multi-tenant', () => synthValid(new MultiTenantChart(Testing.app(), 'multi-tenant'))],
  ['secure-registry', () => synthValid(new SecureRegistryChart(Testing.app(), 'secure-registry'))],
];

describe('AdmissionGuardrails of every pack', () => {
  const { guardrails: all, policies } = guardrails();

  test('every enforced rule has exactly one policy and one binding', () => {
    expect(policies.map(p => p.ruleId)).toEqual(all.enforcedRules);
    for (const p of policies) expect([p.ruleId, p.binding?.spec.policyName]).toEqual([p.ruleId, p.policy.metadata.name]);
  });

  describe.each(EXAMPLES)('examples/%s', (_name, synth) => {
    const objects = synth();

    test('every object in a selected namespace is admitted by every policy', () => {
      const rejected: string[] = [];
      let evaluated = 0;
      for (const obj of objects) {
        for (const p of policies) {
          if (!bindingSelects(p.binding, obj, objects)) continue;
          const verdict = evaluatePolicy(p.policy, obj);
          if (verdict.applies) evaluated++;
          if (!verdict.allowed) rejected.push(`${obj.kind} ${obj.metadata.namespace ?? ''}/${obj.metadata.name}: ${verdict.messages.join('; ')}`);
        }
      }
      expect(rejected).toEqual([]);
      expect(evaluated).toBeGreaterThan(0);
    });
  });

  test('examples/secure-registry: the tag-only Harbor workloads are admitted only because HARDEN-WL-004\'s policy skips their suppression', () => {
    const objects = synthValid(new SecureRegistryChart(Testing.app(), 'secure-registry'));
    const wl004 = policies.find(p => p.ruleId === 'HARDEN-WL-004')!.policy;
    const withoutSuppressions = { ...wl004, spec: { ...wl004.spec, matchConditions: [] } };
    const suppressed = objects.filter(o => (o.metadata.annotations?.[WellKnownLabels.SUPPRESSIONS_ANNOTATION] ?? '').includes('"HARDEN-WL-004"'));
    const podBearing = suppressed.filter(o => evaluatePolicy(withoutSuppressions, o).applies);
    expect(podBearing.length).toBeGreaterThan(0);
    for (const o of podBearing) {
      expect([o.kind, o.metadata.name, evaluatePolicy(wl004, o).applies]).toEqual([o.kind, o.metadata.name, false]);
      expect([o.kind, o.metadata.name, evaluatePolicy(withoutSuppressions, o).allowed]).toEqual([o.kind, o.metadata.name, false]);
    }
  });
});

describe('AdmissionGuardrails of every pack, with the fixtures\' trusted registries', () => {
  const { guardrails: g, policies } = guardrails(FIXTURE_TRUSTED_REGISTRIES);
  const cases = g.enforcedRules.flatMap(id => loadFixtures(id).filter(f => f.outcome === 'non-compliant').map(f => [`${id}/${f.file}`, id, f.objects] as const));

  test('every enforced rule has non-compliant fixtures', () => {
    expect(g.enforcedRules.filter(id => !cases.some(c => c[1] === id))).toEqual([]);
  });

  test.each(cases)('%s is rejected by its rule\'s policy, with the rule id first in the message', (_name, id, objects) => {
    const p = policies.find(x => x.ruleId === id)!;
    const verdicts = objects.filter(o => bindingSelects(p.binding, o, objects)).map(o => evaluatePolicy(p.policy, o));
    const rejected = verdicts.filter(v => !v.allowed);
    expect(rejected.length).toBeGreaterThan(0);
    for (const v of rejected) {
      expect(v.messages.length).toBeGreaterThan(0);
      for (const m of v.messages) expect(m.startsWith(`${id} `)).toBe(true);
    }
  });
});
