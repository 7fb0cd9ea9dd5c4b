// SPDX-License-Identifier: Apache-2.0
import * as fs from 'fs';
import * as path from 'path';
import { HardenedWorkloadsPack } from '../../../src/policy/packs/hardened-workloads-pack';
import { PodSecurityRestrictedPack } from '../../../src/policy/packs/pod-security-restricted-pack';
import { RulePacks } from '../../../src/policy/packs/rule-packs';

describe('RulePacks', () => {
  test('lists the built-in packs as explicit instances, sorted by name', () => {
    expect(RulePacks.names()).toEqual([
      'HardenedWorkloads', 'LeastPrivilegeRbac', 'NetworkIsolation', 'PodSecurityBaseline',
      'PodSecurityRestricted', 'SecretsHygiene', 'TrustedRegistries',
    ]);
    expect(RulePacks.byName('PodSecurityRestricted')).toBe(RulePacks.POD_SECURITY_RESTRICTED);
    expect(RulePacks.POD_SECURITY_RESTRICTED).toBeInstanceOf(PodSecurityRestrictedPack);
    expect(RulePacks.HARDENED_WORKLOADS).toBeInstanceOf(HardenedWorkloadsPack);
    expect(RulePacks.all()[0]).toBe(RulePacks.HARDENED_WORKLOADS);
  });

  test('rules() and knownRuleIds() list each rule once, sorted by id', () => {
    const ids = RulePacks.knownRuleIds();
    expect(ids).toEqual([...new Set(ids)].sort());
    expect(ids).toContain('HARDEN-PSS-001');
    expect(RulePacks.rules().map(r => r.metadata.id)).toEqual(ids);
  });

  test('throws on an unknown pack name, listing the built-in ones', () => {
    expect(() => RulePacks.byName('Nope')).toThrow(/Unknown rule pack "Nope". Built-in packs: HardenedWorkloads, LeastPrivilegeRbac/);
  });

  test('has no global registry and no discovery: no register(), no require() in the engine or packs', () => {
    expect((RulePacks as any).register).toBeUndefined();
    const root = path.join(__dirname, '..', '..', '..', 'src', 'policy');
    for (const dir of ['engine', 'packs']) {
      for (const f of fs.readdirSync(path.join(root, dir)).filter(n => n.endsWith('.ts'))) {
        const text = fs.readFileSync(path.join(root, dir, f), 'utf8');
        expect({ file: `${dir}/${f}`, require: /\brequire\(/.test(text) }).toEqual({ file: `${dir}/${f}`, require: false });
      }
    }
  });
});
