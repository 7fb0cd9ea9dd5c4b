// SPDX-License-Identifier: Apache-2.0
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import * as bcrypt from 'bcryptjs';
import { Chart, Testing } from 'cdk8s';
import { parse as parseYaml } from 'yaml';
import {
  Checker, ExternalEndpoint, HardenedNamespace, HarborComponent, HarborImageDigests, HarborSecretSource, HarborTrivyDatabase, Issuer, Reachability,
  RulePacks, SecretStore,
  SecureRegistryStack, SecureRegistryStackProps, SecurityChecks, Severity,
} from '../../src';
import {
  _clientsOf, _componentPort, HARBOR_EDGE_FLOWS, HARBOR_FLOWS, HARBOR_METRICS_PORT, HarborEdgeSource,
} from '../../src/registry/_harbor-components';
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
const POSTGRES: ExternalEndpoint = { name: 'postgresql', cidr: '10.20.0.0/24' };
const REDIS: ExternalEndpoint = { name: 'redis-server', cidr: '10.30.0.0/24' };
const S3_OK = { bucket: 'harbor-blobs', region: 'eu-west-1', cidrs: ['198.51.100.0/24'], credentialsSecretName: 's3-creds' };

/**
 * The world around the registry, for the reachability analysis: kube-dns, the ingress-nginx controller, a Prometheus
 * and an unrelated client pod. None of them is isolated, so each shows up as `* -> pod any` and `pod -> * any`.
 */
function worldPod(namespace: string, name: string, labels: { [key: string]: string }) {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace, labels }, spec: { containers: [{ name, image: `example.com/${name}:1` }] } };
}
const WORLD = [
  worldPod('kube-system', 'coredns', { 'k8s-app': 'kube-dns' }),
  worldPod('ingress-nginx', 'ingress-nginx-controller', { 'app.kubernetes.io/component': 'controller', 'app.kubernetes.io/name': 'ingress-nginx' }),
  worldPod('monitoring', 'prometheus', { 'app.kubernetes.io/name': 'prometheus' }),
  worldPod('other', 'client', { app: 'client' }),
];
const WORLD_FLOWS = [
  '* -> ingress-nginx/ingress-nginx-controller any', '* -> kube-system/coredns any', '* -> monitoring/prometheus any', '* -> other/client any',
  'ingress-nginx/ingress-nginx-controller -> * any', 'kube-system/coredns -> * any', 'monitoring/prometheus -> * any', 'other/client -> * any',
];
const EDGE_PODS: Record<HarborEdgeSource, string> = {
  'ingress-controller': 'ingress-nginx/ingress-nginx-controller',
  'prometheus': 'monitoring/prometheus',
};
/** DNS (F21): every Harbor pod may reach kube-dns, nothing else outside the documented flows. */
const dns = (...components: string[]) => components.map(c => `harbor/harbor-${c} -> kube-system/coredns TCP/53, UDP/53`);

/** The reachability analysis of a chart plus the world pods. */
function analyse(chart: Chart, externals: ExternalEndpoint[] = []): Reachability {
  return Reachability.fromObjects([...synthValid(chart), ...WORLD], { externals });
}

/** The flows the architecture doc (sections 2.1, 2.2, 2.3/E6, 2.5) allows for a deployed set of components, from HARBOR_FLOWS. */
interface DocumentedOptions { readonly metrics?: boolean; readonly externalDatabase?: number; readonly externalRedis?: number }
function documentedFlows(registry: SecureRegistryStack, opts: DocumentedOptions = {}): string[] {
  const deployed = (c: string) => registry.components.includes(c);
  const id = (c: string) => `harbor/harbor-${c === 'registryctl' ? 'registry' : c}`;
  const tls = registry.internalTls;
  const out: string[] = [];
  for (const f of HARBOR_FLOWS) {
    if (deployed(f.from) && deployed(f.to)) out.push(`${id(f.from)} -> ${id(f.to)} TCP/${_componentPort(f.to, tls)}`);
  }
  for (const f of HARBOR_EDGE_FLOWS) {
    if (!deployed(f.to) || (f.metrics && !opts.metrics)) continue;
    out.push(`${EDGE_PODS[f.from]} -> ${id(f.to)} TCP/${f.metrics ? HARBOR_METRICS_PORT : _componentPort(f.to, tls)}`);
  }
  for (const [to, port, external] of [['database', opts.externalDatabase, 'postgresql'], ['redis', opts.externalRedis, 'redis-server']] as const) {
    if (port === undefined) continue;
    for (const c of _clientsOf(to)) if (deployed(c)) out.push(`${id(c)} -> ${external} TCP/${port}`);
  }
  const workloads = [...new Set(registry.components.map(c => (c === 'registryctl' ? 'registry' : c)))];
  return [...out, ...dns(...workloads), ...WORLD_FLOWS];
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
      // The only suppressed findings are tag-only image pins (no digests given), each carrying the fix, and the Secrets
      // the Harbor images are configured with through env (HARDEN-WL-018, a warning), each naming its variables.
      expect([...new Set(report.findings.filter(f => f.suppressed).map(f => f.ruleId))].sort()).toEqual(['HARDEN-WL-004', 'HARDEN-WL-018']);
      for (const f of report.findings.filter(x => x.suppressed && x.ruleId === 'HARDEN-WL-004')) expect(f.suppressionReason).toMatch(/pinned by release tag only .*set SecureRegistryStack imageDigests/);
      for (const f of report.findings.filter(x => x.suppressed && x.ruleId === 'HARDEN-WL-018')) {
        const variable = /env "([A-Z0-9_]+)"/.exec(f.message)![1];
        expect(f.suppressionReason).toMatch(/^The Harbor images are configured through these environment variables, as harbor-helm passes them: /);
        expect(f.suppressionReason!.split(': ')[1].split('; ')[0].split(', ')).toContain(variable);
      }
    }
  });

  test('imageDigests pins every image by digest, and then only the env Secrets (HARDEN-WL-018) are suppressed', () => {
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
    // Only the reasoned HARDEN-WL-018 suppressions remain: the Harbor images are configured through env variables.
    expect(report.findings.filter(f => !f.suppressed || f.ruleId !== 'HARDEN-WL-018')).toEqual([]);
    expect(report.unmatchedSuppressions).toEqual([]);
  });

  test('refuses a malformed image digest', () => {
    expect(() => stack({ imageDigests: { core: 'sha256:abc' } })).toThrow(/Invalid imageDigests\["core"\] "sha256:abc".*64 lowercase hex/);
  });

  test('refuses an image digest for an unknown component', () => {
    expect(() => stack({ imageDigests: { nginx: `sha256:${'a'.repeat(64)}` } as HarborImageDigests })).toThrow(/Invalid imageDigests key "nginx": expected one of core, portal/);
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

  test('HarborComponent names every workload: serviceAccount() and allowEgress() take it, one per pod label', () => {
    const chart = Testing.chart();
    const { registry } = stack({ metricsNamespace: HardenedNamespace.fromNamespaceName(chart, 'Mon', 'monitoring') }, chart);
    const objects = synthValid(chart);
    const labels = [...findAll(objects, 'Deployment'), ...findAll(objects, 'StatefulSet')]
      .map(w => w.spec.template.metadata.labels['app.kubernetes.io/component']).sort();
    expect(Object.values(HarborComponent).sort()).toEqual(labels);
    for (const c of Object.values(HarborComponent)) expect(registry.serviceAccount(c).name).toBe(`harbor-${c}`);
    const external = stack({ externalDatabase: EXT_DB }).registry;
    expect(() => external.serviceAccount(HarborComponent.DATABASE)).toThrow(/has no component "database": it has core, jobservice, portal, redis, registry, trivy/);
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

  test('uses plaintext ports when internal TLS is off', () => {
    const { chart } = stack({ internalTls: false });
    const objects = synthValid(chart);
    expect(findAll(objects, 'Certificate').map(c => c.metadata.name)).toEqual(['harbor-internal-ca-ca', 'harbor-token-signing', 'harbor-ingress-tls']);
    expect(findOne(objects, 'Ingress').metadata.annotations['nginx.ingress.kubernetes.io/backend-protocol']).toBeUndefined();
  });

  test('external database and redis: no StatefulSets, verify-full and rediss (flows: see the reachability tests)', () => {
    const { chart, registry } = stack({ externalDatabase: EXT_DB, externalRedis: { ...EXT_REDIS, sentinelMasterSet: 'mymaster', port: 26379 } });
    const objects = synthValid(chart);
    expect(registry.components).not.toContain('database');
    expect(registry.components).not.toContain('redis');
    const core = findOne(objects, 'Deployment', 'harbor-core').spec.template.spec.containers[0];
    const env = Object.fromEntries(core.env.map((e: any) => [e.name, e.value ?? e.valueFrom]));
    expect(env.POSTGRESQL_SSLMODE).toBe('verify-full');
    expect(env.POSTGRESQL_PASSWORD).toEqual({ secretKeyRef: { name: 'pg', key: 'password' } });
    expect(env._REDIS_URL_CORE).toBe('rediss+sentinel://redis.example.com:26379/mymaster/0?idle_timeout_seconds=30');
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
    const objects = synthValid(stack({ replicas: 2, s3Storage: { bucket: 'harbor-blobs', region: 'eu-west-1', cidrs: ['198.51.100.0/24'], credentialsSecretName: 's3' } }).chart);
    // trivy, database and redis keep one replica (one ReadWriteOnce PVC each), so no PDB for them
    expect(findAll(objects, 'PodDisruptionBudget')).toHaveLength(4); // core, portal, registry, jobservice
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

  test('writable mounts are exactly the data volumes and the CA bundle directories; every other mount is read-only', () => {
    const objects = synthValid(stack({ metricsNamespace: undefined }).chart);
    const writable: string[] = [];
    for (const w of [...findAll(objects, 'Deployment'), ...findAll(objects, 'StatefulSet')]) {
      const spec = w.spec.template.spec;
      const emptyDirs = new Set((spec.volumes ?? []).filter((v: any) => v.emptyDir).map((v: any) => v.name));
      for (const c of [...(spec.initContainers ?? []), ...spec.containers]) {
        for (const m of c.volumeMounts ?? []) {
          // writablePaths (tmp, caches) are emptyDirs named <container>-<path>; list only the other writable mounts.
          if (m.readOnly !== true && !(emptyDirs.has(m.name) && m.name.startsWith(`${c.name}-`) && !m.name.endsWith('-ca-bundle') && !m.name.endsWith('-ca-original'))) {
            writable.push(`${w.metadata.name}/${c.name}:${m.mountPath}`);
          }
        }
      }
    }
    expect(writable.sort()).toEqual([
      'harbor-core/core-ca-bundle-init:/ca-bundle', 'harbor-core/core-ca-bundle-init:/ca-original', 'harbor-core/core:/etc/pki/tls/certs',
      'harbor-database/database:/dev/shm', 'harbor-database/database:/var/lib/postgresql/data',
      'harbor-database/database-data-permissions:/var/lib/postgresql/data',
      'harbor-jobservice/jobservice-ca-bundle-init:/ca-bundle', 'harbor-jobservice/jobservice-ca-bundle-init:/ca-original',
      'harbor-jobservice/jobservice:/etc/pki/tls/certs', 'harbor-jobservice/jobservice:/var/log/jobs',
      'harbor-redis/redis:/var/lib/redis',
      'harbor-registry/registry-ca-bundle-init:/ca-bundle', 'harbor-registry/registry-ca-bundle-init:/ca-original',
      'harbor-registry/registry:/etc/pki/tls/certs', 'harbor-registry/registry:/storage',
      'harbor-registry/registryctl-ca-bundle-init:/ca-bundle', 'harbor-registry/registryctl-ca-bundle-init:/ca-original',
      'harbor-registry/registryctl:/etc/pki/tls/certs', 'harbor-registry/registryctl:/storage',
      'harbor-trivy/trivy-ca-bundle-init:/ca-bundle', 'harbor-trivy/trivy-ca-bundle-init:/ca-original',
      'harbor-trivy/trivy:/etc/pki/tls/certs', 'harbor-trivy/trivy:/home/scanner/.cache',
    ].sort());
    const core = findOne(objects, 'Deployment', 'harbor-core').spec.template.spec.containers[0].volumeMounts;
    expect(core.find((m: any) => m.mountPath === '/harbor/ca-bundle.crt.original').readOnly).toBe(true);
    expect(core.find((m: any) => m.mountPath === '/etc/core/key').readOnly).toBe(true);
  });

  test('internal Valkey requires a password: --requirepass $(REDIS_PASSWORD) from the Harbor secret, no literal', () => {
    const objects = synthValid(stack().chart);
    const valkey = findOne(objects, 'StatefulSet', 'harbor-redis').spec.template.spec.containers[0];
    expect(valkey.command).toEqual(['valkey-server']);
    expect(valkey.args).toEqual(['/etc/redis.conf', '--requirepass', '$(REDIS_PASSWORD)']);
    expect(valkey.env).toEqual([{ name: 'REDIS_PASSWORD', valueFrom: { secretKeyRef: { name: 'harbor-secrets', key: 'REDIS_PASSWORD' } } }]);
    const generated = findOne(objects, 'ExternalSecret').spec.dataFrom.find((d: any) => d.rewrite[0].regexp.target === 'REDIS_PASSWORD');
    expect(generated.sourceRef.generatorRef.name).toBe('harbor-password-32');
    expect(JSON.stringify(objects)).not.toMatch(/requirepass [^$]/);
  });

  test('every Redis client expands the internal Redis password into its URLs, the env var defined first', () => {
    const chart = Testing.chart();
    stack({ metricsNamespace: HardenedNamespace.fromNamespaceName(chart, 'Mon', 'monitoring') }, chart);
    const objects = synthValid(chart);
    const ref = { name: 'REDIS_PASSWORD', valueFrom: { secretKeyRef: { name: 'harbor-secrets', key: 'REDIS_PASSWORD' } } };
    const urls: string[] = [];
    for (const [kind, name] of [['Deployment', 'harbor-core'], ['Deployment', 'harbor-jobservice'], ['StatefulSet', 'harbor-trivy'], ['Deployment', 'harbor-exporter']]) {
      const env = findOne(objects, kind, name).spec.template.spec.containers[0].env;
      expect(env[0]).toEqual(ref);
      urls.push(...env.filter((e: any) => /^redis/.test(e.value ?? '')).map((e: any) => `${e.name}=${e.value}`));
    }
    expect(urls.sort()).toEqual([
      'HARBOR_REDIS_URL=redis://:$(REDIS_PASSWORD)@harbor-redis:6379/1',
      'JOB_SERVICE_POOL_REDIS_URL=redis://:$(REDIS_PASSWORD)@harbor-redis:6379/1',
      'SCANNER_JOB_QUEUE_REDIS_URL=redis://:$(REDIS_PASSWORD)@harbor-redis:6379/5?idle_timeout_seconds=30',
      'SCANNER_REDIS_URL=redis://:$(REDIS_PASSWORD)@harbor-redis:6379/5?idle_timeout_seconds=30',
      'SCANNER_STORE_REDIS_URL=redis://:$(REDIS_PASSWORD)@harbor-redis:6379/5?idle_timeout_seconds=30',
      '_REDIS_URL_CORE=redis://:$(REDIS_PASSWORD)@harbor-redis:6379/0?idle_timeout_seconds=30',
      '_REDIS_URL_REG=redis://:$(REDIS_PASSWORD)@harbor-redis:6379/2?idle_timeout_seconds=30',
    ]);
    for (const c of findOne(objects, 'Deployment', 'harbor-registry').spec.template.spec.containers) {
      expect(c.env.find((e: any) => e.name === 'REGISTRY_REDIS_PASSWORD').valueFrom).toEqual(ref.valueFrom);
    }
    expect(findOne(objects, 'ConfigMap', 'harbor-config').data['jobservice-config.yml']).toContain('redis_url: redis://harbor-redis:6379/1\n');
  });

  test('the Redis password is generated without symbols (URL-safe) and exists only for the internal Redis', () => {
    const objects = synthValid(stack().chart);
    expect(findOne(objects, 'Password', 'harbor-password-32').spec).toEqual(expect.objectContaining({ length: 32, symbols: 0 }));
    const external = synthValid(stack({ externalRedis: EXT_REDIS }).chart);
    expect(JSON.stringify(findOne(external, 'ExternalSecret'))).not.toContain('REDIS_PASSWORD');
    expect(JSON.stringify(findOne(external, 'Deployment', 'harbor-core'))).not.toContain('REDIS_PASSWORD');
    const chart = Testing.chart();
    const store = SecretStore.fromClusterSecretStoreName(chart, 'Vault', 'vault');
    const fromStore = findOne(synthValid(stack({ secrets: HarborSecretSource.externalStore(store, 'harbor/prod') }, chart).chart), 'ExternalSecret').spec;
    expect(fromStore.data.map((d: any) => d.remoteRef.property)).toContain('REDIS_PASSWORD');
  });

  test('insecureInlineForDevelopment: a plain Secret with every key Harbor reads, schema-valid, with the reason', () => {
    const reason = 'kind cluster for UI development, deleted every evening';
    const objects = synthValid(stack({ secrets: HarborSecretSource.insecureInlineForDevelopment({ reason }) }).chart);
    expect(findAll(objects, 'ExternalSecret')).toEqual([]);
    expect(findAll(objects, 'Password')).toEqual([]);
    const secret = findOne(objects, 'Secret', 'harbor-secrets');
    expect(secret.metadata.annotations['hardened.cdk8s.io/insecure-inline-secrets-reason']).toBe(reason);
    const values = secret.stringData;
    expect(Object.keys(values)).toEqual(['CORE_SECRET', 'CSRF_KEY', 'HARBOR_ADMIN_PASSWORD', 'JOBSERVICE_SECRET', 'POSTGRES_PASSWORD', 'REDIS_PASSWORD',
      'REGISTRY_CREDENTIAL_PASSWORD', 'REGISTRY_HTPASSWD', 'REGISTRY_HTTP_SECRET', 'secretKey']);
    expect(values.secretKey).toHaveLength(16);
    expect(values.CSRF_KEY).toHaveLength(32);
    expect(values.REDIS_PASSWORD).toMatch(/^[0-9a-f]{32}$/);
    const [user, hash] = values.REGISTRY_HTPASSWD.split(':');
    expect(user).toBe('harbor_registry_user');
    expect(bcrypt.compareSync(values.REGISTRY_CREDENTIAL_PASSWORD, hash)).toBe(true);
    // Every key a pod reads from the Harbor secret (env or volume item) is in the Secret.
    const read = new Set<string>();
    for (const w of [...findAll(objects, 'Deployment'), ...findAll(objects, 'StatefulSet')]) {
      const spec = w.spec.template.spec;
      for (const c of [...(spec.initContainers ?? []), ...spec.containers]) {
        for (const e of c.env ?? []) if (e.valueFrom?.secretKeyRef?.name === 'harbor-secrets') read.add(e.valueFrom.secretKeyRef.key);
      }
      for (const v of spec.volumes ?? []) if (v.secret?.secretName === 'harbor-secrets') for (const i of v.secret.items) read.add(i.key);
    }
    expect([...read].sort()).toEqual(Object.keys(values).sort());
    // Deterministic: the same values on every synth.
    const again = findOne(synthValid(stack({ secrets: HarborSecretSource.insecureInlineForDevelopment({ reason }) }).chart), 'Secret', 'harbor-secrets');
    expect(again.stringData).toEqual(values);
  });

  test('insecureInlineForDevelopment: given values are used, the htpasswd line is computed from the given password', () => {
    const secrets = HarborSecretSource.insecureInlineForDevelopment({
      reason: 'local demo on a laptop, no real data',
      values: { HARBOR_ADMIN_PASSWORD: 'admin-for-the-demo', REGISTRY_CREDENTIAL_PASSWORD: 'registry-demo-pw', REDIS_PASSWORD: 'redis-demo' },
    });
    const values = findOne(synthValid(stack({ secrets, externalDatabase: EXT_DB }).chart), 'Secret', 'harbor-secrets').stringData;
    expect(values.HARBOR_ADMIN_PASSWORD).toBe('admin-for-the-demo');
    expect(values.REDIS_PASSWORD).toBe('redis-demo');
    expect(values.POSTGRES_PASSWORD).toBeUndefined();
    expect(bcrypt.compareSync('registry-demo-pw', values.REGISTRY_HTPASSWD.slice('harbor_registry_user:'.length))).toBe(true);
  });

  test('insecureInlineForDevelopment: the audit reports the Secret with HARDEN-SEC-001 errors, not suppressed', () => {
    const { chart } = stack({ secrets: HarborSecretSource.insecureInlineForDevelopment({ reason: 'kind cluster for UI development only' }) });
    const report = new Checker({ packs: RulePacks.all() }).check(synthValid(chart));
    const open = report.findings.filter(f => !f.suppressed);
    expect([...new Set(open.map(f => `${f.ruleId} ${f.severity} ${f.kind}/${f.name}`))]).toEqual([`HARDEN-SEC-001 ${Severity.ERROR} Secret/harbor-secrets`]);
    expect(open).toHaveLength(10);
    expect(open.map(f => f.path).sort()).toContain('/stringData/REDIS_PASSWORD');
    for (const f of open) expect(f.message).not.toMatch(/[0-9a-f]{16}/);
    // With SecurityChecks, the synth fails on it.
    const app = Testing.app();
    const appChart = new Chart(app, 'dev');
    stack({ secrets: HarborSecretSource.insecureInlineForDevelopment({ reason: 'kind cluster for UI development only' }) }, appChart);
    SecurityChecks.of(app).addAllPacks();
    expect(() => app.synth()).toThrow(/HARDEN-SEC-001/);
  });

  // Bad input: every message names the value, the rule it breaks and the fix.
  test.each([
    ['Registry_Example.com', /uppercase|lowercase/],
    ['registry', /at least two lowercase labels/],
    ['-registry.example.com', /letters, digits and '-'/],
    ['registry.example.com.', /fully qualified DNS name/],
    [`${'a'.repeat(64)}.example.com`, /at most 63 characters each/],
    [`${'a'.repeat(60)}.${'b'.repeat(60)}.${'c'.repeat(60)}.${'d'.repeat(60)}.example.com`, /253 in all/],
    ['', /Invalid hostname ""/],
  ])('throws on the invalid hostname %j', (hostname, rule) => {
    const escaped = hostname.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    expect(() => stack({ hostname })).toThrow(new RegExp(`Invalid hostname "${escaped}"`));
    expect(() => stack({ hostname })).toThrow(rule);
    expect(() => stack({ hostname })).toThrow(/Use a name such as "registry\.example\.com"/);
  });
  test('throws on invalid namespace, name prefix, ingress class or TLS secret names', () => {
    expect(() => stack({ namespaceName: 'Harbor' })).toThrow(/Invalid registry namespace name "Harbor": must be a DNS-1123 label.*Did you mean "harbor"/);
    expect(() => stack({ namePrefix: 'my_harbor' })).toThrow(/Invalid registry name prefix "my_harbor": must be a DNS-1123 label.*Did you mean "my-harbor"/);
    expect(() => stack({ ingressClassName: 'Nginx Public' })).toThrow(/Invalid ingressClassName "Nginx Public": must be a DNS-1123 subdomain/);
    expect(() => stack({ ingressIssuer: undefined, ingressTlsSecretName: 'TLS' })).toThrow(/Invalid ingressTlsSecretName "TLS": must be a DNS-1123 subdomain/);
  });
  test('throws without external TLS or with both sources', () => {
    expect(() => stack({ ingressIssuer: undefined })).toThrow(/exactly one of ingressIssuer .* and ingressTlsSecretName .*only served over TLS/);
    expect(() => stack({ ingressTlsSecretName: 'tls' })).toThrow(/exactly one of ingressIssuer/);
  });
  test.each([0, -1, 1.5, Number.NaN])('throws on replicas %p', replicas => {
    expect(() => stack({ replicas, s3Storage: S3_OK })).toThrow(new RegExp(`Invalid replicas ${replicas} for SecureRegistryStack: must be an integer of at least 1\\. Use 1, or 2 and more together with s3Storage`));
  });
  test('throws on replicas > 1 with a PVC', () => {
    expect(() => stack({ replicas: 2 })).toThrow(/replicas 2 needs object storage: the registry PVC is ReadWriteOnce\. Set s3Storage, or keep replicas at 1/);
  });
  test('throws on unparseable or non-positive sizes', () => {
    expect(() => stack({ registryStorageSize: 'lots' })).toThrow(/Invalid registryStorageSize "lots": not a Kubernetes quantity\. Use a number with an optional suffix/);
    expect(() => stack({ registryStorageSize: '50 GB' })).toThrow(/Invalid registryStorageSize "50 GB": not a Kubernetes quantity/);
    expect(() => stack({ registryStorageSize: '0' })).toThrow(/Invalid registryStorageSize "0": must be greater than zero, e\.g\. "50Gi"/);
    expect(() => stack({ registryStorageSize: '-5Gi' })).toThrow(/Invalid registryStorageSize "-5Gi": .*must not be negative/);
  });
  test('throws on external database without host or CA, or with a bad host, CA, password reference, port or names', () => {
    expect(() => stack({ externalDatabase: { ...EXT_DB, host: '' } })).toThrow(/externalDatabase\.host is empty: give the PostgreSQL host name \(it must match the server certificate\)/);
    expect(() => stack({ externalDatabase: { ...EXT_DB, host: 'pg example' } })).toThrow(/Invalid externalDatabase\.host "pg example": must be a lowercase DNS name or an IPv4 address .* e\.g\. "pg\.example\.com"/);
    expect(() => stack({ externalDatabase: { ...EXT_DB, host: '10.20.0.5' } })).not.toThrow();
    expect(() => stack({ externalDatabase: { ...EXT_DB, caSecretName: '' } })).toThrow(/externalDatabase\.caSecretName is empty: TLS with sslmode=verify-full needs the server CA/);
    expect(() => stack({ externalDatabase: { ...EXT_DB, caSecretName: 'PG CA' } })).toThrow(/Invalid externalDatabase\.caSecretName "PG CA": must be a DNS-1123 subdomain/);
    expect(() => stack({ externalDatabase: { ...EXT_DB, password: { secretName: 'pg', key: 'pass word' } } })).toThrow(/Invalid externalDatabase\.password\.key "pass word": a Secret key uses letters, digits/);
    expect(() => stack({ externalDatabase: { ...EXT_DB, password: { secretName: 'PG', key: 'password' } } })).toThrow(/Invalid externalDatabase\.password\.secretName "PG"/);
    expect(() => stack({ externalDatabase: { ...EXT_DB, password: undefined as any } })).toThrow(/externalDatabase\.password is missing: give the Secret name and key/);
    expect(() => stack({ externalDatabase: { ...EXT_DB, port: 70000 } })).toThrow(/Invalid externalDatabase\.port 70000: a port must be an integer between 1 and 65535/);
    expect(() => stack({ externalDatabase: { ...EXT_DB, cidrs: [] } })).toThrow(/externalDatabase\.cidrs is empty: give the CIDRs to open egress to .* e\.g\. \["10\.20\.0\.0\/16"\]/);
    expect(() => stack({ externalDatabase: { ...EXT_DB, username: 'Harbor-User' } })).toThrow(/Invalid externalDatabase\.username "Harbor-User": use a PostgreSQL role name .* e\.g\. "harbor"/);
    expect(() => stack({ externalDatabase: { ...EXT_DB, database: 'my-registry' } })).toThrow(/Invalid externalDatabase\.database "my-registry": use a database name/);
  });
  test('throws on external redis without host, CA or CIDRs, or with a bad password reference or master set', () => {
    expect(() => stack({ externalRedis: { ...EXT_REDIS, host: '' } })).toThrow(/externalRedis\.host is empty: give the Redis host name/);
    expect(() => stack({ externalRedis: { ...EXT_REDIS, host: 'redis_1.example.com' } })).toThrow(/Invalid externalRedis\.host "redis_1\.example\.com": .* e\.g\. "redis\.example\.com"/);
    expect(() => stack({ externalRedis: { ...EXT_REDIS, caSecretName: '' } })).toThrow(/externalRedis\.caSecretName is empty: rediss:\/\/ needs the server CA/);
    expect(() => stack({ externalRedis: { ...EXT_REDIS, cidrs: [] } })).toThrow(/externalRedis\.cidrs is empty/);
    expect(() => stack({ externalRedis: { ...EXT_REDIS, password: { secretName: 'redis', key: '' } } })).toThrow(/Invalid externalRedis\.password\.key ""/);
    expect(() => stack({ externalRedis: { ...EXT_REDIS, sentinelMasterSet: 'my master' } })).toThrow(/Invalid externalRedis\.sentinelMasterSet "my master": .*Redis URLs.* e\.g\. "mymaster"/);
  });
  test('throws on object storage without credentials or with a bad bucket, region or endpoint', () => {
    expect(() => stack({ s3Storage: { ...S3_OK, credentialsSecretName: '' } })).toThrow(/s3Storage\.credentialsSecretName is empty: object storage needs credentials from a Secret/);
    expect(() => stack({ s3Storage: { ...S3_OK, credentialsSecretName: 'S3 Creds' } })).toThrow(/Invalid s3Storage\.credentialsSecretName "S3 Creds"/);
    expect(() => stack({ s3Storage: { ...S3_OK, bucket: 'Harbor_Blobs' } })).toThrow(/Invalid s3Storage\.bucket "Harbor_Blobs": an S3 bucket name has 3 to 63 .* e\.g\. "harbor-blobs"/);
    expect(() => stack({ s3Storage: { ...S3_OK, region: '' } })).toThrow(/Invalid s3Storage\.region "": give the bucket's region .* e\.g\. "eu-west-1"/);
    expect(() => stack({ s3Storage: { ...S3_OK, endpoint: 'http://minio:9000' } })).toThrow(/Invalid s3Storage\.endpoint "http:\/\/minio:9000": must be an https:\/\/ URL .*over TLS only/);
    expect(() => stack({ s3Storage: { ...S3_OK, cidrs: ['0.0.0.0'] } })).toThrow(/Invalid s3Storage\.cidrs "0\.0\.0\.0".*Did you mean "0\.0\.0\.0\/32"/);
  });
  test('throws on conflicting options', () => {
    expect(() => stack({ registryStorageSize: '10Gi', s3Storage: S3_OK }))
      .toThrow(/registryStorageSize and s3Storage conflict: the registry stores blobs either on a PVC or in object storage\. Remove one/);
    expect(() => stack({ trivy: false, trivyUpdateCidrs: ['1.2.3.0/24'] })).toThrow(/trivyUpdateCidrs is set but trivy is false: remove trivyUpdateCidrs or enable trivy/);
    const chart = Testing.chart();
    expect(() => stack({ internalTls: false, internalIssuer: Issuer.fromClusterIssuerName(chart, 'X', 'x') }, chart))
      .toThrow(/internalIssuer is set but internalTls is false: remove internalIssuer or enable internalTls/);
    const inline = (values: { [k: string]: string }) => HarborSecretSource.insecureInlineForDevelopment({ reason: 'throw-away kind cluster for tests', values });
    expect(() => stack({ externalDatabase: EXT_DB, secrets: inline({ POSTGRES_PASSWORD: 'x' }) }))
      .toThrow(/values\["POSTGRES_PASSWORD"\] conflicts with externalDatabase, whose password comes from externalDatabase\.password\. Remove values\["POSTGRES_PASSWORD"\]/);
    expect(() => stack({ externalRedis: EXT_REDIS, secrets: inline({ REDIS_PASSWORD: 'x' }) })).toThrow(/values\["REDIS_PASSWORD"\] conflicts with externalRedis/);
  });
  test('throws on a latest tag, a bad tag or a bad mirror', () => {
    expect(() => stack({ imageTag: 'latest' })).toThrow(/Invalid imageTag "latest": pin a Harbor release such as "v2\.15\.2" \("latest" is never allowed\)/);
    expect(() => stack({ imageTag: 'v2.15.2 ' })).toThrow(/Invalid imageTag "v2\.15\.2 "/);
    expect(() => stack({ imageRegistry: 'https://mirror' })).toThrow(/Invalid imageRegistry "https:\/\/mirror": expected a registry host and path such as "mirror\.example\.com\/goharbor"/);
  });
  test('throws on a CIDR without prefix', () => {
    expect(() => stack({ trivyUpdateCidrs: ['10.0.0.1'] })).toThrow(/Invalid trivyUpdateCidrs "10\.0\.0\.1".*Did you mean "10\.0\.0\.1\/32"/);
  });
  test('throws on allowEgress for a component not deployed, without ports or with a bad port', () => {
    const { registry } = stack({ trivy: false });
    expect(() => registry.allowEgress(HarborComponent.TRIVY, { cidrs: ['1.2.3.0/24'], ports: [443] })).toThrow(/component "trivy" is not deployed in this registry \(components: core, database/);
    expect(() => registry.allowEgress(HarborComponent.CORE, { cidrs: ['1.2.3.0/24'], ports: [] })).toThrow(/no ports given; list the destination ports \(e\.g\. \[443\]\)/);
    expect(() => registry.allowEgress(HarborComponent.CORE, { cidrs: [], ports: [443] })).toThrow(/allowEgress\(core\)\.cidrs is empty/);
    expect(() => registry.allowEgress(HarborComponent.CORE, { cidrs: ['1.2.3.0/24'], ports: [0] })).toThrow(/Invalid egress port 0: a port must be an integer between 1 and 65535/);
  });
});


describe('SecureRegistryStack network flows (reachability analysis of the NetworkPolicies)', () => {
  /** The flows every variant shares apart from ports: DNS for the pods and the world's own open flows. */
  const BASE = [...WORLD_FLOWS];

  test('default: exactly the documented flows, the ingress controller and DNS', () => {
    const { chart } = stack();
    analyse(chart).assertFlowLines([
      'harbor/harbor-core -> harbor/harbor-core TCP/8443',
      'harbor/harbor-core -> harbor/harbor-database TCP/5432',
      'harbor/harbor-core -> harbor/harbor-jobservice TCP/8443',
      'harbor/harbor-core -> harbor/harbor-portal TCP/8443',
      'harbor/harbor-core -> harbor/harbor-redis TCP/6379',
      'harbor/harbor-core -> harbor/harbor-registry TCP/5443, TCP/8443',
      'harbor/harbor-core -> harbor/harbor-trivy TCP/8443',
      'harbor/harbor-jobservice -> harbor/harbor-core TCP/8443',
      'harbor/harbor-jobservice -> harbor/harbor-database TCP/5432',
      'harbor/harbor-jobservice -> harbor/harbor-redis TCP/6379',
      'harbor/harbor-jobservice -> harbor/harbor-registry TCP/5443, TCP/8443',
      'harbor/harbor-jobservice -> harbor/harbor-trivy TCP/8443',
      'harbor/harbor-registry -> harbor/harbor-redis TCP/6379',
      'harbor/harbor-trivy -> harbor/harbor-core TCP/8443',
      'harbor/harbor-trivy -> harbor/harbor-redis TCP/6379',
      'ingress-nginx/ingress-nginx-controller -> harbor/harbor-core TCP/8443',
      'ingress-nginx/ingress-nginx-controller -> harbor/harbor-portal TCP/8443',
      ...dns('core', 'database', 'jobservice', 'portal', 'redis', 'registry', 'trivy'),
      ...BASE,
    ]);
  });

  test('external database: the database flows become egress to its CIDR on 5432', () => {
    const { chart } = stack({ externalDatabase: EXT_DB });
    analyse(chart, [POSTGRES]).assertFlowLines([
      'harbor/harbor-core -> harbor/harbor-core TCP/8443',
      'harbor/harbor-core -> postgresql TCP/5432',
      'harbor/harbor-core -> harbor/harbor-jobservice TCP/8443',
      'harbor/harbor-core -> harbor/harbor-portal TCP/8443',
      'harbor/harbor-core -> harbor/harbor-redis TCP/6379',
      'harbor/harbor-core -> harbor/harbor-registry TCP/5443, TCP/8443',
      'harbor/harbor-core -> harbor/harbor-trivy TCP/8443',
      'harbor/harbor-jobservice -> harbor/harbor-core TCP/8443',
      'harbor/harbor-jobservice -> postgresql TCP/5432',
      'harbor/harbor-jobservice -> harbor/harbor-redis TCP/6379',
      'harbor/harbor-jobservice -> harbor/harbor-registry TCP/5443, TCP/8443',
      'harbor/harbor-jobservice -> harbor/harbor-trivy TCP/8443',
      'harbor/harbor-registry -> harbor/harbor-redis TCP/6379',
      'harbor/harbor-trivy -> harbor/harbor-core TCP/8443',
      'harbor/harbor-trivy -> harbor/harbor-redis TCP/6379',
      'ingress-nginx/ingress-nginx-controller -> harbor/harbor-core TCP/8443',
      'ingress-nginx/ingress-nginx-controller -> harbor/harbor-portal TCP/8443',
      ...dns('core', 'jobservice', 'portal', 'redis', 'registry', 'trivy'),
      ...BASE,
    ]);
  });

  test('metrics on: the exporter (F17-F19) and Prometheus to port 8001 of core, jobservice, registry, exporter', () => {
    const chart = Testing.chart();
    const { registry } = stack({ metricsNamespace: HardenedNamespace.fromNamespaceName(chart, 'Mon', 'monitoring') }, chart);
    expect(registry.components).toContain('exporter');
    analyse(chart).assertFlowLines([
      'harbor/harbor-core -> harbor/harbor-core TCP/8443',
      'harbor/harbor-core -> harbor/harbor-database TCP/5432',
      'harbor/harbor-core -> harbor/harbor-jobservice TCP/8443',
      'harbor/harbor-core -> harbor/harbor-portal TCP/8443',
      'harbor/harbor-core -> harbor/harbor-redis TCP/6379',
      'harbor/harbor-core -> harbor/harbor-registry TCP/5443, TCP/8443',
      'harbor/harbor-core -> harbor/harbor-trivy TCP/8443',
      'harbor/harbor-exporter -> harbor/harbor-core TCP/8443',
      'harbor/harbor-exporter -> harbor/harbor-database TCP/5432',
      'harbor/harbor-exporter -> harbor/harbor-redis TCP/6379',
      'harbor/harbor-jobservice -> harbor/harbor-core TCP/8443',
      'harbor/harbor-jobservice -> harbor/harbor-database TCP/5432',
      'harbor/harbor-jobservice -> harbor/harbor-redis TCP/6379',
      'harbor/harbor-jobservice -> harbor/harbor-registry TCP/5443, TCP/8443',
      'harbor/harbor-jobservice -> harbor/harbor-trivy TCP/8443',
      'harbor/harbor-registry -> harbor/harbor-redis TCP/6379',
      'harbor/harbor-trivy -> harbor/harbor-core TCP/8443',
      'harbor/harbor-trivy -> harbor/harbor-redis TCP/6379',
      'ingress-nginx/ingress-nginx-controller -> harbor/harbor-core TCP/8443',
      'ingress-nginx/ingress-nginx-controller -> harbor/harbor-portal TCP/8443',
      'monitoring/prometheus -> harbor/harbor-core TCP/8001',
      'monitoring/prometheus -> harbor/harbor-exporter TCP/8001',
      'monitoring/prometheus -> harbor/harbor-jobservice TCP/8001',
      'monitoring/prometheus -> harbor/harbor-registry TCP/8001',
      ...dns('core', 'database', 'exporter', 'jobservice', 'portal', 'redis', 'registry', 'trivy'),
      ...BASE,
    ]);
  });

  test('internal TLS off: the same flows on the plaintext ports 8080 and 5000', () => {
    const { chart } = stack({ internalTls: false });
    analyse(chart).assertFlowLines([
      'harbor/harbor-core -> harbor/harbor-core TCP/8080',
      'harbor/harbor-core -> harbor/harbor-database TCP/5432',
      'harbor/harbor-core -> harbor/harbor-jobservice TCP/8080',
      'harbor/harbor-core -> harbor/harbor-portal TCP/8080',
      'harbor/harbor-core -> harbor/harbor-redis TCP/6379',
      'harbor/harbor-core -> harbor/harbor-registry TCP/5000, TCP/8080',
      'harbor/harbor-core -> harbor/harbor-trivy TCP/8080',
      'harbor/harbor-jobservice -> harbor/harbor-core TCP/8080',
      'harbor/harbor-jobservice -> harbor/harbor-database TCP/5432',
      'harbor/harbor-jobservice -> harbor/harbor-redis TCP/6379',
      'harbor/harbor-jobservice -> harbor/harbor-registry TCP/5000, TCP/8080',
      'harbor/harbor-jobservice -> harbor/harbor-trivy TCP/8080',
      'harbor/harbor-registry -> harbor/harbor-redis TCP/6379',
      'harbor/harbor-trivy -> harbor/harbor-core TCP/8080',
      'harbor/harbor-trivy -> harbor/harbor-redis TCP/6379',
      'ingress-nginx/ingress-nginx-controller -> harbor/harbor-core TCP/8080',
      'ingress-nginx/ingress-nginx-controller -> harbor/harbor-portal TCP/8080',
      ...dns('core', 'database', 'jobservice', 'portal', 'redis', 'registry', 'trivy'),
      ...BASE,
    ]);
  });

  // Through Sentinel, clients ask the Sentinel (26379) for the master, then connect to it on the Redis port (6379).
  test('external Redis (Sentinel), object storage, Trivy updates, allowEgress: egress only to their CIDRs and ports', () => {
    const { chart, registry } = stack({
      externalRedis: { ...EXT_REDIS, sentinelMasterSet: 'mymaster', port: 26379 },
      trivyUpdateCidrs: ['203.0.113.0/24'],
      s3Storage: { bucket: 'harbor-blobs', region: 'eu-west-1', cidrs: ['198.51.100.0/24'], credentialsSecretName: 's3-creds' },
    });
    registry.allowEgress(HarborComponent.JOBSERVICE, { cidrs: ['192.0.2.0/24'], ports: [443] });
    const externals = [REDIS, { name: 'object-storage', cidr: '198.51.100.0/24' }, { name: 'trivy-mirror', cidr: '203.0.113.0/24' },
      { name: 'replication-target', cidr: '192.0.2.0/24' }];
    analyse(chart, externals).assertFlowLines([
      'harbor/harbor-core -> harbor/harbor-core TCP/8443',
      'harbor/harbor-core -> harbor/harbor-database TCP/5432',
      'harbor/harbor-core -> harbor/harbor-jobservice TCP/8443',
      'harbor/harbor-core -> harbor/harbor-portal TCP/8443',
      'harbor/harbor-core -> harbor/harbor-registry TCP/5443, TCP/8443',
      'harbor/harbor-core -> harbor/harbor-trivy TCP/8443',
      'harbor/harbor-core -> redis-server TCP/6379, TCP/26379',
      'harbor/harbor-jobservice -> harbor/harbor-core TCP/8443',
      'harbor/harbor-jobservice -> harbor/harbor-database TCP/5432',
      'harbor/harbor-jobservice -> harbor/harbor-registry TCP/5443, TCP/8443',
      'harbor/harbor-jobservice -> harbor/harbor-trivy TCP/8443',
      'harbor/harbor-jobservice -> redis-server TCP/6379, TCP/26379',
      'harbor/harbor-jobservice -> replication-target TCP/443',
      'harbor/harbor-registry -> object-storage TCP/443',
      'harbor/harbor-registry -> redis-server TCP/6379, TCP/26379',
      'harbor/harbor-trivy -> harbor/harbor-core TCP/8443',
      'harbor/harbor-trivy -> redis-server TCP/6379, TCP/26379',
      'harbor/harbor-trivy -> trivy-mirror TCP/443',
      'ingress-nginx/ingress-nginx-controller -> harbor/harbor-core TCP/8443',
      'ingress-nginx/ingress-nginx-controller -> harbor/harbor-portal TCP/8443',
      ...dns('core', 'database', 'jobservice', 'portal', 'registry', 'trivy'),
      ...BASE,
    ]);
  });

  test('every variant allows exactly the documented flows of sections 2.2 and 2.5 (HARBOR_FLOWS, HARBOR_EDGE_FLOWS)', () => {
    type Variant = { name: string; props: (c: Chart) => Partial<SecureRegistryStackProps>; metrics?: boolean; db?: number; redis?: number };
    const variants: Variant[] = [
      { name: 'default', props: () => ({}) },
      { name: 'external database', props: () => ({ externalDatabase: EXT_DB }), db: 5432 },
      { name: 'metrics', props: c => ({ metricsNamespace: HardenedNamespace.fromNamespaceName(c, 'Mon', 'monitoring') }), metrics: true },
      { name: 'internal TLS off', props: () => ({ internalTls: false }) },
      { name: 'trivy off', props: () => ({ trivy: false }) },
      { name: 'external redis', props: () => ({ externalRedis: EXT_REDIS }), redis: 6379 },
      {
        name: 'everything external, metrics, TLS off',
        props: c => ({ externalDatabase: { ...EXT_DB, port: 6432 }, externalRedis: EXT_REDIS, internalTls: false, metricsNamespace: HardenedNamespace.fromNamespaceName(c, 'Mon', 'monitoring') }),
        metrics: true,
        db: 6432,
        redis: 6379,
      },
    ];
    for (const v of variants) {
      const chart = Testing.chart();
      const { registry } = stack(v.props(chart), chart);
      const expected = documentedFlows(registry, { metrics: v.metrics, externalDatabase: v.db, externalRedis: v.redis });
      try {
        analyse(chart, [POSTGRES, REDIS]).assertFlowLines(expected);
      } catch (e) {
        throw new Error(`variant "${v.name}": ${(e as Error).message}`);
      }
    }
  });

  test('the check fails when a documented flow is missing (the comparison can fail)', () => {
    const { chart, registry } = stack();
    const expected = documentedFlows(registry);
    expect(() => analyse(chart).assertFlowLines([...expected, 'harbor/harbor-registry -> harbor/harbor-database TCP/5432']))
      .toThrow(/1 missing, 0 extra[\s\S]*- harbor\/harbor-registry -> harbor\/harbor-database TCP\/5432/);
    expect(() => analyse(chart).assertFlowLines(expected.filter(l => !l.startsWith('harbor/harbor-trivy -> harbor/harbor-redis'))))
      .toThrow(/0 missing, 1 extra[\s\S]*\+ harbor\/harbor-trivy -> harbor\/harbor-redis TCP\/6379/);
  });

  test('undocumented paths are denied: registry to database, portal/database/redis egress, other namespaces', () => {
    const r = analyse(stack().chart);
    expect(r.explain({ from: 'harbor/harbor-registry', to: 'harbor/harbor-database', port: 5432 }).allowed).toBe(false);
    for (const c of ['portal', 'database', 'redis']) {
      expect(r.isAllowed({ from: `harbor/harbor-${c}`, to: 'harbor/harbor-core', port: 8443 })).toBe(false);
      expect(r.isAllowed({ from: `harbor/harbor-${c}`, to: '203.0.113.10', port: 443 })).toBe(false);
    }
    const fromOther = r.explain({ from: 'other/client', to: 'harbor/harbor-redis', port: 6379 });
    expect(fromOther.allowed).toBe(false);
    expect(fromOther.ingress.allowed).toBe(false);
    expect(r.isAllowed({ from: 'monitoring/prometheus', to: 'harbor/harbor-core', port: 8001 })).toBe(false);
  });

  test('no internet egress by default: trivy scans offline until trivyUpdateCidrs opens 443 to a mirror', () => {
    const objects = synthValid(stack().chart);
    const offline = Reachability.fromObjects(objects);
    for (const c of ['core', 'jobservice', 'registry', 'trivy']) expect(offline.isAllowed({ from: `harbor/harbor-${c}`, to: '203.0.113.10', port: 443 })).toBe(false);
    const env = findOne(objects, 'StatefulSet', 'harbor-trivy').spec.template.spec.containers[0].env;
    expect(env.find((e: any) => e.name === 'SCANNER_TRIVY_OFFLINE_SCAN').value).toBe('true');
    const online = Reachability.fromObjects(synthValid(stack({ trivyUpdateCidrs: ['203.0.113.0/24'] }).chart));
    expect(online.isAllowed({ from: 'harbor/harbor-trivy', to: '203.0.113.10', port: 443 })).toBe(true);
    expect(online.isAllowed({ from: 'harbor/harbor-trivy', to: '203.0.113.10', port: 80 })).toBe(false);
    expect(online.isAllowed({ from: 'harbor/harbor-core', to: '203.0.113.10', port: 443 })).toBe(false);
  });
});

describe('SecureRegistryStack against the Harbor chart (component review)', () => {
  const config = (objects: any[], key: string): string => findOne(objects, 'ConfigMap', 'harbor-config').data[key];

  test('database: an init container restores PGDATA to 0700 before PostgreSQL starts (fsGroup makes it group-writable)', () => {
    const spec = findOne(synthValid(stack().chart), 'StatefulSet', 'harbor-database').spec.template.spec;
    expect(spec.securityContext.fsGroup).toBe(999);
    const init = spec.initContainers.find((c: any) => c.name === 'database-data-permissions');
    expect(init.image).toBe('docker.io/goharbor/harbor-db:v2.15.2');
    expect(init.command[2]).toMatch(/^\[ ! -d \/var\/lib\/postgresql\/data\/pgdata \] \|\| chmod -R 0700 \/var\/lib\/postgresql\/data\/pgdata \|\| /);
    const data = spec.containers[0].volumeMounts.find((m: any) => m.mountPath === '/var/lib/postgresql/data');
    expect(init.volumeMounts).toEqual([{ name: data.name, mountPath: '/var/lib/postgresql/data', readOnly: false }]);
    expect(init.securityContext.readOnlyRootFilesystem).toBe(true);
    expect(spec.containers[0].env.find((e: any) => e.name === 'PGDATA').value).toBe('/var/lib/postgresql/data/pgdata');
  });

  test('registry through Sentinel: its config names the master set (else it talks to the Sentinel as if it were Redis)', () => {
    const sentinel = synthValid(stack({ externalRedis: { ...EXT_REDIS, sentinelMasterSet: 'mymaster', port: 26379 } }).chart);
    expect(config(sentinel, 'registry-config.yml')).toContain('redis:\n  addr: redis.example.com:26379\n  sentinelMasterSet: mymaster\n  db: 2\n');
    const direct = synthValid(stack({ externalRedis: EXT_REDIS }).chart);
    expect(config(direct, 'registry-config.yml')).toContain('redis:\n  addr: redis.example.com:6379\n  db: 2\n');
    expect(config(direct, 'registry-config.yml')).not.toContain('sentinelMasterSet');
  });

  test('metrics on: registry and jobservice serve /metrics on port 8001, the port their NetworkPolicies open to Prometheus', () => {
    const objects = synthValid(stack({ metricsNamespace: HardenedNamespace.fromNamespaceName(Testing.chart(), 'm', 'monitoring') }).chart);
    expect(config(objects, 'registry-config.yml')).toContain('  debug:\n    addr: :8001\n    prometheus:\n      enabled: true\n      path: /metrics\n');
    expect(config(objects, 'jobservice-config.yml')).toContain('metric:\n  enabled: true\n  path: /metrics\n  port: 8001\n');
    const off = synthValid(stack().chart);
    expect(config(off, 'registry-config.yml')).toContain('  debug:\n    addr: localhost:5001\nauth:');
    expect(config(off, 'registry-config.yml')).not.toContain('prometheus');
    expect(config(off, 'jobservice-config.yml')).toContain('metric:\n  enabled: false\n');
  });

  test('trivy keeps one replica with replicas > 1: its cache is one ReadWriteOnce PVC', () => {
    const objects = synthValid(stack({ replicas: 2, s3Storage: S3_OK }).chart);
    expect(findOne(objects, 'Deployment', 'harbor-core').spec.replicas).toBe(2);
    const trivy = findOne(objects, 'StatefulSet', 'harbor-trivy');
    expect(trivy.spec.replicas).toBe(1);
    expect(trivy.spec.template.spec.volumes.find((v: any) => v.name === 'trivy-cache').persistentVolumeClaim.claimName).toBe('harbor-trivy-cache');
    expect(findOne(objects, 'PersistentVolumeClaim', 'harbor-trivy-cache').spec.accessModes).toEqual(['ReadWriteOnce']);
  });
});

describe('SecureRegistryStack jobservice writable paths (component review)', () => {
  test('jobservice can write the CVE export CSVs: /var/scandata_exports is a writable emptyDir on the read-only root', () => {
    const spec = findOne(synthValid(stack().chart), 'Deployment', 'harbor-jobservice').spec.template.spec;
    const mount = spec.containers[0].volumeMounts.find((m: any) => m.mountPath === '/var/scandata_exports');
    expect(mount).toBeDefined();
    expect(mount.readOnly).not.toBe(true);
    expect(spec.volumes.find((v: any) => v.name === mount.name).emptyDir).toBeDefined();
    expect(spec.containers[0].securityContext.readOnlyRootFilesystem).toBe(true);
  });
});

describe('SecureRegistryStack metrics names (component review)', () => {
  test('metrics on: core, jobservice and the exporter get the chart\'s metric namespace and subsystem; off: none', () => {
    const env = (objects: any[], name: string) => Object.fromEntries(
      findOne(objects, 'Deployment', name).spec.template.spec.containers[0].env.map((e: any) => [e.name, e.value ?? e.valueFrom]));
    const on = synthValid(stack({ metricsNamespace: HardenedNamespace.fromNamespaceName(Testing.chart(), 'm', 'monitoring') }).chart);
    expect([env(on, 'harbor-core').METRIC_NAMESPACE, env(on, 'harbor-core').METRIC_SUBSYSTEM]).toEqual(['harbor', 'core']);
    expect([env(on, 'harbor-jobservice').METRIC_NAMESPACE, env(on, 'harbor-jobservice').METRIC_SUBSYSTEM]).toEqual(['harbor', 'jobservice']);
    const exporter = env(on, 'harbor-exporter');
    expect([exporter.HARBOR_METRIC_NAMESPACE, exporter.HARBOR_METRIC_SUBSYSTEM, exporter.HARBOR_EXPORTER_METRICS_ENABLED]).toEqual(['harbor', 'exporter', 'true']);
    expect(exporter.HARBOR_REDIS_URL).toBe('redis://:$(REDIS_PASSWORD)@harbor-redis:6379/1');
    const off = synthValid(stack().chart);
    expect(env(off, 'harbor-core').METRIC_NAMESPACE).toBeUndefined();
    expect(env(off, 'harbor-jobservice').METRIC_SUBSYSTEM).toBeUndefined();
  });
});

describe('SecureRegistryStack token signing key (component review)', () => {
  test('core restarts when the token-signing certificate is renewed, so every replica signs and verifies with the same key', () => {
    const objects = synthValid(stack({ replicas: 2, s3Storage: S3_OK }).chart);
    const core = findOne(objects, 'Deployment', 'harbor-core').spec.template.spec;
    const tokenVolume = core.volumes.find((v: any) => v.name === 'token-service-private-key');
    expect(core.containers[0].volumeMounts.find((m: any) => m.mountPath === '/etc/core/private_key.pem').subPath).toBe('tls.key');
    const ann = findOne(objects, 'Deployment', 'harbor-core').spec.template.metadata.annotations['secret.reloader.stakater.com/reload'];
    expect(ann.split(',')).toContain(tokenVolume.secret.secretName);
  });
});

describe('SecureRegistryStack job logs (component review)', () => {
  const jobConfig = (objects: any[]) => findOne(objects, 'ConfigMap', 'harbor-config').data['jobservice-config.yml'];

  test('one jobservice: job logs in files on its PVC; several: in the database, readable whichever pod core asks', () => {
    const single = jobConfig(synthValid(stack().chart));
    expect(single).toContain('  - name: FILE\n    level: INFO\n    settings:\n      base_dir: /var/log/jobs\n');
    expect(single).not.toContain('name: DB');
    const ha = jobConfig(synthValid(stack({ replicas: 2, s3Storage: S3_OK }).chart));
    expect(ha).toContain('job_loggers:\n  - name: STD_OUTPUT\n    level: INFO\n  - name: DB\n    level: INFO\n    sweeper:\n      duration: 14\n');
    expect(ha).not.toContain('name: FILE');
  });
});

describe('SecureRegistryStack external endpoints ports (component review)', () => {
  test('Sentinel: egress to the Sentinel port and to the Redis port of the master (sentinelRedisPort)', () => {
    const { chart } = stack({ externalRedis: { ...EXT_REDIS, sentinelMasterSet: 'mymaster', port: 26379, sentinelRedisPort: 6380 } });
    const lines = analyse(chart, [REDIS]).flowLines().filter(l => l.includes('redis-server'));
    expect(lines).toEqual(['core', 'jobservice', 'registry', 'trivy'].map(c => `harbor/harbor-${c} -> redis-server TCP/6380, TCP/26379`));
  });

  test('object storage: egress on the port the endpoint names (MinIO on 9000), else 443', () => {
    const minio = stack({ s3Storage: { ...S3_OK, endpoint: 'https://minio.example.com:9000' } }).chart;
    const storage = { name: 'object-storage', cidr: '198.51.100.0/24' };
    expect(analyse(minio, [storage]).flowLines().filter(l => l.includes('object-storage'))).toEqual(['harbor/harbor-registry -> object-storage TCP/9000']);
    const aws = stack({ s3Storage: S3_OK }).chart;
    expect(analyse(aws, [storage]).flowLines().filter(l => l.includes('object-storage'))).toEqual(['harbor/harbor-registry -> object-storage TCP/443']);
    const path = stack({ s3Storage: { ...S3_OK, endpoint: 'https://s3.example.com/tenant' } }).chart;
    expect(analyse(path, [storage]).flowLines().filter(l => l.includes('object-storage'))).toEqual(['harbor/harbor-registry -> object-storage TCP/443']);
  });

  test('throws on sentinelRedisPort without a Sentinel master set, or with a bad port', () => {
    expect(() => stack({ externalRedis: { ...EXT_REDIS, sentinelRedisPort: 6379 } }))
      .toThrow(/externalRedis\.sentinelRedisPort 6379 is set without sentinelMasterSet: .*Set sentinelMasterSet/);
    expect(() => stack({ externalRedis: { ...EXT_REDIS, sentinelMasterSet: 'mymaster', sentinelRedisPort: 70000 } })).toThrow(/70000/);
    expect(() => stack({ s3Storage: { ...S3_OK, endpoint: 'https://minio.example.com:99999' } })).toThrow(/99999/);
  });
});

describe('SecureRegistryStack metrics ports (component review)', () => {
  test('metrics on: the Services of core, jobservice, registry and the exporter carry 8001 http-metrics; off: none does', () => {
    const on = synthValid(stack({ metricsNamespace: HardenedNamespace.fromNamespaceName(Testing.chart(), 'm', 'monitoring') }).chart);
    const ports = (objects: any[], name: string) => findOne(objects, 'Service', name).spec.ports.map((p: any) => `${p.name}:${p.port}->${p.targetPort}`).sort();
    expect(ports(on, 'harbor-core')).toEqual(['http-metrics:8001->8001', 'https-web:8443->8443']);
    expect(ports(on, 'harbor-jobservice')).toEqual(['http-metrics:8001->8001', 'https-jobservice:8443->8443']);
    expect(ports(on, 'harbor-registry')).toEqual(['http-metrics:8001->8001', 'https-controller:8443->8443', 'https-registry:5443->5443']);
    expect(ports(on, 'harbor-exporter')).toEqual(['http-metrics:8001->8001']);
    expect(ports(on, 'harbor-portal')).toEqual(['https-web:8443->8443']);
    const off = synthValid(stack().chart);
    expect(ports(off, 'harbor-registry')).toEqual(['https-controller:8443->8443', 'https-registry:5443->5443']);
  });

  test('container port names are what the API server accepts (at most 15 characters); the Services keep the chart\'s names', () => {
    const objects = synthValid(stack({ metricsNamespace: HardenedNamespace.fromNamespaceName(Testing.chart(), 'm', 'monitoring') }).chart);
    const containers = objects.filter(o => o.spec?.template?.spec)
      .flatMap(o => [...(o.spec.template.spec.containers ?? []), ...(o.spec.template.spec.initContainers ?? [])]);
    const names = containers.flatMap((c: any) => (c.ports ?? []).map((p: any) => p.name)).filter((n: any) => n !== undefined);
    expect(names).toEqual(expect.arrayContaining(['https-ctrl', 'https-jobsvc']));
    for (const n of names) expect(n).toMatch(/^(?=.{1,15}$)(?=.*[a-z])[a-z0-9]([a-z0-9-]*[a-z0-9])?$/);
  });
});

describe('SecureRegistryStack object storage CA (component review)', () => {
  test('s3Storage.caSecretName: registry and registryctl add the private CA to their bundle; without it, nothing is mounted', () => {
    const objects = synthValid(stack({ s3Storage: { ...S3_OK, endpoint: 'https://minio.example.com:9000', caSecretName: 'minio-ca' } }).chart);
    const spec = findOne(objects, 'Deployment', 'harbor-registry').spec.template.spec;
    for (const c of spec.containers) {
      const m = c.volumeMounts.find((v: any) => v.mountPath === '/harbor_cust_cert/s3-ca.crt');
      expect(m).toMatchObject({ subPath: 'ca.crt', readOnly: true });
      expect(spec.volumes.find((v: any) => v.name === m.name).secret.secretName).toBe('minio-ca');
    }
    const plain = findOne(synthValid(stack({ s3Storage: S3_OK }).chart), 'Deployment', 'harbor-registry').spec.template.spec;
    expect(plain.containers.flatMap((c: any) => c.volumeMounts).filter((m: any) => m.mountPath.startsWith('/harbor_cust_cert'))).toEqual([]);
    expect(() => stack({ s3Storage: { ...S3_OK, caSecretName: 'Bad_Name' } })).toThrow(/Bad_Name/);
  });
});


/** Env of a container as name -> value (literal values only). */
function envOf(container: any): Record<string, string> {
  return Object.fromEntries((container.env ?? []).filter((e: any) => e.value !== undefined).map((e: any) => [e.name, e.value]));
}
function podSpec(objects: any[], kind: string, name: string): any {
  return findOne(objects, kind, name).spec.template.spec;
}
function configFile(objects: any[], key: string): string {
  return findOne(objects, 'ConfigMap', 'harbor-config').data[key];
}
/** setpriv drops to another uid for a real shell run of an init container's script (needs root, as CI runs). */
const CAN_SWITCH_USER = process.getuid?.() === 0 && spawnSync('setpriv', ['--version']).status === 0;
function runAs(uid: number, script: string): { status: number | null; stderr: string } {
  const r = spawnSync('setpriv', [`--reuid=${uid}`, `--regid=${uid}`, '--clear-groups', '/bin/sh', '-c', script], { encoding: 'utf8' });
  return { status: r.status, stderr: r.stderr };
}

describe('SecureRegistryStack features of the default example (issue 14, items 1-6)', () => {
  test('replication: core may call core (CORE_URL is its own Service) on its TLS port, and only there', () => {
    for (const internalTls of [true, false]) {
      const { chart } = stack({ internalTls });
      const port = internalTls ? 8443 : 8080;
      const lines = analyse(chart).flowLines();
      expect(lines).toContain(`harbor/harbor-core -> harbor/harbor-core TCP/${port}`);
      expect(lines.filter(l => l.startsWith('harbor/harbor-portal -> harbor/harbor-portal'))).toEqual([]);
    }
  });

  test('proxy cache and replication adapters: core gets the chart\'s PERMITTED_REGISTRY_TYPES_FOR_PROXY_CACHE and REPLICATION_ADAPTER_WHITELIST', () => {
    const env = envOf(podSpec(synthValid(stack().chart), 'Deployment', 'harbor-core').containers[0]);
    expect(env.PERMITTED_REGISTRY_TYPES_FOR_PROXY_CACHE).toBe('docker-hub,harbor,azure-acr,ali-acr,aws-ecr,google-gcr,docker-registry,github-ghcr,jfrog-artifactory');
    expect(env.REPLICATION_ADAPTER_WHITELIST).toBe('ali-acr,aws-ecr,azure-acr,docker-hub,docker-registry,github-ghcr,google-gcr,harbor,huawei-SWR,jfrog-artifactory,tencent-tcr,volcengine-cr');
  });

  test('certificate download: core mounts only ca.crt of the external certificate at /etc/core/ca (optional: ACME has none)', () => {
    for (const extra of [{}, { ingressIssuer: undefined, ingressTlsSecretName: 'corp-tls' }]) {
      const spec = podSpec(synthValid(stack(extra).chart), 'Deployment', 'harbor-core');
      const mount = spec.containers[0].volumeMounts.find((m: any) => m.mountPath === '/etc/core/ca');
      expect(mount.readOnly).toBe(true);
      const volume = spec.volumes.find((v: any) => v.name === mount.name);
      expect(volume.secret).toEqual({ secretName: 'ingressTlsSecretName' in extra ? 'corp-tls' : 'harbor-ingress-tls', items: [{ key: 'ca.crt', path: 'ca.crt' }], optional: true });
    }
  });
});

describe('SecureRegistryStack safe rollouts (issue 14, item 12)', () => {
  test('CA-bundle init containers copy with cp -R, not cp -a', () => {
    const objects = synthValid(stack().chart);
    const inits = [...findAll(objects, 'Deployment'), ...findAll(objects, 'StatefulSet')]
      .flatMap(w => w.spec.template.spec.initContainers ?? []).filter((c: any) => c.name.endsWith('-ca-bundle-init'));
    expect(inits.length).toBe(5);
    for (const c of inits) {
      expect(c.command[2]).toBe('cp -R /etc/pki/tls/certs/. /ca-bundle/ && cp /etc/pki/tls/certs/ca-bundle.crt /ca-original/ca-bundle.crt.original');
    }
  });

  (CAN_SWITCH_USER ? test : test.skip)('CA-bundle init script succeeds as uid 10000 on a root-owned emptyDir with GNU cp (cp -a exits 1 there)', () => {
    const init = podSpec(synthValid(stack().chart), 'Deployment', 'harbor-core').initContainers.find((c: any) => c.name === 'core-ca-bundle-init');
    const dir = fs.mkdtempSync(join(tmpdir(), 'ca-bundle-'));
    try {
      fs.chmodSync(dir, 0o755);
      for (const d of ['certs', 'bundle', 'original']) fs.mkdirSync(join(dir, d));
      fs.writeFileSync(join(dir, 'certs', 'ca-bundle.crt'), 'pem\n');
      // An emptyDir with fsGroup: owned by root, group 10000, setgid and group-writable.
      for (const d of ['bundle', 'original']) {
        fs.chownSync(join(dir, d), 0, 10000);
        fs.chmodSync(join(dir, d), 0o2775);
      }
      const script = (cmd: string) => cmd.replace(/\/etc\/pki\/tls\/certs/g, `${dir}/certs`).replace(/\/ca-bundle\//g, `${dir}/bundle/`)
        .replace(/\/ca-original\//g, `${dir}/original/`);
      expect(runAs(10000, script(init.command[2])).status).toBe(0);
      expect(fs.readFileSync(join(dir, 'bundle', 'ca-bundle.crt'), 'utf8')).toBe('pem\n');
      expect(fs.readFileSync(join(dir, 'original', 'ca-bundle.crt.original'), 'utf8')).toBe('pem\n');
      expect(runAs(10000, script(init.command[2].replace('cp -R', 'cp -a'))).status).toBe(1);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('SecureRegistryStack correctness and least privilege (issue 14, items 13-18)', () => {
  test('external Redis over TLS: the registry config sets enableTLS (distribution\'s key) and the chart\'s pool', () => {
    const tls = parseYaml(configFile(synthValid(stack({ externalRedis: EXT_REDIS }).chart), 'registry-config.yml'));
    expect(tls.redis.enableTLS).toBe(true);
    expect(tls.redis.tls).toBeUndefined();
    expect(tls.redis.pool).toEqual({ maxidle: 100, maxactive: 500, idletimeout: '60s' });
    const internal = parseYaml(configFile(synthValid(stack().chart), 'registry-config.yml'));
    expect(internal.redis.enableTLS).toBeUndefined();
    expect(internal.redis.pool).toEqual({ maxidle: 100, maxactive: 500, idletimeout: '60s' });
  });

  test('database pools: core and the exporter get the chart\'s 100 idle / 900 open, configurable', () => {
    const chart = Testing.chart();
    stack({ metricsNamespace: HardenedNamespace.fromNamespaceName(chart, 'Mon', 'monitoring') }, chart);
    const objects = synthValid(chart);
    expect(envOf(podSpec(objects, 'Deployment', 'harbor-core').containers[0])).toMatchObject({ POSTGRESQL_MAX_IDLE_CONNS: '100', POSTGRESQL_MAX_OPEN_CONNS: '900' });
    expect(envOf(podSpec(objects, 'Deployment', 'harbor-exporter').containers[0])).toMatchObject({ HARBOR_DATABASE_MAX_IDLE_CONNS: '100', HARBOR_DATABASE_MAX_OPEN_CONNS: '900' });
    const tuned = synthValid(stack({ databaseMaxIdleConns: 10, databaseMaxOpenConns: 50 }).chart);
    expect(envOf(podSpec(tuned, 'Deployment', 'harbor-core').containers[0])).toMatchObject({ POSTGRESQL_MAX_IDLE_CONNS: '10', POSTGRESQL_MAX_OPEN_CONNS: '50' });
  });

  test('throws on database pools that are not positive integers or with more idle than open connections', () => {
    expect(() => stack({ databaseMaxIdleConns: 0 })).toThrow(/Invalid databaseMaxIdleConns 0: must be an integer of at least 1/);
    expect(() => stack({ databaseMaxOpenConns: 1.5 })).toThrow(/Invalid databaseMaxOpenConns 1.5/);
    expect(() => stack({ databaseMaxIdleConns: 200, databaseMaxOpenConns: 100 })).toThrow(/databaseMaxIdleConns 200 exceeds databaseMaxOpenConns 100/);
  });

  test('portal: /index.html repeats the security headers, gzip as in the chart, one nginx worker', () => {
    const conf = configFile(synthValid(stack().chart), 'portal-nginx.conf');
    const block = /location = \/index\.html \{([^}]*)\}/.exec(conf)![1];
    expect(block).toContain('add_header X-Frame-Options DENY always;');
    expect(block).toContain('add_header Content-Security-Policy "frame-ancestors \'none\'" always;');
    expect(block).toContain('add_header Cache-Control "no-store, no-cache, must-revalidate";');
    expect(conf).toContain('    gzip on;\n    gzip_min_length 1000;\n    gzip_proxied expired no-cache no-store private auth;');
    expect(conf).toMatch(/gzip_types text\/plain text\/css application\/json application\/javascript/);
    expect(conf).toMatch(/^worker_processes 1;$/m);
    expect(conf).not.toContain('worker_processes auto');
  });

  test('no pod mounts another component\'s private key: the exporter gets only ca.crt of core\'s certificate', () => {
    const chart = Testing.chart();
    stack({ metricsNamespace: HardenedNamespace.fromNamespaceName(chart, 'Mon', 'monitoring') }, chart);
    const objects = synthValid(chart);
    for (const w of [...findAll(objects, 'Deployment'), ...findAll(objects, 'StatefulSet')]) {
      const component = w.spec.template.metadata.labels['app.kubernetes.io/component'];
      for (const v of w.spec.template.spec.volumes ?? []) {
        const secret: string | undefined = v.secret?.secretName;
        const m = secret ? /^harbor-([a-z]+)-internal-tls$/.exec(secret) : null;
        if (m && m[1] !== component) expect([v.name, v.secret.items]).toEqual([v.name, [{ key: 'ca.crt', path: 'ca.crt' }]]);
      }
    }
    const exporter = podSpec(objects, 'Deployment', 'harbor-exporter');
    const mount = exporter.containers[0].volumeMounts.find((x: any) => x.mountPath === '/etc/harbor/ssl/core');
    expect(exporter.volumes.find((v: any) => v.name === mount.name).secret).toEqual({ secretName: 'harbor-core-internal-tls', items: [{ key: 'ca.crt', path: 'ca.crt' }] });
  });

  test('TLS ports are named https-* (Services and containers), plaintext ports http-*', () => {
    const names = (objects: any[]) => findAll(objects, 'Service').flatMap(svc => svc.spec.ports.map((p: any) => `${svc.metadata.name}:${p.name}`)).sort();
    expect(names(synthValid(stack().chart))).toEqual(['harbor-core:https-web', 'harbor-database:postgresql', 'harbor-jobservice:https-jobservice',
      'harbor-portal:https-web', 'harbor-redis:redis', 'harbor-registry:https-controller', 'harbor-registry:https-registry', 'harbor-trivy:https-trivy']);
    expect(names(synthValid(stack({ internalTls: false }).chart))).toEqual(['harbor-core:http-web', 'harbor-database:postgresql', 'harbor-jobservice:http-jobservice',
      'harbor-portal:http-web', 'harbor-redis:redis', 'harbor-registry:http-controller', 'harbor-registry:http-registry', 'harbor-trivy:http-trivy']);
  });

  (CAN_SWITCH_USER ? test : test.skip)('database init: restores 0700 on its own files, stops with the fix named when a restore left files it cannot chmod', () => {
    const init = podSpec(synthValid(stack().chart), 'StatefulSet', 'harbor-database').initContainers.find((c: any) => c.name === 'database-data-permissions');
    const dir = fs.mkdtempSync(join(tmpdir(), 'pgdata-'));
    try {
      fs.chmodSync(dir, 0o755);
      const pgdata = join(dir, 'pgdata');
      fs.mkdirSync(pgdata, { mode: 0o2770 });
      fs.writeFileSync(join(pgdata, 'PG_VERSION'), '18\n');
      fs.chownSync(pgdata, 999, 999);
      fs.chownSync(join(pgdata, 'PG_VERSION'), 999, 999);
      const script = init.command[2].replace(/\/var\/lib\/postgresql\/data\/pgdata/g, pgdata);
      expect(runAs(999, script).status).toBe(0);
      expect(fs.statSync(pgdata).mode % 0o1000).toBe(0o700); // permission bits
      fs.writeFileSync(join(pgdata, 'restored'), 'x');
      fs.chownSync(join(pgdata, 'restored'), 0, 0);
      const failed = runAs(999, script);
      expect(failed.status).toBe(1);
      expect(failed.stderr).toMatch(/restored/);
      expect(failed.stderr).toMatch(/not owned by uid 999, e\.g\. after a restore .*chown -R 999:999 on the volume/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('SecureRegistryStack scanning database and HTTP proxy (issue 14, items 4, 5)', () => {
  const trivyOf = (objects: any[]) => podSpec(objects, 'StatefulSet', 'harbor-trivy').containers[0];
  const PROXY_CACHE = () => HarborTrivyDatabase.harborProxyCache({ project: 'ghcr-proxy', upstreamCidrs: ['140.82.112.0/20'] });

  test('default: offline, and trivy does not start until its cache holds the database (the probe says what to do)', () => {
    const trivy = trivyOf(synthValid(stack().chart));
    expect(envOf(trivy)).toMatchObject({ SCANNER_TRIVY_SKIP_UPDATE: 'true', SCANNER_TRIVY_SKIP_JAVA_DB_UPDATE: 'true', SCANNER_TRIVY_OFFLINE_SCAN: 'true' });
    expect(trivy.startupProbe.exec.command[2]).toMatch(/^test -s \/home\/scanner\/\.cache\/trivy\/db\/trivy\.db \|\| \{ echo "no vulnerability database at .*Scanning database.*"; exit 1; \}$/);
    expect(trivy.startupProbe.failureThreshold).toBe(360);
  });

  test('harborProxyCache: trivy pulls both databases from core\'s Service, core alone gets egress to the upstream', () => {
    const { chart } = stack({ trivyDatabase: PROXY_CACHE() });
    const objects = synthValid(chart);
    const trivy = trivyOf(objects);
    expect(envOf(trivy)).toMatchObject({
      SCANNER_TRIVY_SKIP_UPDATE: 'false',
      SCANNER_TRIVY_SKIP_JAVA_DB_UPDATE: 'false',
      SCANNER_TRIVY_OFFLINE_SCAN: 'false',
      SCANNER_TRIVY_DB_REPOSITORY: 'harbor-core:8443/ghcr-proxy/aquasecurity/trivy-db:2',
      SCANNER_TRIVY_JAVA_DB_REPOSITORY: 'harbor-core:8443/ghcr-proxy/aquasecurity/trivy-java-db:1',
    });
    expect(envOf(trivy).SCANNER_TRIVY_INSECURE).toBeUndefined();
    expect(trivy.startupProbe).toBeUndefined();
    const lines = analyse(chart, [{ name: 'ghcr', cidr: '140.82.112.0/20' }]).flowLines();
    expect(lines.filter(l => l.includes('ghcr'))).toEqual(['harbor/harbor-core -> ghcr TCP/443']);
    expect(lines).toContain('harbor/harbor-trivy -> harbor/harbor-core TCP/8443');
    // Without internal TLS the proxy cache is plain HTTP on 8080, which trivy accepts only as insecure.
    const plain = envOf(trivyOf(synthValid(stack({ internalTls: false, trivyDatabase: PROXY_CACHE() }).chart)));
    expect(plain).toMatchObject({ SCANNER_TRIVY_DB_REPOSITORY: 'harbor-core:8080/ghcr-proxy/aquasecurity/trivy-db:2', SCANNER_TRIVY_INSECURE: 'true' });
  });

  test('ociMirror: trivy gets egress to the mirror on its port only; a GitHub token comes from a Secret', () => {
    const db = HarborTrivyDatabase.ociMirror({
      repository: 'mirror.example.com/aquasec/trivy-db:2', javaRepository: 'mirror.example.com/aquasec/trivy-java-db:1', cidrs: ['192.0.2.0/24'], port: 8443,
    });
    const { chart } = stack({ trivyDatabase: db, trivyGitHubToken: { secretName: 'gh', key: 'token' } });
    const trivy = trivyOf(synthValid(chart));
    expect(envOf(trivy)).toMatchObject({ SCANNER_TRIVY_DB_REPOSITORY: 'mirror.example.com/aquasec/trivy-db:2', SCANNER_TRIVY_JAVA_DB_REPOSITORY: 'mirror.example.com/aquasec/trivy-java-db:1' });
    expect(trivy.env.find((e: any) => e.name === 'SCANNER_TRIVY_GITHUB_TOKEN').valueFrom).toEqual({ secretKeyRef: { name: 'gh', key: 'token' } });
    const lines = analyse(chart, [{ name: 'mirror', cidr: '192.0.2.0/24' }]).flowLines();
    expect(lines.filter(l => l.includes('mirror'))).toEqual(['harbor/harbor-trivy -> mirror TCP/8443']);
  });

  test('throws on a trivy database source with empty CIDRs or a conflicting setting', () => {
    expect(() => stack({ trivyDatabase: HarborTrivyDatabase.harborProxyCache({ project: 'p', upstreamCidrs: [] }) })).toThrow(/trivyDatabase cidrs is empty/);
    expect(() => stack({ trivyDatabase: PROXY_CACHE(), trivyUpdateCidrs: ['1.2.3.0/24'] })).toThrow(/trivyDatabase and trivyUpdateCidrs conflict/);
    expect(() => stack({ trivyDatabase: PROXY_CACHE(), trivy: false })).toThrow(/trivyDatabase is set but trivy is false/);
    expect(() => stack({ trivyGitHubToken: { secretName: 'gh', key: 'token' }, trivy: false })).toThrow(/trivyGitHubToken is set but trivy is false/);
  });

  test('httpProxy: core, jobservice, trivy, registry and registryctl get the proxy env and egress to the proxy only', () => {
    const { chart } = stack({ httpProxy: { httpProxy: 'http://proxy.example.com:3128', httpsProxy: 'http://proxy.example.com:3128', cidrs: ['192.0.2.10/32'], noProxy: ['.corp.example.com'] } });
    const objects = synthValid(chart);
    const expected = 'harbor-core,harbor-jobservice,harbor-database,harbor-registry,harbor-portal,harbor-trivy,harbor-exporter,harbor-redis,'
      + '.harbor.svc,.svc,127.0.0.1,localhost,.local,.internal,.corp.example.com';
    const containers = [...findAll(objects, 'Deployment'), ...findAll(objects, 'StatefulSet')].flatMap(w => w.spec.template.spec.containers);
    const proxied = containers.filter((c: any) => envOf(c).HTTPS_PROXY !== undefined).map((c: any) => c.name).sort();
    expect(proxied).toEqual(['core', 'jobservice', 'registry', 'registryctl', 'trivy']);
    for (const c of containers.filter((x: any) => proxied.includes(x.name))) {
      expect(envOf(c)).toMatchObject({ HTTP_PROXY: 'http://proxy.example.com:3128', HTTPS_PROXY: 'http://proxy.example.com:3128', NO_PROXY: expected });
    }
    const lines = analyse(chart, [{ name: 'proxy', cidr: '192.0.2.10/32' }]).flowLines();
    expect(lines.filter(l => l.includes('proxy'))).toEqual(['harbor/harbor-core -> proxy TCP/3128', 'harbor/harbor-jobservice -> proxy TCP/3128',
      'harbor/harbor-registry -> proxy TCP/3128', 'harbor/harbor-trivy -> proxy TCP/3128']);
  });

  test('throws on an HTTP proxy without URL, with credentials, a bad URL or a bad noProxy entry', () => {
    expect(() => stack({ httpProxy: { cidrs: ['192.0.2.10/32'] } })).toThrow(/httpProxy has neither httpProxy nor httpsProxy/);
    expect(() => stack({ httpProxy: { httpsProxy: 'http://user:pw@proxy.example.com:3128', cidrs: ['192.0.2.10/32'] } }))
      .toThrow(/Invalid httpProxy.httpsProxy "http:\/\/\*\*\*@proxy.example.com:3128": credentials in the proxy URL/);
    expect(() => stack({ httpProxy: { httpsProxy: 'proxy.example.com:3128', cidrs: ['192.0.2.10/32'] } })).toThrow(/expected http:\/\/host:port or https:\/\/host:port/);
    expect(() => stack({ httpProxy: { httpsProxy: 'http://proxy.example.com:3128', cidrs: [] } })).toThrow(/httpProxy.cidrs is empty/);
    expect(() => stack({ httpProxy: { httpsProxy: 'http://proxy.example.com:3128', cidrs: ['192.0.2.10/32'], noProxy: ['a, b'] } })).toThrow(/Invalid httpProxy.noProxy entry "a, b"/);
  });
});

describe('SecureRegistryStack rollouts and renewals (issue 14, items 7-9)', () => {
  const workloads = (objects: any[]) => [...findAll(objects, 'Deployment'), ...findAll(objects, 'StatefulSet')];
  const reloadOf = (objects: any[], kind: string, name: string) =>
    findOne(objects, kind, name).spec.template.metadata.annotations?.['secret.reloader.stakater.com/reload']?.split(',') ?? [];

  test('every pod with a data volume re-owns it only on a root mismatch; the others keep the default', () => {
    const policies = Object.fromEntries(workloads(synthValid(stack().chart))
      .map(w => [w.metadata.name, w.spec.template.spec.securityContext.fsGroupChangePolicy]));
    expect(policies).toEqual({
      'harbor-core': 'Always',
      'harbor-portal': 'Always',
      'harbor-registry': 'OnRootMismatch',
      'harbor-jobservice': 'OnRootMismatch',
      'harbor-trivy': 'OnRootMismatch',
      'harbor-database': 'OnRootMismatch',
      'harbor-redis': 'OnRootMismatch',
    });
  });

  test('Deployments that mount a ReadWriteOnce PVC are replaced (Recreate), the others roll', () => {
    const strategies = (objects: any[]) => Object.fromEntries(findAll(objects, 'Deployment').map(d => [d.metadata.name, d.spec.strategy.type]));
    expect(strategies(synthValid(stack().chart))).toEqual({
      'harbor-core': 'RollingUpdate', 'harbor-portal': 'RollingUpdate', 'harbor-registry': 'Recreate', 'harbor-jobservice': 'Recreate',
    });
    // Object storage and job logs in the database: no ReadWriteOnce volume left, every Deployment rolls.
    expect(Object.values(strategies(synthValid(stack({ replicas: 2, s3Storage: S3_OK }).chart)))).toEqual(['RollingUpdate', 'RollingUpdate', 'RollingUpdate', 'RollingUpdate']);
  });

  test('each pod is restarted only for the Secrets it mounts or reads: a certificate renewal rolls its own component', () => {
    const chart = Testing.chart();
    stack({ metricsNamespace: HardenedNamespace.fromNamespaceName(chart, 'Mon', 'monitoring') }, chart);
    const objects = synthValid(chart);
    expect(reloadOf(objects, 'Deployment', 'harbor-core')).toEqual(['harbor-core-internal-tls', 'harbor-secrets', 'harbor-token-signing']);
    expect(reloadOf(objects, 'Deployment', 'harbor-portal')).toEqual(['harbor-portal-internal-tls']);
    expect(reloadOf(objects, 'Deployment', 'harbor-registry')).toEqual(['harbor-registry-internal-tls', 'harbor-secrets']);
    expect(reloadOf(objects, 'Deployment', 'harbor-jobservice')).toEqual(['harbor-jobservice-internal-tls', 'harbor-secrets']);
    expect(reloadOf(objects, 'StatefulSet', 'harbor-trivy')).toEqual(['harbor-secrets', 'harbor-trivy-internal-tls']);
    // The exporter trusts core's CA (ca.crt of core's Secret), so it reloads with it; nothing else does.
    expect(reloadOf(objects, 'Deployment', 'harbor-exporter')).toEqual(['harbor-core-internal-tls', 'harbor-secrets']);
    // PostgreSQL and Valkey read only their password from the Harbor secret (created once): no certificate restarts them.
    expect(reloadOf(objects, 'StatefulSet', 'harbor-database')).toEqual(['harbor-secrets']);
    expect(reloadOf(objects, 'StatefulSet', 'harbor-redis')).toEqual(['harbor-secrets']);
    // Each internal certificate Secret is listed by its own component (plus the exporter for core's CA), never by all.
    for (const c of ['portal', 'registry', 'jobservice', 'trivy']) {
      const listing = workloads(objects).filter(w => (w.spec.template.metadata.annotations?.['secret.reloader.stakater.com/reload'] ?? '').split(',')
        .includes(`harbor-${c}-internal-tls`)).map(w => w.metadata.name);
      expect(listing).toEqual([`harbor-${c}`]);
    }
  });

  test('external stores: the pods that read their password or CA Secrets reload with them; the getcert CA does not restart core', () => {
    const objects = synthValid(stack({ externalDatabase: EXT_DB, externalRedis: { ...EXT_REDIS, password: { secretName: 'redis-auth', key: 'pw' } } }).chart);
    expect(reloadOf(objects, 'Deployment', 'harbor-core')).toEqual(['harbor-core-internal-tls', 'harbor-secrets', 'harbor-token-signing', 'pg', 'pg-ca', 'redis-auth', 'redis-ca']);
    expect(reloadOf(objects, 'Deployment', 'harbor-portal')).toEqual(['harbor-portal-internal-tls']);
    expect(reloadOf(objects, 'Deployment', 'harbor-core')).not.toContain('harbor-ingress-tls');
  });
});

describe('SecureRegistryStack CA rotation, prerequisites and DNS (issue 14, items 10, 11, 19)', () => {
  test('the internal CA keeps its key on renewal (rotationPolicy Never), so leaves issued before keep verifying; leaves rotate theirs', () => {
    const objects = synthValid(stack().chart);
    const certs = Object.fromEntries(findAll(objects, 'Certificate').map(c => [c.metadata.name, c.spec.privateKey.rotationPolicy]));
    expect(certs['harbor-internal-ca-ca']).toBe('Never');
    expect(findOne(objects, 'Certificate', 'harbor-internal-ca-ca').spec.isCA).toBe(true);
    for (const c of ['core', 'portal', 'registry', 'jobservice', 'trivy']) expect(certs[`harbor-${c}-internal-tls`]).toBe('Always');
  });

  test('prerequisites: cert-manager and Stakater Reloader always, External Secrets Operator for generated or store secrets, Velero for backups', () => {
    const { registry } = stack();
    expect(registry.prerequisites.map(p => p.split(/[ :(]/)[0])).toEqual(['cert-manager', 'Stakater', 'External']);
    expect(registry.prerequisites[1]).toMatch(/^Stakater Reloader: .*without it .*internal TLS breaks/);
    const existing = stack({ secrets: HarborSecretSource.existingSecret('harbor-sealed'), backup: {} }).registry;
    expect(existing.prerequisites.map(p => p.split(/[ :(]/)[0])).toEqual(['cert-manager', 'Stakater', 'Velero']);
  });

  test('DNS on port 5353 and to the node CIDR (NodeLocal DNSCache in the host network): every pod may resolve there, nothing more', () => {
    const { chart } = stack({ dnsEgress: { dnsPorts: [53, 5353], dnsCidrs: ['10.250.0.0/16'] } });
    const lines = analyse(chart, [{ name: 'nodes', cidr: '10.250.0.0/16' }]).flowLines();
    const pods = ['core', 'database', 'jobservice', 'portal', 'redis', 'registry', 'trivy'];
    expect(lines.filter(l => l.includes('coredns') && l.startsWith('harbor/')))
      .toEqual(pods.map(c => `harbor/harbor-${c} -> kube-system/coredns TCP/53, TCP/5353, UDP/53, UDP/5353`));
    expect(lines.filter(l => l.includes('-> nodes'))).toEqual(pods.map(c => `harbor/harbor-${c} -> nodes TCP/53, TCP/5353, UDP/53, UDP/5353`));
  });
});
