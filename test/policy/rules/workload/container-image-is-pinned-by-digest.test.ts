// SPDX-License-Identifier: Apache-2.0
import { DIGEST, hardenedContainer, NO_CONTEXT, podSpec, wrap } from './_objects';
import { ContainerImageIsPinnedByDigest } from '../../../../src/policy/rules/workload';

function withImage(image: any) {
  return wrap('StatefulSet', podSpec({ containers: [hardenedContainer('app', { image })] }));
}

describe('ContainerImageIsPinnedByDigest', () => {
  const rule = new ContainerImageIsPinnedByDigest();

  test('metadata: a lower default severity than the latest rule', () => {
    expect(rule.metadata.id).toBe('HARDEN-WL-004');
    expect(rule.metadata.defaultSeverity).toBe('warning');
  });

  test.each([`nginx:1.27@${DIGEST}`, `nginx@${DIGEST}`])('compliant image %s', image => {
    expect(rule.check(withImage(image), NO_CONTEXT)).toEqual([]);
  });

  test.each(['nginx:1.27.3', 'localhost:5000/app:v2', 'ghcr.io/org/app:2024-10-01'])('fails on tag-only image %s, naming the tag', image => {
    const [v] = rule.check(withImage(image), NO_CONTEXT);
    expect(v.path).toBe('/spec/template/spec/containers/0/image');
    expect(v.message).toContain(`image "${image}" is pinned by tag`);
  });

  test.each(['nginx', 'nginx:latest', '', 'nginx@sha256:short'])('not applicable to %p (reported by HARDEN-WL-003)', image => {
    expect(rule.check(withImage(image), NO_CONTEXT)).toEqual([]);
  });
});
