// SPDX-License-Identifier: Apache-2.0
/**
 * Malformed input never makes a Pod Security rule throw: every field of a rich pod-bearing object
 * is replaced, one at a time, by values of the wrong type, and every rule must still return a
 * list of findings with JSON-pointer paths.
 */
import { goodContainer, wrap } from './_helpers';
import { PodSecurityBaselinePack } from '../../../../src/policy/packs/pod-security-baseline-pack';
import { PodSecurityRestrictedPack } from '../../../../src/policy/packs/pod-security-restricted-pack';

const RULES = [...PodSecurityBaselinePack.baselineRules(), ...PodSecurityRestrictedPack.restrictedRules()];
const WRONG = [null, 'x', 0, 42, true, [], {}, [null], ['x']];

function rich(): any {
  const c = goodContainer('app', {
    ports: [{ containerPort: 80, hostPort: 80 }],
    livenessProbe: { httpGet: { host: 'h', port: 80 } },
    lifecycle: { preStop: { tcpSocket: { host: 'h', port: 80 } } },
  });
  c.securityContext = {
    privileged: true,
    allowPrivilegeEscalation: true,
    runAsNonRoot: false,
    runAsUser: 0,
    procMount: 'Unmasked',
    capabilities: { add: ['SYS_ADMIN'], drop: ['NET_RAW'] },
    seccompProfile: { type: 'Unconfined' },
    appArmorProfile: { type: 'Unconfined' },
    seLinuxOptions: { type: 'spc_t', user: 'u', role: 'r' },
    windowsOptions: { hostProcess: true },
  };
  return wrap('CronJob', {
    hostNetwork: true,
    hostUsers: true,
    os: { name: 'linux' },
    securityContext: {
      runAsNonRoot: false,
      runAsUser: 0,
      sysctls: [{ name: 'kernel.msgmax', value: '1' }],
      seccompProfile: { type: 'Unconfined' },
      appArmorProfile: { type: 'Unconfined' },
      seLinuxOptions: { type: 'spc_t' },
      windowsOptions: { hostProcess: true },
    },
    volumes: [{ name: 'v', hostPath: { path: '/' } }],
    initContainers: [c],
    containers: [c],
    ephemeralContainers: [c],
  }, { 'container.apparmor.security.beta.kubernetes.io/app': 'unconfined' });
}

function paths(v: any, prefix: string[] = []): string[][] {
  if (v === null || typeof v !== 'object') return [prefix];
  const keys = Array.isArray(v) ? v.map((_, i) => String(i)) : Object.keys(v);
  return [prefix, ...keys.flatMap(k => paths(v[k], [...prefix, k]))];
}

function replaced(path: string[], value: any): any {
  const obj = rich();
  let cur = obj;
  for (const k of path.slice(0, -1)) cur = cur[k];
  cur[path[path.length - 1]] = value;
  return obj;
}

describe('Pod Security rules on malformed input', () => {
  const all = paths(rich()).filter(p => p.length > 0 && p[0] !== 'apiVersion' && p[0] !== 'kind');

  test('the rich object fails every rule at least once', () => {
    for (const rule of RULES) {
      const id = rule.metadata.id;
      expect({ id, found: rule.check(rich(), { objects: [] }).length > 0 }).toEqual({ id, found: true });
    }
  });

  test(`never throws for any of ${all.length} fields replaced by a wrongly typed value`, () => {
    let runs = 0;
    for (const p of all) {
      for (const w of WRONG) {
        const obj = replaced(p, w);
        for (const rule of RULES) {
          const found = rule.check(obj, { objects: [obj] });
          expect(Array.isArray(found)).toBe(true);
          for (const f of found) expect(f.path.startsWith('/')).toBe(true);
          runs++;
        }
      }
    }
    expect(runs).toBe(all.length * WRONG.length * RULES.length);
  });
});
