// SPDX-License-Identifier: Apache-2.0
import { IRulePack, RulePackEntry, Severity } from '../engine/rule';
import {
  ContainerEnvHasNoSecretLiterals,
  ContainerEnvReadsNoSecrets,
  ContainerHasHealthProbes,
  ContainerImageIsNotLatest,
  ContainerImageIsPinnedByDigest,
  ContainerResourcesAreBounded,
  ContainerRootFilesystemIsReadOnly,
  ContainersAreInARecognizedPodSpec,
  PersistentVolumeIsNotHostPath,
  PodHasNoEphemeralContainers,
  PodRunsWithoutRootGroup,
  PodServiceAccountTokenIsNotAutomounted,
  PodSysctlsCarryNoInjection,
  PodToleratesNoControlPlaneTaint,
  PodUsesDedicatedServiceAccount,
  ReplicatedWorkloadHasDisruptionBudget,
  ServiceAccountDoesNotAutomountToken,
  WorkloadIsNotInDefaultNamespace,
} from '../rules/workload';

/**
 * Workload hardening beyond the Pod Security Standards: read-only root filesystem, bounded
 * resources, pinned images, health probes, no token automount, a dedicated service account,
 * a PodDisruptionBudget for replicated workloads, no credentials in env literals, no hostPath PersistentVolumes, no
 * root group, no sysctl injection (CVE-2022-0811), ServiceAccounts that do not automount their token; as warnings, no
   * workloads in the default namespace, no control-plane tolerations, no ephemeral containers in manifests, no
   * Secrets read into environment variables (CIS 5.4.1: mount them as files), and containers at a place no rule
   * understands reported as not checked.
 *
 * Severities: errors for what an attacker can exploit (writable root, unbounded resources,
 * `latest`, automounted tokens, the shared `default` account, credentials in env); warnings for
 * availability and for tag-only images (a tag is a pin, just a weaker one than a digest).
 */
export class HardenedWorkloadsPack implements IRulePack {
  /** The pack's name. */
  public static readonly NAME = 'HardenedWorkloads';

  /** The pack's name. */
  public readonly name = HardenedWorkloadsPack.NAME;

  /** The pack's rules with their severities, in id order. */
  public readonly entries: RulePackEntry[] = [
    { rule: new ContainerRootFilesystemIsReadOnly(), severity: Severity.ERROR },
    { rule: new ContainerResourcesAreBounded(), severity: Severity.ERROR },
    { rule: new ContainerImageIsNotLatest(), severity: Severity.ERROR },
    { rule: new ContainerImageIsPinnedByDigest(), severity: Severity.WARNING },
    { rule: new ContainerHasHealthProbes(), severity: Severity.WARNING },
    { rule: new PodServiceAccountTokenIsNotAutomounted(), severity: Severity.ERROR },
    { rule: new PodUsesDedicatedServiceAccount(), severity: Severity.ERROR },
    { rule: new ReplicatedWorkloadHasDisruptionBudget(), severity: Severity.WARNING },
    { rule: new ContainerEnvHasNoSecretLiterals(), severity: Severity.ERROR },
    { rule: new PersistentVolumeIsNotHostPath(), severity: Severity.ERROR },
    { rule: new PodRunsWithoutRootGroup(), severity: Severity.ERROR },
    { rule: new PodSysctlsCarryNoInjection(), severity: Severity.ERROR },
    { rule: new ServiceAccountDoesNotAutomountToken(), severity: Severity.WARNING },
    { rule: new WorkloadIsNotInDefaultNamespace(), severity: Severity.WARNING },
    { rule: new PodToleratesNoControlPlaneTaint(), severity: Severity.WARNING },
    { rule: new PodHasNoEphemeralContainers(), severity: Severity.WARNING },
    { rule: new ContainerEnvReadsNoSecrets(), severity: Severity.WARNING },
    { rule: new ContainersAreInARecognizedPodSpec(), severity: Severity.WARNING },
  ];
}
