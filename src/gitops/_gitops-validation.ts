// SPDX-License-Identifier: Apache-2.0
/** Input checks shared by ArgoCdApplication and FluxKustomization. Each throws naming the value and the fix. */

/**
 * A path inside the repository: relative, no `..` segment, no backslash.
 * @internal
 */
export function _validateRepoPath(value: string, what: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new Error(`Invalid ${what} "${value}": give the folder inside the repository, e.g. "gitops/shop" (a GitOpsLayout folder).`);
  }
  if (value.startsWith('/') || value.includes('\\') || /^[A-Za-z]:/.test(value)
    || value.split('/').includes('..') || /[\s\0]/.test(value)) {
    throw new Error(`Invalid ${what} "${value}": must be a relative path inside the repository with '/' separators, ` +
      'no ".." segment and no white space, e.g. "gitops/shop".');
  }
  return value;
}

/**
 * A Git revision, branch or tag: non-empty, no white space.
 * @internal
 */
export function _validateRevision(value: string, what: string): string {
  if (typeof value !== 'string' || value === '' || /[\s\0]/.test(value)) {
    throw new Error(`Invalid ${what} "${value}": give a branch, tag or commit without white space, e.g. "main" or "v1.2.0".`);
  }
  return value;
}
