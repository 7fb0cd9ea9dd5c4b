// SPDX-License-Identifier: Apache-2.0
import { HarborTrivyDatabase } from '../../src';

describe('HarborTrivyDatabase', () => {
  test('harborProxyCache: both repositories on core\'s address inside the project, core downloads on 443', () => {
    expect(HarborTrivyDatabase.harborProxyCache({ project: 'ghcr-proxy', upstreamCidrs: ['140.82.112.0/20'] })._resolve('harbor-core:8443')).toEqual({
      offline: false,
      repository: 'harbor-core:8443/ghcr-proxy/aquasecurity/trivy-db:2',
      javaRepository: 'harbor-core:8443/ghcr-proxy/aquasecurity/trivy-java-db:1',
      egress: { component: 'core', cidrs: ['140.82.112.0/20'], port: 443 },
    });
  });

  test('ociMirror: the given repositories, trivy downloads on the mirror\'s port; offline: nothing', () => {
    const mirror = HarborTrivyDatabase.ociMirror({ repository: 'm.example.com:5000/a/trivy-db:2', javaRepository: 'm.example.com:5000/a/trivy-java-db:1', cidrs: ['192.0.2.0/24'], port: 5000 });
    expect(mirror._resolve('harbor-core:8443')).toEqual({
      offline: false,
      repository: 'm.example.com:5000/a/trivy-db:2',
      javaRepository: 'm.example.com:5000/a/trivy-java-db:1',
      egress: { component: 'trivy', cidrs: ['192.0.2.0/24'], port: 5000 },
    });
    expect(HarborTrivyDatabase.offline()._resolve('harbor-core:8443')).toEqual({ offline: true });
  });

  test('throws on a bad project, a repository without schema tag or without registry host, or a bad port', () => {
    expect(() => HarborTrivyDatabase.harborProxyCache({ project: 'Ghcr_Proxy', upstreamCidrs: ['1.2.3.0/24'] })).toThrow(/Ghcr_Proxy/);
    expect(() => HarborTrivyDatabase.harborProxyCache({ project: 'p', upstreamCidrs: ['1.2.3.0/24'], databaseRepository: 'aquasecurity/trivy-db' }))
      .toThrow(/Invalid HarborTrivyDatabase.harborProxyCache databaseRepository "aquasecurity\/trivy-db".*schema tag/);
    expect(() => HarborTrivyDatabase.ociMirror({ repository: 'trivy-db:2', javaRepository: 'mirror.example.com/a/trivy-java-db:1', cidrs: ['1.2.3.0/24'] }))
      .toThrow(/Invalid HarborTrivyDatabase.ociMirror repository "trivy-db:2": give a registry host, path and schema tag/);
    expect(() => HarborTrivyDatabase.ociMirror({ repository: 'm.example.com/a/trivy-db:2', javaRepository: 'm.example.com/a/trivy-java-db:1', cidrs: ['1.2.3.0/24'], port: 0 }))
      .toThrow(/Invalid HarborTrivyDatabase.ociMirror port 0/);
  });
});
