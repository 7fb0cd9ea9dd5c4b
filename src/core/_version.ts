// SPDX-License-Identifier: Apache-2.0
/** Internal: the version of this package, read once from its package.json (src/ and lib/ are two levels below it). */
import * as fs from 'fs';
import * as path from 'path';

let version: string | undefined;

/** The `version` of the installed cdk8s-hardened package. @internal */
export function _packageVersion(): string {
  if (version === undefined) {
    try {
      version = String(JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')).version ?? '0.0.0');
    } catch {
      version = '0.0.0';
    }
  }
  return version;
}
