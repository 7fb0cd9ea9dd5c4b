// SPDX-License-Identifier: Apache-2.0
/**
 * Internal: the one ordering of strings used for synthesized output and reports. It compares
 * Unicode code points, so the order is the same on every machine whatever its locale
 * (`localeCompare` depends on the ICU data and the locale of the process).
 */

/**
 * Compares two strings by Unicode code point (negative, zero or positive, for `Array.prototype.sort`).
 * Unlike `<` on JavaScript strings (UTF-16 code units), a character outside the Basic Multilingual
 * Plane sorts after every BMP character, as in UTF-8 byte order.
 * @internal
 */
export function _compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // Surrogates (U+D800-U+DFFF) encode code points above U+FFFF: they sort after U+E000-U+FFFF.
    const xs = x >= 0xd800 && x <= 0xdfff;
    const ys = y >= 0xd800 && y <= 0xdfff;
    if (xs !== ys) return xs ? (y >= 0xe000 ? 1 : x - y) : (x >= 0xe000 ? -1 : x - y);
    return x - y;
  }
  return a.length - b.length;
}
