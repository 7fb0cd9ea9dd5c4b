// SPDX-License-Identifier: Apache-2.0
import { build, env, testBuiltUnderOwnChild } from './_kit';
import { findOne } from '../../util';

describe('HarborCore', () => {
  testBuiltUnderOwnChild('core', 'Core');

  test('core: URLs of the other components on their TLS ports, its own local URL, the token and secret-key files', () => {
    const { objects } = build();
    const spec = findOne(objects, 'Deployment', 'harbor-core').spec.template.spec;
    expect(env(spec.containers[0])).toMatchObject({
      CORE_URL: 'https://harbor-core:8443',
      CORE_LOCAL_URL: 'https://127.0.0.1:8443',
      JOBSERVICE_URL: 'https://harbor-jobservice:8443',
      REGISTRY_URL: 'https://harbor-registry:5443',
      REGISTRY_CONTROLLER_URL: 'https://harbor-registry:8443',
      TRIVY_ADAPTER_URL: 'https://harbor-trivy:8443',
    });
    expect(spec.containers[0].volumeMounts.map((m: any) => m.mountPath)).toEqual(expect.arrayContaining(['/etc/core/key', '/etc/core/private_key.pem', '/etc/core/ca']));
  });
});
