// SPDX-License-Identifier: Apache-2.0
import { DIGEST, hardenedContainer, NO_CONTEXT, podSpec, wrap } from './_objects';
import { ContainerImageIsNotLatest } from '../../../../src/policy/rules/workload';

function withImage(image: any) {
  return wrap('Deployment', podSpec({ containers: [hardenedContainer('app', { image })] }));
}

describe('ContainerImageIsNotLatest', () => {
  const rule = new ContainerImageIsNotLatest();

  test('metadata', () => {
    expect(rule.metadata.id).toBe('HARDEN-WL-003');
  });

  test.each([
    `nginx@${DIGEST}`,
    `nginx:latest@${DIGEST}`,
    `localhost:5000/team/app@${DIGEST}`,
    `repo@sha512:${'ab'.repeat(64)}`,
    'nginx:1.27.3',
    'localhost:5000/team/app:v2',
  ])('compliant image %s', image => {
    expect(rule.check(withImage(image), NO_CONTEXT)).toEqual([]);
  });

  test.each([
    ['nginx', /has no tag/],
    ['docker.io/library/nginx', /has no tag/],
    ['localhost:5000/team/app', /has no tag/],
    ['nginx:latest', /mutable tag "latest"/],
    ['nginx:LATEST', /mutable tag "LATEST"/],
    ['registry.example.com:5000/app:Latest', /mutable tag "Latest"/],
    ['nginx@sha256:abc', /malformed digest "sha256:abc"/],
    [`nginx@sha256:${'A'.repeat(64)}`, /malformed digest/],
    ['', /has no image/],
    [undefined, /has no image/],
  ])('fails on image %p', (image, message) => {
    const found = rule.check(withImage(image), NO_CONTEXT);
    expect(found).toHaveLength(1);
    expect(found[0].path).toBe('/spec/template/spec/containers/0/image');
    expect(found[0].message).toMatch(message);
  });

  test('fails on init and ephemeral containers', () => {
    const obj = wrap('Pod', podSpec({
      initContainers: [hardenedContainer('init', { image: 'busybox' })],
      ephemeralContainers: [{ name: 'debug', image: 'busybox:latest' }],
    }));
    expect(rule.check(obj, NO_CONTEXT).map(v => v.path)).toEqual(['/spec/initContainers/0/image', '/spec/ephemeralContainers/0/image']);
  });
});
