// SPDX-License-Identifier: Apache-2.0
import { parse } from 'yaml';
import { AuditLevel, AuditPolicy } from '../../src';

/** The API server's audit rule matching (first match wins), enough to check what the policy logs. */
function levelFor(policy: any, req: { user?: string; verb: string; group?: string; resource?: string; path?: string }): string {
  for (const rule of policy.rules) {
    if (rule.users && !rule.users.includes(req.user)) continue;
    if (rule.verbs && !rule.verbs.includes(req.verb)) continue;
    if (req.path !== undefined) {
      if (!rule.nonResourceURLs) { if (rule.resources) continue; return rule.level; }
      if (rule.nonResourceURLs.some((u: string) => u.endsWith('*') ? req.path!.startsWith(u.slice(0, -1)) : u === req.path)) return rule.level;
      continue;
    }
    if (rule.nonResourceURLs) continue;
    if (rule.resources && !rule.resources.some((gr: any) => gr.group === (req.group ?? '') && (!gr.resources || gr.resources.includes(req.resource)))) continue;
    return rule.level;
  }
  return 'None';
}

describe('AuditPolicy', () => {
  test('minimal definition', () => {
    expect(new AuditPolicy().toYaml()).toMatchSnapshot();
  });

  test('is an audit.k8s.io/v1 Policy that omits the RequestReceived stage', () => {
    const p = new AuditPolicy().toJson();
    expect(p.apiVersion).toBe('audit.k8s.io/v1');
    expect(p.kind).toBe('Policy');
    expect(p.omitStages).toEqual(['RequestReceived']);
  });

  test('logs Secrets at Metadata only, for every verb, never with bodies', () => {
    const p = new AuditPolicy({ defaultLevel: AuditLevel.REQUEST_RESPONSE }).toJson();
    for (const verb of ['get', 'list', 'create', 'update', 'patch', 'delete']) {
      expect(levelFor(p, { verb, resource: 'secrets' })).toBe('Metadata');
    }
  });

  test('logs ConfigMaps, ServiceAccount tokens and TokenReviews at Metadata', () => {
    const p = new AuditPolicy({ defaultLevel: AuditLevel.REQUEST_RESPONSE }).toJson();
    expect(levelFor(p, { verb: 'update', resource: 'configmaps' })).toBe('Metadata');
    expect(levelFor(p, { verb: 'create', resource: 'serviceaccounts/token' })).toBe('Metadata');
    expect(levelFor(p, { verb: 'create', group: 'authentication.k8s.io', resource: 'tokenreviews' })).toBe('Metadata');
  });

  test('logs RBAC and admission-policy changes with request and response bodies', () => {
    const p = new AuditPolicy().toJson();
    expect(levelFor(p, { verb: 'create', group: 'rbac.authorization.k8s.io', resource: 'clusterrolebindings' })).toBe('RequestResponse');
    expect(levelFor(p, { verb: 'update', group: 'admissionregistration.k8s.io', resource: 'validatingadmissionpolicies' })).toBe('RequestResponse');
  });

  test('drops health and readiness noise', () => {
    const p = new AuditPolicy().toJson();
    for (const path of ['/healthz', '/livez', '/readyz', '/readyz/etcd', '/version']) {
      expect(levelFor(p, { verb: 'get', path })).toBe('None');
    }
  });

  test('logs everything else at Metadata by default', () => {
    const p = new AuditPolicy().toJson();
    expect(levelFor(p, { verb: 'create', group: 'apps', resource: 'deployments' })).toBe('Metadata');
  });

  test('additional rules cannot raise the level of Secrets', () => {
    const p = new AuditPolicy({ additionalRules: [{ level: AuditLevel.REQUEST_RESPONSE, resources: [{ group: '' }] }] }).toJson();
    expect(levelFor(p, { verb: 'create', resource: 'secrets' })).toBe('Metadata');
    expect(levelFor(p, { verb: 'create', resource: 'pods' })).toBe('RequestResponse');
  });

  test('YAML output parses back to the same object and is deterministic', () => {
    const a = new AuditPolicy().toYaml();
    expect(parse(a)).toEqual(new AuditPolicy().toJson());
    expect(new AuditPolicy().toYaml()).toBe(a);
  });

  test('throws on an invalid level', () => {
    expect(() => new AuditPolicy({ defaultLevel: 'Everything' as AuditLevel })).toThrow(/Invalid audit defaultLevel "Everything"/);
    expect(() => new AuditPolicy().addRule({ level: 'All' as AuditLevel })).toThrow(/Invalid audit rule level "All"/);
  });
});
