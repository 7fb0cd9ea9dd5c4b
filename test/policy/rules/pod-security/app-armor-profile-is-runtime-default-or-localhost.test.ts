// SPDX-License-Identifier: Apache-2.0
import { describeStandardCases, goodContainer, goodSpec, podPaths, wrap } from './_helpers';
import { AppArmorProfileIsRuntimeDefaultOrLocalhost } from '../../../../src/policy/rules/pod-security';

const KEY = 'container.apparmor.security.beta.kubernetes.io/app';
const profiled = (type: any) => goodContainer('app', { securityContext: { appArmorProfile: { type } } });

describe('AppArmorProfileIsRuntimeDefaultOrLocalhost', () => {
  const rule = new AppArmorProfileIsRuntimeDefaultOrLocalhost();
  describeStandardCases(rule, 'HARDEN-PSS-006', 'appArmorProfile', () => goodSpec({ containers: [profiled('Unconfined')] }), '/containers/0/securityContext/appArmorProfile/type');

  test('compliant: RuntimeDefault and Localhost fields, allowed annotation values', () => {
    const spec = goodSpec({ securityContext: { appArmorProfile: { type: 'RuntimeDefault' } }, containers: [goodContainer('app', { securityContext: { appArmorProfile: { type: 'Localhost', localhostProfile: 'p' } } })] });
    expect(podPaths(rule, spec, { [KEY]: 'runtime/default', 'container.apparmor.security.beta.kubernetes.io/b': 'localhost/p', 'container.apparmor.security.beta.kubernetes.io/c': '' })).toEqual([]);
  });

  test('fails on the pod-level field', () => {
    expect(podPaths(rule, goodSpec({ securityContext: { appArmorProfile: { type: 'Unconfined' } } }))).toEqual(['/spec/securityContext/appArmorProfile/type']);
  });

  test('fails on a profile without a type', () => {
    expect(podPaths(rule, goodSpec({ containers: [goodContainer('app', { securityContext: { appArmorProfile: {} } })] }))).toEqual(['/spec/containers/0/securityContext/appArmorProfile/type']);
  });

  test('fails on a template annotation, with an escaped JSON pointer', () => {
    expect(podPaths(rule, goodSpec(), { [KEY]: 'unconfined', 'other.example.com/x': 'unconfined' })).toEqual(['/metadata/annotations/container.apparmor.security.beta.kubernetes.io~1app']);
  });

  test('reads the template annotations, not the controller\'s', () => {
    const obj = wrap('Deployment', goodSpec(), { [KEY]: 'unconfined' });
    expect(rule.check(obj, { objects: [] }).map(v => v.path)).toEqual(['/spec/template/metadata/annotations/container.apparmor.security.beta.kubernetes.io~1app']);
    const controllerOnly = { ...wrap('Deployment', goodSpec()), metadata: { name: 'd', annotations: { [KEY]: 'unconfined' } } };
    expect(rule.check(controllerOnly, { objects: [] })).toEqual([]);
  });

  test('fails on ephemeral containers', () => {
    expect(podPaths(rule, goodSpec({ ephemeralContainers: [profiled('Unconfined')] }))).toEqual(['/spec/ephemeralContainers/0/securityContext/appArmorProfile/type']);
  });
});
