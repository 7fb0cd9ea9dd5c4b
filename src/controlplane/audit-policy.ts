// SPDX-License-Identifier: Apache-2.0
import { stringify } from 'yaml';

/**
 * How much of a request the API server records.
 * @see https://kubernetes.io/docs/tasks/debug/debug-cluster/audit/#audit-policy
 */
export enum AuditLevel {
  /** Do not log events that match this rule. */
  NONE = 'None',
  /** Log request metadata (user, timestamp, resource, verb) but not the request or response body. */
  METADATA = 'Metadata',
  /** Log metadata and the request body, not the response body. */
  REQUEST = 'Request',
  /** Log metadata, request and response bodies. */
  REQUEST_RESPONSE = 'RequestResponse',
}

/** A group of resources an audit rule matches. */
export interface AuditGroupResources {
  /**
   * API group; `""` is the core group.
   */
  readonly group: string;
  /**
   * Resources in the group, e.g. `pods` or `pods/exec`.
   * @default - every resource in the group
   */
  readonly resources?: string[];
}

/** An additional rule appended after the library's protective rules (first match wins). */
export interface AuditRule {
  /** Level for requests that match. */
  readonly level: AuditLevel;
  /**
   * Resources the rule matches.
   * @default - resource requests are not constrained by resource
   */
  readonly resources?: AuditGroupResources[];
  /**
   * Verbs the rule matches (get, list, watch, create, update, patch, delete, ...).
   * @default - every verb
   */
  readonly verbs?: string[];
  /**
   * Users the rule matches.
   * @default - every user
   */
  readonly users?: string[];
  /**
   * Namespaces the rule matches.
   * @default - every namespace
   */
  readonly namespaces?: string[];
}

/** Properties for `AuditPolicy`. */
export interface AuditPolicyProps {
  /**
   * Level for every request no earlier rule matched.
   * @default AuditLevel.METADATA - who did what to which object, without bodies that may carry sensitive data
   */
  readonly defaultLevel?: AuditLevel;
  /**
   * Rules inserted after the protective rules and before the default. They cannot lower the protection of
   * Secrets, ConfigMaps and tokens, because those rules come first and the first match wins.
   * @default - none
   */
  readonly additionalRules?: AuditRule[];
}

const LEVELS = new Set<string>(Object.values(AuditLevel));

/**
 * A kube-apiserver audit policy (`audit.k8s.io/v1` `Policy`), a control-plane file passed with
 * `--audit-policy-file`. Not an API object: write it with `ControlPlaneFiles`.
 *
 * In order (first match wins):
 * 1. health and readiness noise (`/healthz*`, `/livez*`, `/readyz*`, `/version`) is not logged;
 * 2. Secrets, ConfigMaps, ServiceAccount tokens and TokenReviews are logged at `Metadata` only, never bodies;
 * 3. RBAC and admission-policy changes are logged at `RequestResponse`;
 * 4. `additionalRules`;
 * 5. everything else at `defaultLevel`.
 * The `RequestReceived` stage is omitted.
 *
 * @see https://kubernetes.io/docs/tasks/debug/debug-cluster/audit/
 */
export class AuditPolicy {
  /** The level for requests no rule matched. */
  public readonly defaultLevel: AuditLevel;
  private readonly _additionalRules: AuditRule[];

  constructor(props: AuditPolicyProps = {}) {
    this.defaultLevel = props.defaultLevel ?? AuditLevel.METADATA;
    if (!LEVELS.has(this.defaultLevel)) {
      throw new Error(`Invalid audit defaultLevel "${this.defaultLevel}": use one of ${[...LEVELS].join(', ')}.`);
    }
    this._additionalRules = [];
    for (const rule of props.additionalRules ?? []) this.addRule(rule);
  }

  /** Appends a rule after the protective rules and before the default. */
  public addRule(rule: AuditRule): void {
    if (!LEVELS.has(rule.level)) {
      throw new Error(`Invalid audit rule level "${rule.level}": use one of ${[...LEVELS].join(', ')}.`);
    }
    for (const gr of rule.resources ?? []) {
      if (typeof gr.group !== 'string') {
        throw new Error('Invalid audit rule: every resources entry needs a `group` ("" for the core group).');
      }
    }
    this._additionalRules.push(rule);
  }

  /** The policy as a JSON object. */
  public toJson(): any {
    const additional = this._additionalRules.map(r => ({
      level: r.level,
      ...(r.users?.length ? { users: [...r.users] } : {}),
      ...(r.verbs?.length ? { verbs: [...r.verbs] } : {}),
      ...(r.namespaces?.length ? { namespaces: [...r.namespaces] } : {}),
      ...(r.resources?.length ? {
        resources: r.resources.map(gr => ({ group: gr.group, ...(gr.resources?.length ? { resources: [...gr.resources] } : {}) })),
      } : {}),
    }));
    return {
      apiVersion: 'audit.k8s.io/v1',
      kind: 'Policy',
      omitStages: ['RequestReceived'],
      rules: [
        { level: AuditLevel.NONE, nonResourceURLs: ['/healthz*', '/livez*', '/readyz*', '/version'] },
        {
          level: AuditLevel.METADATA,
          resources: [
            { group: '', resources: ['secrets', 'configmaps', 'serviceaccounts/token'] },
            { group: 'authentication.k8s.io', resources: ['tokenreviews'] },
          ],
        },
        {
          level: AuditLevel.REQUEST_RESPONSE,
          resources: [
            { group: 'rbac.authorization.k8s.io' },
            { group: 'admissionregistration.k8s.io' },
          ],
        },
        ...additional,
        { level: this.defaultLevel },
      ],
    };
  }

  /** The policy as YAML, ready for `--audit-policy-file`. */
  public toYaml(): string {
    return stringify(this.toJson(), { lineWidth: 0 });
  }
}
