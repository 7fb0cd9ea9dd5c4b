// SPDX-License-Identifier: Apache-2.0
import { Chart, Testing } from 'cdk8s';
import {
  Checker, HardenedNamespace, HarborComponent, HarborSecretSource, Issuer, RulePacks, SecretStore, SecureRegistryStack, SecureRegistryStackProps,
} from '../../src';
import { findAll, findOne, synthValid } from '../util';

function stack(extra: Partial<SecureRegistryStackProps> = {}, chart: Chart = Testing.chart()) {
  const props: SecureRegistryStackProps = {
    hostname: 'registry.example.com',
    ingressIssuer: Issuer.fromClusterIssuerName(chart, 'Acme', 'letsencrypt'),
    ...extra,
  };
  const registry = new SecureRegistryStack(chart, 'Registry', props);
  return { chart, registry };
}

const EXT_DB = { host: 'pg.example.com', cidrs: ['10.20.0.0/24'], password: { secretName: 'pg', key: 'password' }, caSecretName: 'pg-ca' };
const EXT_REDIS = { host: 'redis.example.com', cidrs: ['10.30.0.0/24'], caSecretName: 'redis-ca' };
const COMPONENT = 'app.kubernetes.io/component';

/** The allowed flows as "from->to:port" (ingress policies inside the namespace), sorted. */
function flows(objects: any[]): string[] {
  const out: string[] = [];
  for (const np of findAll(objects, 'NetworkPolicy')) {
    const target = np.spec.podSelector?.matchLabels?.[COMPONENT];
    for (const rule of np.spec.ingress ?? []) {
      for (const peer of rule.from ?? []) {
        const ns = peer.namespaceSelector ? JSON.stringify(peer.namespaceSelector.matchLabels ?? peer.namespaceSelector.matchExpressions) : undefined;
        const src = ns ? `ns:${ns}` : (peer.podSelector?.matchLabels?.[COMPONENT] ?? '?');
        for (const p of rule.ports ?? []) out.push(`${src}->${target}:${p.port}`);
      }
    }
  }
  return [...new Set(out)].sort();
}

function egress(objects: any[]): string[] {
  const out: string[] = [];
  for (const np of findAll(objects, 'NetworkPolicy')) {
    const src = np.spec.podSelector?.matchLabels?.[COMPONENT];
    if (!src) continue;
    for (const rule of np.spec.egress ?? []) {
      for (const peer of rule.to ?? []) {
        const dst = peer.podSelector?.matchLabels?.[COMPONENT] ?? peer.ipBlock?.cidr ?? '?';
        for (const p of rule.ports ?? []) out.push(`${src}->${dst}:${p.port}`);
      }
    }
  }
  return [...new Set(out)].sort();
}

describe('SecureRegistryStack', () => {
  test('minimal definition', () => {
    const { chart } = stack();
    expect(synthValid(chart)).toMatchSnapshot();
  });

  test('is byte-identical on re-synth', () => {
    expect(JSON.stringify(synthValid(stack().chart))).toEqual(JSON.stringify(synthValid(stack().chart)));
  });

  test('passes every rule pack with zero findings (default, external stores + metrics, internal TLS off)', () => {
    const variants: Array<(c: Chart) => Partial<SecureRegistryStackProps>> = [
      () => ({}),
      c => ({ externalDatabase: EXT_DB, externalRedis: EXT_REDIS, metricsNamespace: HardenedNamespace.fromNamespaceName(c, 'Mon', 'monitoring') }),
      () => ({ internalTls: false }),
    ];
    for (const variant of variants) {
      const chart = Testing.chart();
      stack(variant(chart), chart);
      const report = new Checker({ packs: RulePacks.all() }).check(synthValid(chart));
      expect(report.findings.filter(f => !f.suppressed).map(f => `${f.ruleId} ${f.kind}/${f.name} ${f.path}: ${f.message}`)).toEqual([]);
      expect(report.unmatchedSuppressions).toEqual([]);
      // The only suppressed findings are tag-only image pins (no digests given), each carrying the fix.
      expect([...new Set(report.findings.filter(f => f.suppressed).map(f => f.ruleId))]).toEqual(['HARDEN-WL-004']);
      for (const f of report.findings.filter(x => x.suppressed)) expect(f.suppressionReason).toMatch(/pinned by release tag only .*set SecureRegistryStack imageDigests/);
    }
  });

  test('imageDigests pins every image by digest, and then nothing is suppressed', () => {
    const digest = (n: number) => `sha256:${n.toString(16).padStart(2, '0').repeat(32)}`;
    const names = ['core', 'portal', 'registry', 'registryctl', 'jobservice', 'trivy', 'exporter', 'database', 'redis'];
    const imageDigests = Object.fromEntries(names.map((n, i) => [n, digest(i + 1)]));
    const chart = Testing.chart();
    stack({ imageDigests, metricsNamespace: HardenedNamespace.fromNamespaceName(chart, 'Mon', 'monitoring') }, chart);
    const objects = synthValid(chart);
    const images = objects.filter(o => o.spec?.template?.spec)
      .flatMap(o => [...o.spec.template.spec.containers, ...(o.spec.template.spec.initContainers ?? [])].map((c: any) => c.image));
    expect(images.length).toBeGreaterThan(9);
    for (const image of images) expect(image).toMatch(/^docker\.io\/goharbor\/[a-z-]+:v2\.15\.2@sha256:[0-9a-f]{64}$/);
    expect(findOne(objects, 'Deployment', 'harbor-core').spec.template.spec.containers[0].image).toBe(`docker.io/goharbor/harbor-core:v2.15.2@${digest(1)}`);
    const report = new Checker({ packs: RulePacks.all() }).check(objects);
    expect(report.findings).toEqual([]);
    expect(report.unmatchedSuppressions).toEqual([]);
  });

  test('refuses a malformed image digest', () => {
    expect(() => stack({ imageDigests: { core: 'sha256:abc' } })).toThrow(/Invalid imageDigests\["core"\] "sha256:abc".*64 lowercase hex/);
  });

  test('refuses an image digest for an unknown component', () => {
    expect(() => stack({ imageDigests: { nginx: `sha256:${'a'.repeat(64)}` } })).toThrow(/Invalid imageDigests key "nginx": expected one of core, portal/);
  });

  test('lives in its own restricted HardenedNamespace with default deny', () => {
    const { chart, registry } = stack();
    const objects = synthValid(chart);
    expect(registry.namespace).toBeInstanceOf(HardenedNamespace);
    expect(findOne(objects, 'Namespace').metadata.labels['pod-security.kubernetes.io/enforce']).toBe('restricted');
    expect([...findOne(objects, 'NetworkPolicy', 'default-deny-all').spec.policyTypes].sort()).toEqual(['Egress', 'Ingress']);
    for (const o of objects.filter(x => x.kind !== 'Namespace')) expect(o.metadata.namespace).toBe('harbor');
  });

  test('deploys every component, trivy on by default, database and redis internal', () => {
    const { registry } = stack();
    expect(registry.components).toEqual(['core', 'database', 'jobservice', 'portal', 'redis', 'registry', 'registryctl', 'trivy']);
  });

  test('gives every component its own service account without API token', () => {
    const { chart } = stack();
    const objects = synthValid(chart);
    const workloads = [...findAll(objects, 'Deployment'), ...findAll(objects, 'StatefulSet')];
    const sas = workloads.map(w => w.spec.template.spec.serviceAccountName);
    expect(new Set(sas).size).toBe(workloads.length);
    for (const w of workloads) {
      expect(w.spec.template.spec.automountServiceAccountToken).toBe(false);
      expect(findOne(objects, 'ServiceAccount', w.spec.template.spec.serviceAccountName).automountServiceAccountToken).toBe(false);
    }
    expect(findAll(objects, 'Role')).toEqual([]);
    expect(findAll(objects, 'RoleBinding')).toEqual([]);
  });

  test('runs with the image UIDs (10000, database/redis 999), read-only root, drop ALL, seccomp', () => {
    const objects = synthValid(stack().chart);
    const workloads = [...findAll(objects, 'Deployment'), ...findAll(objects, 'StatefulSet')];
    const uid = (name: string) => workloads.find(w => w.metadata.name === name).spec.template.spec;
    for (const [name, id] of [['harbor-core', 10000], ['harbor-portal', 10000], ['harbor-registry', 10000], ['harbor-jobservice', 10000],
      ['harbor-trivy', 10000], ['harbor-database', 999], ['harbor-redis', 999]] as const) {
      const spec = uid(name);
      expect([spec.securityContext.runAsUser, spec.securityContext.runAsGroup, spec.securityContext.fsGroup]).toEqual([id, id, id]);
      expect(spec.securityContext.runAsNonRoot).toBe(true);
      for (const c of [...spec.containers, ...(spec.initContainers ?? [])]) {
        expect(c.securityContext.readOnlyRootFilesystem).toBe(true);
        expect(c.securityContext.allowPrivilegeEscalation).toBe(false);
        expect(c.securityContext.capabilities.drop).toEqual(['ALL']);
        expect(c.resources.limits.cpu).toBeDefined();
        expect(c.resources.requests.memory).toBeDefined();
      }
      expect(spec.securityContext.seccompProfile?.type ?? spec.containers[0].securityContext.seccompProfile?.type).toBe('RuntimeDefault');
    }
  });

  test('pins the images to v2.15.2 and honours a private mirror', () => {
    const objects = synthValid(stack({ imageRegistry: 'mirror.internal:5000/goharbor' }).chart);
    const images = [...findAll(objects, 'Deployment'), ...findAll(objects, 'StatefulSet')].flatMap(w => w.spec.template.spec.containers.map((c: any) => c.image));
    expect(images.sort()).toContain('mirror.internal:5000/goharbor/harbor-core:v2.15.2');
    for (const i of images) expect(i).toMatch(/^mirror\.internal:5000\/goharbor\/[a-z-]+:v2\.15\.2$/);
  });

  test('seeds a writable CA bundle for install_cert.sh images on a read-only root', () => {
    const objects = synthValid(stack().chart);
    const core = findOne(objects, 'Deployment', 'harbor-core').spec.template.spec;
    expect(core.initContainers.map((c: any) => c.name)).toEqual(['core-ca-bundle-init']);
    const mounts = core.containers[0].volumeMounts.map((m: any) => `${m.mountPath}${m.subPath ? `@${m.subPath}` : ''}`);
    expect(mounts).toContain('/etc/pki/tls/certs');
    expect(mounts).toContain('/harbor/ca-bundle.crt.original@ca-bundle.crt.original');
    expect(mounts).toContain('/etc/core/token');
  });

  test('uses the documented probes (core startup probe, HTTPS with internal TLS)', () => {
    const objects = synthValid(stack().chart);
    const core = findOne(objects, 'Deployment', 'harbor-core').spec.template.spec.containers[0];
    expect(core.startupProbe.httpGet).toEqual({ path: '/api/v2.0/ping', port: 8443, scheme: 'HTTPS' });
    expect(core.startupProbe.failureThreshold).toBe(360);
    const trivy = findOne(objects, 'StatefulSet', 'harbor-trivy').spec.template.spec.containers[0];
    expect(trivy.livenessProbe.httpGet.path).toBe('/probe/healthy');
    expect(trivy.readinessProbe.httpGet.path).toBe('/probe/ready');
    const redis = findOne(objects, 'StatefulSet', 'harbor-redis').spec.template.spec.containers[0];
    expect(redis.livenessProbe.tcpSocket.port).toBe(6379);
  });

  test('opens exactly the documented in-namespace flows (2.2/2.5) plus the ingress controller', () => {
    const objects = synthValid(stack().chart);
    expect(flows(objects).filter(f => !f.startsWith('ns:'))).toEqual([
      'core->jobservice:8443',
      'core->database:5432', 'core->portal:8443', 'core->redis:6379', 'core->registry:5443', 'core->registry:8443', 'core->trivy:8443',
      'jobservice->core:8443', 'jobservice->database:5432', 'jobservice->redis:6379', 'jobservice->registry:5443', 'jobservice->registry:8443',
      'jobservice->trivy:8443', 'registry->redis:6379', 'trivy->core:8443', 'trivy->redis:6379',
    ].sort());
    expect(egress(objects)).toEqual([
      'core->database:5432', 'core->jobservice:8443', 'core->portal:8443', 'core->redis:6379', 'core->registry:5443', 'core->registry:8443', 'core->trivy:8443',
      'jobservice->core:8443', 'jobservice->database:5432', 'jobservice->redis:6379', 'jobservice->registry:5443', 'jobservice->registry:8443',
      'jobservice->trivy:8443', 'registry->redis:6379', 'trivy->core:8443', 'trivy->redis:6379',
    ]);
    const ic = flows(objects).filter(f => f.startsWith('ns:'));
    expect(ic.map(f => f.replace(/^ns:.*->/, 'ingress-controller->'))).toEqual(['ingress-controller->core:8443', 'ingress-controller->portal:8443']);
  });

  test('never lets portal, database or redis talk out, and registry never reaches the database', () => {
    const e = egress(synthValid(stack().chart));
    expect(e.filter(f => /^(portal|database|redis)->/.test(f))).toEqual([]);
    expect(e).not.toContain('registry->database:5432');
  });

  test('uses plaintext ports when internal TLS is off', () => {
    const { chart } = stack({ internalTls: false });
    const objects = synthValid(chart);
    expect(egress(objects)).toContain('core->registry:5000');
    expect(findAll(objects, 'Certificate').map(c => c.metadata.name)).toEqual(['harbor-internal-ca-ca', 'harbor-token-signing', 'harbor-ingress-tls']);
    expect(findOne(objects, 'Ingress').metadata.annotations['nginx.ingress.kubernetes.io/backend-protocol']).toBeUndefined();
  });

  test('external database and redis: no StatefulSets, verify-full/rediss and egress only to their CIDRs', () => {
    const { chart, registry } = stack({ externalDatabase: EXT_DB, externalRedis: { ...EXT_REDIS, sentinelMasterSet: 'mymaster', port: 26379 } });
    const objects = synthValid(chart);
    expect(registry.components).not.toContain('database');
    expect(registry.components).not.toContain('redis');
    const core = findOne(objects, 'Deployment', 'harbor-core').spec.template.spec.containers[0];
    const env = Object.fromEntries(core.env.map((e: any) => [e.name, e.value ?? e.valueFrom]));
    expect(env.POSTGRESQL_SSLMODE).toBe('verify-full');
    expect(env.POSTGRESQL_PASSWORD).toEqual({ secretKeyRef: { name: 'pg', key: 'password' } });
    expect(env._REDIS_URL_CORE).toBe('rediss+sentinel://redis.example.com:26379/mymaster/0?idle_timeout_seconds=30');
    expect(egress(objects).filter(f => f.includes('10.'))).toEqual([
      'core->10.20.0.0/24:5432', 'core->10.30.0.0/24:26379', 'jobservice->10.20.0.0/24:5432', 'jobservice->10.30.0.0/24:26379',
      'registry->10.30.0.0/24:26379', 'trivy->10.30.0.0/24:26379',
    ]);
  });

  test('external redis password: from a Secret, expanded by the kubelet into the URLs, defined first', () => {
    const { chart } = stack({ externalRedis: { ...EXT_REDIS, password: { secretName: 'redis-auth', key: 'password' } } });
    const objects = synthValid(chart);
    for (const [kind, name] of [['Deployment', 'harbor-core'], ['Deployment', 'harbor-jobservice'], ['StatefulSet', 'harbor-trivy']]) {
      const env = findOne(objects, kind, name).spec.template.spec.containers[0].env;
      expect(env[0]).toEqual({ name: 'REDIS_PASSWORD', valueFrom: { secretKeyRef: { name: 'redis-auth', key: 'password' } } });
    }
    const core = findOne(objects, 'Deployment', 'harbor-core').spec.template.spec.containers[0].env;
    expect(core.find((e: any) => e.name === '_REDIS_URL_CORE').value).toBe('rediss://:$(REDIS_PASSWORD)@redis.example.com:6379/0?idle_timeout_seconds=30');
    const job = findOne(objects, 'Deployment', 'harbor-jobservice').spec.template.spec.containers[0].env;
    expect(job.find((e: any) => e.name === 'JOB_SERVICE_POOL_REDIS_URL').value).toBe('rediss://:$(REDIS_PASSWORD)@redis.example.com:6379/1');
  });

  test('metrics: exporter on and port 8001 open to the monitoring namespace only', () => {
    const chart = Testing.chart();
    const monitoring = HardenedNamespace.fromNamespaceName(chart, 'Mon', 'monitoring');
    const { registry } = stack({ metricsNamespace: monitoring }, chart);
    const objects = synthValid(chart);
    expect(registry.components).toContain('exporter');
    const metricFlows = flows(objects).filter(f => f.endsWith(':8001'));
    expect(metricFlows.map(f => f.replace(/^ns:.*->/, 'monitoring->'))).toEqual(['monitoring->core:8001', 'monitoring->exporter:8001', 'monitoring->jobservice:8001', 'monitoring->registry:8001']);
    expect(egress(objects)).toEqual(expect.arrayContaining(['exporter->core:8443', 'exporter->database:5432', 'exporter->redis:6379']));
  });

  test('no internet egress by default: trivy scans offline', () => {
    const objects = synthValid(stack().chart);
    expect(egress(objects).filter(f => /->[0-9]/.test(f))).toEqual([]);
    const env = findOne(objects, 'StatefulSet', 'harbor-trivy').spec.template.spec.containers[0].env;
    expect(env.find((e: any) => e.name === 'SCANNER_TRIVY_OFFLINE_SCAN').value).toBe('true');
  });

  test('opt-in egress: trivy updates, object storage, allowEgress', () => {
    const { chart, registry } = stack({
      trivyUpdateCidrs: ['203.0.113.0/24'],
      s3Storage: { bucket: 'b', region: 'eu-west-1', cidrs: ['198.51.100.0/24'], credentialsSecretName: 's3-creds' },
    });
    registry.allowEgress(HarborComponent.JOBSERVICE, { cidrs: ['192.0.2.0/24'], ports: [443] });
    const e = egress(synthValid(chart)).filter(f => /->[0-9]/.test(f));
    expect(e).toEqual(['jobservice->192.0.2.0/24:443', 'registry->198.51.100.0/24:443', 'trivy->203.0.113.0/24:443']);
  });

  test('Ingress: TLS from cert-manager, documented paths, HTTPS redirect, /service/notifications not routed to core', () => {
    const objects = synthValid(stack().chart);
    const ing = findOne(objects, 'Ingress');
    expect(ing.spec.ingressClassName).toBe('nginx');
    expect(ing.spec.tls).toEqual([{ hosts: ['registry.example.com'], secretName: 'harbor-ingress-tls' }]);
    expect(ing.metadata.annotations['nginx.ingress.kubernetes.io/ssl-redirect']).toBe('true');
    expect(ing.metadata.annotations['nginx.ingress.kubernetes.io/backend-protocol']).toBe('HTTPS');
    const paths = ing.spec.rules[0].http.paths.map((p: any) => `${p.path}>${p.backend.service.name}`).sort();
    expect(paths).toEqual(['/>harbor-portal', '/api/>harbor-core', '/c/>harbor-core', '/service/>harbor-core', '/service/notifications>harbor-portal', '/v2/>harbor-core']);
    expect(findOne(objects, 'Certificate', 'harbor-ingress-tls').spec.dnsNames).toEqual(['registry.example.com']);
  });

  test('internal certificates carry the documented SANs and server + client auth', () => {
    const objects = synthValid(stack().chart);
    const core = findOne(objects, 'Certificate', 'harbor-core-internal-tls').spec;
    expect(core.dnsNames).toEqual(['harbor-core', 'harbor-core.harbor.svc', 'localhost']);
    expect(core.ipAddresses).toEqual(['127.0.0.1']);
    expect(core.usages).toEqual(['client auth', 'digital signature', 'server auth']);
    expect(core.issuerRef).toEqual({ group: 'cert-manager.io', kind: 'Issuer', name: 'harbor-internal-ca' });
  });

  test('pods are restarted on certificate or secret renewal (reloader annotation)', () => {
    const objects = synthValid(stack().chart);
    const ann = findOne(objects, 'Deployment', 'harbor-core').spec.template.metadata.annotations['secret.reloader.stakater.com/reload'];
    expect(ann.split(',')).toEqual(expect.arrayContaining(['harbor-secrets', 'harbor-core-internal-tls']));
  });

  test('no secret value in the YAML: generated by ESO, consumed by reference', () => {
    const objects = synthValid(stack().chart);
    expect(findAll(objects, 'Secret')).toEqual([]);
    const es = findOne(objects, 'ExternalSecret');
    expect(es.spec.refreshPolicy).toBe('CreatedOnce');
    expect(es.spec.target.template.data.REGISTRY_HTPASSWD).toContain('htpasswd "harbor_registry_user"');
    const yaml = JSON.stringify(objects);
    expect(yaml).not.toMatch(/Harbor12345|changeit|not-a-secure-key|harbor_registry_password/);
  });

  test('one ClusterIP Service per component, named like the chart, selecting its pods', () => {
    const objects = synthValid(stack().chart);
    const services = findAll(objects, 'Service');
    expect(services.map(x => x.metadata.name).sort()).toEqual(
      ['harbor-core', 'harbor-database', 'harbor-jobservice', 'harbor-portal', 'harbor-redis', 'harbor-registry', 'harbor-trivy']);
    for (const svc of services) {
      expect(svc.spec.type ?? 'ClusterIP').toBe('ClusterIP');
      expect(Object.keys(svc.spec.selector ?? {}).length).toBeGreaterThan(0);
    }
    expect(findOne(objects, 'StatefulSet', 'harbor-database').spec.serviceName).toBe('harbor-database');
    expect(findOne(objects, 'Service', 'harbor-registry').spec.ports.map((p: any) => p.port)).toEqual([5443, 8443]);
  });

  test('pods mount single secret keys, never the whole Harbor secret', () => {
    const objects = synthValid(stack().chart);
    const vols = [...findAll(objects, 'Deployment'), ...findAll(objects, 'StatefulSet')]
      .flatMap(w => w.spec.template.spec.volumes ?? []).filter((v: any) => v.secret?.secretName === 'harbor-secrets');
    expect(vols.map((v: any) => [v.name, v.secret.items])).toEqual([
      ['core-secret-key', [{ key: 'secretKey', path: 'key' }]],
      ['registry-htpasswd', [{ key: 'REGISTRY_HTPASSWD', path: 'passwd' }]],
    ]);
  });

  test('secrets from an existing Secret or from a store', () => {
    const a = synthValid(stack({ secrets: HarborSecretSource.existingSecret('my-harbor') }).chart);
    expect(findAll(a, 'ExternalSecret')).toEqual([]);
    expect(JSON.stringify(findOne(a, 'Deployment', 'harbor-core'))).toContain('"name":"my-harbor"');
    const chart = Testing.chart();
    const store = SecretStore.fromClusterSecretStoreName(chart, 'Vault', 'vault');
    const b = synthValid(stack({ secrets: HarborSecretSource.externalStore(store, 'harbor/prod') }, chart).chart);
    const es = findOne(b, 'ExternalSecret').spec;
    expect(es.secretStoreRef).toEqual({ kind: 'ClusterSecretStore', name: 'vault' });
    expect(es.data.map((d: any) => d.remoteRef.property)).toContain('HARBOR_ADMIN_PASSWORD');
  });

  test('replicas > 1: PodDisruptionBudgets and topology spread', () => {
    const objects = synthValid(stack({ replicas: 2, s3Storage: { bucket: 'b', region: 'r', cidrs: ['198.51.100.0/24'], credentialsSecretName: 's3' } }).chart);
    expect(findAll(objects, 'PodDisruptionBudget').length).toBeGreaterThanOrEqual(5);
    expect(findOne(objects, 'Deployment', 'harbor-core').spec.template.spec.topologySpreadConstraints).toBeDefined();
  });

  test('no backup object unless asked; backup covers the registry namespace', () => {
    expect(findAll(synthValid(stack().chart), 'Schedule')).toEqual([]);
    const { chart, registry } = stack({ backup: { schedule: '0 3 * * *' } });
    const schedule = findOne(synthValid(chart), 'Schedule');
    expect(schedule.spec.schedule).toBe('0 3 * * *');
    expect(schedule.spec.template.includedNamespaces).toEqual(['harbor']);
    expect(registry.backup).toBeDefined();
  });

  test('throws on an invalid hostname', () => {
    expect(() => stack({ hostname: 'Registry_Example' })).toThrow(/Invalid hostname "Registry_Example"/);
  });
  test('throws without external TLS or with both sources', () => {
    expect(() => stack({ ingressIssuer: undefined })).toThrow(/exactly one of ingressIssuer/);
    expect(() => stack({ ingressTlsSecretName: 'tls' })).toThrow(/exactly one of ingressIssuer/);
  });
  test('throws on replicas < 1', () => {
    expect(() => stack({ replicas: 0 })).toThrow(/Invalid replicas 0/);
  });
  test('throws on replicas > 1 with a PVC', () => {
    expect(() => stack({ replicas: 2 })).toThrow(/needs object storage/);
  });
  test('throws on an unparseable size', () => {
    expect(() => stack({ registryStorageSize: 'lots' })).toThrow(/Invalid registryStorageSize "lots"/);
  });
  test('throws on external database without host or CA', () => {
    expect(() => stack({ externalDatabase: { ...EXT_DB, host: '' } })).toThrow(/externalDatabase.host is empty/);
    expect(() => stack({ externalDatabase: { ...EXT_DB, caSecretName: '' } })).toThrow(/externalDatabase.caSecretName is empty/);
  });
  test('throws on external redis without CA or CIDRs', () => {
    expect(() => stack({ externalRedis: { ...EXT_REDIS, caSecretName: '' } })).toThrow(/externalRedis.caSecretName is empty/);
    expect(() => stack({ externalRedis: { ...EXT_REDIS, cidrs: [] } })).toThrow(/externalRedis.cidrs is empty/);
  });
  test('throws on object storage without credentials', () => {
    expect(() => stack({ s3Storage: { bucket: 'b', region: 'r', cidrs: ['1.2.3.0/24'], credentialsSecretName: '' } })).toThrow(/credentialsSecretName is empty/);
  });
  test('throws on conflicting options', () => {
    expect(() => stack({ registryStorageSize: '10Gi', s3Storage: { bucket: 'b', region: 'r', cidrs: ['1.2.3.0/24'], credentialsSecretName: 's' } }))
      .toThrow(/registryStorageSize and s3Storage conflict/);
    expect(() => stack({ trivy: false, trivyUpdateCidrs: ['1.2.3.0/24'] })).toThrow(/trivyUpdateCidrs is set but trivy is false/);
    const chart = Testing.chart();
    expect(() => stack({ internalTls: false, internalIssuer: Issuer.fromClusterIssuerName(chart, 'X', 'x') }, chart)).toThrow(/internalIssuer is set but internalTls is false/);
  });
  test('throws on a latest tag or a bad mirror', () => {
    expect(() => stack({ imageTag: 'latest' })).toThrow(/"latest" is never allowed/);
    expect(() => stack({ imageRegistry: 'https://mirror' })).toThrow(/Invalid imageRegistry/);
  });
  test('throws on a CIDR without prefix', () => {
    expect(() => stack({ trivyUpdateCidrs: ['10.0.0.1'] })).toThrow(/Did you mean "10.0.0.1\/32"/);
  });
  test('throws on allowEgress for a component not deployed or without ports', () => {
    const { registry } = stack({ trivy: false });
    expect(() => registry.allowEgress(HarborComponent.TRIVY, { cidrs: ['1.2.3.0/24'], ports: [443] })).toThrow(/component "trivy" is not deployed/);
    expect(() => registry.allowEgress(HarborComponent.CORE, { cidrs: ['1.2.3.0/24'], ports: [] })).toThrow(/no ports given/);
  });
});

/** Every allowed flow: `a->b:port` is an egress rule of a, `a=>b:port` an ingress rule of b (`ns` = another namespace). */
function flowSet(objects: any[]): string[] {
  const out: string[] = [];
  for (const np of findAll(objects, 'NetworkPolicy')) {
    const t = np.spec.podSelector?.matchLabels?.[COMPONENT];
    if (!t) continue;
    for (const r of np.spec.egress ?? []) {
      for (const p of r.to ?? []) for (const port of r.ports ?? []) out.push(`${t}->${p.podSelector?.matchLabels?.[COMPONENT] ?? p.ipBlock?.cidr}:${port.port}`);
    }
    for (const r of np.spec.ingress ?? []) {
      for (const p of r.from ?? []) for (const port of r.ports ?? []) out.push(`${p.namespaceSelector ? 'ns' : p.podSelector?.matchLabels?.[COMPONENT]}=>${t}:${port.port}`);
    }
  }
  return [...new Set(out)].sort();
}

describe('SecureRegistryStack flow sets (architecture doc 2.2/2.5, pinned per variant)', () => {
  test('external database', () => {
    const chart = Testing.chart();
    const extra = ((_c: Chart) => ({ externalDatabase: EXT_DB }))(chart);
    expect(flowSet(synthValid(stack(extra, chart).chart))).toEqual([
      'core->10.20.0.0/24:5432', 'core->jobservice:8443', 'core->portal:8443', 'core->redis:6379', 'core->registry:5443',
      'core->registry:8443', 'core->trivy:8443', 'core=>jobservice:8443', 'core=>portal:8443', 'core=>redis:6379', 'core=>registry:5443',
      'core=>registry:8443', 'core=>trivy:8443', 'jobservice->10.20.0.0/24:5432', 'jobservice->core:8443', 'jobservice->redis:6379',
      'jobservice->registry:5443', 'jobservice->registry:8443', 'jobservice->trivy:8443', 'jobservice=>core:8443',
      'jobservice=>redis:6379', 'jobservice=>registry:5443', 'jobservice=>registry:8443', 'jobservice=>trivy:8443', 'ns=>core:8443',
      'ns=>portal:8443', 'registry->redis:6379', 'registry=>redis:6379', 'trivy->core:8443', 'trivy->redis:6379', 'trivy=>core:8443',
      'trivy=>redis:6379',
    ]);
  });
  test('metrics on', () => {
    const chart = Testing.chart();
    const extra = ((c: Chart) => ({ metricsNamespace: HardenedNamespace.fromNamespaceName(c, 'Mon', 'monitoring') }))(chart);
    expect(flowSet(synthValid(stack(extra, chart).chart))).toEqual([
      'core->database:5432', 'core->jobservice:8443', 'core->portal:8443', 'core->redis:6379', 'core->registry:5443',
      'core->registry:8443', 'core->trivy:8443', 'core=>database:5432', 'core=>jobservice:8443', 'core=>portal:8443', 'core=>redis:6379',
      'core=>registry:5443', 'core=>registry:8443', 'core=>trivy:8443', 'exporter->core:8443', 'exporter->database:5432',
      'exporter->redis:6379', 'exporter=>core:8443', 'exporter=>database:5432', 'exporter=>redis:6379', 'jobservice->core:8443',
      'jobservice->database:5432', 'jobservice->redis:6379', 'jobservice->registry:5443', 'jobservice->registry:8443',
      'jobservice->trivy:8443', 'jobservice=>core:8443', 'jobservice=>database:5432', 'jobservice=>redis:6379',
      'jobservice=>registry:5443', 'jobservice=>registry:8443', 'jobservice=>trivy:8443', 'ns=>core:8001', 'ns=>core:8443',
      'ns=>exporter:8001', 'ns=>jobservice:8001', 'ns=>portal:8443', 'ns=>registry:8001', 'registry->redis:6379', 'registry=>redis:6379',
      'trivy->core:8443', 'trivy->redis:6379', 'trivy=>core:8443', 'trivy=>redis:6379',
    ]);
  });
  test('internal TLS off', () => {
    const chart = Testing.chart();
    const extra = ((_c: Chart) => ({ internalTls: false }))(chart);
    expect(flowSet(synthValid(stack(extra, chart).chart))).toEqual([
      'core->database:5432', 'core->jobservice:8080', 'core->portal:8080', 'core->redis:6379', 'core->registry:5000',
      'core->registry:8080', 'core->trivy:8080', 'core=>database:5432', 'core=>jobservice:8080', 'core=>portal:8080', 'core=>redis:6379',
      'core=>registry:5000', 'core=>registry:8080', 'core=>trivy:8080', 'jobservice->core:8080', 'jobservice->database:5432',
      'jobservice->redis:6379', 'jobservice->registry:5000', 'jobservice->registry:8080', 'jobservice->trivy:8080',
      'jobservice=>core:8080', 'jobservice=>database:5432', 'jobservice=>redis:6379', 'jobservice=>registry:5000',
      'jobservice=>registry:8080', 'jobservice=>trivy:8080', 'ns=>core:8080', 'ns=>portal:8080', 'registry->redis:6379',
      'registry=>redis:6379', 'trivy->core:8080', 'trivy->redis:6379', 'trivy=>core:8080', 'trivy=>redis:6379',
    ]);
  });
});
