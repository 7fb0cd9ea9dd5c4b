// SPDX-License-Identifier: Apache-2.0
import { _validateDns1123Subdomain } from '../core/_util';

/**
 * An RBAC verb, as it appears in a `PolicyRule`. Enum-like class whose values equal the Kubernetes verb.
 *
 * Use the constants for the request verbs; `Verb.of()` covers special verbs of other API groups
 * (for example `use`, `approve` or `sign`).
 *
 * @see https://kubernetes.io/docs/reference/access-authn-authz/authorization/#determine-the-request-verb
 */
export class Verb {
  /** Read one object by name. */
  public static readonly GET = new Verb('get');
  /** List a collection (returns full objects, not just names). */
  public static readonly LIST = new Verb('list');
  /** Watch one object or a collection for changes (returns full objects). */
  public static readonly WATCH = new Verb('watch');
  /** Create an object. Cannot be restricted by `resourceNames`. */
  public static readonly CREATE = new Verb('create');
  /** Replace an object. */
  public static readonly UPDATE = new Verb('update');
  /** Partially modify an object. */
  public static readonly PATCH = new Verb('patch');
  /** Delete one object. */
  public static readonly DELETE = new Verb('delete');
  /** Delete a collection. Cannot be restricted by `resourceNames`. */
  public static readonly DELETECOLLECTION = new Verb('deletecollection');
  /**
   * Create or update Roles/ClusterRoles with permissions the subject does not hold itself.
   * Refused unless explicitly allowed with a reason.
   * @see https://kubernetes.io/docs/concepts/security/rbac-good-practices/#escalate-verb
   */
  public static readonly ESCALATE = new Verb('escalate');
  /**
   * Create bindings to roles with permissions the subject does not hold itself.
   * Refused unless explicitly allowed with a reason.
   * @see https://kubernetes.io/docs/concepts/security/rbac-good-practices/#bind-verb
   */
  public static readonly BIND = new Verb('bind');
  /**
   * Act as another user, group or service account. Refused unless explicitly allowed with a reason.
   * @see https://kubernetes.io/docs/reference/access-authn-authz/authentication/#user-impersonation
   */
  public static readonly IMPERSONATE = new Verb('impersonate');
  /**
   * Every verb, including ones added in future Kubernetes versions. Refused unless explicitly allowed with a reason.
   */
  public static readonly ALL = new Verb('*');

  /**
   * A verb not covered by the constants (for example `use` for PodSecurityPolicy-style resources or
   * `approve` for CertificateSigningRequests).
   *
   * @param value the lowercase Kubernetes verb
   */
  public static of(value: string): Verb {
    if (typeof value !== 'string' || !(value === '*' || /^[a-z]+$/.test(value))) {
      throw new Error(`Invalid RBAC verb "${value}": a verb is a lowercase word such as "get" or "list" (or "*"). ` +
        'Use the Verb constants (Verb.GET, Verb.LIST, ...) or Verb.of("<verb>").');
    }
    return new Verb(value);
  }

  /**
   * @param value the Kubernetes verb
   */
  private constructor(public readonly value: string) {}

  /** The Kubernetes verb. */
  public toString(): string {
    return this.value;
  }
}

/**
 * The fields of one RBAC grant.
 *
 * @see https://kubernetes.io/docs/reference/access-authn-authz/rbac/#referring-to-resources
 */
export interface PermissionProps {
  /**
   * API groups of the resources: `""` for the core group (pods, secrets, configmaps, ...), `"apps"`, `"batch"`, ...
   * `"*"` is a wildcard and is refused unless explicitly allowed with a reason.
   */
  readonly apiGroups: string[];

  /**
   * Resource names in plural form (`"pods"`, `"deployments"`), optionally with a subresource (`"pods/log"`).
   * `"*"` is a wildcard and is refused unless explicitly allowed with a reason.
   */
  readonly resources: string[];

  /**
   * Verbs to allow.
   */
  readonly verbs: Verb[];

  /**
   * Names of the individual objects the grant applies to.
   *
   * Note that `create` and `deletecollection` cannot be restricted by name (the grant would never match),
   * and `list`/`watch` are only restricted by name when the client sends a `metadata.name` field selector.
   *
   * @default - the grant applies to every object of the resources in the namespace; narrow it with names where you can
   * @see https://kubernetes.io/docs/reference/access-authn-authz/rbac/#referring-to-resources
   */
  readonly resourceNames?: string[];
}

const RESOURCE = /^(\*|[a-z0-9]([-a-z0-9.]*[a-z0-9])?)(\/(\*|[a-z0-9]([-a-z0-9]*[a-z0-9])?))?$/;
const NAME_NOT_SCOPABLE = ['create', 'deletecollection'];

/**
 * One typed RBAC grant (a `PolicyRule`): API groups, resources, verbs and optionally resource names.
 *
 * Build one with `Permission.of()` or an intent-level factory such as `Permission.read()`, and give it to
 * `LeastPrivilegeServiceAccount` (`permissions` prop or `allow()`), which refuses risky grants unless they are
 * explicitly allowed with a reason. Shape errors (empty lists, malformed names) throw here.
 *
 * @see https://kubernetes.io/docs/reference/access-authn-authz/rbac/#role-and-clusterrole
 */
export class Permission {
  /**
   * A grant with every field given explicitly.
   */
  public static of(props: PermissionProps): Permission {
    return new Permission(props);
  }

  /**
   * `get`, `list` and `watch` on one resource.
   *
   * For `secrets` use `Permission.get()` with names instead: `list`/`watch` on secrets are refused.
   *
   * @param apiGroup the API group (`""` for the core group)
   * @param resource the plural resource name, e.g. `"configmaps"`
   * @param resourceNames the objects to read (default: every object of the resource)
   */
  public static read(apiGroup: string, resource: string, resourceNames?: string[]): Permission {
    return new Permission({ apiGroups: [apiGroup], resources: [resource], verbs: [Verb.GET, Verb.LIST, Verb.WATCH], resourceNames });
  }

  /**
   * `get` only on one resource, typically on named objects (the least-privilege way to read a Secret).
   *
   * @param apiGroup the API group (`""` for the core group)
   * @param resource the plural resource name, e.g. `"secrets"`
   * @param resourceNames the objects to read (default: every object of the resource)
   */
  public static get(apiGroup: string, resource: string, resourceNames?: string[]): Permission {
    return new Permission({ apiGroups: [apiGroup], resources: [resource], verbs: [Verb.GET], resourceNames });
  }

  /**
   * `update` and `patch` on one resource, optionally on named objects only.
   *
   * @param apiGroup the API group (`""` for the core group)
   * @param resource the plural resource name, e.g. `"configmaps"` or `"deployments/scale"`
   * @param resourceNames the objects to modify (default: every object of the resource)
   */
  public static update(apiGroup: string, resource: string, resourceNames?: string[]): Permission {
    return new Permission({ apiGroups: [apiGroup], resources: [resource], verbs: [Verb.UPDATE, Verb.PATCH], resourceNames });
  }

  /**
   * `create`, `update`, `patch` and `delete` on one resource (create cannot be restricted by name, so this
   * factory takes none; use `Permission.update()` for named objects).
   *
   * @param apiGroup the API group (`""` for the core group)
   * @param resource the plural resource name, e.g. `"configmaps"`
   */
  public static write(apiGroup: string, resource: string): Permission {
    return new Permission({ apiGroups: [apiGroup], resources: [resource], verbs: [Verb.CREATE, Verb.UPDATE, Verb.PATCH, Verb.DELETE] });
  }

  private readonly _apiGroups: string[];
  private readonly _resources: string[];
  private readonly _verbs: string[];
  private readonly _resourceNames?: string[];

  private constructor(props: PermissionProps) {
    const where = (field: string) => `Permission ${field}`;
    if (!Array.isArray(props.apiGroups) || props.apiGroups.length === 0) {
      throw new Error(`${where('apiGroups')} is empty: a grant with no API group matches nothing. ` +
        'Pass the group of the resources, e.g. apiGroups: [""] for the core group or ["apps"].');
    }
    if (!Array.isArray(props.resources) || props.resources.length === 0) {
      throw new Error(`${where('resources')} is empty: a grant with no resource matches nothing. ` +
        'Pass the plural resource names, e.g. resources: ["configmaps"].');
    }
    if (!Array.isArray(props.verbs) || props.verbs.length === 0) {
      throw new Error(`${where('verbs')} is empty: a grant with no verb allows nothing. ` +
        'Pass the verbs the workload needs, e.g. verbs: [Verb.GET].');
    }
    for (const group of props.apiGroups) {
      if (group !== '' && group !== '*') _validateDns1123Subdomain(group, 'RBAC apiGroup');
    }
    for (const resource of props.resources) {
      if (typeof resource !== 'string' || !RESOURCE.test(resource)) {
        throw new Error(`Invalid RBAC resource "${resource}": expected a lowercase plural resource name, optionally with a ` +
          'subresource, such as "pods", "deployments" or "pods/log".');
      }
    }
    for (const verb of props.verbs) {
      if (!verb || typeof verb.value !== 'string') {
        throw new Error(`Invalid RBAC verb ${JSON.stringify(verb)}: use the Verb constants (Verb.GET, ...) or Verb.of("<verb>").`);
      }
    }
    const verbs = uniqueSorted(props.verbs.map(v => v.value));
    if (props.resourceNames !== undefined) {
      if (!Array.isArray(props.resourceNames) || props.resourceNames.length === 0) {
        throw new Error(`${where('resourceNames')} is an empty list: Kubernetes reads an empty list as "every object". ` +
          'Omit resourceNames to grant on every object, or list the object names.');
      }
      for (const name of props.resourceNames) {
        if (typeof name !== 'string' || name.length === 0 || name === '*' || name.includes('/')) {
          throw new Error(`Invalid RBAC resourceName "${name}": resourceNames are exact object names and support no wildcards. ` +
            'Omit resourceNames to grant on every object, or list exact names.');
        }
      }
      const unscopable = verbs.filter(v => NAME_NOT_SCOPABLE.includes(v));
      if (unscopable.length > 0) {
        throw new Error(`Verb(s) ${unscopable.map(v => `"${v}"`).join(', ')} cannot be restricted by resourceNames ` +
          `(${JSON.stringify(props.resourceNames)}): the object name is not known when the request is authorized, so the grant ` +
          'would never match. Grant these verbs in a separate Permission without resourceNames.');
      }
    }
    this._apiGroups = uniqueSorted(props.apiGroups);
    this._resources = uniqueSorted(props.resources);
    this._verbs = verbs;
    this._resourceNames = props.resourceNames ? uniqueSorted(props.resourceNames) : undefined;
  }

  /** The API groups (sorted, de-duplicated copy). */
  public get apiGroups(): string[] {
    return [...this._apiGroups];
  }

  /** The resources (sorted, de-duplicated copy). */
  public get resources(): string[] {
    return [...this._resources];
  }

  /** The verbs as Kubernetes strings (sorted, de-duplicated copy). */
  public get verbs(): string[] {
    return [...this._verbs];
  }

  /** The resource names (sorted, de-duplicated copy), or undefined when the grant is not restricted by name. */
  public get resourceNames(): string[] | undefined {
    return this._resourceNames ? [...this._resourceNames] : undefined;
  }

  /** A one-line rendering used in error messages and audit annotations. */
  public toString(): string {
    const list = (xs: string[]) => `[${xs.map(x => JSON.stringify(x)).join(',')}]`;
    return `apiGroups=${list(this._apiGroups)} resources=${list(this._resources)} verbs=${list(this._verbs)}` +
      (this._resourceNames ? ` resourceNames=${list(this._resourceNames)}` : '');
  }
}

function uniqueSorted(values: string[]): string[] {
  return Array.from(new Set(values)).sort();
}
