// SPDX-License-Identifier: Apache-2.0
import { ApiObject, JsonPatch, Lazy } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { k8s } from 'cdk8s-plus-28';
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
 * A projected service account token: bound to one audience, short-lived, rotated by the kubelet, and invalidated
 * when the pod is deleted. Use it instead of `automountServiceAccountToken` for the workloads that do need to
 * present an identity: `LeastPrivilegeServiceAccount.mountProjectedToken(workload, container, options)` checks that
 * the workload runs as that service account and mounts the token read-only. This class holds the defaults.
 *
 * @see https://kubernetes.io/docs/concepts/storage/projected-volumes/#serviceaccounttoken
 */
export class ProjectedServiceAccountToken {
  /** The smallest `expirationSeconds` Kubernetes accepts. */
  public static readonly MIN_EXPIRATION_SECONDS = 600;
  /** The default mount directory. */
  public static readonly DEFAULT_MOUNT_PATH = '/var/run/secrets/tokens';

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

/** Where each kind a cdk8s-plus workload renders to keeps its pod spec. */
const POD_SPEC: { readonly [kind: string]: string } = {
  Pod: '/spec',
  CronJob: '/spec/jobTemplate/spec/template/spec',
};

/** The volume each reserved one stands for (rendered), so a second mount with other options is refused. */
const RESERVED = new WeakMap<kplus.Volume, string>();

/**
 * The pod volume of a projected token, on cdk8s-plus-28's public API only. cdk8s-plus has no factory for projected
 * volumes, so the volume is reserved with a public factory (an emptyDir of the same name, which the container mounts
 * as usual) and its source is replaced in the workload's manifest by a JSON patch: `test` on the name first, then
 * `replace`, so a volume at another position fails loudly instead of being overwritten. The position is computed
 * when the manifest is rendered (volumes of container mounts in container order, then init containers, then the
 * pod's own, as cdk8s-plus renders them), so mounts added after this call do not move it. Returns the reserved
 * volume, which belongs to this workload only.
 * @internal
 */
export function _projectedTokenVolume(workload: kplus.AbstractPod, options: ProjectedServiceAccountTokenOptions, path: string): kplus.Volume {
  const spec = ProjectedServiceAccountToken._spec(options);
  const rendered = { name: spec.name, projected: spec.projected };
  const id = `ProjectedToken-${spec.name}`;
  const existing = workload.node.tryFindChild(id) as kplus.Volume | undefined;
  if (existing) {
    if (RESERVED.get(existing) !== JSON.stringify(rendered)) {
      throw new Error(`${path}: workload ${workload.node.path} already has a projected token volume ` +
        `"${spec.name}" with different options. Pass a distinct volumeName for a second audience.`);
    }
    return existing;
  }
  const volume = kplus.Volume.fromEmptyDir(workload, id, spec.name);
  RESERVED.set(volume, JSON.stringify(rendered));
  const api = ApiObject.of(workload);
  const podSpec = POD_SPEC[api.kind] ?? '/spec/template/spec';
  let patchedAt: number | undefined;
  // Resolved while the manifest renders, before cdk8s applies the object's JSON patches; renders to nothing itself.
  api.metadata.add(`${id}.hardened.cdk8s.io`, Lazy.any({
    produce: () => {
      const index = renderedVolumeNames(workload).indexOf(spec.name);
      if (patchedAt === undefined) {
        api.addJsonPatch(JsonPatch.test(`${podSpec}/volumes/${index}/name`, spec.name), JsonPatch.replace(`${podSpec}/volumes/${index}`, rendered));
        patchedAt = index;
      } else if (patchedAt !== index) {
        throw new Error(`${path}: the projected token volume "${spec.name}" of ${workload.node.path} moved from position ${patchedAt} ` +
          `to ${index} between two syntheses. Add every volume and mount before synthesizing.`);
      }
      return undefined;
    },
  }));
  return volume;
}

/** The names of the pod's volumes in the order cdk8s-plus-28 renders them. */
function renderedVolumeNames(workload: kplus.AbstractPod): string[] {
  const names: string[] = [];
  const add = (v: kplus.Volume) => { if (!names.includes(v.name)) names.push(v.name); };
  for (const c of [...workload.containers, ...workload.initContainers]) c.mounts.forEach(m => add(m.volume));
  workload.volumes.forEach(add);
  return names;
}
