// SPDX-License-Identifier: Apache-2.0
import {
  _clientsOf, _componentPort, HARBOR_COMPONENTS, HARBOR_EDGE_FLOWS, HARBOR_FLOWS, HARBOR_INGRESS_PATHS, HARBOR_VERSION,
} from '../../src/registry/_harbor-components';

describe('Harbor component model', () => {
  test('pins a v2.15 release', () => {
    expect(HARBOR_VERSION).toMatch(/^v2\.15\.\d+$/);
  });

  test('uses the UIDs baked into the images (10000, database/redis 999)', () => {
    const uids = Object.fromEntries(Object.values(HARBOR_COMPONENTS).map(c => [c.name, c.uid]));
    expect(uids).toEqual({
      core: 10000,
      portal: 10000,
      registry: 10000,
      registryctl: 10000,
      jobservice: 10000,
      trivy: 10000,
      exporter: 10000,
      database: 999,
      redis: 999,
    });
  });

  test('switches ports with internal TLS, database and redis stay plaintext', () => {
    expect(_componentPort('core', false)).toBe(8080);
    expect(_componentPort('core', true)).toBe(8443);
    expect(_componentPort('registry', true)).toBe(5443);
    expect(_componentPort('database', true)).toBe(5432);
    expect(_componentPort('redis', true)).toBe(6379);
  });

  test('core SANs include localhost and 127.0.0.1 (CORE_LOCAL_URL)', () => {
    expect(HARBOR_COMPONENTS.core.extraDnsNames).toEqual(['localhost']);
    expect(HARBOR_COMPONENTS.core.extraIpAddresses).toEqual(['127.0.0.1']);
  });

  test('every image whose entrypoint rewrites the CA bundle gets a writable bundle dir', () => {
    for (const c of Object.values(HARBOR_COMPONENTS)) {
      if (c.installCertDir) expect(c.writablePaths.map(p => p.mountPath)).toContain('/etc/pki/tls/certs');
    }
  });

  test('has the 19 in-namespace flows of the architecture doc plus core -> core (F22, replication through CORE_URL), and no registry -> database', () => {
    expect(HARBOR_FLOWS).toHaveLength(20);
    expect(HARBOR_FLOWS.filter(f => f.from === 'core' && f.to === 'core').map(f => f.id)).toEqual(['F22']);
    expect(HARBOR_FLOWS.find(f => f.from === 'registry' && f.to === 'database')).toBeUndefined();
    expect(HARBOR_FLOWS.find(f => f.from === 'portal')).toBeUndefined();
  });

  test('the flows give the per-destination ingress allow-list of section 2.5 (migration job and nginx not deployed)', () => {
    const sources: Record<string, string[]> = {};
    for (const f of [...HARBOR_FLOWS.map(x => ({ ...x, metrics: false })), ...HARBOR_EDGE_FLOWS]) {
      const key = f.metrics ? `${f.to}:8001` : f.to;
      sources[key] = [...(sources[key] ?? []), f.from].sort();
    }
    expect(sources).toEqual({
      'core': ['core', 'exporter', 'ingress-controller', 'jobservice', 'trivy'],
      'core:8001': ['prometheus'],
      'portal': ['core', 'ingress-controller'],
      'registry': ['core', 'jobservice'],
      'registry:8001': ['prometheus'],
      'registryctl': ['core', 'jobservice'],
      'jobservice': ['core'],
      'jobservice:8001': ['prometheus'],
      'trivy': ['core', 'jobservice'],
      'database': ['core', 'exporter', 'jobservice'],
      'redis': ['core', 'exporter', 'jobservice', 'registry', 'trivy'],
      'exporter:8001': ['prometheus'],
    });
  });

  test('the clients of an external database or Redis are the sources of the internal flows (E6)', () => {
    expect(_clientsOf('database')).toEqual(['core', 'jobservice', 'exporter']);
    expect(_clientsOf('redis')).toEqual(['core', 'jobservice', 'registry', 'trivy', 'exporter']);
  });

  test('routes UI to portal and the API paths to core, no /chartrepo/', () => {
    expect(HARBOR_INGRESS_PATHS.map(p => `${p.path}>${p.backend}`)).toEqual(['/api/>core', '/service/>core', '/v2/>core', '/c/>core', '/>portal']);
  });
});
