// SPDX-License-Identifier: Apache-2.0
/**
 * The rule contract. Rules are pure functions of one manifest object (plus read-only context),
 * so the same rule runs at synth time, in the `audit` CLI, and compiles to admission policies.
 */

/** How serious a finding is. Set by the pack that includes the rule. */
export enum Severity {
  /** Fails the build / CLI. */
  ERROR = 'error',
  /** Printed, not fatal. */
  WARNING = 'warning',
  /** Informational. */
  INFO = 'info',
}

/** Static description of a rule. */
export interface RuleMetadata {
  /** Stable id, never reused, e.g. `HARDEN-PSS-001`. */
  readonly id: string;
  /** Assertion-style name, e.g. `ContainerRunsAsNonRoot`. */
  readonly name: string;
  /** Why the rule exists. */
  readonly rationale: string;
  /** How to fix a finding. */
  readonly remediation: string;
  /** References: Pod Security Standards control, CIS / NSA-CISA ids, docs URLs. */
  readonly references: string[];
  /** Default severity when a pack does not override it. */
  readonly defaultSeverity: Severity;
  /**
   * The rule reports facts about namespaces on their Namespace object (e.g. "this namespace has no default-deny
   * NetworkPolicy"). The engine then also runs it on a synthetic `v1 Namespace` for each namespace the checked
   * objects use without declaring it, so such a finding never lands on a workload. The synthetic object has only
   * `apiVersion`, `kind` and `metadata.name` (no name for the apply-time namespace of objects without one).
   * @default false
   */
  readonly namespaceLevel?: boolean;
}

/** One violation found by a rule in one object. */
export interface RuleViolation {
  /** JSON pointer into the object, e.g. `/spec/template/spec/containers/0/securityContext/runAsNonRoot`. */
  readonly path: string;
  /** What is wrong, naming the value found. */
  readonly message: string;
}

/** Read-only context a rule may use for cross-object checks. */
export interface RuleContext {
  /** Every object being checked (the whole app, chart, or set of files). */
  readonly objects: any[];
}

/** Options a rule's fix may read (given by `Hardening.of` or `cdk8s-hardened fix`). */
export interface RuleFixOptions {
  /** UID to set where a container explicitly runs as root. @default - none: such containers stay findings */
  readonly runAsUser?: number;
  /** Extra writable paths (each gets an emptyDir) when the root filesystem is made read-only. @default - /tmp only */
  readonly writablePaths?: string[];
  /** Keep the service-account token mounted (the pod talks to the API). @default false */
  readonly serviceAccountTokenNeeded?: boolean;
  /**
   * CPU and memory requests/limits to set where a container has none.
   * @default - the namespace's LimitRange defaults when one is among `objects`; otherwise such containers stay findings
   */
  readonly resources?: RuleFixResources;
  /**
   * Set the AppArmor profile `runtime/default` on containers that have none. Only for clusters whose nodes all run
   * AppArmor: a node without it refuses such pods (Kubernetes 1.28).
   * @default false
   */
  readonly appArmorRuntimeDefault?: boolean;
  /**
   * Every object being fixed (read only), for fixes that read other objects (a namespace's LimitRange).
   * @default - only the object itself
   */
  readonly objects?: any[];
}

/** Requests and limits a fix sets where a container has none (Kubernetes quantities). */
export interface RuleFixResources {
  /** CPU request, e.g. `100m`. @default - none */
  readonly cpuRequest?: string;
  /** CPU limit, e.g. `500m`. @default - none */
  readonly cpuLimit?: string;
  /** Memory request, e.g. `128Mi`. @default - none */
  readonly memoryRequest?: string;
  /** Memory limit, e.g. `256Mi`. @default - none */
  readonly memoryLimit?: string;
}

/** One change a fix made, for the report. */
export interface RuleFixChange {
  /** JSON pointer of the changed field. */
  readonly path: string;
  /** What was set, e.g. `set runAsNonRoot: true`. */
  readonly description: string;
}

/** A rule's safe, idempotent automatic fix. */
export interface IRuleFix {
  /** Mutates `obj` so the rule passes where a safe fix exists; returns the changes (none when already compliant). */
  apply(obj: any, options: RuleFixOptions): RuleFixChange[];
}

/** What a rule's admission policy matches: pod-bearing kinds, or one other group of resources. */
export enum CelTarget {
  /** Pod, PodTemplate, ReplicationController, ReplicaSet, Deployment, StatefulSet, DaemonSet, Job, CronJob (and `pods/ephemeralcontainers`). */
  POD_BEARING = 'pod-bearing',
  /** Services. */
  SERVICE = 'service',
  /** Roles and ClusterRoles. */
  RBAC_ROLE = 'rbac-role',
  /** RoleBindings and ClusterRoleBindings. */
  RBAC_BINDING = 'rbac-binding',
  /** Secrets. */
  SECRET = 'secret',
  /** Namespaces. */
  NAMESPACE = 'namespace',
  /** Ingresses (`networking.k8s.io/v1`). */
  INGRESS = 'ingress',
  /** PersistentVolumes. */
  PERSISTENT_VOLUME = 'persistent-volume',
  /** ServiceAccounts. */
  SERVICE_ACCOUNT = 'service-account',
}

/**
 * A rule's face in the cluster: the CEL of the `ValidatingAdmissionPolicy` that enforces it (see `AdmissionGuardrails`).
 */
export interface IRuleCel {
  /** The resources the policy matches. */
  readonly target: CelTarget;
  /**
   * A CEL expression that is true when the object complies. It may read `object` and the variables of its target
   * (pod-bearing: `variables.podSpec`, `podAnnotations`, `containers`, `nonEphemeralContainers`, `podSC`,
   * `isWindows`, `userNamespace`; ingress: `variables.spec`, `tls`, `defaultCert`).
   * @default - nothing to enforce in this configuration (the rule's check finds nothing either, e.g. HARDEN-WL-010
   * without trusted registries): no policy is generated and the rule is not listed as without CEL
   */
  readonly expression?: string;
}

/**
 * Which objects a rule reads (`IRule.reads`). The engine indexes the rules by it once per check and offers each
 * object only to the rules that read it, so a ConfigMap is not handed to every pod rule. The declaration is a
 * promise: the rule's `check` finds nothing in an object it does not read, so skipping those changes no verdict.
 * An object without a string `kind` (or that is not an object) is offered to every rule, whatever they declare.
 */
export class RuleReads {
  /** Every object: the default for a rule that does not declare what it reads. */
  public static readonly ALL_OBJECTS = new RuleReads('every object');

  /**
   * Objects of these kinds, whatever their `apiVersion` (the rule still checks the group it wants).
   * @param kinds Kubernetes kinds, e.g. `Role` and `ClusterRole`
   */
  public static kinds(...kinds: string[]): RuleReads {
    if (kinds.length === 0 || kinds.some(k => typeof k !== 'string' || k === '')) {
      throw new Error(`RuleReads.kinds needs at least one kind name, got ${JSON.stringify(kinds)}; use RuleReads.ALL_OBJECTS for a rule that reads every object`);
    }
    return new RuleReads(`objects of kind ${kinds.join(', ')}`, [...kinds]);
  }

  /**
   * Objects a test accepts (e.g. "objects that carry a pod spec"). The engine calls the test once per object and
   * scope; a test that throws counts as "reads", so the rule runs and reports what it finds. @internal
   */
  public static _matching(description: string, test: (obj: any) => boolean): RuleReads {
    return new RuleReads(description, undefined, test);
  }

  /** What the rule reads, in words, e.g. `objects of kind Role, ClusterRole`. */
  public readonly description: string;
  /** @internal */
  public readonly _kinds?: ReadonlyArray<string>;
  /** @internal */
  public readonly _test?: (obj: any) => boolean;

  private constructor(description: string, kinds?: string[], test?: (obj: any) => boolean) {
    this.description = description;
    this._kinds = kinds;
    this._test = test;
  }
}

/**
 * Merges the configured instances of one rule.
 */
export interface IRuleMerge {
  /**
   * The one rule that enforces what the given instances enforce together.
   *
   * @param rules every instance with the rule's id, in pack order (at least one)
   */
  merge(rules: IRule[]): IRule;
}

/**
 * A rule. Implementations are one class per file with static metadata.
 */
export interface IRule {
  /** The rule's metadata. */
  readonly metadata: RuleMetadata;
  /**
   * The rule's safe, idempotent automatic fix.
   * @default - no automatic fix
   */
  readonly fix?: IRuleFix;
  /**
   * The rule's CEL, enforced in the cluster by `AdmissionGuardrails`.
   * @default - no admission policy: `noCelReason` says why
   */
  readonly cel?: IRuleCel;
  /**
   * Why the rule has no CEL form (e.g. it needs other objects than the one being admitted). Shown in RULES.md.
   * @default - none (a rule without `cel` and without a reason is listed as "no CEL form given")
   */
  readonly noCelReason?: string;
  /**
   * The objects the rule reads: the engine offers it only these. Its `check` must find nothing in any other object.
   * @default RuleReads.ALL_OBJECTS
   */
  readonly reads?: RuleReads;
  /**
   * How several instances of this rule (the same id, configured differently by several packs, e.g. trusted
   * registries) become the one instance that is enforced. Used by the one rule resolution that the checker and
   * `AdmissionGuardrails` share, so both enforce the same merged rule.
   * @default - the first instance is enforced (the rule has no configuration to merge)
   */
  readonly merge?: IRuleMerge;
  /**
   * Checks one manifest object. Returns the violations; an empty list means compliant or not applicable.
   * Must not mutate its inputs.
   */
  check(obj: any, context: RuleContext): RuleViolation[];
}

/** A rule as included in a pack, with the severity the pack gives it. */
export interface RulePackEntry {
  /** The rule. */
  readonly rule: IRule;
  /**
   * Severity of this rule's findings in this pack.
   * @default - the rule's `defaultSeverity`
   */
  readonly severity?: Severity;
}

/** A named set of rules with per-rule severities (like cdk-nag's NagPack). */
export interface IRulePack {
  /** Pack name, e.g. `PodSecurityRestricted`. */
  readonly name: string;
  /** The rules of this pack, in a stable order. */
  readonly entries: RulePackEntry[];
}
