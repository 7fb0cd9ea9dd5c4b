// SPDX-License-Identifier: Apache-2.0
import { IRulePack, RulePackEntry, Severity } from '../engine/rule';
import { SecretHasNoLiteralData, SecretIsNotServiceAccountToken } from '../rules/secrets';

/**
 * Secrets hygiene: no Secret values committed in manifests, no long-lived service-account-token Secrets. (Credentials in container env
 * literals are covered by `HardenedWorkloads`, HARDEN-WL-009.)
 */
export class SecretsHygienePack implements IRulePack {
  /** The pack's name. */
  public static readonly NAME = 'SecretsHygiene';

  /** The pack's name. */
  public readonly name = SecretsHygienePack.NAME;

  /** The pack's rules with their severities, in id order. */
  public readonly entries: RulePackEntry[] = [
    { rule: new SecretHasNoLiteralData(), severity: Severity.ERROR },
    { rule: new SecretIsNotServiceAccountToken(), severity: Severity.ERROR },
  ];
}
