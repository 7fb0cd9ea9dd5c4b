// SPDX-License-Identifier: Apache-2.0
export * from './gitops-layout';
export * from './argo-cd-application';
export * from './flux-kustomization';
