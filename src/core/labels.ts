// SPDX-License-Identifier: Apache-2.0

/**
 * Well-known label and annotation keys used by this library.
 *
 * Kubernetes terms are used verbatim so they can be searched in the Kubernetes documentation.
 */
export class WellKnownLabels {
  /** Label set automatically by the API server on every namespace (Kubernetes 1.21+). */
  public static readonly NAMESPACE_NAME = 'kubernetes.io/metadata.name';
  /** Pod Security Admission: the level that rejects violating pods. */
  public static readonly PSA_ENFORCE = 'pod-security.kubernetes.io/enforce';
  /** Pod Security Admission: the version of the enforce level. */
  public static readonly PSA_ENFORCE_VERSION = 'pod-security.kubernetes.io/enforce-version';
  /** Pod Security Admission: the level recorded in the audit log. */
  public static readonly PSA_AUDIT = 'pod-security.kubernetes.io/audit';
  /** Pod Security Admission: the version of the audit level. */
  public static readonly PSA_AUDIT_VERSION = 'pod-security.kubernetes.io/audit-version';
  /** Pod Security Admission: the level that returns a warning to the client. */
  public static readonly PSA_WARN = 'pod-security.kubernetes.io/warn';
  /** Pod Security Admission: the version of the warn level. */
  public static readonly PSA_WARN_VERSION = 'pod-security.kubernetes.io/warn-version';
  /** Recommended label: the name of the application. */
  public static readonly APP_NAME = 'app.kubernetes.io/name';
  /** Recommended label: a unique name identifying the instance of an application. */
  public static readonly APP_INSTANCE = 'app.kubernetes.io/instance';
  /** Recommended label: the component within the architecture. */
  public static readonly APP_COMPONENT = 'app.kubernetes.io/component';
  /** Recommended label: the tool being used to manage the operation of an application. */
  public static readonly APP_MANAGED_BY = 'app.kubernetes.io/managed-by';
  /** Recommended label: the name of a higher level application this one is part of. */
  public static readonly APP_PART_OF = 'app.kubernetes.io/part-of';
  /** Annotation carrying rule suppressions (JSON array of `{id, reason}`) into the manifest, honoured by every enforcement point. */
  public static readonly SUPPRESSIONS_ANNOTATION = 'hardened.cdk8s.io/suppressions';
  /**
   * Prefix of the per-rule annotation keys of whole-object suppressions (`suppress.hardened.cdk8s.io/<rule id>: <reason>`),
   * written by `Suppressions.add` next to `SUPPRESSIONS_ANNOTATION` so the admission policies read a key, not JSON.
   */
  public static readonly SUPPRESS_ANNOTATION_PREFIX = 'suppress.hardened.cdk8s.io/';
  /** Annotation on each `AdmissionGuardrails` binding: why its exempt namespaces are exempt (`exemptionReason`). */
  public static readonly EXEMPTION_REASON_ANNOTATION = 'hardened.cdk8s.io/exemption-reason';

  private constructor() {}
}
