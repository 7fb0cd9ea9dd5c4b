// SPDX-License-Identifier: Apache-2.0
/**
 * Internal: the one image-reference parser and the digest algorithms this library accepts as a pin.
 * The image rules (HARDEN-WL-003/004), their CEL and the hardened workloads read them from here.
 */

/** Digest algorithms accepted as a pin, with the number of lowercase hex characters of each. @internal */
export const _DIGEST_ALGORITHMS: { readonly [algorithm: string]: number } = { sha256: 64, sha512: 128 };

/** The pinned-digest grammar (`algorithm:hex`) as a regular-expression source, usable in RE2 (CEL) too. @internal */
export const _PINNED_DIGEST_PATTERN = `(${Object.keys(_DIGEST_ALGORITHMS).sort()
  .map(a => `${a}:[0-9a-f]{${_DIGEST_ALGORITHMS[a]}}`).join('|')})`;

const PINNED_DIGEST = new RegExp(`^${_PINNED_DIGEST_PATTERN}$`);
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const PATH_COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const REPOSITORY = new RegExp(`^(?:[A-Za-z0-9.-]+(?::[0-9]+)?/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*$`);

/** The parts of an image reference. @internal */
export interface ImageReference {
  /** Repository with optional registry host and port. */
  readonly name: string;
  /** The tag, or undefined when untagged. */
  readonly tag?: string;
  /** The digest (`algorithm:hex`), or undefined. */
  readonly digest?: string;
}

/**
 * Parses `[registry[:port]/]path[:tag][@digest]`. A colon before the last `/` belongs to the
 * registry port, not a tag.
 * @internal
 */
export function _parseImage(image: string): ImageReference {
  let rest = image;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  return { name: rest, tag, digest };
}

/** Whether a digest (`algorithm:hex`) is a well-formed pin of an accepted algorithm. @internal */
export function _isPinnedDigest(digest: string | undefined): boolean {
  return digest !== undefined && PINNED_DIGEST.test(digest);
}

/** Whether the reference is pinned by a well-formed digest of an accepted algorithm. @internal */
export function _isPinnedByDigest(ref: ImageReference): boolean {
  return _isPinnedDigest(ref.digest);
}

/** Whether the repository part follows the distribution grammar (lowercase path components, optional host). @internal */
export function _isValidRepository(name: string): boolean {
  return REPOSITORY.test(name);
}

/** Whether a tag follows the distribution grammar (1-128 characters, not starting with `.` or `-`). @internal */
export function _isValidTag(tag: string): boolean {
  return TAG.test(tag);
}

/** The accepted digest forms for messages: `"sha256:" followed by 64 lowercase hex characters or ...`. @internal */
export function _digestForms(): string {
  return Object.keys(_DIGEST_ALGORITHMS).sort()
    .map(a => `"${a}:" followed by ${_DIGEST_ALGORITHMS[a]} lowercase hex characters`).join(' or ');
}
