// SPDX-License-Identifier: Apache-2.0
import { build, testBuiltUnderOwnChild } from './_kit';
import { findOne } from '../../util';

describe('HarborRegistry', () => {
  testBuiltUnderOwnChild('registry', 'Registry');

  test('registry pod: registry and registryctl share the blob store; object storage replaces the PVC with scratch space', () => {
    const pvc = build().objects;
    const spec = findOne(pvc, 'Deployment', 'harbor-registry').spec.template.spec;
    expect(spec.containers.map((c: any) => c.name)).toEqual(['registry', 'registryctl']);
    const storage = spec.volumes.find((v: any) => v.name === 'registry-data');
    expect(storage.persistentVolumeClaim.claimName).toBe('harbor-registry-data');
    const s3 = build({ s3Storage: { bucket: 'blobs', region: 'eu-west-1', cidrs: ['198.51.100.0/24'], credentialsSecretName: 's3' } }).objects;
    expect(findOne(s3, 'Deployment', 'harbor-registry').spec.template.spec.volumes.find((v: any) => v.name === 'registry-data').emptyDir).toEqual({ sizeLimit: '1024Mi' });
  });
});
