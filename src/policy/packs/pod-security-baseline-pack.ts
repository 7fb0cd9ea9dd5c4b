// SPDX-License-Identifier: Apache-2.0
import { IRule, IRulePack, RulePackEntry, Severity } from '../engine/rule';
import {
  AppArmorProfileIsRuntimeDefaultOrLocalhost,
  ContainerAddsOnlyBaselineCapabilities,
  ContainerIsNotPrivileged,
  ContainerProcMountIsDefaultOrUserNamespaced,
  ContainerUsesNoHostPorts,
  PodHasNoHostPathVolumes,
  PodIsNotWindowsHostProcess,
  PodSetsOnlySafeSysctls,
  PodSharesNoHostNamespaces,
  ProbesAndLifecycleHooksSetNoHost,
  SeccompProfileIsNotUnconfined,
  SeLinuxOptionsAreRestricted,
} from '../rules/pod-security';

/**
 * The Kubernetes Pod Security Standards `baseline` level (policy v1.37), exactly as Pod Security
 * Admission decides it: every baseline check, each as an error.
 *
 * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
 */
export class PodSecurityBaselinePack implements IRulePack {
  /** The pack name. */
  public static readonly NAME = 'PodSecurityBaseline';

  /** The baseline rules, in rule-id order. */
  public static baselineRules(): IRule[] {
    return [
      new PodSharesNoHostNamespaces(),
      new ContainerIsNotPrivileged(),
      new ContainerAddsOnlyBaselineCapabilities(),
      new PodHasNoHostPathVolumes(),
      new ContainerUsesNoHostPorts(),
      new AppArmorProfileIsRuntimeDefaultOrLocalhost(),
      new SeLinuxOptionsAreRestricted(),
      new ContainerProcMountIsDefaultOrUserNamespaced(),
      new SeccompProfileIsNotUnconfined(),
      new PodSetsOnlySafeSysctls(),
      new PodIsNotWindowsHostProcess(),
      new ProbesAndLifecycleHooksSetNoHost(),
    ];
  }

  /** The pack name, `PodSecurityBaseline`. */
  public readonly name: string = PodSecurityBaselinePack.NAME;
  /** The rules of this pack, each with severity ERROR, in rule-id order. */
  public readonly entries: RulePackEntry[];

  public constructor() {
    this.entries = PodSecurityBaselinePack.baselineRules().map(rule => ({ rule, severity: Severity.ERROR }));
  }
}
