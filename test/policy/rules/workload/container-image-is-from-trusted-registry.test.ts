// SPDX-License-Identifier: Apache-2.0
import { ContainerImageIsFromTrustedRegistry } from '../../../../src/policy/rules/workload/container-image-is-from-trusted-registry';

function deployment(...images: string[]) {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'shop' },
    spec: {
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: {
          initContainers: [{ name: 'init', image: images[1] ?? images[0] }],
          containers: [{ name: 'app', image: images[0] }],
        },
      },
    },
  };
}

describe('ContainerImageIsFromTrustedRegistry (HARDEN-WL-010)', () => {
  const rule = new ContainerImageIsFromTrustedRegistry(['ghcr.io/acme/', 'registry.example.com:5000/']);

  test('compliant: every image under a trusted prefix', () => {
    expect(rule.check(deployment('ghcr.io/acme/web:1.2.3', 'registry.example.com:5000/tools/init@sha256:' + 'a'.repeat(64)), { objects: [] })).toEqual([]);
  });

  test('fails for an image from another registry, naming the container and the image', () => {
    const v = rule.check(deployment('ghcr.io/acme/web:1.2.3', 'docker.io/library/busybox:1.36'), { objects: [] });
    expect(v).toEqual([{
      path: '/spec/template/spec/initContainers/0/image',
      message: expect.stringContaining('"docker.io/library/busybox:1.36" is not from a trusted registry'),
    }]);
  });

  test('fails for a look-alike prefix (ghcr.io/acme-evil/ is not ghcr.io/acme/)', () => {
    expect(rule.check(deployment('ghcr.io/acme-evil/web:1.2.3'), { objects: [] })).toHaveLength(2);
  });

  test('not applicable: non-pod kinds, and no prefixes configured', () => {
    expect(rule.check({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } }, { objects: [] })).toEqual([]);
    expect(new ContainerImageIsFromTrustedRegistry().check(deployment('docker.io/evil:1'), { objects: [] })).toEqual([]);
  });

  test('throws on a prefix without the trailing slash', () => {
    expect(() => new ContainerImageIsFromTrustedRegistry(['ghcr.io/acme'])).toThrow(/Invalid trusted registry "ghcr.io\/acme": .* ending with "\/"/);
  });
});
