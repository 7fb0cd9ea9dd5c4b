// SPDX-License-Identifier: Apache-2.0
/**
 * Internal: what the hardened workloads (Deployment, StatefulSet, Job, CronJob, DaemonSet) pass to their cdk8s-plus base class and do after it,
 * written once. (They extend different cdk8s-plus classes, so the sharing is by functions, not by a base class.)
 */
import { ApiObject, Names } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { _createDisruptionBudget } from './_disruption-budget';
import { _definedOnly, _WorkloadHardening } from './_hardening';
import { HardenedContainerProps } from './hardened-container';
import { HardenedWorkloadProps } from './hardened-workload-props';
import { _ensureUniqueObjects } from '../core/_kube-validation';
import { LeastPrivilegeServiceAccount } from '../rbac/least-privilege-service-account';

/**
 * Stands in for the workload's own service account in the cdk8s-plus props: the account is a child of the workload
 * (id `ServiceAccount`), so it can only be created after the cdk8s-plus constructor has run. cdk8s-plus reads only
 * `serviceAccount.name`, and only when it renders the pod spec, by which time `_bind` has been called.
 */
class OwnServiceAccount implements kplus.IServiceAccount {
  private target?: LeastPrivilegeServiceAccount;

  public _bind(target: LeastPrivilegeServiceAccount): void {
    this.target = target;
  }

  private get sa(): LeastPrivilegeServiceAccount {
    if (!this.target) throw new Error('internal error: the hardened workload\'s own service account was read before it was created');
    return this.target;
  }

  public get node() { return this.sa.node; }
  public get name() { return this.sa.name; }
  public get apiVersion() { return this.sa.apiVersion; }
  public get apiGroup() { return this.sa.apiGroup; }
  public get kind() { return this.sa.kind; }
  public get resourceType() { return this.sa.resourceType; }
  public get resourceName() { return this.sa.resourceName; }
  public toSubjectConfiguration() { return this.sa.toSubjectConfiguration(); }
}

const OWN_SERVICE_ACCOUNT = new WeakMap<_WorkloadHardening, OwnServiceAccount>();
const HARDENING = new WeakMap<kplus.Workload, _WorkloadHardening>();

/** Where a workload kind keeps its pod template, and the labels its topology spread counts pods by. @internal */
export interface _PodTemplateOptions {
  /** JSON pointer of the pod spec in the L1 object. @default '/spec/template/spec' */
  readonly podSpec?: string;
  /** `matchLabelKeys` of the topology spread constraints. @default - none */
  readonly matchLabelKeys?: string[];
}

/**
 * Creates the hardening of a workload (validating its props) before the cdk8s-plus constructor runs. `kind` names it
 * in messages (`HardenedDeployment "web"`), with its construct path.
 * @internal
 */
export function _newHardening(kind: string, scope: Construct, id: string, props: HardenedWorkloadProps, replicas: number,
  options: ConstructorParameters<typeof _WorkloadHardening>[4] = {}): _WorkloadHardening {
  return new _WorkloadHardening(props, replicas, `${kind} "${id}"`, [scope.node.path, id].filter(p => p !== '').join('/'), options);
}

/** The body of a hardened workload's `addContainer` / `addInitContainer` override (`add` calls the cdk8s-plus method). @internal */
export function _addContainer(workload: kplus.Workload, cont: kplus.ContainerProps, init: boolean,
  add: (props: kplus.ContainerProps) => kplus.Container): kplus.Container {
  const hardening = HARDENING.get(workload);
  // Undefined while the cdk8s-plus constructor adds the props' containers, which _afterHardenedWorkload then hardens.
  return hardening ? hardening.addContainer(workload, cont, init, add) : add(cont);
}

/** The body of `addHardenedContainer` / `addHardenedInitContainer`. @internal */
export function _addHardenedContainer(workload: kplus.Workload, props: HardenedContainerProps, init: boolean): kplus.Container {
  const prepared = HARDENING.get(workload)!.prepare(props, init);
  return init ? workload.addInitContainer(prepared) : workload.addContainer(prepared);
}

/** The body of a hardened workload's `attachContainer` override. @internal */
export function _attachContainer(workload: kplus.Workload, cont: kplus.Container, attach: (c: kplus.Container) => void): void {
  const hardening = HARDENING.get(workload);
  if (hardening) hardening.attachContainer(workload, cont, attach);
  else attach(cont); // the cdk8s-plus constructor's addContainer: hardened in _afterHardenedWorkload

}

/** The body of a hardened workload's `addVolume` override. @internal */
export function _addVolume(workload: kplus.Workload, vol: kplus.Volume, add: (v: kplus.Volume) => void): void {
  HARDENING.get(workload)!.addVolume(vol, add);
}

/**
 * The cdk8s-plus props common to the hardened workloads: metadata, containers, the service account and the fixed
 * pod-level hardening (no token, no host network, non-root ids). Kind-specific props are added by the caller.
 * @internal
 */
export function _hardenedWorkloadProps(props: HardenedWorkloadProps,
  hardening: _WorkloadHardening): kplus.WorkloadProps {
  return {
    metadata: _definedOnly({ name: props.name, namespace: props.namespace?.name, labels: props.labels }),
    podMetadata: { labels: props.labels },
    containers: hardening.defersContainers ? [] : hardening.containerProps,
    initContainers: hardening.defersContainers ? [] : hardening.initContainerProps,
    serviceAccount: props.serviceAccount ?? ownServiceAccount(hardening),
    automountServiceAccountToken: false,
    hostNetwork: false,
    isolate: false,
    spread: false,
    securityContext: {
      ensureNonRoot: true,
      user: hardening.runAsUser,
      group: hardening.runAsGroup,
      fsGroup: hardening.fsGroup,
      fsGroupChangePolicy: props.fsGroupChangePolicy,
    },
    dockerRegistryAuth: props.dockerRegistryAuth,
    terminationGracePeriod: props.terminationGracePeriod,
  };
}

function ownServiceAccount(hardening: _WorkloadHardening): OwnServiceAccount {
  const own = new OwnServiceAccount();
  OWN_SERVICE_ACCOUNT.set(hardening, own);
  return own;
}

/**
 * What follows the cdk8s-plus constructor: the workload's own service account (a child, named after the workload's
 * `name` or from its own path) unless one was passed, and the PodDisruptionBudget when replicated.
 * @internal
 */
export function _afterHardenedWorkload(workload: kplus.Workload, props: HardenedWorkloadProps, hardening: _WorkloadHardening,
  template: _PodTemplateOptions = {}): void {
  _ensureUniqueObjects(workload);
  const own = OWN_SERVICE_ACCOUNT.get(hardening);
  if (own) {
    OWN_SERVICE_ACCOUNT.delete(hardening);
    const holder = new Construct(workload, 'ServiceAccount');
    const sa = new LeastPrivilegeServiceAccount(holder, 'Default', { name: props.name ?? Names.toDnsLabel(holder), namespace: props.namespace });
    own._bind(sa);
    // The account must exist before the pods that run as it: synthesized first, as when it was created before the workload.
    ApiObject.of(workload).addDependency(sa);
  }
  HARDENING.set(workload, hardening);
  hardening.bind(workload, template.podSpec ?? '/spec/template/spec', template.matchLabelKeys ?? []);
  if (hardening.replicas > 1) _createDisruptionBudget(workload, hardening.disruptionBudget, props.namespace?.name);
}
