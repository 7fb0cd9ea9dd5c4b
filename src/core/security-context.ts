// SPDX-License-Identifier: Apache-2.0
import { _PROFILE_LOCALHOST, _PROFILE_RUNTIME_DEFAULT, _RESTRICTED_ADDABLE_CAPABILITY } from './_pod-security-standards';

/**
 * Values of the Pod Security Standards "restricted" profile that hardened constructs use as defaults.
 *
 * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted
 */
export class RestrictedSecurityContext {
  /**
   * The default numeric user ID: non-root, above the range distributions hand to system accounts (< 1000)
   * and to regular login users (1000+), so it maps to no account on the node.
   */
  public static readonly DEFAULT_USER_ID = 10001;
  /** The default numeric group ID (and `fsGroup`), chosen like `DEFAULT_USER_ID`. */
  public static readonly DEFAULT_GROUP_ID = 10001;
  /** The only capability the restricted profile allows a container to add back. */
  public static readonly ALLOWED_ADDED_CAPABILITY: string = _RESTRICTED_ADDABLE_CAPABILITY;

  private constructor() {}
}

/**
 * The seccomp profile of a pod. Only the two profiles the restricted Pod Security Standard accepts can be
 * expressed: `Unconfined` is not representable.
 *
 * @see https://kubernetes.io/docs/tutorials/security/seccomp/
 */
export class RestrictedSeccompProfile {
  /** The container runtime's default profile (`RuntimeDefault`): blocks the syscalls most exploits need. */
  public static runtimeDefault(): RestrictedSeccompProfile {
    return new RestrictedSeccompProfile(_PROFILE_RUNTIME_DEFAULT);
  }

  /**
   * A profile file installed on every node (`Localhost`).
   * @param localhostProfile path relative to the kubelet's seccomp directory, e.g. `profiles/app.json`
   */
  public static localhost(localhostProfile: string): RestrictedSeccompProfile {
    _validateLocalProfilePath(localhostProfile, 'seccomp');
    return new RestrictedSeccompProfile(_PROFILE_LOCALHOST, localhostProfile);
  }

  /**
   * @param type the `seccompProfile.type` value
   * @param localhostProfile the `seccompProfile.localhostProfile` value (Localhost only)
   */
  private constructor(public readonly type: string, public readonly localhostProfile?: string) {}
}

/**
 * The AppArmor profile of a container. Only `RuntimeDefault` and `Localhost` can be expressed:
 * `Unconfined` is not representable.
 *
 * @see https://kubernetes.io/docs/tutorials/security/apparmor/
 */
export class AppArmorProfile {
  /** The container runtime's default AppArmor profile. */
  public static runtimeDefault(): AppArmorProfile {
    return new AppArmorProfile(_PROFILE_RUNTIME_DEFAULT);
  }

  /**
   * A profile already loaded on every node.
   * @param localhostProfile the name of the loaded profile, e.g. `k8s-apparmor-example-deny-write`
   */
  public static localhost(localhostProfile: string): AppArmorProfile {
    _validateLocalProfilePath(localhostProfile, 'AppArmor');
    return new AppArmorProfile(_PROFILE_LOCALHOST, localhostProfile);
  }

  /**
   * @param type the `appArmorProfile.type` value
   * @param localhostProfile the loaded profile name (Localhost only)
   */
  private constructor(public readonly type: string, public readonly localhostProfile?: string) {}

  /**
   * The value of the `container.apparmor.security.beta.kubernetes.io/<container>` annotation, which is how
   * Kubernetes 1.28 (the version this library targets) reads the profile.
   * @internal
   */
  public _toAnnotationValue(): string {
    return this.type === _PROFILE_LOCALHOST ? `localhost/${this.localhostProfile}` : 'runtime/default';
  }
}

function _validateLocalProfilePath(value: string, what: string): void {
  if (typeof value !== 'string' || value.trim() === '' || /\s/.test(value) || value.split('/').includes('..')) {
    throw new Error(
      `Invalid ${what} localhost profile "${value}": it must be a non-empty name or relative path without spaces or "..". ` +
      'Pass the profile as installed on the nodes, e.g. "profiles/app.json".',
    );
  }
}
