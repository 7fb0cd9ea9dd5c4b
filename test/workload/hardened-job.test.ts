// SPDX-License-Identifier: Apache-2.0
import { ApiObject, Chart, Duration, Testing } from 'cdk8s';
import { expectHardenedPodDefaults } from './_pod-defaults';
import { runToCompletionCases } from './_run-to-completion-cases';
import { HardenedJob, HardenedJobProps } from '../../src';
import { findOne, synthValid } from '../util';

const IMAGE = 'registry.example.com/team/migrate:1.4.2';

function job(props: Partial<HardenedJobProps> = {}, chart: Chart = Testing.chart()) {
  const construct = new HardenedJob(chart, 'migrate', { containers: [{ image: IMAGE, command: ['migrate'] }], ...props });
  return { chart, job: construct };
}

function synthPod(chart: Chart) {
  const objects = synthValid(chart);
  const workload = findOne(objects, 'Job');
  return { objects, workload, pod: workload.spec.template.spec };
}

describe('HardenedJob', () => {
  test('minimal definition', () => {
    expect(synthValid(job().chart)).toMatchSnapshot();
  });

  test('defaultChild', () => {
    const { job: construct } = job();
    expect(ApiObject.of(construct).kind).toBe('Job');
    expect(construct.node.defaultChild).toBe(ApiObject.of(construct));
  });

  expectHardenedPodDefaults(() => synthPod(job().chart));

  test('Job settings are passed through', () => {
    const { workload } = synthPod(job({ backoffLimit: 2, activeDeadline: Duration.minutes(10), ttlAfterFinished: Duration.hours(1) }).chart);
    expect(workload.spec).toMatchObject({ backoffLimit: 2, activeDeadlineSeconds: 600, ttlSecondsAfterFinished: 3600 });
  });

  runToCompletionCases('HardenedJob', IMAGE, job, synthPod);
});
