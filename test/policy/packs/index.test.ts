// SPDX-License-Identifier: Apache-2.0
import { RulePacks } from '../../../src/policy/engine/rule-packs';

/**
 * The exact rule ids of every built-in pack, in pack order. ONE LINE PER PACK:
 *   PodSecurityBaseline: ['HARDEN-PSS-001', ...],
 * A rule added to or removed from a pack must show up here in review.
 */
const EXPECTED: Record<string, string[]> = {
};

describe('built-in packs', () => {
  test('each pack has exactly the pinned rule ids', () => {
    const actual = Object.fromEntries(RulePacks.builtIn().map(p => [p.name, p.entries.map(e => e.rule.metadata.id)]));
    expect(actual).toEqual(EXPECTED);
  });

  test('no pack lists a rule twice', () => {
    for (const p of RulePacks.builtIn()) {
      const ids = p.entries.map(e => e.rule.metadata.id);
      expect({ pack: p.name, duplicates: ids.filter((id, i) => ids.indexOf(id) !== i) }).toEqual({ pack: p.name, duplicates: [] });
    }
  });
});
