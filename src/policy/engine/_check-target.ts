// SPDX-License-Identifier: Apache-2.0

/** One object to check, with where it came from. @internal */
export interface CheckTarget {
  /** The manifest object. */
  readonly object: any;
  /** Path of the construct that defined it, when known. */
  readonly constructPath?: string;
  /** File it was read from, when known. */
  readonly file?: string;
  /** Returns the 1-based line of a JSON pointer inside the object, when known. */
  readonly locate?: (pointer: string) => number | undefined;
}
