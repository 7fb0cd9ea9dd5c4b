// SPDX-License-Identifier: Apache-2.0
/** Internal checks shared by the namespace constructs. Not exported from the package. */

/** Throws unless `upper >= lower`, naming both values, the rule and the fix. @internal */
export function _checkAtLeast(upper: number, lower: number, upperDesc: string, lowerDesc: string, where: string): void {
  if (upper < lower) {
    throw new Error(
      `Invalid ${where}: ${upperDesc} is below ${lowerDesc}; a limit (or maximum) must be at least the request (or default) it bounds. ` +
      'Raise the first or lower the second.',
    );
  }
}
