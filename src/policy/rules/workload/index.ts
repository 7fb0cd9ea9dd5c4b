// SPDX-License-Identifier: Apache-2.0
export { ContainerRootFilesystemIsReadOnly } from './container-root-filesystem-is-read-only';
export { ContainerResourcesAreBounded } from './container-resources-are-bounded';
export { ContainerImageIsNotLatest } from './container-image-is-not-latest';
export { ContainerImageIsPinnedByDigest } from './container-image-is-pinned-by-digest';
export { ContainerHasHealthProbes } from './container-has-health-probes';
export { PodServiceAccountTokenIsNotAutomounted } from './pod-service-account-token-is-not-automounted';
export { PodUsesDedicatedServiceAccount } from './pod-uses-dedicated-service-account';
export { ReplicatedWorkloadHasDisruptionBudget } from './replicated-workload-has-disruption-budget';
export { ContainerEnvHasNoSecretLiterals } from './container-env-has-no-secret-literals';
