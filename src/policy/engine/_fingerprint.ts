// SPDX-License-Identifier: Apache-2.0
/**
 * Internal: the stable identity of a finding, shared by SARIF `partialFingerprints` and `audit` baselines.
 * It is the rule id, the object's identity (kind, namespace, name) and the JSON pointer inside the object:
 * never a line number or a file name, so reformatting or moving a manifest does not make a finding "new".
 */
import { createHash } from 'crypto';

/** The fields a fingerprint is computed from. @internal */
export interface FingerprintFields {
  readonly ruleId: string;
  readonly kind: string;
  readonly namespace?: string;
  readonly name?: string;
  readonly path: string;
}

/** Hex SHA-256 of the rule id, kind, namespace, name and path. @internal */
export function _fingerprint(f: FingerprintFields): string {
  return createHash('sha256').update([f.ruleId, f.kind, f.namespace ?? '', f.name ?? '', f.path].join('\0')).digest('hex');
}
