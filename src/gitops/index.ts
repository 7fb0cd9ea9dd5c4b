// SPDX-License-Identifier: Apache-2.0
export * from './gitops-output';
export * from './argo-cd-application';
export * from './flux-kustomization';
