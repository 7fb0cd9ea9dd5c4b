// SPDX-License-Identifier: Apache-2.0
/** Internal: splits an OCI image reference into name, tag and digest. */

/** The parts of an image reference. @internal */
export interface ImageReference {
  /** Repository with optional registry host and port. */
  readonly name: string;
  /** The tag, or undefined when untagged. */
  readonly tag?: string;
  /** The digest (`algorithm:hex`), or undefined. */
  readonly digest?: string;
}

/** A digest this library accepts as a pin: sha256 (64 hex) or sha512 (128 hex). @internal */
export const _PINNED_DIGEST = /^(sha256:[0-9a-f]{64}|sha512:[0-9a-f]{128})$/;

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

/** Whether the reference is pinned by a well-formed sha256/sha512 digest. @internal */
export function _isPinnedByDigest(ref: ImageReference): boolean {
  return ref.digest !== undefined && _PINNED_DIGEST.test(ref.digest);
}
