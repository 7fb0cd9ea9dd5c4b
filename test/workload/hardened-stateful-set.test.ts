// SPDX-License-Identifier: Apache-2.0
import { ApiObject, Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { expectHardenedPodDefaults } from './_pod-defaults';
import { DisruptionBudget, HardenedStatefulSet, HardenedStatefulSetProps } from '../../src';
import { findAll, findOne, synthValid } from '../util';

const IMAGE = 'registry.example.com/team/db:16.4';

function statefulSet(props: Partial<HardenedStatefulSetProps> = {}, chart: Chart = Testing.chart()) {
  const sts = new HardenedStatefulSet(chart, 'db', {
    containers: [{ image: IMAGE, portNumber: 5432 }],
    ...props,
  });
  return { chart, sts };
}

function synthPod(chart: Chart): { objects: any[]; workload: any; pod: any; container: any } {
  const objects = synthValid(chart);
  const workload = findOne(objects, 'StatefulSet');
  const pod = workload.spec.template.spec;
  return { objects, workload, pod, container: pod.containers[0] };
}

describe('HardenedStatefulSet', () => {
  test('minimal definition', () => {
    const { chart } = statefulSet();
    expect(synthValid(chart)).toMatchSnapshot();
  });

  test('fsGroupChangePolicy: Kubernetes\' Always by default, OnRootMismatch on request', () => {
    expect(synthPod(statefulSet().chart).pod.securityContext.fsGroupChangePolicy).toBe('Always');
    expect(synthPod(statefulSet({ fsGroupChangePolicy: kplus.FsGroupChangePolicy.ON_ROOT_MISMATCH }).chart).pod.securityContext.fsGroupChangePolicy).toBe('OnRootMismatch');
  });

  test('defaultChild', () => {
    const { sts } = statefulSet();
    expect(ApiObject.of(sts).kind).toBe('StatefulSet');
    expect(sts.node.defaultChild).toBe(ApiObject.of(sts));
  });

  expectHardenedPodDefaults(() => synthPod(statefulSet().chart));

  describe('container security defaults beyond the shared ones', () => {
    const { container } = synthPod(statefulSet().chart);
    test('liveness probe derived from the port (TCP)', () => expect(container.livenessProbe.tcpSocket).toEqual({ port: 5432 }));
    test('readiness probe derived from the port (TCP)', () => expect(container.readinessProbe.tcpSocket).toEqual({ port: 5432 }));
  });

  test('defaults to one replica without PDB or spread constraints', () => {
    const { objects, workload, pod } = synthPod(statefulSet().chart);
    expect(workload.spec.replicas).toBe(1);
    expect(findAll(objects, 'PodDisruptionBudget')).toHaveLength(0);
    expect(pod.topologySpreadConstraints).toBeUndefined();
  });

  test('more than one replica gets a PDB and spread constraints', () => {
    const { objects, workload, pod } = synthPod(statefulSet({ replicas: 3, disruptionBudget: DisruptionBudget.minAvailable(2) }).chart);
    const pdb = findOne(objects, 'PodDisruptionBudget');
    expect(pdb.spec.minAvailable).toBe(2);
    expect(pdb.spec.selector).toEqual(workload.spec.selector);
    expect(pod.topologySpreadConstraints.map((t: any) => [t.topologyKey, t.whenUnsatisfiable])).toEqual([
      ['kubernetes.io/hostname', 'DoNotSchedule'],
      ['topology.kubernetes.io/zone', 'ScheduleAnyway'],
    ]);
    expect(pod.topologySpreadConstraints[0].matchLabelKeys).toBeUndefined();
  });

  test('the headless Service is ClusterIP (None) and everything is in the namespace', () => {
    const chart = Testing.chart();
    const ns = new kplus.Namespace(chart, 'ns', { metadata: { name: 'data' } });
    statefulSet({ namespace: ns, replicas: 2 }, chart);
    const objects = synthValid(chart);
    const svc = findOne(objects, 'Service');
    expect(svc.spec.type).toBe('ClusterIP');
    expect(svc.spec.clusterIP).toBe('None');
    for (const kind of ['StatefulSet', 'ServiceAccount', 'PodDisruptionBudget', 'Service']) {
      expect(findOne(objects, kind).metadata.namespace).toBe('data');
    }
  });

  test('a data volume may be mounted writable only with an explicit readOnly: false', () => {
    const chart = Testing.chart();
    const claim = kplus.PersistentVolumeClaim.fromClaimName(chart, 'claim', 'db-data');
    const data = kplus.Volume.fromPersistentVolumeClaim(chart, 'data', claim);
    const { container } = synthPod(statefulSet({
      containers: [{ image: IMAGE, portNumber: 5432, volumeMounts: [{ path: '/var/lib/postgresql/data', volume: data, readOnly: false }] }],
    }, chart).chart);
    expect(container.volumeMounts).toEqual([{ name: data.name, mountPath: '/var/lib/postgresql/data', readOnly: false }]);
    expect(container.securityContext.readOnlyRootFilesystem).toBe(true);
  });

  describe('validation', () => {
    test('throws on runAsUser 0', () => expect(() => statefulSet({ runAsUser: 0 })).toThrow(/Invalid runAsUser 0: 0 is root/));
    test('throws on the latest tag', () => expect(() => statefulSet({ containers: [{ image: 'postgres:latest', portNumber: 5432 }] }))
      .toThrow(/Image "postgres:latest" uses the "latest" tag/));
    test('throws on an untagged image', () => expect(() => statefulSet({ containers: [{ image: 'postgres', portNumber: 5432 }] }))
      .toThrow(/Image "postgres" is untagged/));
    test('throws on a memory limit below the request', () => expect(() => statefulSet({ containers: [{ image: IMAGE, portNumber: 5432, resources: { memoryRequest: '2Gi', memoryLimit: '1Gi' } }] }))
      .toThrow(/Invalid memory limit "1Gi" of container "main": it is below the request "2Gi"/));
    test('throws without probes or a port', () => expect(() => statefulSet({ containers: [{ image: IMAGE }], service: undefined }))
      .toThrow(/has no liveness or readiness probe and no TCP port/));
    test('throws on a privileged cdk8s-plus container', () => expect(() => statefulSet().sts.addContainer({ name: 'x', image: IMAGE, securityContext: { privileged: true } }))
      .toThrow(/Container "x" of HardenedStatefulSet "db" sets securityContext.privileged to true/));
    test('throws on a PDB minAvailable not below replicas', () => expect(() => statefulSet({ replicas: 3, disruptionBudget: DisruptionBudget.minAvailable(3) }))
      .toThrow(/minAvailable 3 is not below the replica count 3/));
  });
});
