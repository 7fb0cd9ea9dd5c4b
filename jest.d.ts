// SPDX-License-Identifier: Apache-2.0
// Types of `cdk8s-hardened/jest`: the matchers registered on jest's global `expect`.
import type { IRulePack } from './lib';
export * from './lib/testing/jest';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    interface Matchers<R> {
      /** No unsuppressed finding in a construct or manifest list (packs: names or IRulePack; default every registered pack). */
      toHaveNoFindings(packs?: Array<string | IRulePack>): R;
      /** The traffic is allowed (port: 8080, "UDP/53" or a named port "http"); the message explains both sides. */
      toAllowFlow(from: string, to: string, port: number | string): R;
      /** The traffic is denied; the message names the policy rules that admit it. */
      toDenyFlow(from: string, to: string, port: number | string): R;
    }
  }
}
