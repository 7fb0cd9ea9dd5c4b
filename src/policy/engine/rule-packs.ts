// SPDX-License-Identifier: Apache-2.0
import { IRule, IRulePack } from './rule';

/**
 * The registry of rule packs: every built-in pack exported from `src/policy/packs/index.ts`,
 * plus packs registered at run time with `RulePacks.register`.
 *
 * Built-in packs are discovered from the packs barrel: any exported class whose zero-argument
 * constructor yields an `IRulePack` (a `name` string and an `entries` list) is a built-in pack.
 * Adding a pack is therefore one `export * from './my-pack';` line in that barrel.
 */
export class RulePacks {
  /** Every registered pack, sorted by name. */
  public static all(): IRulePack[] {
    const byName = new Map<string, IRulePack>();
    for (const pack of [...RulePacks.builtIn(), ...RulePacks._custom.values()]) byName.set(pack.name, pack);
    return [...byName.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  /** The names of every registered pack, sorted. */
  public static names(): string[] {
    return RulePacks.all().map(p => p.name);
  }

  /**
   * The pack with this name.
   * @throws when no pack has this name; the message lists the registered names
   */
  public static byName(name: string): IRulePack {
    const pack = RulePacks.all().find(p => p.name === name);
    if (!pack) {
      throw new Error(`Unknown rule pack "${name}". Registered packs: ${RulePacks.names().join(', ') || '(none)'}. `
        + 'Register your own pack with RulePacks.register(pack).');
    }
    return pack;
  }

  /**
   * Registers a custom pack so that `byName`, `all`, the suppression id check and the RULES.md generator know it.
   * A pack registered under the name of an existing pack replaces it.
   */
  public static register(pack: IRulePack): void {
    if (!pack || typeof pack.name !== 'string' || pack.name.length === 0 || !Array.isArray(pack.entries)) {
      throw new Error(`RulePacks.register: ${JSON.stringify(pack)} is not a rule pack (expected a non-empty name and an entries list).`);
    }
    RulePacks._custom.set(pack.name, pack);
  }

  /** Every distinct rule of every registered pack, sorted by id. */
  public static rules(): IRule[] {
    const byId = new Map<string, IRule>();
    for (const pack of RulePacks.all()) {
      for (const entry of pack.entries) {
        if (!byId.has(entry.rule.metadata.id)) byId.set(entry.rule.metadata.id, entry.rule);
      }
    }
    return [...byId.values()].sort((a, b) => (a.metadata.id < b.metadata.id ? -1 : a.metadata.id > b.metadata.id ? 1 : 0));
  }

  /** The ids of every rule of every registered pack, sorted. */
  public static knownRuleIds(): string[] {
    return RulePacks.rules().map(r => r.metadata.id);
  }

  /** The built-in packs, discovered from the packs barrel, sorted by name. */
  public static builtIn(): IRulePack[] {
    // Required lazily: the packs import the engine, so a static import would be circular.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const barrel = require('../packs');
    const packs: IRulePack[] = [];
    for (const key of Object.keys(barrel).sort()) {
      const value = barrel[key];
      if (typeof value !== 'function' || !value.prototype || value.length !== 0) continue;
      let instance: any;
      try {
        instance = new value();
      } catch {
        continue;
      }
      if (instance && typeof instance.name === 'string' && Array.isArray(instance.entries)) packs.push(instance);
    }
    return packs.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  private static readonly _custom = new Map<string, IRulePack>();

  private constructor() {}
}
