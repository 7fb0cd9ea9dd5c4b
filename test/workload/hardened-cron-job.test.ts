// SPDX-License-Identifier: Apache-2.0
import { ApiObject, Chart, Cron, Duration, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { expectHardenedPodDefaults } from './_pod-defaults';
import { runToCompletionCases } from './_run-to-completion-cases';
import { HardenedCronJob, HardenedCronJobProps } from '../../src';
import { findOne, synthValid } from '../util';

const IMAGE = 'registry.example.com/team/migrate:1.4.2';

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

  runToCompletionCases('HardenedCronJob', IMAGE, job, synthPod);

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
