// SPDX-License-Identifier: Apache-2.0
import { build, testBuiltUnderOwnChild } from './_kit';
import { findOne } from '../../util';

describe('HarborPortal', () => {
  testBuiltUnderOwnChild('portal', 'Portal');

  test('portal: nginx.conf from the Harbor ConfigMap and its own certificate, nothing else', () => {
    const { objects } = build();
    const container = findOne(objects, 'Deployment', 'harbor-portal').spec.template.spec.containers[0];
    expect(container.env).toBeUndefined();
    expect(container.volumeMounts.filter((m: any) => !['/tmp', '/var/cache/nginx', '/var/log/nginx', '/run'].includes(m.mountPath)).map((m: any) => m.mountPath).sort())
      .toEqual(['/etc/harbor/ssl/portal', '/etc/nginx/nginx.conf']);
  });
});
