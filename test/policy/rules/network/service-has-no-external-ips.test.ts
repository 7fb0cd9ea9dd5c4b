// SPDX-License-Identifier: Apache-2.0
import { deployment } from './_objects';
import { ServiceHasNoExternalIps } from '../../../../src/policy/rules/network';

const NO_CONTEXT = { objects: [] };
const service = (spec: any) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'shop' }, spec });

describe('ServiceHasNoExternalIps', () => {
  const rule = new ServiceHasNoExternalIps();

  test('metadata', () => {
    expect(rule.metadata.id).toBe('HARDEN-NET-008');
  });

  test.each([{}, { externalIPs: [] }, { externalIPs: null }])('compliant spec %j', spec => {
    expect(rule.check(service(spec), NO_CONTEXT)).toEqual([]);
  });

  test('fails on externalIPs, naming them', () => {
    expect(rule.check(service({ externalIPs: ['203.0.113.10'] }), NO_CONTEXT)).toEqual([
      { path: '/spec/externalIPs', message: 'Service "web" sets externalIPs ["203.0.113.10"]; remove them (CVE-2020-8554)' },
    ]);
  });

  test('not applicable to other kinds', () => {
    expect(rule.check(deployment(), NO_CONTEXT)).toEqual([]);
  });
});
