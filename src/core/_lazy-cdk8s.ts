// SPDX-License-Identifier: Apache-2.0
/**
 * Internal: cdk8s, loaded on first use by the modules that the `audit` command also loads (the engine, the shared
 * validation helpers). Only code that handles constructs needs cdk8s, and a construct means the app has loaded it
 * already; the CLI never does, and loading cdk8s (with its own copy of `yaml`) costs a cold `audit` run about
 * 70 ms of CPU time before it reads its input.
 */
import type * as cdk8s from 'cdk8s';

let loaded: typeof cdk8s | undefined;

/** The cdk8s module. @internal */
export function _cdk8s(): typeof cdk8s {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded ??= require('cdk8s') as typeof cdk8s;
  return loaded;
}
