// SPDX-License-Identifier: Apache-2.0
/**
 * Agreement between the constructs and the rules: for every rule with a construct-side effect, the construct's
 * verdict on an input (accepted or refused) equals the rule's verdict on the manifest that input describes.
 * Inputs cover both sides of each rule: exhaustive tables where they are small (RBAC verbs x resources,
 * capabilities) and seeded random cases where they are not (image digests). A disagreement names the input.
 */
import { Chart, Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { LeastPrivilegeServiceAccount, Permission, Verb } from '../../src';
import { _DIGEST_ALGORITHMS } from '../../src/core/_image-reference';
import { _BASELINE_CAPABILITIES } from '../../src/core/_pod-security-standards';
import { _renderedContainerProps } from '../../src/core/_rendered-container';
import { RuleContext } from '../../src/policy/engine/rule';
import { ContainerDropsAllCapabilities } from '../../src/policy/rules/pod-security/container-drops-all-capabilities';
import { ContainerUsesNoHostPorts } from '../../src/policy/rules/pod-security/container-uses-no-host-ports';
import { ProbesAndLifecycleHooksSetNoHost } from '../../src/policy/rules/pod-security/probes-and-lifecycle-hooks-set-no-host';
import { RoleDoesNotReadSecretsUnscoped } from '../../src/policy/rules/rbac/role-does-not-read-secrets-unscoped';
import { RoleGrantsNoEscalationVerbs } from '../../src/policy/rules/rbac/role-grants-no-escalation-verbs';
import { RoleGrantsNoPodTakeoverSubresources } from '../../src/policy/rules/rbac/role-grants-no-pod-takeover-subresources';
import { RoleHasNoWildcards } from '../../src/policy/rules/rbac/role-has-no-wildcards';
import { ContainerHasHealthProbes } from '../../src/policy/rules/workload/container-has-health-probes';
import { ContainerImageIsNotLatest } from '../../src/policy/rules/workload/container-image-is-not-latest';
import { ContainerResourcesAreBounded } from '../../src/policy/rules/workload/container-resources-are-bounded';
import { HardenedDeployment } from '../../src/workload/hardened-deployment';

const CONTEXT: RuleContext = { objects: [] };
const REASON = 'needed by the agreement test';

/** A small deterministic PRNG (Park-Miller), so every run checks the same cases. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a * 48271) % 2147483647;
    return a / 2147483647;
  };
}

function namespacedChart(): Chart {
  return new Chart(Testing.app(), 'test', { namespace: 'ns' });
}

function pod(container: any): any {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'app', ...container }] } };
}

function accepts(build: () => unknown): boolean {
  try {
    build();
    return true;
  } catch {
    return false;
  }
}

describe('constructs agree with the rules', () => {
  // The constructs have no verdict of their own: a rule that finds nothing lets the construct accept. (With the
  // parallel checks the constructs had before, these two tests failed: they refused regardless of the rule.)
  describe('the verdict is the rule\'s', () => {
    afterEach(() => jest.restoreAllMocks());

    test('LeastPrivilegeServiceAccount accepts get on pods/exec when HARDEN-RBAC-003 finds nothing', () => {
      const exec = Permission.get('', 'pods/exec');
      expect(() => new LeastPrivilegeServiceAccount(namespacedChart(), 'sa').allow(exec)).toThrow(/HARDEN-RBAC-003|"get" on "pods\/exec"/);
      jest.spyOn(RoleGrantsNoPodTakeoverSubresources.prototype, 'check').mockReturnValue([]);
      expect(() => new LeastPrivilegeServiceAccount(namespacedChart(), 'sa').allow(exec)).not.toThrow();
    });

    test('HardenedDeployment accepts an untagged image when HARDEN-WL-003 finds nothing', () => {
      const build = () => new HardenedDeployment(Testing.chart(), 'web', { containers: [{ image: 'registry.example.com/app', portNumber: 8080 }] });
      expect(build).toThrow(/is untagged/);
      jest.spyOn(ContainerImageIsNotLatest.prototype, 'check').mockReturnValue([]);
      expect(build).not.toThrow();
    });
  });

  test('image digests: HardenedDeployment accepts an image exactly when HARDEN-WL-003 passes it (400 seeded random digests)', () => {
    const next = random(12);
    const algorithms = [...Object.keys(_DIGEST_ALGORITHMS), 'sha384', 'md5', 'SHA256', 'sha1'];
    const hex = '0123456789abcdef';
    const disagreements: string[] = [];
    for (let i = 0; i < 400; i++) {
      const algorithm = algorithms[Math.floor(next() * algorithms.length)];
      const nominal = _DIGEST_ALGORITHMS[algorithm] ?? 64;
      const length = next() < 0.6 ? nominal : nominal + Math.floor(next() * 5) - 2;
      let digest = Array.from({ length }, () => hex[Math.floor(next() * 16)]).join('');
      if (next() < 0.15) digest = digest.replace(/[a-f]/, 'G');
      if (next() < 0.1) digest = digest.toUpperCase();
      const image = `registry.example.com/team/app${next() < 0.5 ? ':1.2.3' : ''}@${algorithm}:${digest}`;
      const construct = accepts(() => new HardenedDeployment(Testing.chart(), 'web', { containers: [{ image, portNumber: 8080 }] }));
      const rule = new ContainerImageIsNotLatest().check(pod({ image }), CONTEXT).length === 0;
      if (construct !== rule) disagreements.push(`${image}: construct ${construct ? 'accepts' : 'refuses'}, rule ${rule ? 'passes' : 'fails'}`);
    }
    expect(disagreements).toEqual([]);
  });

  test('image tags: HardenedDeployment accepts an image exactly when HARDEN-WL-003 passes it (untagged, latest, tags, ports)', () => {
    const digest = `sha256:${'a'.repeat(64)}`;
    const images = [
      'app', 'app:latest', 'app:LATEST', 'app:Latest', 'app:1.0', 'app:latest-1', 'registry.example.com:5000/app',
      'registry.example.com:5000/app:latest', 'registry.example.com:5000/app:2', `app@${digest}`, `app:latest@${digest}`, `app@${digest}x`,
    ];
    const disagreements = images.flatMap(image => {
      const construct = accepts(() => new HardenedDeployment(Testing.chart(), 'web', { containers: [{ image, portNumber: 8080 }] }));
      const rule = new ContainerImageIsNotLatest().check(pod({ image }), CONTEXT).length === 0;
      return construct === rule ? [] : [`${image}: construct ${construct ? 'accepts' : 'refuses'}, rule ${rule ? 'passes' : 'fails'}`];
    });
    expect(disagreements).toEqual([]);
  });

  test('capabilities: a foreign container\'s added capability is accepted exactly when HARDEN-PSS-018 passes it', () => {
    const disagreements: string[] = [];
    for (const cap of [..._BASELINE_CAPABILITIES, 'SYS_ADMIN', 'NET_RAW', 'NET_ADMIN', 'SYS_PTRACE', 'ALL']) {
      const construct = accepts(() => {
        const d = new HardenedDeployment(Testing.chart(), 'web', { containers: [{ image: 'app:1.0', portNumber: 8080 }] });
        // With probes: a long-running container without them is refused when it is added, whatever its capabilities.
        const probe = kplus.Probe.fromCommand(['true']);
        d.addContainer({ name: 'side', image: 'side:1.0', liveness: probe, readiness: probe, securityContext: { capabilities: { add: [cap as kplus.Capability] } } });
      });
      const rule = new ContainerDropsAllCapabilities()
        .check(pod({ image: 'side:1.0', securityContext: { capabilities: { drop: ['ALL'], add: [cap] } } }), CONTEXT).length === 0;
      if (construct !== rule) disagreements.push(`${cap}: construct ${construct ? 'accepts' : 'refuses'}, rule ${rule ? 'passes' : 'fails'}`);
    }
    expect(disagreements).toEqual([]);
  });

  test('probes, hooks, host ports and resources: a cdk8s-plus container is accepted exactly when HARDEN-PSS-012, the host-ports rule, HARDEN-WL-005 and HARDEN-WL-002 pass it as it renders', () => {
    const disagreements: string[] = [];
    const probe = kplus.Probe.fromCommand(['true']);
    const limited: kplus.ContainerResources = {
      cpu: { request: kplus.Cpu.millis(100), limit: kplus.Cpu.millis(100) },
      memory: { request: Size.mebibytes(64), limit: Size.mebibytes(64) },
    };
    const cases: Array<[string, Omit<kplus.ContainerProps, 'image'>]> = [
      ['probes, no host', { liveness: probe, readiness: kplus.Probe.fromHttpGet('/ready', { port: 8080 }) }],
      ['liveness httpGet host', { liveness: kplus.Probe.fromHttpGet('/h', { port: 8080, host: '10.0.0.1' }), readiness: probe }],
      ['readiness tcpSocket host', { liveness: probe, readiness: kplus.Probe.fromTcpSocket({ port: 8080, host: 'example.com' }) }],
      ['startup httpGet host', { liveness: probe, readiness: probe, startup: kplus.Probe.fromHttpGet('/s', { port: 8080, host: 'h' }) }],
      ['postStart hook host', { liveness: probe, readiness: probe, lifecycle: { postStart: kplus.Handler.fromTcpSocket({ port: 8080, host: 'h' }) } }],
      ['preStop hook, no host', { liveness: probe, readiness: probe, lifecycle: { preStop: kplus.Handler.fromCommand(['true']) } }],
      ['no liveness', { readiness: probe }],
      ['no readiness', { liveness: probe }],
      ['no probes', {}],
      ['host port', { liveness: probe, readiness: probe, ports: [{ number: 8081, hostPort: 8081 }] }],
      ['host port 0', { liveness: probe, readiness: probe, ports: [{ number: 8081, hostPort: 0 }] }],
      ['no resources at all', { liveness: probe, readiness: probe, resources: {} }],
      ['cpu only', { liveness: probe, readiness: probe, resources: { cpu: limited.cpu } }],
      ['bounded', { liveness: probe, readiness: probe, resources: limited }],
    ];
    const rules = [
      new ProbesAndLifecycleHooksSetNoHost(), new ContainerUsesNoHostPorts(), new ContainerHasHealthProbes(), new ContainerResourcesAreBounded(),
    ];
    for (const [name, props] of cases) {
      const full: kplus.ContainerProps = { name: 'side', image: 'side:1.0', portNumber: 8080, ...props };
      const construct = accepts(() => new HardenedDeployment(Testing.chart(), 'web', { containers: [{ image: 'app:1.0', portNumber: 9090 }] })
        .addContainer(full));
      const rendered = _renderedContainerProps(full, false);
      const rule = rules.every(r => r.check(pod(rendered), CONTEXT).length === 0);
      if (construct !== rule) disagreements.push(`${name}: construct ${construct ? 'accepts' : 'refuses'}, rules ${rule ? 'pass' : 'fail'}`);
    }
    expect(disagreements).toEqual([]);
  });

  describe('RBAC grants', () => {
    const RULES: Array<[string, { check: (o: any, c: RuleContext) => any[] }]> = [
      ['allowWildcards', new RoleHasNoWildcards()],
      ['allowPrivilegeEscalationVerbs', new RoleGrantsNoEscalationVerbs()],
      ['allowSensitiveSubresources', new RoleGrantsNoPodTakeoverSubresources()],
      ['allowUnscopedSecretReads', new RoleDoesNotReadSecretsUnscoped()],
    ];
    const VERBS = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection', 'escalate', 'bind', 'impersonate'];
    const RESOURCES = ['pods', 'pods/exec', 'pods/attach', 'pods/log', 'nodes/proxy', 'serviceaccounts/token', 'secrets', 'configmaps', 'roles'];

    /** The flags the rules demand for a grant: one per rule that finds something in the Role holding it. */
    function ruleFlags(p: Permission): string[] {
      const role = {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'Role',
        metadata: { name: 'r', namespace: 'ns' },
        rules: [{ apiGroups: p.apiGroups, resources: p.resources, ...(p.resourceNames ? { resourceNames: p.resourceNames } : {}), verbs: p.verbs }],
      };
      return RULES.filter(([, rule]) => rule.check(role, CONTEXT).length > 0).map(([flag]) => flag);
    }

    function cases(): Permission[] {
      const out: Permission[] = [];
      const next = random(7);
      for (const resource of RESOURCES) {
        for (const verb of VERBS) {
          for (const names of [undefined, ['one']]) {
            try {
              out.push(Permission.of({ apiGroups: [''], resources: [resource], verbs: [Verb.of(verb)], resourceNames: names }));
            } catch { /* a shape Permission.of refuses (e.g. list with resourceNames) is not a grant */ }
          }
        }
        for (let i = 0; i < 20; i++) {
          const verbs = [...new Set([VERBS[Math.floor(next() * VERBS.length)], VERBS[Math.floor(next() * VERBS.length)]])];
          out.push(Permission.of({ apiGroups: [''], resources: [resource], verbs: verbs.map(v => Verb.of(v)) }));
        }
      }
      return out;
    }

    test('a grant is accepted without opt-outs exactly when no RBAC rule finds anything (verbs x resources)', () => {
      const disagreements: string[] = [];
      const all = cases();
      expect(all.length).toBeGreaterThan(200);
      for (const p of all) {
        const construct = accepts(() => new LeastPrivilegeServiceAccount(namespacedChart(), 'sa').allow(p));
        const rule = ruleFlags(p).length === 0;
        if (construct !== rule) disagreements.push(`${p.toString()}: construct ${construct ? 'accepts' : 'refuses'}, rules ${rule ? 'pass' : ruleFlags(p).join('+')}`);
      }
      expect(disagreements).toEqual([]);
    });

    test('a risky grant is accepted with exactly the opt-outs of the rules that find it (no more, no fewer)', () => {
      const disagreements: string[] = [];
      for (const p of cases().filter(x => ruleFlags(x).length > 0)) {
        const options: any = { reason: REASON };
        for (const flag of ruleFlags(p)) options[flag] = true;
        const sa = new LeastPrivilegeServiceAccount(namespacedChart(), 'sa');
        if (!accepts(() => sa.allow(p, options))) disagreements.push(`${p.toString()} with ${ruleFlags(p).join('+')}`);
      }
      expect(disagreements).toEqual([]);
    });
  });
});
