// SPDX-License-Identifier: Apache-2.0
import { CelTarget, IRule, IRuleCel, RuleContext, RuleMetadata, RuleReads, RuleViolation, Severity } from '../../engine/rule';
import { _isObject } from '../_objects';
import { _pointerEscape } from '../_pod-spec';

/**
 * No Secret in the manifests carries a literal value in `data` or `stringData`.
 *
 * One finding per key with a non-empty value; messages name the key and never the value. A Secret
 * without `data`/`stringData` (or with only empty values) is compliant: that covers placeholders
 * filled in by a controller and `type: kubernetes.io/service-account-token` Secrets, whose token
 * the control plane writes. Every Secret type is checked, including TLS and docker-config Secrets.
 * @see https://kubernetes.io/docs/concepts/security/secrets-good-practices/
 */
export class SecretHasNoLiteralData implements IRule {
  /** The rule's stable id. */
  public static readonly ID = 'HARDEN-SEC-001';

  /** The objects the rule reads: objects of kind Secret. */
  public readonly reads?: RuleReads = RuleReads.kinds('Secret');

  /** The rule's metadata. */
  public readonly metadata: RuleMetadata = {
    id: SecretHasNoLiteralData.ID,
    name: 'SecretHasNoLiteralData',
    rationale: 'Secret values in manifests end up in Git history, CI artifacts and synthesized YAML, readable by anyone with '
      + 'access to any of them; base64 in `data` is an encoding, not encryption.',
    remediation: 'Remove the values from the manifest and deliver them from a secret store (External Secrets Operator, Sealed '
      + 'Secrets, Secrets Store CSI driver, cert-manager for TLS). Rotate any value that was committed.',
    references: [
      'CIS Kubernetes Benchmark 5.4.2: Consider external secret storage',
      'NSA/CISA Kubernetes Hardening Guide v1.2: Authentication and authorization, "Secrets"',
      'https://kubernetes.io/docs/concepts/security/secrets-good-practices/',
    ],
    defaultSeverity: Severity.ERROR,
  };

  /** The rule's CEL, enforced in the cluster by `AdmissionGuardrails`. */
  public readonly cel?: IRuleCel = CEL;

  /** Checks one object. */
  public check(obj: any, _context: RuleContext): RuleViolation[] {
    if (!_isObject(obj) || obj.kind !== 'Secret' || obj.apiVersion !== 'v1') return [];
    const out: RuleViolation[] = [];
    for (const field of ['data', 'stringData']) {
      const map = obj[field];
      if (!_isObject(map)) continue;
      for (const key of Object.keys(map).sort()) {
        const value = map[key];
        if (value === undefined || value === null || value === '') continue;
        out.push({
          path: `/${field}/${_pointerEscape(key)}`,
          message: `Secret "${obj.metadata?.name}" ${field} key "${key}" holds a literal value (not shown)`,
        });
      }
    }
    return out;
  }
}

/** The CEL form: no literal values in data / stringData. */
const CEL: IRuleCel = {
  target: CelTarget.SECRET,
  expression: "(!has(object.data) || object.data.all(k, string(object.data[k]) == '')) && (!has(object.stringData) || object.stringData.all(k, object.stringData[k] == ''))",
};
