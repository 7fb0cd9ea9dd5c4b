// SPDX-License-Identifier: Apache-2.0
import { CelTarget, IRule, IRuleCel, RuleContext, RuleMetadata, RuleReads, RuleViolation, Severity } from '../../engine/rule';
import { _containerViolations, _READS_POD_SPECS } from '../_pod-spec';
import { _describeContainer } from './_describe';

/** Env var names that hold credentials. */
const SECRET_NAME = /(PASSWORD|PASSWD|PASSPHRASE|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY|CREDENTIAL)/i;
/**
 * Suffixes that mark a name as pointing at a secret (a file, a path, an object name) or at the service that issues or
 * checks it (a URL, a host), or as naming the account rather than its credential (a username), not holding one.
 */
const REFERENCE_SUFFIX = /_(FILE|FILENAME|PATH|DIR|NAME|REF|URL|URI|ENDPOINT|HOST|USER|USERNAME)$/i;
/** Values that are clearly not credentials: booleans, integers of up to 5 digits (ports, TTLs), and `$(VAR)` dependent-variable references. */
const HARMLESS_VALUE = /^(true|false|yes|no|-?\d{1,5}|\$\([A-Za-z_][A-Za-z0-9_.-]*\))$/i;

/** Value shapes that are credentials whatever the variable is called. */
const SECRET_VALUES: Array<[RegExp, string]> = [
  [/-----BEGIN ([A-Z0-9]+ )*PRIVATE KEY( BLOCK)?-----/, 'a PEM private key'],
  [/(^|[^A-Z0-9])(AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}([^A-Z0-9]|$)/, 'an AWS access key id'],
  [/(^|[^A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/, 'a JSON Web Token'],
  [/(^|[^A-Za-z0-9_])(gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{40,})/, 'a GitHub token'],
  [/[a-z][a-z0-9+.-]*:\/\/[^\s/@:]*:(?!\$\()[^\s/@]+@/i, 'a URL with an embedded password'],
];

/**
 * No container `env` entry holds a credential as a literal `value`.
 *
 * A finding is either a secret-looking name (contains PASSWORD, PASSWD, PASSPHRASE, SECRET, TOKEN,
 * API_KEY/APIKEY, PRIVATE_KEY, ACCESS_KEY or CREDENTIAL, case-insensitive) with a non-empty literal
 * value, or any value that looks like a PEM private key, an AWS access key id, a JWT or a GitHub
 * token, or a URL with an embedded password (`scheme://user:password@host`; a `$(VAR)` password is a reference). Names ending in `_FILE`, `_PATH`, `_DIR`,
 * `_NAME`, `_REF` (pointers to a secret), `_URL`, `_URI`, `_ENDPOINT`, `_HOST` (where a token is issued or checked) or
 * `_USER`, `_USERNAME` (the account, not its credential) and
 * values that are booleans, integers of up to 5 digits or `$(VAR)` references are not credentials. Messages never
 * contain the value.
 * @see https://kubernetes.io/docs/concepts/configuration/secret/#using-secrets-as-environment-variables
 */
export class ContainerEnvHasNoSecretLiterals implements IRule {
  /** The rule's stable id. */
  public static readonly ID = 'HARDEN-WL-009';

  /** The objects the rule reads: objects that carry a pod spec. */
  public readonly reads?: RuleReads = _READS_POD_SPECS;

  /** The rule's metadata. */
  public readonly metadata: RuleMetadata = {
    id: ContainerEnvHasNoSecretLiterals.ID,
    name: 'ContainerEnvHasNoSecretLiterals',
    rationale: 'A credential written into a manifest is stored in Git, CI logs, `kubectl get -o yaml` output and the Deployment '
      + 'history, readable by anyone with read access to any of them, and cannot be rotated without a redeploy.',
    remediation: 'Move the value into a Secret created outside the manifests (External Secrets, Sealed Secrets, a CSI driver) '
      + 'and reference it with `valueFrom.secretKeyRef`, or better, mount it as a file. Rotate the exposed credential.',
    references: [
      'CIS Kubernetes Benchmark 5.4.1: Prefer using secrets as files over secrets as environment variables',
      'NSA/CISA Kubernetes Hardening Guide v1.2: Authentication and authorization, "Secrets"',
      'https://kubernetes.io/docs/concepts/security/secrets-good-practices/',
    ],
    defaultSeverity: Severity.ERROR,
  };

  /** The rule's CEL, enforced in the cluster by `AdmissionGuardrails`. */
  public readonly cel?: IRuleCel = CEL;

  /** Checks one object. */
  public check(obj: any, _context: RuleContext): RuleViolation[] {
    return _containerViolations(obj, (c, out) => {
      const env = c.container.env;
      if (!Array.isArray(env)) return;
      env.forEach((e: any, i: number) => {
        if (!e || typeof e !== 'object' || typeof e.value !== 'string' || e.value === '') return;
        const name = typeof e.name === 'string' ? e.name : '';
        const where = `${_describeContainer(c)} env "${name}"`;
        const shape = SECRET_VALUES.find(([re]) => re.test(e.value));
        if (shape) {
          out.push({ path: `${c.path}/env/${i}/value`, message: `${where} has a literal value that looks like ${shape[1]} (value not shown); put it in a Secret mounted as a file (or read it with valueFrom.secretKeyRef)` });
        } else if (SECRET_NAME.test(name) && !REFERENCE_SUFFIX.test(name) && !HARMLESS_VALUE.test(e.value.trim())) {
          out.push({ path: `${c.path}/env/${i}/value`, message: `${where} has a secret-looking name and a literal value (value not shown); put it in a Secret mounted as a file (or read it with valueFrom.secretKeyRef)` });
        }
      });
    });
  }
}

// The patterns in RE2 syntax (CEL `matches`): no lookahead, and JavaScript's `\s` (Unicode white space and line
// terminators, which is also what String.prototype.trim removes) spelled out, because RE2's `\s` is ASCII only.
const JS_SPACE = '\\t\\n\\x{0B}\\f\\r \\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}';
const SECRET_NAME_RE = '(?i)(PASSWORD|PASSWD|PASSPHRASE|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY|CREDENTIAL)';
const REFERENCE_SUFFIX_RE = '(?i)_(FILE|FILENAME|PATH|DIR|NAME|REF|URL|URI|ENDPOINT|HOST|USER|USERNAME)$';
const HARMLESS_VALUE_RE = `^[${JS_SPACE}]*(?i:true|false|yes|no|-?[0-9]{1,5}|\\$\\([A-Za-z_][A-Za-z0-9_.-]*\\))[${JS_SPACE}]*$`;
// A URL password is any run of [^space/@] up to the "@" that does not start with "$(" (a dependent-variable reference):
// a first character other than "$", or "$" alone, or "$" followed by anything but "(".
const URL_PASSWORD = `(?:[^${JS_SPACE}/@$][^${JS_SPACE}/@]*|\\$(?:[^${JS_SPACE}/@(][^${JS_SPACE}/@]*)?)`;
const SECRET_VALUE_RE = [
  '-----BEGIN ([A-Z0-9]+ )*PRIVATE KEY( BLOCK)?-----',
  '(^|[^A-Z0-9])(AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}([^A-Z0-9]|$)',
  '(^|[^A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{5,}\\.eyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]*',
  '(^|[^A-Za-z0-9_])(gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{40,})',
  `(?i:[a-z][a-z0-9+.-]*)://[^${JS_SPACE}/@:]*:${URL_PASSWORD}@`,
].join('|');

/** The CEL form: no credential in a literal env value: a credential-shaped value, or a secret-looking name with a non-trivial value. */
const CEL: IRuleCel = {
  target: CelTarget.POD_BEARING,
  expression: "variables.containers.all(c, !has(c.env) || c.env.all(e, !has(e.value) || type(e.value) != string || e.value == ''"
    + ` || !(e.value.matches(r'${SECRET_VALUE_RE}')`
    + ` || ((has(e.name) ? e.name : '').matches(r'${SECRET_NAME_RE}') && !(has(e.name) ? e.name : '').matches(r'${REFERENCE_SUFFIX_RE}')`
    + ` && !e.value.matches(r'${HARMLESS_VALUE_RE}')))))`,
};
