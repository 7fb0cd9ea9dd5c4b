// SPDX-License-Identifier: Apache-2.0
import { HardenedWorkloadsPack } from './hardened-workloads-pack';
import { LeastPrivilegeRbacPack } from './least-privilege-rbac-pack';
import { NetworkIsolationPack } from './network-isolation-pack';
import { PodSecurityBaselinePack } from './pod-security-baseline-pack';
import { PodSecurityRestrictedPack } from './pod-security-restricted-pack';
import { SecretsHygienePack } from './secrets-hygiene-pack';
import { TrustedRegistriesPack } from './trusted-registries-pack';
import { IRule, IRulePack } from '../engine/rule';

function byName(a: IRulePack, b: IRulePack): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/**
 * The built-in rule packs, as explicit instances (like cdk-nag's packs): no discovery, no registry.
 *
 * A new built-in pack is one static field here plus one entry in `all()`; its rule-id list is pinned in
 * test/policy/packs/index.test.ts. Your own packs are plain `IRulePack` objects passed where packs are
 * taken (`SecurityChecks.addPack`, `new Checker({ packs })`, `AdmissionGuardrails`).
 */
export class RulePacks {
  /** The Pod Security Standards `baseline` level. */
  public static readonly POD_SECURITY_BASELINE: IRulePack = new PodSecurityBaselinePack();
  /** The Pod Security Standards `restricted` level. */
  public static readonly POD_SECURITY_RESTRICTED: IRulePack = new PodSecurityRestrictedPack();
  /** The hardening beyond the Pod Security Standards (read-only root, resources, probes, images, tokens). */
  public static readonly HARDENED_WORKLOADS: IRulePack = new HardenedWorkloadsPack();
  /** RBAC least privilege. */
  public static readonly LEAST_PRIVILEGE_RBAC: IRulePack = new LeastPrivilegeRbacPack();
  /** Namespace and network isolation. */
  public static readonly NETWORK_ISOLATION: IRulePack = new NetworkIsolationPack();
  /** Secrets hygiene. */
  public static readonly SECRETS_HYGIENE: IRulePack = new SecretsHygienePack();
  /** Trusted registries without prefixes (checks nothing): configure your own with `new TrustedRegistriesPack([...])`. */
  public static readonly TRUSTED_REGISTRIES: IRulePack = new TrustedRegistriesPack();

  /** Every built-in pack, sorted by name. */
  public static all(): IRulePack[] {
    return [
      RulePacks.HARDENED_WORKLOADS,
      RulePacks.LEAST_PRIVILEGE_RBAC,
      RulePacks.NETWORK_ISOLATION,
      RulePacks.POD_SECURITY_BASELINE,
      RulePacks.POD_SECURITY_RESTRICTED,
      RulePacks.SECRETS_HYGIENE,
      RulePacks.TRUSTED_REGISTRIES,
    ].sort(byName);
  }

  /** The names of every built-in pack, sorted. */
  public static names(): string[] {
    return RulePacks.all().map(p => p.name);
  }

  /**
   * The built-in pack with this name.
   * @throws when no built-in pack has this name; the message lists the names
   */
  public static byName(name: string): IRulePack {
    const pack = RulePacks.all().find(p => p.name === name);
    if (!pack) {
      throw new Error(`Unknown rule pack "${name}". Built-in packs: ${RulePacks.names().join(', ')}. `
        + 'Pass your own IRulePack object where packs are taken (SecurityChecks.addPack, new Checker({ packs })).');
    }
    return pack;
  }

  /** Every distinct rule of every built-in pack, sorted by id. */
  public static rules(): IRule[] {
    const byId = new Map<string, IRule>();
    for (const pack of RulePacks.all()) {
      for (const entry of pack.entries) {
        if (!byId.has(entry.rule.metadata.id)) byId.set(entry.rule.metadata.id, entry.rule);
      }
    }
    return [...byId.values()].sort((a, b) => (a.metadata.id < b.metadata.id ? -1 : a.metadata.id > b.metadata.id ? 1 : 0));
  }

  /** The ids of every rule of every built-in pack, sorted. */
  public static knownRuleIds(): string[] {
    return RulePacks.rules().map(r => r.metadata.id);
  }

  private constructor() {}
}
