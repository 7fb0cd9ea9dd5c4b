// SPDX-License-Identifier: Apache-2.0
import { ApiObject, Chart, JsonPatch, Lazy } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { _checkGrant, _Exception, _exceptionSuppressions, _requireReason } from './_grant-checks';
import { Permission } from './permission';
import {
  ProjectedServiceAccountToken,
  ProjectedServiceAccountTokenMountOptions,
} from './projected-service-account-token';
import { WorkloadIdentity } from './workload-identity';
import { _renderedVolume } from '../core/_rendered-volume';
import { _validateDns1123Subdomain, _validateNotReservedNamespace } from '../core/_util';
import { WellKnownLabels } from '../core/labels';
import { INamespaceRef } from '../core/namespace-ref';
import { _mergeSuppressions, _readSuppressionAnnotation } from '../policy/engine/_suppression-annotation';
import { Suppressions } from '../policy/integrations/suppressions';
import { ServiceAccountIsNotBoundClusterWide } from '../policy/rules/rbac/service-account-is-not-bound-cluster-wide';
import { ServiceAccountDoesNotAutomountToken } from '../policy/rules/workload/service-account-does-not-automount-token';

const RBAC_API_GROUP = 'rbac.authorization.k8s.io';

/**
 * Explicit opt-outs for one namespaced grant. Each flag is named after the risk it accepts, defaults to
 * false, is only accepted when the grant carries that risk, and requires a `reason`.
 *
 * @see https://kubernetes.io/docs/concepts/security/rbac-good-practices/
 */
export interface GrantOptions {
  /**
   * Accept `"*"` in verbs, resources or apiGroups.
   *
   * @default false - wildcards grant whatever future Kubernetes versions and CRDs add, so they are refused
   * @see https://kubernetes.io/docs/concepts/security/rbac-good-practices/#least-privilege
   */
  readonly allowWildcards?: boolean;

  /**
   * Accept the verbs `escalate`, `bind` and `impersonate`.
   *
   * @default false - these verbs let the holder gain permissions it was not granted, so they are refused
   * @see https://kubernetes.io/docs/concepts/security/rbac-good-practices/#privilege-escalation-risks
   */
  readonly allowPrivilegeEscalationVerbs?: boolean;

  /**
   * Accept the takeover verbs of HARDEN-RBAC-003: `create`/`get` on `pods/exec` or `pods/attach`, any verb on
   * `nodes/proxy`, `create` on `serviceaccounts/token`.
   *
   * @default false - these give shells in other pods, the kubelet API or other identities' tokens, so they are refused
   * @see https://kubernetes.io/docs/concepts/security/rbac-good-practices/#privilege-escalation-risks
   */
  readonly allowSensitiveSubresources?: boolean;

  /**
   * Accept `get` on secrets without `resourceNames`, and `list`/`watch` on secrets at all.
   *
   * @default false - these read every Secret in the namespace, so only `get` on named secrets is accepted
   * @see https://kubernetes.io/docs/concepts/security/rbac-good-practices/#listing-secrets
   */
  readonly allowUnscopedSecretReads?: boolean;

  /**
   * Why the exception is needed (at least 10 characters). Recorded as the reason of the suppression each flag
   * writes on the Role (`hardened.cdk8s.io/suppressions`), so auditors and the security report see it.
   *
   * @default - none; required when any `allow*` flag is true
   */
  readonly reason?: string;
}

/**
 * Options for `LeastPrivilegeServiceAccount.allowClusterWide()`. A cluster-wide grant always needs a reason;
 * the risk flags work as in `GrantOptions`.
 *
 * @see https://kubernetes.io/docs/reference/access-authn-authz/rbac/#clusterrolebinding-example
 */
export interface ClusterWideGrantOptions {
  /**
   * Why the service account needs this permission in every namespace (at least 10 characters). Recorded as the
   * reason of the HARDEN-RBAC-010 suppression on the ClusterRoleBinding (risk flags: on the ClusterRole).
   */
  readonly reason: string;

  /**
   * Accept `"*"` in verbs, resources or apiGroups.
   *
   * @default false - wildcards are refused
   */
  readonly allowWildcards?: boolean;

  /**
   * Accept the verbs `escalate`, `bind` and `impersonate`.
   *
   * @default false - privilege-escalation verbs are refused
   */
  readonly allowPrivilegeEscalationVerbs?: boolean;

  /**
   * Accept the takeover verbs of HARDEN-RBAC-003: `create`/`get` on `pods/exec` or `pods/attach`, any verb on
   * `nodes/proxy`, `create` on `serviceaccounts/token`.
   *
   * @default false - these subresources are refused
   */
  readonly allowSensitiveSubresources?: boolean;

  /**
   * Accept `get` on secrets without `resourceNames`, and `list`/`watch` on secrets at all.
   *
   * @default false - unscoped secret reads are refused
   */
  readonly allowUnscopedSecretReads?: boolean;
}

/**
 * Properties for `LeastPrivilegeServiceAccount`.
 */
export interface LeastPrivilegeServiceAccountProps {
  /**
   * The service account name. When given, the Role and RoleBinding get the same name.
   *
   * @default - a name generated by cdk8s from the construct path
   * @see https://kubernetes.io/docs/concepts/security/service-accounts/
   */
  readonly name?: string;

  /**
   * The namespace the service account (and its Role/RoleBinding) lives in.
   *
   * @default - the chart's namespace
   */
  readonly namespace?: INamespaceRef;

  /**
   * Namespaced permissions, synthesized into one Role bound to this service account. Every grant is checked
   * like `allow()` without opt-outs; use `allow(permission, options)` for a grant that needs an explicit exception.
   *
   * @default - no permissions: no Role or RoleBinding is created, the service account can do nothing in the API
   * @see https://kubernetes.io/docs/reference/access-authn-authz/rbac/
   */
  readonly permissions?: Permission[];

  /**
   * Mount the service account's API token into every pod that uses it.
   *
   * @default false - pods get no API credential unless they ask for one; use `mountProjectedToken()` for an
   * audience-bound, short-lived token instead
   * @see https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/#opt-out-of-api-credential-automounting
   */
  readonly automountServiceAccountToken?: boolean;

  /**
   * Why `automountServiceAccountToken` must be true (at least 10 characters), recorded as the reason of the
   * HARDEN-WL-014 suppression on the ServiceAccount.
   *
   * @default - none; required when `automountServiceAccountToken` is true
   */
  readonly automountServiceAccountTokenReason?: string;

  /**
   * A cloud identity (EKS IRSA, GKE Workload Identity, Azure Workload Identity) written as ServiceAccount annotations.
   *
   * @default - no cloud identity
   */
  readonly workloadIdentity?: WorkloadIdentity;
}

/**
 * A ServiceAccount that does not automount its API token and can only be granted narrow, typed permissions.
 *
 * Namespaced grants become exactly one Role and one RoleBinding (only when there is at least one grant);
 * cluster-wide grants need `allowClusterWide()` with a reason and become one ClusterRole and ClusterRoleBinding.
 * Wildcards, privilege-escalation verbs, exec/attach/proxy/token subresources and unscoped secret reads are
 * refused unless explicitly allowed with a reason. Each accepted exception is a suppression of exactly the rule it
 * excepts (HARDEN-RBAC-001..004 on the Role's PolicyRule, HARDEN-RBAC-010 on the ClusterRoleBinding, HARDEN-WL-014 on
 * the ServiceAccount), with that reason, so the checks, the CLI and the security report show it.
 *
 * @see https://kubernetes.io/docs/concepts/security/service-accounts/
 * @see https://kubernetes.io/docs/concepts/security/rbac-good-practices/
 */
export class LeastPrivilegeServiceAccount extends kplus.ServiceAccount {
  /** The cloud identity of the service account, if any. */
  public readonly workloadIdentity?: WorkloadIdentity;

  private readonly _permissions: Permission[] = [];
  private readonly _clusterPermissions: Permission[] = [];
  private readonly _clusterReasons: string[] = [];
  private readonly _roleGranted: Array<{ exception: _Exception; permission: Permission }> = [];
  private readonly _clusterGranted: Array<{ exception: _Exception; permission: Permission }> = [];
  private readonly _written = new Map<ApiObject, Array<{ id: string; reason: string; appliesTo?: string[] }>>();
  private readonly _explicitName?: string;
  private _role?: k8s.KubeRole;
  private _clusterRole?: k8s.KubeClusterRole;
  private _clusterRoleBinding?: k8s.KubeClusterRoleBinding;

  constructor(scope: Construct, id: string, props: LeastPrivilegeServiceAccountProps = {}) {
    const automount = props.automountServiceAccountToken ?? false;
    // Only defined keys: cdk8s spreads `metadata` over its generated name, so `name: undefined` would erase it.
    const metadata: { name?: string; namespace?: string } = {};
    if (props.name !== undefined) metadata.name = _validateDns1123Subdomain(props.name, 'service account name');
    if (props.namespace !== undefined) metadata.namespace = props.namespace.name;
    super(scope, id, { metadata, automountToken: automount });
    this._explicitName = props.name;
    ApiObject.of(this); // the L1 child is `Resource`, reachable for suppressions and escape hatches
    if (this.metadata.namespace !== undefined) _validateNotReservedNamespace(this.metadata.namespace);

    if (automount) {
      const reason = _requireReason(props.automountServiceAccountTokenReason, 'automountServiceAccountToken: true', this.node.path);
      Suppressions.add(ApiObject.of(this), [{ id: ServiceAccountDoesNotAutomountToken.ID, reason: `automountServiceAccountToken: ${reason}` }]);
    } else if (props.automountServiceAccountTokenReason !== undefined) {
      throw new Error(`${this.node.path}: automountServiceAccountTokenReason is set but automountServiceAccountToken is not true. ` +
        'Remove the reason, or set automountServiceAccountToken: true if the pods really need the automounted token.');
    }

    this.workloadIdentity = props.workloadIdentity;
    const identity = props.workloadIdentity?.annotations ?? {};
    for (const key of Object.keys(identity).sort()) {
      this.metadata.addAnnotation(key, identity[key]);
    }

    for (const permission of props.permissions ?? []) {
      this.allow(permission);
    }
  }

  /**
   * The namespaced permissions granted so far (a copy; in the order added).
   */
  public get grants(): Permission[] {
    return [...this._permissions];
  }

  /**
   * The cluster-wide permissions granted so far (a copy; in the order added).
   */
  public get clusterWideGrants(): Permission[] {
    return [...this._clusterPermissions];
  }

  /**
   * The name of the Role holding the namespaced permissions, or undefined while there are none.
   */
  public get roleName(): string | undefined {
    return this._role?.name;
  }

  /**
   * The name of the ClusterRole holding the cluster-wide permissions, or undefined while there are none.
   */
  public get clusterRoleName(): string | undefined {
    return this._clusterRole?.name;
  }

  /**
   * Grants a permission in the service account's namespace (through its Role). Risky grants throw unless the
   * matching `GrantOptions` flag is set with a reason.
   *
   * @see https://kubernetes.io/docs/reference/access-authn-authz/rbac/#role-and-clusterrole
   */
  public allow(permission: Permission, options: GrantOptions = {}): void {
    const exceptions = _checkGrant(permission, options, this.node.path, 'allow');
    const role = this._ensureRole();
    this._permissions.push(permission);
    if (exceptions.length > 0) {
      this._roleGranted.push(...exceptions.map(exception => ({ exception, permission })));
      this._recordSuppressions(role, this._permissions, this._roleGranted);
    }
  }

  /**
   * Grants a permission in every namespace (through a ClusterRole and ClusterRoleBinding). Always needs a reason,
   * written as the suppression of HARDEN-RBAC-010 (a ServiceAccount bound cluster-wide) on the ClusterRoleBinding;
   * risky grants additionally need the matching flag.
   *
   * @see https://kubernetes.io/docs/reference/access-authn-authz/rbac/#clusterrolebinding-example
   */
  public allowClusterWide(permission: Permission, options: ClusterWideGrantOptions): void {
    const reason = _requireReason(options?.reason, `allowClusterWide for grant ${permission.toString()}`, this.node.path);
    const exceptions = _checkGrant(permission, options, this.node.path, 'allowClusterWide');
    const clusterRole = this._ensureClusterRole();
    this._clusterPermissions.push(permission);
    if (!this._clusterReasons.includes(reason)) this._clusterReasons.push(reason);
    // One binding for every cluster-wide grant: its suppression carries every reason given.
    Suppressions.add(this._clusterRoleBinding!, [{
      id: ServiceAccountIsNotBoundClusterWide.ID, reason: `allowClusterWide: ${this._clusterReasons.join('; ')}`,
    }]);
    if (exceptions.length > 0) {
      this._clusterGranted.push(...exceptions.map(exception => ({ exception, permission })));
      this._recordSuppressions(clusterRole, this._clusterPermissions, this._clusterGranted);
    }
  }

  /**
   * Gives one container of a workload that runs as this service account a projected, audience-bound,
   * short-lived token, mounted read-only at `<mountPath>/<path>`. Use this instead of
   * `automountServiceAccountToken` when the workload must authenticate to the API or to a service such as Vault.
   *
   * Call it once per container; containers of one workload share the volume when the options are the same.
   *
   * @param workload a cdk8s-plus workload (Deployment, StatefulSet, Job, Pod, ...) whose `serviceAccount` is this one
   * @param container the container that needs the token
   * @returns the volume, already added to the container's mounts
   * @see https://kubernetes.io/docs/concepts/storage/projected-volumes/#serviceaccounttoken
   */
  public mountProjectedToken(workload: kplus.AbstractPod, container: kplus.Container,
    options: ProjectedServiceAccountTokenMountOptions): kplus.Volume {
    // By node: a hardened workload's own account is referenced through a stand-in that shares its node.
    if (workload.serviceAccount?.node !== this.node) {
      throw new Error(`${this.node.path}: workload ${workload.node.path} runs as service account ` +
        `"${workload.serviceAccount?.name ?? 'default'}", so a projected token would be issued for that account, not for ` +
        `"${this.name}". Pass serviceAccount: this service account to the workload first.`);
    }
    if (!workload.containers.includes(container) && !workload.initContainers.includes(container)) {
      throw new Error(`${this.node.path}: container "${container.name}" is not part of workload ${workload.node.path}. ` +
        'Pass a container returned by workload.addContainer() (or addInitContainer()).');
    }
    const mountPath = validateMountPath(options.mountPath ?? ProjectedServiceAccountToken.DEFAULT_MOUNT_PATH);
    const tokenOptions = {
      audience: options.audience, expirationSeconds: options.expirationSeconds, path: options.path, volumeName: options.volumeName,
    };
    const spec = ProjectedServiceAccountToken._spec(tokenOptions);
    const id = `ProjectedToken-${spec.name}`;
    const existing = workload.node.tryFindChild(id) as kplus.Volume | undefined;
    let volume: kplus.Volume;
    if (existing) {
      if (JSON.stringify(_renderedVolume(existing)) !== JSON.stringify({ name: spec.name, projected: spec.projected })) {
        throw new Error(`${this.node.path}: workload ${workload.node.path} already has a projected token volume ` +
          `"${spec.name}" with different options. Pass a distinct volumeName for a second audience.`);
      }
      volume = existing;
    } else {
      volume = ProjectedServiceAccountToken.volume(workload, id, tokenOptions);
    }
    container.mount(mountPath, volume, { readOnly: true });
    return volume;
  }

  /**
   * Records the accepted exceptions of a role as suppressions of exactly their rules, scoped to the PolicyRule that
   * holds each grant, so the synth-time checks, the CLI and the admission policies accept what the construct
   * accepted, with the same reason. Rewritten on every grant: rendering merges and sorts the PolicyRules.
   */
  private _recordSuppressions(role: ApiObject, permissions: Permission[], granted: Array<{ exception: _Exception; permission: Permission }>): void {
    const rules = renderRules(permissions);
    const indexOf = (p: Permission) => rules.findIndex(r => JSON.stringify([r.apiGroups, r.resources, r.resourceNames ?? null])
      === JSON.stringify([p.apiGroups, p.resources, p.resourceNames ?? null]));
    const rendered = rules.map(r => ({ apiGroups: r.apiGroups ?? [], resources: r.resources ?? [], resourceNames: r.resourceNames, verbs: r.verbs }));
    const own = _exceptionSuppressions(role.kind, rendered,
      granted.map(g => ({ exception: g.exception, index: indexOf(g.permission) })));
    const key = WellKnownLabels.SUPPRESSIONS_ANNOTATION;
    const current = _readSuppressionAnnotation({ metadata: role.metadata.toJson() }).suppressions;
    const previous = this._written.get(role) ?? [];
    const others = current.filter(c => !previous.some(p => JSON.stringify(p) === JSON.stringify(c)));
    const merged = _mergeSuppressions(others, own);
    this._written.set(role, own.map(o => merged.find(m => m.id === o.id && JSON.stringify(m.appliesTo) === JSON.stringify(o.appliesTo))!));
    role.metadata.addAnnotation(key, JSON.stringify(merged));
  }

  private _requireNamespace(what: string): string {
    const namespace = this.metadata.namespace;
    if (namespace === undefined) {
      throw new Error(`${this.node.path}: cannot create the ${what} for service account "${this.name}" without a namespace: ` +
        'a binding subject of kind ServiceAccount must name its namespace. Pass namespace: <INamespaceRef> to ' +
        'LeastPrivilegeServiceAccount, or create the chart with a namespace.');
    }
    return namespace;
  }

  private _ensureRole(): k8s.KubeRole {
    if (this._role) return this._role;
    const namespace = this._requireNamespace('RoleBinding');
    const role = new k8s.KubeRole(this, 'Role', {
      metadata: { ...definedName(this._explicitName), namespace },
      rules: Lazy.any({ produce: () => renderRules(this._permissions) }),
    });
    new k8s.KubeRoleBinding(this, 'RoleBinding', {
      metadata: { ...definedName(this._explicitName), namespace },
      roleRef: { apiGroup: RBAC_API_GROUP, kind: 'Role', name: role.name },
      subjects: [{ kind: 'ServiceAccount', name: this.name, namespace }],
    });
    this._role = role;
    return role;
  }

  private _ensureClusterRole(): k8s.KubeClusterRole {
    if (this._clusterRole) return this._clusterRole;
    const namespace = this._requireNamespace('ClusterRoleBinding');
    const name = this._explicitName !== undefined && namespace.length + 1 + this._explicitName.length <= 253
      ? `${namespace}-${this._explicitName}` : undefined;
    const clusterRole = new k8s.KubeClusterRole(this, 'ClusterRole', {
      metadata: definedName(name),
      rules: Lazy.any({ produce: () => renderRules(this._clusterPermissions) }),
    });
    const binding = new k8s.KubeClusterRoleBinding(this, 'ClusterRoleBinding', {
      metadata: definedName(name),
      roleRef: { apiGroup: RBAC_API_GROUP, kind: 'ClusterRole', name: clusterRole.name },
      subjects: [{ kind: 'ServiceAccount', name: this.name, namespace }],
    });
    // cdk8s puts the chart's namespace on every object; cluster-scoped objects must not carry one.
    if (Chart.of(this).namespace !== undefined) {
      for (const obj of [clusterRole, binding]) obj.addJsonPatch(JsonPatch.remove('/metadata/namespace'));
    }
    this._clusterRole = clusterRole;
    this._clusterRoleBinding = binding;
    return clusterRole;
  }
}

function validateMountPath(mountPath: string): string {
  if (typeof mountPath !== 'string' || !mountPath.startsWith('/') || mountPath.split('/').includes('..') || mountPath.includes(':')) {
    throw new Error(`Invalid projected token mountPath ${JSON.stringify(mountPath)}: must be an absolute directory path ` +
      `without ".." segments or ":", e.g. "${ProjectedServiceAccountToken.DEFAULT_MOUNT_PATH}".`);
  }
  return mountPath;
}

/**
 * One PolicyRule per distinct (apiGroups, resources, resourceNames), verbs merged, rules sorted: the same grants
 * in any order give the same Role.
 */
function renderRules(permissions: Permission[]): k8s.PolicyRule[] {
  const merged = new Map<string, { apiGroups: string[]; resources: string[]; resourceNames?: string[]; verbs: Set<string> }>();
  for (const p of permissions) {
    const key = JSON.stringify([p.apiGroups, p.resources, p.resourceNames ?? null]);
    const entry = merged.get(key) ?? { apiGroups: p.apiGroups, resources: p.resources, resourceNames: p.resourceNames, verbs: new Set<string>() };
    p.verbs.forEach(v => entry.verbs.add(v));
    merged.set(key, entry);
  }
  return Array.from(merged.keys()).sort().map(key => {
    const e = merged.get(key)!;
    const verbs = e.verbs.has('*') ? ['*'] : Array.from(e.verbs).sort();
    return { apiGroups: e.apiGroups, resources: e.resources, resourceNames: e.resourceNames, verbs };
  });
}

/** `{ name }` when the name is defined, else `{}` (cdk8s would otherwise drop its generated name). */
function definedName(name: string | undefined): { name?: string } {
  return name === undefined ? {} : { name };
}
