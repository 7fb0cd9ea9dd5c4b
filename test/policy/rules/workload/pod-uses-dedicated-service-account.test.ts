// SPDX-License-Identifier: Apache-2.0
import { NO_CONTEXT, POD_BEARING, podSpec, wrap } from './_objects';
import { PodUsesDedicatedServiceAccount } from '../../../../src/policy/rules/workload';

describe('PodUsesDedicatedServiceAccount', () => {
  const rule = new PodUsesDedicatedServiceAccount();

  test('metadata', () => {
    expect(rule.metadata.id).toBe('HARDEN-WL-007');
  });

  test.each(POD_BEARING)('compliant %s', kind => {
    expect(rule.check(wrap(kind, podSpec()), NO_CONTEXT)).toEqual([]);
  });

  test('compliant with the deprecated serviceAccount field naming a dedicated account', () => {
    expect(rule.check(wrap('Pod', podSpec({ serviceAccountName: undefined, serviceAccount: 'web' })), NO_CONTEXT)).toEqual([]);
  });

  test('fails when unset', () => {
    expect(rule.check(wrap('Deployment', podSpec({ serviceAccountName: undefined })), NO_CONTEXT)).toEqual([{
      path: '/spec/template/spec/serviceAccountName',
      message: expect.stringMatching(/serviceAccountName is unset.*"default" ServiceAccount/),
    }]);
  });

  test('fails on "default"', () => {
    expect(rule.check(wrap('Job', podSpec({ serviceAccountName: 'default' })), NO_CONTEXT)).toEqual([{
      path: '/spec/template/spec/serviceAccountName', message: expect.stringMatching(/serviceAccountName is "default"/),
    }]);
  });

  test('fails on the deprecated serviceAccount: default, pointing at that field', () => {
    expect(rule.check(wrap('Pod', podSpec({ serviceAccountName: undefined, serviceAccount: 'default' })), NO_CONTEXT)[0].path).toBe('/spec/serviceAccount');
  });
});
