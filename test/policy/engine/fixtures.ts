// SPDX-License-Identifier: Apache-2.0
/**
 * Test-only rules and packs for the engine tests. They stand in for the real packs so that the
 * engine, the CLI and the plugin are tested independently of them.
 */
import { IRule, IRulePack, RuleContext, RuleMetadata, RuleViolation, Severity } from '../../../src/policy/engine/rule';
import { RulePacks } from '../../../src/policy/packs/rule-packs';
import { _allContainers, _podTemplate } from '../../../src/policy/rules/_pod-spec';

function meta(id: string, name: string, defaultSeverity: Severity): RuleMetadata {
  return {
    id,
    name,
    rationale: `${name} rationale.`,
    remediation: `Fix for ${name}.`,
    references: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/'],
    defaultSeverity,
  };
}

/** Every container sets runAsNonRoot: true. */
export class FixtureRunAsNonRoot implements IRule {
  public readonly metadata = meta('TEST-POD-001', 'FixtureRunsAsNonRoot', Severity.ERROR);
  public check(obj: any): RuleViolation[] {
    const pod = _podTemplate(obj);
    if (!pod) return [];
    return _allContainers(pod)
      .filter(c => c.container.securityContext?.runAsNonRoot !== true)
      .map(c => ({ path: `${c.path}/securityContext/runAsNonRoot`, message: `container "${c.container.name}" does not set runAsNonRoot: true` }));
  }
}

/** No image uses the latest tag. */
export class FixtureNoLatest implements IRule {
  public readonly metadata = meta('TEST-POD-002', 'FixtureImageNotLatest', Severity.WARNING);
  public check(obj: any): RuleViolation[] {
    const pod = _podTemplate(obj);
    if (!pod) return [];
    return _allContainers(pod)
      .filter(c => typeof c.container.image === 'string' && c.container.image.endsWith(':latest'))
      .map(c => ({ path: `${c.path}/image`, message: `image "${c.container.image}" uses the latest tag` }));
  }
}

/** Cross-object: every Namespace has a NetworkPolicy. */
export class FixtureNamespaceHasPolicy implements IRule {
  public readonly metadata = meta('TEST-NET-001', 'FixtureNamespaceHasNetworkPolicy', Severity.INFO);
  public check(obj: any, context: RuleContext): RuleViolation[] {
    if (obj.kind !== 'Namespace') return [];
    const has = context.objects.some(o => o.kind === 'NetworkPolicy' && o.metadata?.namespace === obj.metadata?.name);
    return has ? [] : [{ path: '', message: `namespace "${obj.metadata?.name}" has no NetworkPolicy` }];
  }
}

/** Throws on ConfigMaps (a buggy rule). */
export class FixtureThrows implements IRule {
  public readonly metadata = meta('TEST-BUG-001', 'FixtureThrowsOnConfigMap', Severity.INFO);
  public check(obj: any): RuleViolation[] {
    if (obj.kind === 'ConfigMap') throw new Error('boom');
    return [];
  }
}

/** Returns something that is not a list on Secrets (a buggy rule). */
export class FixtureBadReturn implements IRule {
  public readonly metadata = meta('TEST-BUG-002', 'FixtureReturnsGarbageOnSecret', Severity.INFO);
  public check(obj: any): RuleViolation[] {
    return (obj.kind === 'Secret' ? 'nope' : []) as any;
  }
}

/** A strict pack: non-root is an error, latest a warning, namespace policy info. */
export class FixtureStrictPack implements IRulePack {
  public readonly name = 'FixtureStrict';
  public readonly entries = [
    { rule: new FixtureRunAsNonRoot() },
    { rule: new FixtureNoLatest(), severity: Severity.WARNING },
    { rule: new FixtureNamespaceHasPolicy() },
  ];
}

/** A lax pack: latest is only info. */
export class FixtureLaxPack implements IRulePack {
  public readonly name = 'FixtureLax';
  public readonly entries = [{ rule: new FixtureNoLatest(), severity: Severity.INFO }];
}

/** A pack of buggy rules. */
export class FixtureBuggyPack implements IRulePack {
  public readonly name = 'FixtureBuggy';
  public readonly entries = [{ rule: new FixtureThrows() }, { rule: new FixtureBadReturn() }];
}

/** Minimal Deployment manifest with one container. */
export function deployment(name: string, container: any, extra: any = {}): any {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'shop', ...extra },
    spec: {
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'app', ...container }] } },
    },
  };
}

/** The fixture packs as a catalog (the packs a CLI or plugin can name), after the built-in ones. */
export function fixtureCatalog(packs: IRulePack[] = [new FixtureStrictPack(), new FixtureLaxPack()]): IRulePack[] {
  return [...RulePacks.all(), ...packs];
}
