// SPDX-License-Identifier: Apache-2.0

/**
 * Pod Security Standards levels, as used by the Pod Security Admission labels
 * `pod-security.kubernetes.io/{enforce,audit,warn}`.
 *
 * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/
 * @see https://kubernetes.io/docs/concepts/security/pod-security-admission/
 */
export enum PodSecurityLevel {
  /** Unrestricted: allows known privilege escalations. Only for trusted system workloads (CNI, storage drivers). */
  PRIVILEGED = 'privileged',
  /** Minimally restrictive: prevents known privilege escalations. */
  BASELINE = 'baseline',
  /** Heavily restricted, following current pod hardening best practice. */
  RESTRICTED = 'restricted',
}
