// SPDX-License-Identifier: Apache-2.0
/**
 * Internal: how a writable path of a read-only container is backed. Shared by the hardened workloads
 * (`writablePaths`) and the read-only-root-filesystem fix, so both name and size the emptyDirs alike.
 */

/** The default `sizeLimit` of a writable path's emptyDir. @internal */
export const _WRITABLE_PATH_SIZE_LIMIT = '64Mi';

/** Paths a fix makes writable (emptyDir) when it turns a root filesystem read-only. @internal */
export const _FIX_WRITABLE_PATHS = ['/tmp'];

/** Whether a writable path is an absolute directory other than `/`, without `..`. @internal */
export function _isWritablePath(path: string): boolean {
  return typeof path === 'string' && path.startsWith('/') && path !== '/' && !path.split('/').includes('..');
}

/** The emptyDir volume name of a container's writable path: `<container>-<path letters and digits>`, at most 63 characters. @internal */
export function _writableVolumeName(container: string, path: string): string {
  const slug = path.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return `${container}-${slug}`.slice(0, 63).replace(/-+$/, '');
}
