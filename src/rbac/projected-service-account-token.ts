// SPDX-License-Identifier: Apache-2.0
import * as kplus from 'cdk8s-plus-28';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { _renderedVolume } from '../core/_rendered-volume';
import { _validateDns1123Label } from '../core/_util';

/**
 * Options for a projected, audience-bound service account token volume.
 *
 * @see https://kubernetes.io/docs/concepts/storage/projected-volumes/#serviceaccounttoken
 */
export interface ProjectedServiceAccountTokenOptions {
  /**
   * The intended audience of the token (`aud` claim). The recipient must reject tokens for another audience,
   * so a leaked token cannot be replayed against the Kubernetes API or another service. Required: there is no
   * safe default audience.
   *
   * @see https://kubernetes.io/docs/reference/access-authn-authz/service-accounts-admin/#bound-service-account-token-volume
   */
  readonly audience: string;

  /**
   * How long the token is valid. The kubelet rotates it when 80% of the lifetime has passed. Kubernetes refuses
   * values below 600 seconds.
   *
   * @default 600 - the shortest lifetime Kubernetes allows, to limit what a leaked token is worth
   * @see https://kubernetes.io/docs/concepts/storage/projected-volumes/#serviceaccounttoken
   */
  readonly expirationSeconds?: number;

  /**
   * The file name of the token inside the volume.
   *
   * @default "token"
   */
  readonly path?: string;

  /**
   * The name of the pod volume. Set it when a pod mounts tokens for more than one audience.
   *
   * @default "sa-token"
   */
  readonly volumeName?: string;
}

/**
 * Options for `LeastPrivilegeServiceAccount.mountProjectedToken()`.
 */
export interface ProjectedServiceAccountTokenMountOptions extends ProjectedServiceAccountTokenOptions {
  /**
   * The directory the volume is mounted at (read-only). The token is at `<mountPath>/<path>`.
   *
   * @default "/var/run/secrets/tokens"
   */
  readonly mountPath?: string;
}

const MAX_EXPIRATION_SECONDS = 2 ** 32;

/**
 * Builds a cdk8s-plus `Volume` holding a projected service account token: bound to one audience, short-lived,
 * rotated by the kubelet, and invalidated when the pod is deleted. Use it instead of
 * `automountServiceAccountToken` for the workloads that do need to present an identity.
 *
 * cdk8s-plus-28 has no factory for projected volumes, so this class creates the `Volume` itself; the result is
 * an ordinary cdk8s-plus `Volume` that `container.mount(path, volume, { readOnly: true })` accepts. The pod
 * must run as the service account the token is for (`LeastPrivilegeServiceAccount.mountProjectedToken()`
 * checks this and mounts read-only for you).
 *
 * @see https://kubernetes.io/docs/concepts/storage/projected-volumes/#serviceaccounttoken
 */
export class ProjectedServiceAccountToken {
  /** The smallest `expirationSeconds` Kubernetes accepts. */
  public static readonly MIN_EXPIRATION_SECONDS = 600;
  /** The default mount directory. */
  public static readonly DEFAULT_MOUNT_PATH = '/var/run/secrets/tokens';

  /**
   * A volume with one projected `serviceAccountToken` source.
   *
   * @param scope the construct scope of the volume (typically the workload)
   * @param id the construct id
   */
  public static volume(scope: Construct, id: string, options: ProjectedServiceAccountTokenOptions): kplus.Volume {
    const spec = ProjectedServiceAccountToken._spec(options);
    return _projectedVolume(scope, id, spec.name, { projected: spec.projected });
  }

  /**
   * Validates the options and returns the pod-spec volume they describe.
   * @internal
   */
  public static _spec(options: ProjectedServiceAccountTokenOptions): { name: string; projected: k8s.ProjectedVolumeSource } {
    const audience = options.audience;
    if (typeof audience !== 'string' || audience.trim().length === 0 || /\s/.test(audience)) {
      throw new Error(`Invalid projected token audience ${JSON.stringify(audience)}: the audience must be a non-empty string without ` +
        'whitespace naming the service that will verify the token, e.g. "vault" or "https://sts.example.com".');
    }
    const expirationSeconds = options.expirationSeconds ?? ProjectedServiceAccountToken.MIN_EXPIRATION_SECONDS;
    if (!Number.isInteger(expirationSeconds) || expirationSeconds < ProjectedServiceAccountToken.MIN_EXPIRATION_SECONDS
      || expirationSeconds > MAX_EXPIRATION_SECONDS) {
      throw new Error(`Invalid projected token expirationSeconds ${expirationSeconds}: Kubernetes requires an integer of at least ` +
        `${ProjectedServiceAccountToken.MIN_EXPIRATION_SECONDS} (10 minutes) and at most 2^32. Keep it short: ` +
        `${ProjectedServiceAccountToken.MIN_EXPIRATION_SECONDS} is the default.`);
    }
    const path = options.path ?? 'token';
    if (typeof path !== 'string' || path.length === 0 || path.startsWith('/') || path.split('/').includes('..')) {
      throw new Error(`Invalid projected token path ${JSON.stringify(path)}: must be a relative file path inside the volume ` +
        'without ".." segments, e.g. "token".');
    }
    const name = _validateDns1123Label(options.volumeName ?? 'sa-token', 'projected token volume name');
    return { name, projected: { sources: [{ serviceAccountToken: { audience, expirationSeconds, path } }] } };
  }

  private constructor() {}
}

/**
 * cdk8s-plus-28 `Volume` exposes factories only for the sources it models and keeps its constructor private.
 * The constructor (`scope, id, name, config`) and `_toKube()` (`{ name, ...config }`) have been stable across
 * cdk8s-plus 2.x; the check below turns an incompatible upgrade into a clear error instead of a wrong manifest.
 */
function _projectedVolume(scope: Construct, id: string, name: string, config: Record<string, unknown>): kplus.Volume {
  const VolumeCtor = kplus.Volume as unknown as new (s: Construct, i: string, n: string, c: Record<string, unknown>) => kplus.Volume;
  const volume = new VolumeCtor(scope, id, name, config);
  const rendered = _renderedVolume(volume);
  if (!rendered || rendered.name !== name || JSON.stringify(rendered.projected) !== JSON.stringify(config.projected)) {
    throw new Error('The installed cdk8s-plus-28 Volume no longer accepts a projected source through its constructor. ' +
      'Pin cdk8s-plus-28 to a version this library supports, or report the incompatibility.');
  }
  return volume;
}
