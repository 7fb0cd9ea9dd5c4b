// SPDX-License-Identifier: Apache-2.0
import { FixtureLaxPack, FixtureStrictPack } from './fixtures';
import { RulePacks } from '../../../src/policy/engine/rule-packs';

// Built-in packs are discovered from the packs barrel; replace it here with a known set.
jest.mock('../../../src/policy/packs', () => {
  const f = jest.requireActual('./fixtures');
  return {
    FixtureStrictPack: f.FixtureStrictPack,
    NotAPackClass: class { public readonly value = 1; },
    NeedsArguments: class { constructor(public readonly name: string) {} },
    Throws: class { constructor() { throw new Error('no'); } },
    SOME_CONST: 42,
  };
});

describe('RulePacks', () => {
  test('discovers built-in packs from the packs barrel: classes whose zero-argument instances are packs', () => {
    expect(RulePacks.builtIn().map(p => p.name)).toEqual(['FixtureStrict']);
  });

  test('all() adds registered packs, sorted by name; a registered name replaces the earlier pack', () => {
    RulePacks.register(new FixtureLaxPack());
    const replacement = { name: 'FixtureLax', entries: [] };
    RulePacks.register(replacement);
    expect(RulePacks.names()).toEqual(['FixtureLax', 'FixtureStrict']);
    expect(RulePacks.byName('FixtureLax')).toBe(replacement);
  });

  test('rules() and knownRuleIds() list each rule once, sorted by id', () => {
    RulePacks.register(new FixtureLaxPack());
    expect(RulePacks.knownRuleIds()).toEqual(['TEST-NET-001', 'TEST-POD-001', 'TEST-POD-002']);
    expect(RulePacks.rules().map(r => r.metadata.name)).toEqual(['FixtureNamespaceHasNetworkPolicy', 'FixtureRunsAsNonRoot', 'FixtureImageNotLatest']);
  });

  test('throws on an unknown pack name, listing the registered ones', () => {
    expect(() => RulePacks.byName('Nope')).toThrow(/Unknown rule pack "Nope". Registered packs: FixtureLax, FixtureStrict/);
  });

  test('throws when registering something that is not a pack', () => {
    expect(() => RulePacks.register({ name: '', entries: [] })).toThrow(/is not a rule pack/);
  });

  void FixtureStrictPack;
});
