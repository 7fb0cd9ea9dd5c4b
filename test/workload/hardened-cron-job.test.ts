// SPDX-License-Identifier: Apache-2.0
import { ApiObject, Chart, Cron, Duration, Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { expectHardenedPodDefaults } from './_pod-defaults';
import { Checker, HardenedCronJob, HardenedCronJobProps, HardenedNamespace, RulePacks } from '../../src';
import { findOne, synthValid } from '../util';

const IMAGE = 'registry.example.com/team/migrate:1.4.2';
const PINNED = `${IMAGE}@sha256:${'ab'.repeat(32)}`;

function job(props: Partial<HardenedCronJobProps> = {}, chart: Chart = Testing.chart()) {
  const construct = new HardenedCronJob(chart, 'migrate', {
    schedule: Cron.daily(), containers: [{ image: IMAGE, command: ['migrate'] }], ...props,
  });
  return { chart, job: construct };
}

function synthPod(chart: Chart) {
  const objects = synthValid(chart);
  const workload = findOne(objects, 'CronJob');
  return { objects, workload, pod: workload.spec.jobTemplate.spec.template.spec };
}

describe('HardenedCronJob', () => {
  test('minimal definition', () => {
    expect(synthValid(job().chart)).toMatchSnapshot();
  });

  test('defaultChild', () => {
    const { job: construct } = job();
    expect(ApiObject.of(construct).kind).toBe('CronJob');
    expect(construct.node.defaultChild).toBe(ApiObject.of(construct));
  });

  expectHardenedPodDefaults(() => synthPod(job().chart));

  test('pods run to completion: restartPolicy Never, no probes required or derived', () => {
    const { pod } = synthPod(job({ containers: [{ image: IMAGE, portNumber: 8080 }] }).chart);
    expect(pod.restartPolicy).toBe('Never');
    expect(pod.containers[0].livenessProbe).toBeUndefined();
    expect(pod.containers[0].readinessProbe).toBeUndefined();
  });

  test('no PodDisruptionBudget and no topology spread', () => {
    const { objects, pod } = synthPod(job().chart);
    expect(objects.filter(o => o.kind === 'PodDisruptionBudget')).toEqual([]);
    expect(pod.topologySpreadConstraints).toBeUndefined();
  });

  test('runs never overlap by default (concurrencyPolicy Forbid)', () => {
    expect(synthPod(job().chart).workload.spec.concurrencyPolicy).toBe('Forbid');
  });

  test('CronJob and Job settings are passed through', () => {
    const { workload } = synthPod(job({
      schedule: Cron.hourly(), timeZone: 'Etc/UTC', suspend: true, backoffLimit: 2, activeDeadline: Duration.minutes(10),
    }).chart);
    expect(workload.spec).toMatchObject({ schedule: '0 * * * *', timeZone: 'Etc/UTC', suspend: true });
    expect(workload.spec.jobTemplate.spec).toMatchObject({ backoffLimit: 2, activeDeadlineSeconds: 600 });
  });

  test('default props in a hardened namespace pass every pack with zero findings', () => {
    const chart = Testing.chart();
    const ns = new HardenedNamespace(chart, 'Ns', { name: 'batch' });
    job({ namespace: ns, containers: [{ image: PINNED }] }, chart);
    const report = new Checker({ packs: RulePacks.all() }).check(synthValid(chart));
    expect(report.findings.map(f => `${f.ruleId} ${f.kind}/${f.name} ${f.path}`)).toEqual([]);
  });

  test('throws on a root runAsUser', () => {
    expect(() => job({ runAsUser: 0 })).toThrow(/Invalid runAsUser 0: 0 is root/);
  });

  test('throws on an untagged image', () => {
    expect(() => job({ containers: [{ image: 'registry.example.com/team/migrate' }] })).toThrow(/is untagged/);
  });

  test('throws without containers', () => {
    expect(() => job({ containers: [] })).toThrow(/HardenedCronJob "migrate" has no containers/);
  });

  test('throws on disableProbes, which a run-to-completion pod does not need', () => {
    expect(() => job({ containers: [{ image: IMAGE, disableProbes: true, disableProbesReason: 'batch container has no port' }] }))
      .toThrow(/sets disableProbes, but its pods run to completion/);
  });

  test('throws on a privileged cdk8s-plus container', () => {
    const { job: construct } = job();
    expect(() => construct.addContainer({ name: 'side', image: IMAGE, securityContext: { privileged: true } }))
      .toThrow(/Container "side" of HardenedCronJob "migrate" sets securityContext.privileged to true/);
  });

  test('throws on a duplicate init container name', () => {
    const { job: construct } = job({ initContainers: [{ image: IMAGE, name: 'wait' }] });
    expect(() => construct.addInitContainer({ name: 'wait', image: IMAGE })).toThrow(/Duplicate container name "wait"/);
  });

  test('addHardenedContainer adds a hardened container', () => {
    const { chart, job: construct } = job();
    construct.addHardenedContainer({ name: 'report', image: IMAGE, writablePaths: ['/tmp'] });
    const { pod } = synthPod(chart);
    const report = pod.containers.find((c: any) => c.name === 'report');
    expect(report.securityContext.readOnlyRootFilesystem).toBe(true);
    expect(report.volumeMounts).toEqual([{ name: 'report-tmp', mountPath: '/tmp' }]);
  });

  test('an inherited cdk8s-plus container is hardened at synthesis', () => {
    const { chart, job: construct } = job();
    construct.addContainer({
      name: 'plain',
      image: IMAGE,
      resources: {
        cpu: { request: kplus.Cpu.millis(50), limit: kplus.Cpu.millis(100) },
        memory: { request: Size.mebibytes(64), limit: Size.mebibytes(64) },
      },
    });
    const { pod } = synthPod(chart);
    const plain = pod.containers.find((c: any) => c.name === 'plain');
    expect(plain.securityContext).toMatchObject({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
  });

  test('the job template\'s pod gets what cdk8s-plus has no prop for (patched at its own path): string resources, an attached container\'s security context', () => {
    const { chart, job: construct } = job({ containers: [{ image: IMAGE, command: ['migrate'], resources: { cpuRequest: '250m', memoryLimit: '1Gi' } }] });
    construct.attachContainer(new kplus.Container({ name: 'side', image: IMAGE, securityContext: { capabilities: { drop: [kplus.Capability.NET_RAW] } } }));
    const { pod } = synthPod(chart);
    expect(pod.containers[0].resources).toEqual({ requests: { cpu: '250m', memory: '128Mi' }, limits: { cpu: '500m', memory: '1Gi' } });
    expect(pod.containers[1].securityContext).toEqual({
      allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, privileged: false, readOnlyRootFilesystem: true, runAsNonRoot: true,
    });
    expect(pod.securityContext.seccompProfile).toEqual({ type: 'RuntimeDefault' });
    expect([pod.hostPID, pod.hostIPC]).toEqual([false, false]);
  });
});
