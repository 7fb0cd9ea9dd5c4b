// SPDX-License-Identifier: Apache-2.0
import { PodSecurityBaselinePack } from './pod-security-baseline-pack';
import { IRule, IRulePack, RulePackEntry, Severity } from '../engine/rule';
import {
  ContainerAddsOnlyBaselineCapabilities,
  ContainerDisallowsPrivilegeEscalation,
  ContainerDoesNotRunAsRootUser,
  ContainerDropsAllCapabilities,
  ContainerProcMountIsDefault,
  ContainerProcMountIsDefaultOrUserNamespaced,
  ContainerRunsAsNonRoot,
  PodHasNoHostPathVolumes,
  PodUsesOnlyRestrictedVolumeTypes,
  SeccompProfileIsNotUnconfined,
  SeccompProfileIsRuntimeDefaultOrLocalhost,
} from '../rules/pod-security';

/** Baseline rule id → the restricted rule that overrides it (Pod Security Admission `OverrideCheckIDs`). */
const OVERRIDDEN_BY: Record<string, string> = {
  [PodHasNoHostPathVolumes.ID]: PodUsesOnlyRestrictedVolumeTypes.ID,
  [ContainerAddsOnlyBaselineCapabilities.ID]: ContainerDropsAllCapabilities.ID,
  [SeccompProfileIsNotUnconfined.ID]: SeccompProfileIsRuntimeDefaultOrLocalhost.ID,
  [ContainerProcMountIsDefaultOrUserNamespaced.ID]: ContainerProcMountIsDefault.ID,
};

/**
 * The Kubernetes Pod Security Standards `restricted` level (policy v1.37), exactly as Pod Security
 * Admission decides it: every restricted check plus every baseline check that no restricted check
 * overrides (`restrictedVolumes` replaces `hostPathVolumes`, `capabilities_restricted` replaces
 * `capabilities_baseline`, `seccompProfile_restricted` replaces `seccompProfile_baseline`,
 * `procMount_restricted` replaces `procMount`), each as an error.
 *
 * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted
 */
export class PodSecurityRestrictedPack implements IRulePack {
  /** The pack name. */
  public static readonly NAME = 'PodSecurityRestricted';

  /** The restricted-only rules, in rule-id order. */
  public static restrictedRules(): IRule[] {
    return [
      new PodUsesOnlyRestrictedVolumeTypes(),
      new ContainerDisallowsPrivilegeEscalation(),
      new ContainerRunsAsNonRoot(),
      new ContainerDoesNotRunAsRootUser(),
      new SeccompProfileIsRuntimeDefaultOrLocalhost(),
      new ContainerDropsAllCapabilities(),
      new ContainerProcMountIsDefault(),
    ];
  }

  /** The pack name, `PodSecurityRestricted`. */
  public readonly name: string = PodSecurityRestrictedPack.NAME;
  /** The rules of this pack, each with severity ERROR, in rule-id order. */
  public readonly entries: RulePackEntry[];

  public constructor() {
    const baseline = PodSecurityBaselinePack.baselineRules().filter(r => OVERRIDDEN_BY[r.metadata.id] === undefined);
    this.entries = [...baseline, ...PodSecurityRestrictedPack.restrictedRules()].map(rule => ({ rule, severity: Severity.ERROR }));
  }
}
