// SPDX-License-Identifier: Apache-2.0
import { CelTarget, IRule, IRuleCel, RuleContext, RuleMetadata, RuleReads, RuleViolation, Severity } from '../../engine/rule';
import { _containerViolations, _READS_POD_SPECS } from '../_pod-spec';
import { _describeContainer } from './_describe';

/** `"name"` for a string, `(no name)` otherwise. */
function quoted(value: unknown): string {
  return typeof value === 'string' && value !== '' ? `"${value}"` : '(no name)';
}

/**
 * No container reads a Secret into environment variables: no `env[].valueFrom.secretKeyRef` and no
 * `envFrom[].secretRef` (CIS 5.4.1, "prefer using secrets as files over secrets as environment variables").
 *
 * This is the lower-severity companion of HARDEN-WL-009 (ContainerEnvHasNoSecretLiterals): a Secret reference keeps the
 * value out of the manifest, but the value still ends up in the process environment. Literal credentials in `env` values
 * (a PEM private key under any name, for instance) are HARDEN-WL-009's findings, not this rule's. Messages name the
 * variable, the Secret and the key, never a value.
 * @see https://kubernetes.io/docs/concepts/configuration/secret/#using-secrets-as-files-from-a-pod
 */
export class ContainerEnvReadsNoSecrets implements IRule {
  /** The rule's stable id. */
  public static readonly ID = 'HARDEN-WL-018';

  /** The objects the rule reads: objects that carry a pod spec. */
  public readonly reads?: RuleReads = _READS_POD_SPECS;

  /** The rule's metadata. */
  public readonly metadata: RuleMetadata = {
    id: ContainerEnvReadsNoSecrets.ID,
    name: 'ContainerEnvReadsNoSecrets',
    rationale: 'Environment variables are inherited by every child process, printed by crash handlers, debug endpoints and '
      + '`/proc/<pid>/environ`, and fixed for the life of the process; a Secret mounted as a file is readable only by the '
      + 'container\'s user, can be limited to the keys the container needs, and is updated in place on rotation.',
    remediation: 'Mount the Secret as a read-only volume (`secret.items` for only the keys needed, a restrictive `defaultMode`) '
      + 'and point the application at the file (many images read `<NAME>_FILE`). Where the image can read the value only '
      + 'from the environment, suppress this rule on that workload with a reason that names the variables.',
    references: [
      'CIS Kubernetes Benchmark 5.4.1: Prefer using secrets as files over secrets as environment variables',
      'https://kubernetes.io/docs/concepts/security/secrets-good-practices/',
    ],
    defaultSeverity: Severity.WARNING,
  };

  /** The rule's CEL, enforced in the cluster by `AdmissionGuardrails`. */
  public readonly cel?: IRuleCel = CEL;

  /** Checks one object. */
  public check(obj: any, _context: RuleContext): RuleViolation[] {
    return _containerViolations(obj, (c, out) => {
      const who = _describeContainer(c);
      const env = c.container.env;
      if (Array.isArray(env)) {
        env.forEach((e: any, i: number) => {
          const from = e?.valueFrom;
          if (!from || typeof from !== 'object' || from.secretKeyRef === undefined) return;
          const ref = from.secretKeyRef ?? {};
          out.push({
            path: `${c.path}/env/${i}/valueFrom/secretKeyRef`,
            message: `${who} env ${quoted(e.name)} reads key ${quoted(ref.key)} of Secret ${quoted(ref.name)} into the environment; mount the Secret as a file`,
          });
        });
      }
      const envFrom = c.container.envFrom;
      if (Array.isArray(envFrom)) {
        envFrom.forEach((f: any, i: number) => {
          if (!f || typeof f !== 'object' || f.secretRef === undefined) return;
          out.push({
            path: `${c.path}/envFrom/${i}/secretRef`,
            message: `${who} envFrom loads every key of Secret ${quoted(f.secretRef?.name)} into the environment; mount the Secret as a file`,
          });
        });
      }
    });
  }
}

/** The CEL form: no Secret read into the environment (env valueFrom.secretKeyRef, envFrom secretRef). */
const CEL: IRuleCel = {
  target: CelTarget.POD_BEARING,
  expression: 'variables.containers.all(c, (!has(c.env) || c.env.all(e, !has(e.valueFrom) || !has(e.valueFrom.secretKeyRef)))'
    + ' && (!has(c.envFrom) || c.envFrom.all(f, !has(f.secretRef))))',
};
