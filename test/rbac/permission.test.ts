// SPDX-License-Identifier: Apache-2.0
import { Permission, Verb } from '../../src/rbac';

describe('Verb', () => {
  test('constants equal the Kubernetes verbs', () => {
    expect([Verb.GET, Verb.LIST, Verb.WATCH, Verb.CREATE, Verb.UPDATE, Verb.PATCH, Verb.DELETE, Verb.DELETECOLLECTION].map(v => v.value))
      .toEqual(['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection']);
    expect([Verb.ESCALATE, Verb.BIND, Verb.IMPERSONATE, Verb.ALL].map(String)).toEqual(['escalate', 'bind', 'impersonate', '*']);
  });

  test('of() accepts other lowercase verbs', () => {
    expect(Verb.of('approve').value).toBe('approve');
  });

  test('throws on a malformed verb', () => {
    expect(() => Verb.of('Get')).toThrow(/Invalid RBAC verb "Get": a verb is a lowercase word/);
    expect(() => Verb.of('')).toThrow(/Invalid RBAC verb ""/);
  });
});

describe('Permission', () => {
  test('read() grants get, list and watch', () => {
    const p = Permission.read('', 'configmaps', ['b', 'a']);
    expect(p.apiGroups).toEqual(['']);
    expect(p.resources).toEqual(['configmaps']);
    expect(p.verbs).toEqual(['get', 'list', 'watch']);
    expect(p.resourceNames).toEqual(['a', 'b']);
  });

  test('get(), update() and write() grant what their names say', () => {
    expect(Permission.get('', 'secrets', ['x']).verbs).toEqual(['get']);
    expect(Permission.update('apps', 'deployments', ['x']).verbs).toEqual(['patch', 'update']);
    expect(Permission.write('', 'configmaps').verbs).toEqual(['create', 'delete', 'patch', 'update']);
    expect(Permission.write('', 'configmaps').resourceNames).toBeUndefined();
  });

  test('normalizes lists (sorted, de-duplicated) and returns copies', () => {
    const p = Permission.of({ apiGroups: ['batch', 'apps', 'apps'], resources: ['jobs', 'cronjobs'], verbs: [Verb.LIST, Verb.GET, Verb.GET] });
    expect(p.apiGroups).toEqual(['apps', 'batch']);
    expect(p.resources).toEqual(['cronjobs', 'jobs']);
    expect(p.verbs).toEqual(['get', 'list']);
    p.verbs.push('delete');
    expect(p.verbs).toEqual(['get', 'list']);
    expect(p.toString()).toBe('apiGroups=["apps","batch"] resources=["cronjobs","jobs"] verbs=["get","list"]');
  });

  test('throws on empty verbs', () => {
    expect(() => Permission.of({ apiGroups: [''], resources: ['pods'], verbs: [] })).toThrow(/Permission verbs is empty: a grant with no verb allows nothing/);
  });

  test('throws on empty resources', () => {
    expect(() => Permission.of({ apiGroups: [''], resources: [], verbs: [Verb.GET] })).toThrow(/Permission resources is empty/);
  });

  test('throws on empty apiGroups', () => {
    expect(() => Permission.of({ apiGroups: [], resources: ['pods'], verbs: [Verb.GET] })).toThrow(/Permission apiGroups is empty/);
  });

  test('throws on an empty resourceNames list', () => {
    expect(() => Permission.read('', 'configmaps', [])).toThrow(/resourceNames is an empty list: Kubernetes reads an empty list as "every object"/);
  });

  test('throws on a wildcard resourceName', () => {
    expect(() => Permission.get('', 'configmaps', ['*'])).toThrow(/Invalid RBAC resourceName "\*": resourceNames are exact object names/);
  });

  test('throws on create or deletecollection restricted by name', () => {
    expect(() => Permission.of({ apiGroups: [''], resources: ['configmaps'], verbs: [Verb.CREATE, Verb.GET], resourceNames: ['x'] }))
      .toThrow(/Verb\(s\) "create" cannot be restricted by resourceNames/);
    expect(() => Permission.of({ apiGroups: [''], resources: ['configmaps'], verbs: [Verb.DELETECOLLECTION], resourceNames: ['x'] }))
      .toThrow(/"deletecollection" cannot be restricted/);
  });

  test('throws on a malformed resource', () => {
    expect(() => Permission.read('', 'Pods')).toThrow(/Invalid RBAC resource "Pods": expected a lowercase plural resource name/);
  });

  test('throws on a malformed apiGroup', () => {
    expect(() => Permission.read('Apps', 'deployments')).toThrow(/Invalid RBAC apiGroup "Apps"/);
  });
});
