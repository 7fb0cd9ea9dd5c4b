// SPDX-License-Identifier: Apache-2.0
import { IRulePack, RulePackEntry, Severity } from '../engine/rule';
import { ContainerImageIsFromTrustedRegistry } from '../rules/workload/container-image-is-from-trusted-registry';

/**
 * Images only from the registries you trust. Configure it with your prefixes:
 * `new TrustedRegistriesPack(['ghcr.io/acme/'])`. Built without prefixes (as `RulePacks.all()` does)
 * its rule checks nothing.
 */
export class TrustedRegistriesPack implements IRulePack {
  /** The pack's name. */
  public static readonly NAME = 'TrustedRegistries';

  /** The pack's name. */
  public readonly name = TrustedRegistriesPack.NAME;

  /** The pack's rules with their severities. */
  public readonly entries: RulePackEntry[];

  /**
   * @param registries trusted prefixes, each ending with `/`
   */
  public constructor(registries: string[] = []) {
    this.entries = [{ rule: new ContainerImageIsFromTrustedRegistry(registries), severity: Severity.ERROR }];
  }
}
