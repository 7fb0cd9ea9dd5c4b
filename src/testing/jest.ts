// SPDX-License-Identifier: Apache-2.0
/**
 * Jest matchers, loaded from the subpath `cdk8s-hardened/jest` (not part of the jsii API, and jest is not a
 * dependency: the matchers are plain functions registered on the `expect` that jest puts in the test's globals).
 *
 * ```ts
 * import 'cdk8s-hardened/jest';
 * expect(chart).toHaveNoFindings();                       // every registered pack, or toHaveNoFindings(['PodSecurityRestricted'])
 * const reach = Reachability.of(app, { stubs: [ClusterStubs.coreDns(), ClusterStubs.ingressNginx()] });
 * expect(reach).toAllowFlow('shop/web', 'kube-system/coredns', 'UDP/53');
 * expect(reach).toDenyFlow('shop/web', 'shop/db', 5432);
 * ```
 */
import { Construct } from 'constructs';
import { FlowProtocol, Reachability, ReachabilityQuery } from '../network/reachability/reachability';
import { Checker } from '../policy/engine/checker';
import { IRulePack } from '../policy/engine/rule';
import { TableReporter } from '../policy/integrations/reporter';
import { RulePacks } from '../policy/packs/rule-packs';

/** What jest passes a matcher as `this` (the part used here). */
interface MatcherContext {
  readonly isNot: boolean;
}

/** A matcher result, as jest expects it. */
interface MatcherResult {
  readonly pass: boolean;
  readonly message: () => string;
}

/**
 * `expect(x).toHaveNoFindings(packs?)`: no unsuppressed finding of any severity. `x` is a construct (App, Chart),
 * a list of manifest objects or one object; `packs` are pack names or `IRulePack`s (default: every registered pack).
 * The failure message is the report table with the fix for each rule.
 */
function toHaveNoFindings(this: MatcherContext, received: any, packs?: Array<string | IRulePack>): MatcherResult {
  const chosen = packs === undefined ? RulePacks.all() : packs.map(p => (typeof p === 'string' ? RulePacks.byName(p) : p));
  const report = new Checker({ packs: chosen }).check(received);
  const active = report.activeFindings();
  const names = chosen.map(p => p.name).join(', ');
  return {
    pass: active.length === 0,
    message: () => (active.length === 0
      ? `expected findings from ${names}, but there were none in ${report.objectsChecked} objects`
      : `expected no findings from ${names}, found ${active.length}:\n\n${new TableReporter().format(report)}`),
  };
}

/** `expect(reach).toAllowFlow(from, to, port)`: the traffic is allowed; the message explains each side's verdict. */
function toAllowFlow(this: MatcherContext, received: any, from: string, to: string, port: number | string): MatcherResult {
  return flow(received, from, to, port, true);
}

/** `expect(reach).toDenyFlow(from, to, port)`: the traffic is denied; the message names the policy rules that admit it. */
function toDenyFlow(this: MatcherContext, received: any, from: string, to: string, port: number | string): MatcherResult {
  return flow(received, from, to, port, false);
}

function flow(received: any, from: string, to: string, port: number | string, wantAllowed: boolean): MatcherResult {
  const reach: Reachability | undefined = received && typeof received.explain === 'function' && typeof received.flows === 'function' ? received
    : Construct.isConstruct(received) ? Reachability.of(received)
      : Array.isArray(received) ? Reachability.fromObjects(received)
        : undefined;
  if (!reach) {
    throw new Error(`${wantAllowed ? 'toAllowFlow' : 'toDenyFlow'}: expected a Reachability, a construct or a list of manifests, got ${typeof received}. `
      + 'Build one with Reachability.of(app, { stubs: [ClusterStubs.coreDns()] }).');
  }
  const verdict = reach.explain({ from, to, ...parsePort(port) });
  const detail = [
    verdict.reason,
    `  egress of ${verdict.from}: ${verdict.egress.reason}${verdict.egress.rules.length ? ` (rules: ${verdict.egress.rules.join(', ')})` : ''}`,
    `  ingress of ${verdict.to}: ${verdict.ingress.reason}${verdict.ingress.rules.length ? ` (rules: ${verdict.ingress.rules.join(', ')})` : ''}`,
  ].join('\n');
  const what = `${from} -> ${to} ${verdict.protocol}/${verdict.port}`;
  // Shown only when the assertion fails (also under .not): the verdict is then the opposite of what was expected.
  return {
    pass: verdict.allowed === wantAllowed,
    message: () => `expected ${what} to be ${verdict.allowed ? 'denied' : 'allowed'}, but it is ${verdict.allowed ? 'allowed' : 'denied'}:\n${detail}`,
  };
}

/** `8080`, `'8080'`, `'UDP/53'`, `'TCP/http'` or a named port `'http'`. */
function parsePort(port: number | string): Omit<ReachabilityQuery, 'from' | 'to'> {
  if (typeof port === 'number') return { port };
  const m = /^(?:(TCP|UDP|SCTP)\/)?(.+)$/i.exec(String(port).trim());
  if (!m) throw new Error(`Invalid port "${port}": use a number, "UDP/53" or a named port such as "http".`);
  const protocol = m[1] ? (m[1].toUpperCase() as FlowProtocol) : undefined;
  return /^\d+$/.test(m[2]) ? { port: Number(m[2]), protocol } : { portName: m[2], protocol };
}

/** The matchers, for `expect.extend(matchers)` when `expect` is not a global (e.g. `@jest/globals`). */
export const matchers = { toHaveNoFindings, toAllowFlow, toDenyFlow };

const globalExpect = (globalThis as any).expect;
if (globalExpect && typeof globalExpect.extend === 'function') globalExpect.extend(matchers);
