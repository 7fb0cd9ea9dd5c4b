// SPDX-License-Identifier: Apache-2.0
/**
 * Pod specs wherever they are: the pod-spec rules find containers and pod-level fields of known custom
 * resources at their real JSON pointers (field paths from the projects' CRDs and docs).
 */
import { _podTemplates, _runsPods } from '../../../src/policy/rules/_pod-spec';
import { ContainerIsNotPrivileged, PodHasNoHostPathVolumes, PodSharesNoHostNamespaces, ContainerRunsAsNonRoot } from '../../../src/policy/rules/pod-security';
import { ContainerHasHealthProbes, PodUsesDedicatedServiceAccount } from '../../../src/policy/rules/workload';

const NO_CONTEXT = { objects: [] as any[] };
const priv = (name: string) => ({ name, image: 'x', securityContext: { privileged: true } });
const privileged = (obj: any) => new ContainerIsNotPrivileged().check(obj, NO_CONTEXT).map(v => v.path);
const hostNs = (obj: any) => new PodSharesNoHostNamespaces().check(obj, NO_CONTEXT).map(v => v.path);

describe('pod specs of custom resources', () => {
  test.each([
    ['Argo Rollout', 'argoproj.io/v1alpha1', 'Rollout'],
    ['Knative Service', 'serving.knative.dev/v1', 'Service'],
    ['Knative Configuration', 'serving.knative.dev/v1', 'Configuration'],
    ['OpenKruise CloneSet', 'apps.kruise.io/v1alpha1', 'CloneSet'],
    ['OpenKruise Advanced StatefulSet', 'apps.kruise.io/v1beta1', 'StatefulSet'],
    ['OpenKruise Advanced DaemonSet', 'apps.kruise.io/v1alpha1', 'DaemonSet'],
    ['an unknown kind with spec.template.spec', 'example.com/v1', 'Anything'],
  ])('%s: spec.template.spec (generic walk)', (_name, apiVersion, kind) => {
    const obj = { apiVersion, kind, metadata: { name: 'x' }, spec: { template: { spec: { hostPID: true, containers: [priv('a')] } } } };
    expect(privileged(obj)).toEqual(['/spec/template/spec/containers/0/securityContext/privileged']);
    expect(hostNs(obj)).toEqual(['/spec/template/spec/hostPID']);
    expect(_runsPods(obj)).toBe(true);
  });

  test('an unknown kind with spec.jobTemplate.spec.template.spec (generic walk)', () => {
    const obj = { apiVersion: 'example.com/v1', kind: 'Nightly', metadata: { name: 'x' }, spec: { jobTemplate: { spec: { template: { spec: { containers: [priv('a')] } } } } } };
    expect(privileged(obj)).toEqual(['/spec/jobTemplate/spec/template/spec/containers/0/securityContext/privileged']);
  });

  test('OpenKruise AdvancedCronJob: jobTemplate and broadcastJobTemplate', () => {
    const t = { spec: { template: { spec: { containers: [priv('a')] } } } };
    const obj = { apiVersion: 'apps.kruise.io/v1alpha1', kind: 'AdvancedCronJob', metadata: { name: 'x' }, spec: { template: { jobTemplate: t, broadcastJobTemplate: t } } };
    expect(privileged(obj)).toEqual([
      '/spec/template/jobTemplate/spec/template/spec/containers/0/securityContext/privileged',
      '/spec/template/broadcastJobTemplate/spec/template/spec/containers/0/securityContext/privileged',
    ]);
  });

  test('Knative Revision: the pod spec is spec itself', () => {
    const obj = { apiVersion: 'serving.knative.dev/v1', kind: 'Revision', metadata: { name: 'x' }, spec: { containers: [priv('a')] } };
    expect(privileged(obj)).toEqual(['/spec/containers/0/securityContext/privileged']);
  });

  test('Argo Workflow: container, script, containerSet, initContainers and sidecars of every template; steps templates have no pod', () => {
    const obj = {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Workflow',
      metadata: { generateName: 'w-' },
      spec: {
        entrypoint: 'main',
        templates: [
          { name: 'main', steps: [[{ name: 's', template: 'a' }]] },
          { name: 'a', container: priv('main'), initContainers: [priv('init')], sidecars: [priv('side')] },
          { name: 'b', script: { ...priv('s'), source: 'echo hi' } },
          { name: 'c', containerSet: { containers: [{ name: 'ok', image: 'x' }, priv('bad')] } },
        ],
        templateDefaults: { container: priv('defaults') },
      },
    };
    expect(privileged(obj)).toEqual([
      '/spec/templates/1/container/securityContext/privileged',
      '/spec/templates/1/initContainers/0/securityContext/privileged',
      '/spec/templates/1/sidecars/0/securityContext/privileged',
      '/spec/templates/2/script/securityContext/privileged',
      '/spec/templates/3/containerSet/containers/1/securityContext/privileged',
      '/spec/templateDefaults/container/securityContext/privileged',
    ]);
    expect(new ContainerHasHealthProbes().check(obj, NO_CONTEXT)).toEqual([]);
  });

  test('Argo Workflow: workflow-level pod fields apply to every template, reported where they are written', () => {
    const obj = {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Workflow',
      metadata: { name: 'w' },
      spec: {
        hostNetwork: true,
        serviceAccountName: 'runner',
        securityContext: { runAsNonRoot: true },
        volumes: [{ name: 'h', hostPath: { path: '/' } }],
        templates: [{ name: 'a', container: { name: 'main', image: 'x' }, volumes: [{ name: 'own', emptyDir: {} }] }],
      },
    };
    expect(hostNs(obj)).toEqual(['/spec/hostNetwork']);
    expect(new PodHasNoHostPathVolumes().check(obj, NO_CONTEXT).map(v => v.path)).toEqual(['/spec/volumes/0/hostPath']);
    // runAsNonRoot comes from the workflow, the service account too: no findings.
    expect(new ContainerRunsAsNonRoot().check(obj, NO_CONTEXT)).toEqual([]);
    expect(new PodUsesDedicatedServiceAccount().check(obj, NO_CONTEXT)).toEqual([]);
  });

  test('Argo WorkflowTemplate / ClusterWorkflowTemplate / CronWorkflow', () => {
    const spec = { templates: [{ name: 'a', container: priv('main') }] };
    expect(privileged({ apiVersion: 'argoproj.io/v1alpha1', kind: 'WorkflowTemplate', metadata: { name: 'x' }, spec })).toEqual(['/spec/templates/0/container/securityContext/privileged']);
    expect(privileged({ apiVersion: 'argoproj.io/v1alpha1', kind: 'ClusterWorkflowTemplate', metadata: { name: 'x' }, spec })).toEqual(['/spec/templates/0/container/securityContext/privileged']);
    const cron = { apiVersion: 'argoproj.io/v1alpha1', kind: 'CronWorkflow', metadata: { name: 'x' }, spec: { schedule: '* * * * *', workflowSpec: spec } };
    expect(privileged(cron)).toEqual(['/spec/workflowSpec/templates/0/container/securityContext/privileged']);
    expect(_runsPods(cron)).toBe(true);
    expect(_runsPods({ apiVersion: 'argoproj.io/v1alpha1', kind: 'WorkflowTemplate', metadata: { name: 'x' }, spec })).toBe(false);
  });

  test('Tekton Task / ClusterTask: steps (stepTemplate merged in) and sidecars', () => {
    const spec = { stepTemplate: { securityContext: { privileged: true } }, steps: [{ name: 'build', image: 'x' }, { name: 'ok', image: 'x', securityContext: { privileged: false } }], sidecars: [priv('docker')] };
    for (const kind of ['Task', 'ClusterTask']) {
      expect(privileged({ apiVersion: 'tekton.dev/v1', kind, metadata: { name: 'x' }, spec })).toEqual([
        '/spec/steps/0/securityContext/privileged',
        '/spec/sidecars/0/securityContext/privileged',
      ]);
    }
    // A Task alone does not choose its service account (the run does): not reported as "default".
    expect(new PodUsesDedicatedServiceAccount().check({ apiVersion: 'tekton.dev/v1', kind: 'Task', metadata: { name: 'x' }, spec }, NO_CONTEXT)).toEqual([]);
  });

  test('Tekton Pipeline: inline taskSpecs of tasks and finally', () => {
    const taskSpec = { steps: [priv('s')] };
    const obj = { apiVersion: 'tekton.dev/v1', kind: 'Pipeline', metadata: { name: 'x' }, spec: { tasks: [{ name: 'ref', taskRef: { name: 't' } }, { name: 'inline', taskSpec }], finally: [{ name: 'f', taskSpec }] } };
    expect(privileged(obj)).toEqual(['/spec/tasks/1/taskSpec/steps/0/securityContext/privileged', '/spec/finally/0/taskSpec/steps/0/securityContext/privileged']);
  });

  test('Tekton TaskRun: inline taskSpec with the pod template and service account of the run', () => {
    const obj = {
      apiVersion: 'tekton.dev/v1',
      kind: 'TaskRun',
      metadata: { name: 'x' },
      spec: { serviceAccountName: 'default', podTemplate: { hostNetwork: true }, taskSpec: { steps: [priv('s')] } },
    };
    expect(privileged(obj)).toEqual(['/spec/taskSpec/steps/0/securityContext/privileged']);
    expect(hostNs(obj)).toEqual(['/spec/podTemplate/hostNetwork']);
    expect(new PodUsesDedicatedServiceAccount().check(obj, NO_CONTEXT).map(v => v.path)).toEqual(['/spec/serviceAccountName']);
    // With a taskRef, the pod template is still checked.
    const ref = { apiVersion: 'tekton.dev/v1', kind: 'TaskRun', metadata: { name: 'x' }, spec: { taskRef: { name: 't' }, podTemplate: { hostIPC: true } } };
    expect(hostNs(ref)).toEqual(['/spec/podTemplate/hostIPC']);
  });

  test('Tekton PipelineRun: inline pipelineSpec, v1 taskRunTemplate and v1beta1 podTemplate, per-task pod templates', () => {
    const pipelineSpec = { tasks: [{ name: 'a', taskSpec: { steps: [priv('s')] } }] };
    const v1 = { apiVersion: 'tekton.dev/v1', kind: 'PipelineRun', metadata: { name: 'x' }, spec: { pipelineSpec, taskRunTemplate: { podTemplate: { hostPID: true } }, taskRunSpecs: [{ pipelineTaskName: 'a', podTemplate: { hostNetwork: true } }] } };
    expect(privileged(v1)).toEqual(['/spec/pipelineSpec/tasks/0/taskSpec/steps/0/securityContext/privileged']);
    expect(hostNs(v1)).toEqual(['/spec/taskRunTemplate/podTemplate/hostPID', '/spec/taskRunSpecs/0/podTemplate/hostNetwork']);
    const v1beta1 = { apiVersion: 'tekton.dev/v1beta1', kind: 'PipelineRun', metadata: { name: 'x' }, spec: { pipelineRef: { name: 'p' }, podTemplate: { hostPID: true }, taskRunSpecs: [{ pipelineTaskName: 'a', taskPodTemplate: { hostIPC: true } }] } };
    expect(hostNs(v1beta1)).toEqual(['/spec/podTemplate/hostPID', '/spec/taskRunSpecs/0/taskPodTemplate/hostIPC']);
  });

  test('KubeVirt VirtualMachine: its template spec is not a pod spec, and is not read as one', () => {
    const vm = { apiVersion: 'kubevirt.io/v1', kind: 'VirtualMachine', metadata: { name: 'v' }, spec: { template: { spec: { domain: {}, volumes: [{ name: 'd', containerDisk: { image: 'x' } }] } } } };
    expect(_podTemplates(vm)).toEqual([]);
  });

  test('a core Service or a batch-group look-alike without a pod template is not a pod', () => {
    expect(_podTemplates({ apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { ports: [] } })).toEqual([]);
    expect(_podTemplates({ apiVersion: 'batch.volcano.sh/v1alpha1', kind: 'Job', metadata: { name: 'j' }, spec: { tasks: [] } })).toEqual([]);
  });
});
