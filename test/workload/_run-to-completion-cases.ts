// SPDX-License-Identifier: Apache-2.0
/**
 * The cases HardenedJob and HardenedCronJob share (their pods run to completion). Each construct's test calls this
 * with its own factory and synthesis, so a construct that loses one behaviour fails its own test.
 */
import { Chart, Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Checker, HardenedContainerProps, HardenedNamespace, INamespaceRef, RulePacks } from '../../src';
import { synthValid } from '../util';

/** What the shared cases need of a run-to-completion workload's props. */
export interface RunToCompletionProps {
  readonly containers?: HardenedContainerProps[];
  readonly initContainers?: HardenedContainerProps[];
  readonly namespace?: INamespaceRef;
  readonly runAsUser?: number;
}

/** A run-to-completion workload as the shared cases use it. */
export interface RunToCompletionWorkload {
  addContainer(props: kplus.ContainerProps): kplus.Container;
  addInitContainer(props: kplus.ContainerProps): kplus.Container;
  addHardenedContainer(props: HardenedContainerProps): kplus.Container;
}

export function runToCompletionCases(
  kind: string,
  image: string,
  make: (props?: RunToCompletionProps, chart?: Chart) => { chart: Chart; job: RunToCompletionWorkload },
  synthPod: (chart: Chart) => { objects: any[]; pod: any },
): void {
  const pinned = `${image}@sha256:${'ab'.repeat(32)}`;

  test('pods run to completion: restartPolicy Never, no probes required or derived', () => {
    const { pod } = synthPod(make({ containers: [{ image, portNumber: 8080 }] }).chart);
    expect(pod.restartPolicy).toBe('Never');
    expect(pod.containers[0].livenessProbe).toBeUndefined();
    expect(pod.containers[0].readinessProbe).toBeUndefined();
  });

  test('no PodDisruptionBudget and no topology spread', () => {
    const { objects, pod } = synthPod(make().chart);
    expect(objects.filter(o => o.kind === 'PodDisruptionBudget')).toEqual([]);
    expect(pod.topologySpreadConstraints).toBeUndefined();
  });

  test('default props in a hardened namespace pass every pack with zero findings', () => {
    const chart = Testing.chart();
    const ns = new HardenedNamespace(chart, 'Ns', { name: 'batch' });
    make({ namespace: ns, containers: [{ image: pinned }] }, chart);
    const report = new Checker({ packs: RulePacks.all() }).check(synthValid(chart));
    expect(report.findings.map(f => `${f.ruleId} ${f.kind}/${f.name} ${f.path}`)).toEqual([]);
  });

  test('throws on a root runAsUser', () => {
    expect(() => make({ runAsUser: 0 })).toThrow(/Invalid runAsUser 0: 0 is root/);
  });

  test('throws on an untagged image', () => {
    expect(() => make({ containers: [{ image: 'registry.example.com/team/migrate' }] })).toThrow(/is untagged/);
  });

  test('throws without containers', () => {
    expect(() => make({ containers: [] })).toThrow(new RegExp(`${kind} "migrate" has no containers`));
  });

  test('throws on disableProbes, which a run-to-completion pod does not need', () => {
    expect(() => make({ containers: [{ image, disableProbes: true, disableProbesReason: 'batch container has no port' }] }))
      .toThrow(/sets disableProbes, but its pods run to completion/);
  });

  test('throws on a privileged cdk8s-plus container', () => {
    const { job } = make();
    expect(() => job.addContainer({ name: 'side', image, securityContext: { privileged: true } }))
      .toThrow(new RegExp(`Container "side" of ${kind} "migrate" sets securityContext.privileged to true`));
  });

  test('throws on a duplicate init container name', () => {
    const { job } = make({ initContainers: [{ image, name: 'wait' }] });
    expect(() => job.addInitContainer({ name: 'wait', image })).toThrow(/Duplicate container name "wait"/);
  });

  test('addHardenedContainer adds a hardened container', () => {
    const { chart, job } = make();
    job.addHardenedContainer({ name: 'report', image, writablePaths: ['/tmp'] });
    const { pod } = synthPod(chart);
    const report = pod.containers.find((c: any) => c.name === 'report');
    expect(report.securityContext.readOnlyRootFilesystem).toBe(true);
    expect(report.volumeMounts).toEqual([{ name: 'report-tmp', mountPath: '/tmp' }]);
  });

  test('an inherited cdk8s-plus container is hardened when it is added', () => {
    const { chart, job } = make();
    job.addContainer({
      name: 'plain',
      image,
      resources: {
        cpu: { request: kplus.Cpu.millis(50), limit: kplus.Cpu.millis(100) },
        memory: { request: Size.mebibytes(64), limit: Size.mebibytes(64) },
      },
    });
    const { pod } = synthPod(chart);
    const plain = pod.containers.find((c: any) => c.name === 'plain');
    expect(plain.securityContext).toMatchObject({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
  });
}
