// SPDX-License-Identifier: Apache-2.0
import { ApiObject, Chart, JsonPatch, Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { expectHardenedPodDefaults } from './_pod-defaults';
import {
  AppArmorProfile,
  DisruptionBudget,
  HardenedDeployment,
  HardenedDeploymentProps,
  LeastPrivilegeServiceAccount,
  RestrictedSeccompProfile,
} from '../../src';
import { findAll, findOne, synthValid } from '../util';

const IMAGE = 'registry.example.com/team/web:1.4.2';
const DIGEST = 'sha256:' + 'a'.repeat(64);

function deploy(props: Partial<HardenedDeploymentProps> = {}, chart: Chart = Testing.chart()) {
  const deployment = new HardenedDeployment(chart, 'web', {
    containers: [{ image: IMAGE, portNumber: 8080 }],
    ...props,
  });
  return { chart, deployment };
}

function synthPod(chart: Chart): { objects: any[]; workload: any; pod: any; container: any } {
  const objects = synthValid(chart);
  const workload = findOne(objects, 'Deployment');
  const pod = workload.spec.template.spec;
  return { objects, workload, pod, container: pod.containers[0] };
}

describe('HardenedDeployment', () => {
  test('minimal definition', () => {
    const { chart } = deploy();
    expect(synthValid(chart)).toMatchSnapshot();
  });

  test('fsGroupChangePolicy: Kubernetes\' Always by default, OnRootMismatch on request', () => {
    expect(synthPod(deploy().chart).pod.securityContext.fsGroupChangePolicy).toBe('Always');
    expect(synthPod(deploy({ fsGroupChangePolicy: kplus.FsGroupChangePolicy.ON_ROOT_MISMATCH }).chart).pod.securityContext.fsGroupChangePolicy).toBe('OnRootMismatch');
  });

  test('defaultChild', () => {
    const { deployment } = deploy();
    expect(ApiObject.of(deployment).kind).toBe('Deployment');
    expect(deployment.node.defaultChild).toBe(ApiObject.of(deployment));
  });

  expectHardenedPodDefaults(() => synthPod(deploy().chart));

  describe('container security defaults beyond the shared ones', () => {
    const { container } = synthPod(deploy().chart);
    test('seccomp is inherited from the pod', () => expect(container.securityContext.seccompProfile).toBeUndefined());
    test('liveness probe derived from the port (TCP)', () => expect(container.livenessProbe.tcpSocket).toEqual({ port: 8080 }));
    test('readiness probe derived from the port (TCP)', () => expect(container.readinessProbe.tcpSocket).toEqual({ port: 8080 }));
    test('no host port', () => expect(container.ports).toEqual([{ containerPort: 8080 }]));
  });

  test('init containers are hardened like containers', () => {
    const { pod } = synthPod(deploy({ initContainers: [{ image: 'busybox:1.36', command: ['true'] }] }).chart);
    const init = pod.initContainers[0];
    expect(init.name).toBe('init-0');
    expect(init.securityContext).toEqual({
      allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, privileged: false, readOnlyRootFilesystem: true, runAsNonRoot: true,
    });
    expect(init.resources).toEqual({ requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '256Mi' } });
    expect(init.livenessProbe).toBeUndefined();
  });

  test('writable paths get one size-limited emptyDir each, nothing else is writable', () => {
    const config = kplus.Volume.fromConfigMap(Testing.chart(), 'cm', kplus.ConfigMap.fromConfigMapName(Testing.chart(), 'cmref', 'web-config'));
    const { pod, container } = synthPod(deploy({
      containers: [{
        image: IMAGE,
        portNumber: 8080,
        writablePaths: ['/tmp', '/var/cache/nginx'],
        writablePathSizeLimit: '32Mi',
        volumeMounts: [{ path: '/etc/web', volume: config }],
      }],
    }).chart);
    expect(pod.volumes).toEqual([
      { name: config.name, configMap: { name: 'web-config' } },
      { name: 'main-tmp', emptyDir: { sizeLimit: '32Mi' } },
      { name: 'main-var-cache-nginx', emptyDir: { sizeLimit: '32Mi' } },
    ]);
    expect(container.volumeMounts).toEqual([
      { name: config.name, mountPath: '/etc/web', readOnly: true },
      { name: 'main-tmp', mountPath: '/tmp' },
      { name: 'main-var-cache-nginx', mountPath: '/var/cache/nginx' },
    ]);
    expect(container.securityContext.readOnlyRootFilesystem).toBe(true);
  });

  test('default emptyDir sizeLimit is 64Mi', () => {
    const { pod } = synthPod(deploy({ containers: [{ image: IMAGE, portNumber: 8080, writablePaths: ['/tmp'] }] }).chart);
    expect(pod.volumes).toEqual([{ name: 'main-tmp', emptyDir: { sizeLimit: '64Mi' } }]);
  });

  test('custom ids, Localhost seccomp and AppArmor are applied', () => {
    const { workload, pod } = synthPod(deploy({
      runAsUser: 2000,
      runAsGroup: 3000,
      fsGroup: 4000,
      seccompProfile: RestrictedSeccompProfile.localhost('profiles/web.json'),
      appArmorProfile: AppArmorProfile.runtimeDefault(),
      initContainers: [{ image: 'busybox:1.36', appArmorProfile: AppArmorProfile.localhost('k8s-deny-write') }],
    }).chart);
    expect(pod.securityContext).toMatchObject({ runAsUser: 2000, runAsGroup: 3000, fsGroup: 4000 });
    expect(pod.securityContext.seccompProfile).toEqual({ type: 'Localhost', localhostProfile: 'profiles/web.json' });
    expect(workload.spec.template.metadata.annotations).toEqual({
      'container.apparmor.security.beta.kubernetes.io/main': 'runtime/default',
      'container.apparmor.security.beta.kubernetes.io/init-0': 'localhost/k8s-deny-write',
    });
  });

  test('labels are added to the workload and its pods', () => {
    const { workload } = synthPod(deploy({ labels: { 'app.kubernetes.io/name': 'web' } }).chart);
    expect(workload.metadata.labels).toEqual({ 'app.kubernetes.io/name': 'web' });
    expect(workload.spec.template.metadata.labels).toMatchObject({ 'app.kubernetes.io/name': 'web' });
  });

  test('NET_BIND_SERVICE is added only through allowNetBindService', () => {
    const { container } = synthPod(deploy({ containers: [{ image: IMAGE, portNumber: 80, allowNetBindService: true }] }).chart);
    expect(container.securityContext.capabilities).toEqual({ drop: ['ALL'], add: ['NET_BIND_SERVICE'] });
  });

  test('explicit probes (HTTP) and resources are used verbatim', () => {
    const { container } = synthPod(deploy({
      containers: [{
        image: IMAGE,
        portNumber: 8080,
        liveness: kplus.Probe.fromHttpGet('/healthz'),
        readiness: kplus.Probe.fromHttpGet('/ready'),
        resources: { cpuRequest: '250m', cpuLimit: '1', memoryRequest: '1Gi', memoryLimit: '1Gi' },
      }],
    }).chart);
    expect(container.livenessProbe.httpGet).toEqual({ path: '/healthz', port: 8080, scheme: 'HTTP' });
    expect(container.readinessProbe.httpGet).toEqual({ path: '/ready', port: 8080, scheme: 'HTTP' });
    expect(container.resources).toEqual({ requests: { cpu: '250m', memory: '1Gi' }, limits: { cpu: '1', memory: '1Gi' } });
  });

  test('a request above the default limit raises the default limit to the request', () => {
    const { container } = synthPod(deploy({ containers: [{ image: IMAGE, portNumber: 8080, resources: { cpuRequest: '2', memoryRequest: '1Gi' } }] }).chart);
    expect(container.resources.limits).toEqual({ cpu: '2', memory: '1Gi' });
  });

  describe('containerResources: cdk8s-plus Cpu and Size, rendered by cdk8s-plus', () => {
    const resources = (containerResources: kplus.ContainerResources) =>
      synthPod(deploy({ containers: [{ image: IMAGE, portNumber: 8080, containerResources }] }).chart).container.resources;
    test('given values are rendered; a missing limit is the default limit or the request when that is higher', () => {
      expect(resources({ cpu: { request: kplus.Cpu.millis(250), limit: kplus.Cpu.units(1) }, memory: { request: Size.gibibytes(1) } }))
        .toEqual({ requests: { cpu: '250m', memory: '1024Mi' }, limits: { cpu: '1', memory: '1024Mi' } });
      expect(resources({ memory: { request: Size.mebibytes(64) } })).toEqual({ requests: { cpu: '100m', memory: '64Mi' }, limits: { cpu: '500m', memory: '256Mi' } });
    });
    test('the default, now through cdk8s-plus, is unchanged', () => {
      expect(synthPod(deploy().chart).container.resources).toEqual({ requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '256Mi' } });
    });
    test('throws on a limit below its request', () => expect(() => resources({ cpu: { request: kplus.Cpu.units(2), limit: kplus.Cpu.millis(500) } }))
      .toThrow(/Invalid cpu limit "500m" of container "main": it is below the request "2".*Raise cpu.limit to at least "2" or lower cpu.request/));
    test('throws on a zero request', () => expect(() => resources({ cpu: { request: kplus.Cpu.millis(0) } }))
      .toThrow(/Invalid cpu request of container "main" "0m": must be greater than zero/));
    test('throws on memory that is not whole mebibytes', () => expect(() => resources({ memory: { request: Size.kibibytes(1500) } }))
      .toThrow(/Invalid memory request of container "main": cdk8s-plus renders memory in whole mebibytes.*Size.mebibytes/));
    test('throws with both resources and containerResources', () => expect(() => deploy({
      containers: [{ image: IMAGE, portNumber: 8080, resources: { cpuRequest: '1' }, containerResources: { cpu: { request: kplus.Cpu.units(1) } } }],
    })).toThrow(/container "main" of HardenedDeployment "web" sets both resources and containerResources: pass containerResources only/));
  });

  test('probes can be disabled with a reason', () => {
    const { container } = synthPod(deploy({
      containers: [{ image: IMAGE, disableProbes: true, disableProbesReason: 'queue worker without a listening port' }],
    }).chart);
    expect(container.livenessProbe).toBeUndefined();
    expect(container.readinessProbe).toBeUndefined();
  });

  test('images pinned by digest (with or without tag) are accepted', () => {
    const { container } = synthPod(deploy({ containers: [{ image: `registry.example.com:5000/web:1.0@${DIGEST}`, portNumber: 8080 }] }).chart);
    expect(container.image).toBe(`registry.example.com:5000/web:1.0@${DIGEST}`);
    expect(() => deploy({ containers: [{ image: `web@${DIGEST}`, portNumber: 8080 }] })).not.toThrow();
  });

  describe('replicas, PodDisruptionBudget and topology spread', () => {
    test('default 2 replicas get a policy/v1 PDB with maxUnavailable 1 selecting the pods', () => {
      const { objects, workload } = synthPod(deploy().chart);
      expect(workload.spec.replicas).toBe(2);
      const pdb = findOne(objects, 'PodDisruptionBudget');
      expect(pdb.apiVersion).toBe('policy/v1');
      expect(pdb.spec.maxUnavailable).toBe(1);
      expect(pdb.spec.minAvailable).toBeUndefined();
      expect(pdb.spec.selector).toEqual(workload.spec.selector);
    });

    test('spread over hostname (DoNotSchedule) and zone (ScheduleAnyway)', () => {
      const { workload, pod } = synthPod(deploy().chart);
      const selector = { matchLabels: workload.spec.selector.matchLabels };
      expect(pod.topologySpreadConstraints).toEqual([
        { maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'DoNotSchedule', nodeTaintsPolicy: 'Honor', labelSelector: selector, matchLabelKeys: ['pod-template-hash'] },
        { maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: selector, matchLabelKeys: ['pod-template-hash'] },
      ]);
    });

    test('a single replica gets neither PDB nor spread constraints', () => {
      const { objects, pod } = synthPod(deploy({ replicas: 1 }).chart);
      expect(findAll(objects, 'PodDisruptionBudget')).toHaveLength(0);
      expect(pod.topologySpreadConstraints).toBeUndefined();
    });

    test('minAvailable and percentages are configurable', () => {
      let pdb = findOne(synthValid(deploy({ replicas: 3, disruptionBudget: DisruptionBudget.minAvailable(2) }).chart), 'PodDisruptionBudget');
      expect(pdb.spec).toMatchObject({ minAvailable: 2 });
      pdb = findOne(synthValid(deploy({ replicas: 4, disruptionBudget: DisruptionBudget.maxUnavailablePercent(25) }).chart), 'PodDisruptionBudget');
      expect(pdb.spec).toMatchObject({ maxUnavailable: '25%' });
      pdb = findOne(synthValid(deploy({ replicas: 4, disruptionBudget: DisruptionBudget.minAvailablePercent(50) }).chart), 'PodDisruptionBudget');
      expect(pdb.spec).toMatchObject({ minAvailable: '50%' });
    });
  });

  test('namespace is applied to every object it creates', () => {
    const chart = Testing.chart();
    const ns = new kplus.Namespace(chart, 'ns', { metadata: { name: 'team-a' } });
    const { deployment } = deploy({ namespace: ns, name: 'web' }, chart);
    deployment.exposeViaService();
    const objects = synthValid(chart);
    for (const kind of ['Deployment', 'ServiceAccount', 'PodDisruptionBudget', 'Service']) {
      expect(findOne(objects, kind).metadata.namespace).toBe('team-a');
    }
    expect(findOne(objects, 'ServiceAccount').metadata.name).toBe('web');
  });

  test('a caller-provided service account is used and none is created', () => {
    const chart = Testing.chart();
    const sa = new LeastPrivilegeServiceAccount(chart, 'sa', { name: 'shared' });
    const { deployment } = deploy({ serviceAccount: sa }, chart);
    const { objects, pod } = synthPod(chart);
    expect(findAll(objects, 'ServiceAccount')).toHaveLength(1);
    expect(pod.serviceAccountName).toBe('shared');
    expect(deployment.serviceAccount).toBe(sa);
  });

  test('its own service account is a child construct: a user construct with id "<id>ServiceAccount" does not collide', () => {
    const chart = Testing.chart();
    const user = new LeastPrivilegeServiceAccount(chart, 'webServiceAccount', { name: 'user-sa' });
    const { deployment } = deploy({}, chart);
    const own = deployment.node.findChild('ServiceAccount').node.findChild('Default');
    expect(own).toBeInstanceOf(LeastPrivilegeServiceAccount);
    expect(deployment.serviceAccount!.name).toBe((own as LeastPrivilegeServiceAccount).name);
    const { objects, pod } = synthPod(chart);
    expect(findAll(objects, 'ServiceAccount').map(o => o.metadata.name).sort()).toEqual(['test-web-serviceaccount-c830647b', user.name].sort());
    expect(pod.serviceAccountName).toBe('test-web-serviceaccount-c830647b');
    // emitted before the Deployment that runs as it
    expect(objects.findIndex(o => o.metadata.name === 'test-web-serviceaccount-c830647b')).toBeLessThan(objects.findIndex(o => o.kind === 'Deployment'));
  });

  test('its own service account can give a container a projected token (found as the ServiceAccount child\'s default child)', () => {
    const { chart, deployment } = deploy();
    const own = deployment.node.findChild('ServiceAccount').node.defaultChild as LeastPrivilegeServiceAccount;
    own.mountProjectedToken(deployment, deployment.containers[0], { audience: 'vault' });
    const { pod } = synthPod(chart);
    expect(pod.volumes).toEqual([{
      name: 'sa-token',
      projected: { sources: [{ serviceAccountToken: { audience: 'vault', expirationSeconds: 600, path: 'token' } }] },
    }]);
  });

  test('exposeViaService creates a ClusterIP Service by default', () => {
    const { chart, deployment } = deploy();
    deployment.exposeViaService();
    expect(findOne(synthValid(chart), 'Service').spec.type).toBe('ClusterIP');
  });

  test('throws on a NodePort or LoadBalancer Service without the opt-in', () => {
    const { deployment } = deploy();
    expect(() => deployment.exposeViaService({ serviceType: kplus.ServiceType.NODE_PORT })).toThrow(/refuses a NodePort Service.*allowExternalServiceTypes/);
    expect(() => deployment.exposeViaService({ serviceType: kplus.ServiceType.LOAD_BALANCER })).toThrow(/refuses a LoadBalancer Service/);
  });

  test('a LoadBalancer Service is allowed with allowExternalServiceTypes', () => {
    const { chart, deployment } = deploy({ allowExternalServiceTypes: true });
    deployment.exposeViaService({ serviceType: kplus.ServiceType.LOAD_BALANCER });
    expect(findOne(synthValid(chart), 'Service').spec.type).toBe('LoadBalancer');
  });

  test('containers added through the cdk8s-plus API are hardened on synthesis', () => {
    const { chart, deployment } = deploy();
    deployment.addContainer({
      name: 'sidecar',
      image: 'proxy:2.1',
      portNumber: 9090,
      liveness: kplus.Probe.fromTcpSocket(),
      readiness: kplus.Probe.fromTcpSocket(),
    });
    const { pod } = synthPod(chart);
    const sidecar = pod.containers.find((c: any) => c.name === 'sidecar');
    expect(sidecar.securityContext).toEqual({
      allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, privileged: false, readOnlyRootFilesystem: true, runAsNonRoot: true,
    });
    expect(sidecar.resources.limits).toBeDefined();
  });

  test('addHardenedContainer and addHardenedInitContainer add hardened containers', () => {
    const { chart, deployment } = deploy();
    deployment.addHardenedContainer({ name: 'metrics', image: 'exporter:0.9', portNumber: 9100 });
    deployment.addHardenedInitContainer({ name: 'migrate', image: 'migrate:3.0' });
    const { pod } = synthPod(chart);
    expect(pod.containers.map((c: any) => c.name)).toEqual(['main', 'metrics']);
    expect(pod.initContainers.map((c: any) => c.name)).toEqual(['migrate']);
  });

  describe('validation', () => {
    test('throws on runAsUser 0', () => expect(() => deploy({ runAsUser: 0 })).toThrow(/Invalid runAsUser 0: 0 is root.*non-zero id/));
    test('throws on runAsGroup 0', () => expect(() => deploy({ runAsGroup: 0 })).toThrow(/Invalid runAsGroup 0: 0 is root/));
    test('throws on fsGroup 0', () => expect(() => deploy({ fsGroup: 0 })).toThrow(/Invalid fsGroup 0: 0 is root/));
    test('throws on a non-integer user id', () => expect(() => deploy({ runAsUser: 1.5 })).toThrow(/Invalid runAsUser 1.5: must be an integer/));
    test('throws on the latest tag', () => expect(() => deploy({ containers: [{ image: 'nginx:latest', portNumber: 8080 }] }))
      .toThrow(/Image "nginx:latest" uses the "latest" tag.*Pin it by digest \("nginx@sha256:<digest>"\)/));
    test('throws on an untagged image', () => expect(() => deploy({ containers: [{ image: 'registry.example.com:5000/nginx', portNumber: 8080 }] }))
      .toThrow(/Image "registry.example.com:5000\/nginx" is untagged.*explicit version tag/));
    // Regression (issue 12): the construct refused sha512 pins that HARDEN-WL-003 and its CEL accept.
    test('accepts an image pinned by a sha512 digest, as HARDEN-WL-003 does', () => {
      const image = `registry.example.com/team/web@sha512:${'ab'.repeat(64)}`;
      const { chart } = deploy({ containers: [{ image, portNumber: 8080 }] });
      expect(synthPod(chart).container.image).toBe(image);
    });

    test('throws on a malformed digest', () => expect(() => deploy({ containers: [{ image: 'nginx@sha256:abc', portNumber: 8080 }] }))
      .toThrow(/Invalid image digest in "nginx@sha256:abc": a digest must be "sha256:" followed by 64 lowercase hex/));
    test('throws on a malformed repository name', () => expect(() => deploy({ containers: [{ image: 'Nginx:1.0', portNumber: 8080 }] }))
      .toThrow(/Invalid image "Nginx:1.0": "Nginx" is not a valid repository name/));
    test('throws on a malformed tag', () => expect(() => deploy({ containers: [{ image: 'nginx:-bad', portNumber: 8080 }] }))
      .toThrow(/Invalid image tag "-bad"/));
    test('throws on an unparseable quantity', () => expect(() => deploy({ containers: [{ image: IMAGE, portNumber: 8080, resources: { memoryLimit: '1 gig' } }] }))
      .toThrow(/Invalid memory limit of container "main" "1 gig": not a Kubernetes quantity/));
    test('throws on a zero quantity', () => expect(() => deploy({ containers: [{ image: IMAGE, portNumber: 8080, resources: { cpuRequest: '0' } }] }))
      .toThrow(/Invalid cpu request of container "main" "0": must be greater than zero/));
    test('throws on a cpu limit below the request', () => expect(() => deploy({ containers: [{ image: IMAGE, portNumber: 8080, resources: { cpuRequest: '1', cpuLimit: '500m' } }] }))
      .toThrow(/Invalid cpu limit "500m" of container "main": it is below the request "1".*Raise cpuLimit to at least "1"/));
    test('throws on a memory limit below the request', () => expect(() => deploy({ containers: [{ image: IMAGE, portNumber: 8080, resources: { memoryRequest: '1Gi', memoryLimit: '512Mi' } }] }))
      .toThrow(/Invalid memory limit "512Mi" of container "main": it is below the request "1Gi"/));
    test('throws on a bad writablePathSizeLimit', () => expect(() => deploy({ containers: [{ image: IMAGE, portNumber: 8080, writablePaths: ['/tmp'], writablePathSizeLimit: 'lots' }] }))
      .toThrow(/Invalid writablePathSizeLimit of container "main".*"lots": not a Kubernetes quantity/));
    test('throws on a relative writable path', () => expect(() => deploy({ containers: [{ image: IMAGE, portNumber: 8080, writablePaths: ['tmp'] }] }))
      .toThrow(/Invalid writable path "tmp".*absolute directory/));
    test('throws on a duplicate writable path', () => expect(() => deploy({ containers: [{ image: IMAGE, portNumber: 8080, writablePaths: ['/tmp', '/tmp'] }] }))
      .toThrow(/Writable path "\/tmp" .* is declared twice/));
    test('throws without probes or a port to derive them from', () => expect(() => deploy({ containers: [{ image: IMAGE }] }))
      .toThrow(/container "main" of HardenedDeployment "web" has no liveness or readiness probe and no TCP port.*disableProbes/));
    test('throws on a liveness probe without readiness probe', () => expect(() => deploy({ containers: [{ image: IMAGE, liveness: kplus.Probe.fromCommand(['true']) }] }))
      .toThrow(/has a liveness probe but no readiness probe/));
    test('throws on disableProbes without a reason', () => expect(() => deploy({ containers: [{ image: IMAGE, disableProbes: true }] }))
      .toThrow(/sets disableProbes without a disableProbesReason of at least 10 characters/));
    test('throws on an init container with a probe', () => expect(() => deploy({ initContainers: [{ image: 'busybox:1.36', readiness: kplus.Probe.fromCommand(['true']) }] }))
      .toThrow(/Init container "init-0" .* must not have probes/));
    test('throws on duplicate container names', () => expect(() => deploy({ containers: [{ image: IMAGE, portNumber: 8080 }, { image: IMAGE, portNumber: 9090 }] }))
      .toThrow(/Duplicate container name "main".*Give each container its own `name`/));
    test('throws on an invalid container name', () => expect(() => deploy({ containers: [{ name: 'Main_1', image: IMAGE, portNumber: 8080 }] }))
      .toThrow(/Invalid container name of HardenedDeployment "web" "Main_1"/));
    test('throws on an invalid workload name', () => expect(() => deploy({ name: 'Web_App' }))
      .toThrow(/Invalid name of HardenedDeployment "web" "Web_App": must be a DNS-1123 subdomain/));
    test('throws without containers', () => expect(() => deploy({ containers: [] })).toThrow(/has no containers/));
    test('throws on a hostPath volume', () => {
      const hostPath = kplus.Volume.fromHostPath(Testing.chart(), 'hp', 'host', { path: '/var/run' });
      expect(() => deploy({ containers: [{ image: IMAGE, portNumber: 8080, volumeMounts: [{ path: '/host', volume: hostPath }] }] }))
        .toThrow(/Volume "host" uses the hostPath source, which the restricted Pod Security Standard forbids/);
    });
    test('throws on a hostPath volume added through the cdk8s-plus API (when it is added)', () => {
      const { chart, deployment } = deploy();
      expect(() => deployment.addVolume(kplus.Volume.fromHostPath(chart, 'hp', 'host', { path: '/var/run' }))).toThrow(/Volume "host" uses the hostPath source/);
    });
    test('throws on a probe with a host', () => {
      expect(() => deploy({ containers: [{ image: IMAGE, portNumber: 8080, liveness: kplus.Probe.fromHttpGet('/h', { host: '10.0.0.1' }), readiness: kplus.Probe.fromTcpSocket() }] })).toThrow(/container "main" of HardenedDeployment "web" sets livenessProbe host "10.0.0.1".*Remove `host`/);
    });
    test('throws on a host port', () => expect(() => deploy({ containers: [{ image: IMAGE, portNumber: 8080, ports: [{ number: 9090, hostPort: 9090 }] }] }))
      .toThrow(/sets hostPort 9090.*Remove hostPort/));
    test('throws on a privileged cdk8s-plus container', () => expect(() => deploy().deployment.addContainer({ name: 'x', image: IMAGE, securityContext: { privileged: true } }))
      .toThrow(/Container "x" of HardenedDeployment "web" sets securityContext.privileged to true/));
    test('throws on a cdk8s-plus container with a writable root filesystem', () => expect(() => deploy().deployment.addContainer({ name: 'x', image: IMAGE, securityContext: { readOnlyRootFilesystem: false } }))
      .toThrow(/sets securityContext.readOnlyRootFilesystem to false.*writablePaths/));
    test('throws on a cdk8s-plus container adding SYS_ADMIN', () => expect(() => deploy().deployment.addContainer({ name: 'x', image: IMAGE, securityContext: { capabilities: { add: [kplus.Capability.SYS_ADMIN] } } }))
      .toThrow(/sets securityContext.capabilities.add to \["SYS_ADMIN"\].*Only NET_BIND_SERVICE/));
    test('throws on a cdk8s-plus container running as root', () => expect(() => deploy().deployment.addContainer({ name: 'x', image: IMAGE, securityContext: { user: 0 } }))
      .toThrow(/sets securityContext.runAsUser to 0/));
    test('throws on a cdk8s-plus container with the latest tag', () => expect(() => deploy().deployment.addContainer({ name: 'x', image: 'nginx' }))
      .toThrow(/Image "nginx" is untagged/));
    test('throws on a cdk8s-plus container without probes (when it is added)', () => {
      const { deployment } = deploy();
      expect(() => deployment.addContainer({ name: 'x', image: IMAGE })).toThrow(/container "x" of HardenedDeployment "web" has no liveness probe/);
    });
    test('throws on a cdk8s-plus container with a cpu limit below its request (when it is added)', () => {
      const { deployment } = deploy();
      expect(() => deployment.addContainer({
        name: 'x',
        image: IMAGE,
        liveness: kplus.Probe.fromCommand(['true']),
        readiness: kplus.Probe.fromCommand(['true']),
        resources: {
          cpu: { request: kplus.Cpu.units(2), limit: kplus.Cpu.units(1) },
          memory: { request: Size.mebibytes(64), limit: Size.mebibytes(64) },
        },
      })).toThrow(/Invalid cpu limit of container "x".*1 is below the request 2/);
    });
    test('throws on a duplicate name from the cdk8s-plus API', () => expect(() => deploy().deployment.addContainer({ name: 'main', image: IMAGE }))
      .toThrow(/Duplicate container name "main"/));
    test('throws on a PDB minAvailable not below replicas', () => expect(() => deploy({ replicas: 2, disruptionBudget: DisruptionBudget.minAvailable(2) }))
      .toThrow(/minAvailable 2 is not below the replica count 2.*Lower minAvailable or raise replicas/));
    test('throws on a cdk8s-plus container with an Unconfined seccomp profile', () => expect(() => deploy().deployment.addContainer({
      name: 'x', image: IMAGE, securityContext: { seccompProfile: { type: kplus.SeccompProfileType.UNCONFINED } },
    })).toThrow(/sets securityContext.seccompProfile.type to "Unconfined"/));
    test('throws on a privileged cdk8s-plus init container', () => expect(() => deploy().deployment.addInitContainer({
      image: IMAGE, securityContext: { allowPrivilegeEscalation: true },
    }))
      .toThrow(/Container "init-0" of HardenedDeployment "web" sets securityContext.allowPrivilegeEscalation to true/));
    test('throws on negative replicas', () => expect(() => deploy({ replicas: -1 })).toThrow(/Invalid replicas -1/));
  });

  describe('refuses what the API server would, naming the construct path, the value and the fix', () => {
    test('throws on replicas beyond int32 or not an integer', () => {
      expect(() => deploy({ replicas: 2147483648 })).toThrow(/Invalid replicas 2147483648 for HardenedDeployment "web" at test\/web: must be an integer between 0 and 2147483647/);
      expect(() => deploy({ replicas: 1.5 })).toThrow(/Invalid replicas 1.5/);
      expect(deploy({ replicas: 2147483647 }).deployment.replicas).toBe(2147483647);
    });
    test.each([0, 65536, 80.5, -1])('throws on portNumber %s', port => {
      expect(() => deploy({ containers: [{ image: IMAGE, portNumber: port }] }))
        .toThrow(new RegExp(`Invalid portNumber of container "main" of HardenedDeployment "web" at test/web ${port}: a port must be an integer between 1 and 65535`));
    });
    test('throws on a container port out of range or a bad port name', () => {
      expect(() => deploy({ containers: [{ image: IMAGE, ports: [{ number: 70000 }] }] })).toThrow(/Invalid port of container "main" .* 70000/);
      expect(() => deploy({ containers: [{ image: IMAGE, ports: [{ number: 8080, name: 'Http_Port' }] }] })).toThrow(/Invalid port name .* "Http_Port": a port name must be 1-15 lowercase/);
      expect(() => deploy({ containers: [{ image: IMAGE, ports: [{ number: 8080, name: 'a-very-long-port-name' }] }] })).toThrow(/Invalid port name/);
    });
    test('throws on a probe port out of range (probes given as cdk8s-plus objects, checked as they render)', () => {
      expect(() => deploy({ containers: [{ image: IMAGE, liveness: kplus.Probe.fromTcpSocket({ port: 0 }), readiness: kplus.Probe.fromHttpGet('/ready', { port: 65536 }) }] })).toThrow(/Invalid livenessProbe.tcpSocket.port of container "main" of HardenedDeployment "web" at test\/web 0/);
    });
    test('throws on invalid label keys and values', () => {
      expect(() => deploy({ labels: { 'app.kubernetes.io/name': 'x'.repeat(64) } })).toThrow(/Invalid value "x{64}" of label "app.kubernetes.io\/name" in labels of HardenedDeployment "web" at test\/web: a label value has at most 63 characters/);
      expect(() => deploy({ labels: { '-bad': 'v' } })).toThrow(/Invalid label key "-bad".*must start and end with a letter or digit/);
      expect(() => deploy({ labels: { 'Example.COM/app': 'v' } })).toThrow(/the prefix "Example.COM" must be a DNS-1123 subdomain/);
      expect(() => deploy({ labels: { 'a/b/c': 'v' } })).toThrow(/at most one "\/"/);
      expect(() => deploy({ labels: { [`${'a'.repeat(254)}/x`]: 'v' } })).toThrow(/at most 253 characters/);
      expect(() => deploy({ labels: { tier: 'has space' } })).toThrow(/Invalid value "has space" of label "tier"/);
      expect(() => deploy({ labels: { 'example.com/tier': '', 'x_y.z': 'A-1_b.2' } })).not.toThrow();
    });
    test('throws at synth on two objects of the same kind, namespace and name in one app', () => {
      const app = Testing.app();
      const chart = new Chart(app, 'shop', { namespace: 'shop' });
      new HardenedDeployment(chart, 'a', { name: 'web', containers: [{ image: IMAGE, portNumber: 8080 }] });
      new HardenedDeployment(chart, 'b', { name: 'web', containers: [{ image: IMAGE, portNumber: 8080 }] });
      expect(() => app.synth()).toThrow(/shop\/b\/Resource and shop\/a\/Resource are both apps Deployment shop\/web: on apply the later would replace the earlier\. Give one of them another name/);
    });
    test('the same name in two namespaces, or of two kinds, is fine', () => {
      const app = Testing.app();
      new HardenedDeployment(new Chart(app, 'a', { namespace: 'a' }), 'd', { name: 'web', containers: [{ image: IMAGE, portNumber: 8080 }] });
      new HardenedDeployment(new Chart(app, 'b', { namespace: 'b' }), 'd', { name: 'web', containers: [{ image: IMAGE, portNumber: 8080 }] });
      expect(() => app.synth()).not.toThrow();
    });
  });

  describe('cdk8s-plus public API only: what is added later is hardened or refused', () => {
    const probe = kplus.Probe.fromCommand(['true']);
    const config = (chart: Chart) => kplus.Volume.fromConfigMap(chart, 'cfg', kplus.ConfigMap.fromConfigMapName(chart, 'cm', 'app-config'), { name: 'cfg' });

    test('a cdk8s-plus Container object attached later gets the hardened security context and read-only mounts', () => {
      const { chart, deployment } = deploy();
      const side = new kplus.Container({
        name: 'side',
        image: IMAGE,
        liveness: probe,
        readiness: probe,
        securityContext: { capabilities: { drop: [kplus.Capability.NET_RAW] }, user: 10002 },
        volumeMounts: [{ path: '/etc/side', volume: config(chart) }],
      });
      deployment.attachContainer(side);
      const { pod } = synthPod(chart);
      expect(pod.containers[1].securityContext).toEqual({
        allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, privileged: false, readOnlyRootFilesystem: true, runAsNonRoot: true, runAsUser: 10002,
      });
      expect(pod.containers[1].volumeMounts).toEqual([{ name: 'cfg', mountPath: '/etc/side', readOnly: true }]);
    });

    test('throws when it is added: a cdk8s-plus container without requests and limits (HARDEN-WL-002 as it renders)', () => {
      const { deployment } = deploy();
      expect(() => deployment.addContainer({ name: 'x', image: IMAGE, liveness: probe, readiness: probe, resources: {} }))
        .toThrow(/container "x" of HardenedDeployment "web" has no cpu request: every container needs requests and limits for cpu and memory/);
    });

    test('throws when it is added: a lifecycle hook with a host (HARDEN-PSS-012 as it renders)', () => {
      const { deployment } = deploy();
      expect(() => deployment.addContainer({
        name: 'x', image: IMAGE, liveness: probe, readiness: probe, lifecycle: { preStop: kplus.Handler.fromTcpSocket({ port: 8080, host: 'metadata.internal' }) },
      })).toThrow(/container "x" of HardenedDeployment "web" sets lifecycle.preStop host "metadata.internal".*Remove `host`/);
    });

    test('throws when it is attached: a cdk8s-plus Container object without probes', () => {
      const { deployment } = deploy();
      expect(() => deployment.attachContainer(new kplus.Container({ name: 'side', image: IMAGE })))
        .toThrow(/container "side" of HardenedDeployment "web" has no liveness probe/);
    });

    test('throws at synth, from HARDEN-PSS-013 with the construct path: a hostPath volume mounted later through Container.mount', () => {
      const { chart, deployment } = deploy();
      deployment.containers[0].mount('/host', kplus.Volume.fromHostPath(chart, 'hp', 'host', { path: '/var/run' }), { readOnly: true });
      expect(() => Testing.synth(chart)).toThrow(/\[test\/web\] HardenedDeployment "web" at test\/web: HARDEN-PSS-013 PodUsesOnlyRestrictedVolumeTypes: .*hostPath.*\(at \/spec\/template\/spec\/volumes\/0\/hostPath\)/);
    });

    test('a change after a first synthesis is checked on the next one (the verdict is not kept across changes)', () => {
      const { chart, deployment } = deploy();
      expect(() => Testing.synth(chart)).not.toThrow();
      deployment.containers[0].mount('/host', kplus.Volume.fromHostPath(chart, 'hp', 'host', { path: '/var/run' }), { readOnly: true });
      expect(() => Testing.synth(chart)).toThrow(/HARDEN-PSS-013/);
    });

    test('throws at synth, from the host-ports rule: a host port added later through Container.addPort', () => {
      const { chart, deployment } = deploy();
      deployment.containers[0].addPort({ number: 9090, hostPort: 9090 });
      expect(() => Testing.synth(chart)).toThrow(/\[test\/web\] HardenedDeployment "web" at test\/web: HARDEN-PSS-\d+ ContainerUsesNoHostPorts: .*9090/);
    });

    test('throws at synth: a mount added later through Container.mount without readOnly; accepted when it says readOnly', () => {
      const { chart, deployment } = deploy();
      deployment.containers[0].mount('/etc/app', config(chart));
      expect(() => Testing.synth(chart)).toThrow(/container "main" mounts volume "cfg" at "\/etc\/app" without readOnly.*pass \{ readOnly: true \}/);
      const other = deploy();
      other.deployment.containers[0].mount('/etc/app', config(other.chart), { readOnly: true });
      other.deployment.containers[0].mount('/var/cache/app', kplus.Volume.fromEmptyDir(other.chart, 'cache', 'cache'), { readOnly: false });
      expect(synthPod(other.chart).container.volumeMounts).toEqual([
        { name: 'cfg', mountPath: '/etc/app', readOnly: true },
        { name: 'cache', mountPath: '/var/cache/app', readOnly: false },
      ]);
    });

    test('a JSON patch (the documented escape hatch) is not refused by the construct: SecurityChecks reports it', () => {
      const { chart, deployment } = deploy();
      ApiObject.of(deployment).addJsonPatch(JsonPatch.replace('/spec/template/spec/hostNetwork', true));
      expect(synthPod(chart).pod.hostNetwork).toBe(true);
    });

    test('throws on a writablePathSizeLimit that is not whole mebibytes (cdk8s-plus sizes an emptyDir in Mi)', () => {
      expect(() => deploy({ containers: [{ image: IMAGE, portNumber: 8080, writablePaths: ['/tmp'], writablePathSizeLimit: '100M' }] }))
        .toThrow(/Invalid writablePathSizeLimit of container "main" of HardenedDeployment "web" "100M": cdk8s-plus sizes an emptyDir in whole mebibytes\. Use a multiple of 1Mi, e\.g\. "96Mi"/);
      const { container, pod } = synthPod(deploy({ containers: [{ image: IMAGE, portNumber: 8080, writablePaths: ['/tmp'], writablePathSizeLimit: '1Gi' }] }).chart);
      expect(pod.volumes).toEqual([{ name: 'main-tmp', emptyDir: { sizeLimit: '1024Mi' } }]);
      expect(container.volumeMounts).toEqual([{ name: 'main-tmp', mountPath: '/tmp' }]);
    });
  });
});
