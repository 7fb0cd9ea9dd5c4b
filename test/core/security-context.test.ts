// SPDX-License-Identifier: Apache-2.0
import { AppArmorProfile, RestrictedSeccompProfile, RestrictedSecurityContext } from '../../src';

describe('RestrictedSecurityContext', () => {
  test('default ids are non-root', () => {
    expect(RestrictedSecurityContext.DEFAULT_USER_ID).toBe(10001);
    expect(RestrictedSecurityContext.DEFAULT_GROUP_ID).toBe(10001);
  });
  test('NET_BIND_SERVICE is the only capability that may be added', () => {
    expect(RestrictedSecurityContext.ALLOWED_ADDED_CAPABILITY).toBe('NET_BIND_SERVICE');
  });
});

describe('RestrictedSeccompProfile', () => {
  test('runtimeDefault is RuntimeDefault without a profile path', () => {
    const p = RestrictedSeccompProfile.runtimeDefault();
    expect(p.type).toBe('RuntimeDefault');
    expect(p.localhostProfile).toBeUndefined();
  });
  test('localhost carries the profile path', () => {
    const p = RestrictedSeccompProfile.localhost('profiles/app.json');
    expect(p.type).toBe('Localhost');
    expect(p.localhostProfile).toBe('profiles/app.json');
  });
  test('throws on an empty or escaping profile path', () => {
    expect(() => RestrictedSeccompProfile.localhost('')).toThrow(/Invalid seccomp localhost profile ""/);
    expect(() => RestrictedSeccompProfile.localhost('../etc/x.json')).toThrow(/Invalid seccomp localhost profile "..\/etc\/x.json".*without spaces or ".."/);
  });
});

describe('AppArmorProfile', () => {
  test('runtimeDefault maps to the runtime/default annotation value', () => {
    expect(AppArmorProfile.runtimeDefault()._toAnnotationValue()).toBe('runtime/default');
  });
  test('localhost maps to localhost/<profile>', () => {
    expect(AppArmorProfile.localhost('deny-write')._toAnnotationValue()).toBe('localhost/deny-write');
  });
  test('throws on a profile name with spaces', () => {
    expect(() => AppArmorProfile.localhost('deny write')).toThrow(/Invalid AppArmor localhost profile "deny write"/);
  });
});
