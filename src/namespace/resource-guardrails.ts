// SPDX-License-Identifier: Apache-2.0
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { _checkAtLeast } from './_checks';
import { _parseQuantity, _validateDns1123Subdomain } from '../core/_util';
import { INamespaceRef } from '../core/namespace-ref';

/**
 * The hard limits of a namespace's ResourceQuota. Every field left undefined falls back to the preset
 * (and, for `servicesLoadBalancers` / `servicesNodePorts`, to 0).
 *
 * @see https://kubernetes.io/docs/concepts/policy/resource-quotas/
 */
export interface ResourceQuotaValues {
  /**
   * Sum of CPU requests of all pods (`requests.cpu`), e.g. "4" or "1500m".
   * @default - the preset's value
   */
  readonly requestsCpu?: string;

  /**
   * Sum of memory requests of all pods (`requests.memory`), e.g. "8Gi".
   * @default - the preset's value
   */
  readonly requestsMemory?: string;

  /**
   * Sum of CPU limits of all pods (`limits.cpu`). Must be at least `requestsCpu`.
   * @default - the preset's value
   */
  readonly limitsCpu?: string;

  /**
   * Sum of memory limits of all pods (`limits.memory`). Must be at least `requestsMemory`.
   * @default - the preset's value
   */
  readonly limitsMemory?: string;

  /**
   * Number of pods (`pods`).
   * @default - the preset's value
   */
  readonly pods?: number;

  /**
   * Number of PersistentVolumeClaims (`persistentvolumeclaims`).
   * @default - the preset's value
   */
  readonly persistentVolumeClaims?: number;

  /**
   * Sum of storage requested by all PersistentVolumeClaims (`requests.storage`), e.g. "100Gi".
   * @default - the preset's value
   */
  readonly requestsStorage?: string;

  /**
   * Number of Services of type LoadBalancer (`services.loadbalancers`). Anything above 0 exposes the
   * namespace outside the cluster without going through the ingress controller.
   * @default 0 - no LoadBalancer services
   */
  readonly servicesLoadBalancers?: number;

  /**
   * Number of Services of type NodePort (`services.nodeports`). Anything above 0 opens ports on every node.
   * @default 0 - no NodePort services
   */
  readonly servicesNodePorts?: number;
}

/**
 * Size presets for a namespace's ResourceQuota (an enum-like class).
 *
 * | preset | requests.cpu | requests.memory | limits.cpu | limits.memory | pods | PVCs | requests.storage |
 * |---|---|---|---|---|---|---|---|
 * | SMALL | 2 | 4Gi | 4 | 8Gi | 20 | 5 | 50Gi |
 * | MEDIUM | 8 | 16Gi | 16 | 32Gi | 50 | 10 | 200Gi |
 * | LARGE | 32 | 64Gi | 64 | 128Gi | 200 | 25 | 1Ti |
 *
 * Every preset keeps `services.loadbalancers` and `services.nodeports` at 0.
 */
export class QuotaPreset {
  /** A small team or a single service. */
  public static readonly SMALL = new QuotaPreset('small', {
    requestsCpu: '2',
    requestsMemory: '4Gi',
    limitsCpu: '4',
    limitsMemory: '8Gi',
    pods: 20,
    persistentVolumeClaims: 5,
    requestsStorage: '50Gi',
  });

  /** A team running a handful of services. */
  public static readonly MEDIUM = new QuotaPreset('medium', {
    requestsCpu: '8',
    requestsMemory: '16Gi',
    limitsCpu: '16',
    limitsMemory: '32Gi',
    pods: 50,
    persistentVolumeClaims: 10,
    requestsStorage: '200Gi',
  });

  /** A large application or a shared platform namespace. */
  public static readonly LARGE = new QuotaPreset('large', {
    requestsCpu: '32',
    requestsMemory: '64Gi',
    limitsCpu: '64',
    limitsMemory: '128Gi',
    pods: 200,
    persistentVolumeClaims: 25,
    requestsStorage: '1Ti',
  });

  /**
   * A preset of your own. Fields left undefined fall back to `SMALL`
   * (and `servicesLoadBalancers` / `servicesNodePorts` to 0).
   */
  public static custom(name: string, values: ResourceQuotaValues): QuotaPreset {
    return new QuotaPreset(name, { ...QuotaPreset.SMALL.values, ...withoutUndefined(values) });
  }

  private constructor(
    /** The preset's name. */
    public readonly name: string,
    /** The preset's values. */
    public readonly values: ResourceQuotaValues,
  ) {}
}

/**
 * Options for a namespace's ResourceQuota: a preset plus field-by-field overrides.
 */
export interface ResourceQuotaOptions extends ResourceQuotaValues {
  /**
   * The size preset; the other fields override its values one by one.
   * @default QuotaPreset.SMALL - the smallest footprint; raise it deliberately
   */
  readonly preset?: QuotaPreset;
}

/**
 * Properties for `NamespaceResourceQuota`.
 */
export interface NamespaceResourceQuotaProps extends ResourceQuotaOptions {
  /**
   * Namespace the ResourceQuota is placed in.
   * @default - the chart's namespace
   */
  readonly namespace?: INamespaceRef;

  /**
   * The ResourceQuota name.
   * @default "hardened-quota"
   */
  readonly name?: string;
}

/**
 * A ResourceQuota capping CPU, memory, pods, PVCs and storage of a namespace, with
 * `services.loadbalancers` and `services.nodeports` at 0 unless raised explicitly.
 *
 * Because the quota covers `requests.*` and `limits.*`, Kubernetes rejects pods without requests
 * and limits unless a LimitRange (see `ContainerLimitRange`) supplies defaults.
 *
 * @see https://kubernetes.io/docs/concepts/policy/resource-quotas/
 */
export class NamespaceResourceQuota extends Construct {
  /** The resolved values (preset merged with overrides). */
  public readonly values: ResourceQuotaValues;

  /** The ResourceQuota name. */
  public readonly name: string;

  constructor(scope: Construct, id: string, props: NamespaceResourceQuotaProps = {}) {
    super(scope, id);
    this.name = _validateDns1123Subdomain(props.name ?? 'hardened-quota', 'ResourceQuota name');
    const preset = props.preset ?? QuotaPreset.SMALL;
    const { namespace: _ns, name: _name, preset: _preset, ...overrides } = props;
    const v: ResourceQuotaValues = {
      servicesLoadBalancers: 0,
      servicesNodePorts: 0,
      ...withoutUndefined(preset.values),
      ...withoutUndefined(overrides as ResourceQuotaValues),
    };
    this.values = v;

    const where = `ResourceQuota "${this.name}"`;
    const cpuReq = _parseQuantity(v.requestsCpu!, `requestsCpu of ${where}`);
    const cpuLim = _parseQuantity(v.limitsCpu!, `limitsCpu of ${where}`);
    const memReq = _parseQuantity(v.requestsMemory!, `requestsMemory of ${where}`);
    const memLim = _parseQuantity(v.limitsMemory!, `limitsMemory of ${where}`);
    _parseQuantity(v.requestsStorage!, `requestsStorage of ${where}`);
    _checkAtLeast(cpuLim, cpuReq, `limitsCpu "${v.limitsCpu}"`, `requestsCpu "${v.requestsCpu}"`, where);
    _checkAtLeast(memLim, memReq, `limitsMemory "${v.limitsMemory}"`, `requestsMemory "${v.requestsMemory}"`, where);
    for (const [field, count] of Object.entries({
      pods: v.pods,
      persistentVolumeClaims: v.persistentVolumeClaims,
      servicesLoadBalancers: v.servicesLoadBalancers,
      servicesNodePorts: v.servicesNodePorts,
    })) {
      if (!Number.isInteger(count) || count! < 0) {
        throw new Error(`Invalid ${field} ${count} in ${where}: a count must be a whole number of 0 or more.`);
      }
    }

    new k8s.KubeResourceQuota(this, 'Resource', {
      metadata: { name: this.name, namespace: props.namespace?.name },
      spec: {
        hard: {
          'limits.cpu': k8s.Quantity.fromString(v.limitsCpu!),
          'limits.memory': k8s.Quantity.fromString(v.limitsMemory!),
          'persistentvolumeclaims': k8s.Quantity.fromString(String(v.persistentVolumeClaims)),
          'pods': k8s.Quantity.fromString(String(v.pods)),
          'requests.cpu': k8s.Quantity.fromString(v.requestsCpu!),
          'requests.memory': k8s.Quantity.fromString(v.requestsMemory!),
          'requests.storage': k8s.Quantity.fromString(v.requestsStorage!),
          'services.loadbalancers': k8s.Quantity.fromString(String(v.servicesLoadBalancers)),
          'services.nodeports': k8s.Quantity.fromString(String(v.servicesNodePorts)),
        },
      },
    });
  }
}

/**
 * Per-container defaults and maximum of a namespace's LimitRange.
 *
 * @see https://kubernetes.io/docs/concepts/policy/limit-range/
 */
export interface LimitRangeOptions {
  /**
   * CPU request given to a container that sets none (`defaultRequest.cpu`).
   * @default "100m"
   */
  readonly defaultRequestCpu?: string;

  /**
   * Memory request given to a container that sets none (`defaultRequest.memory`).
   * @default "128Mi"
   */
  readonly defaultRequestMemory?: string;

  /**
   * CPU limit given to a container that sets none (`default.cpu`). Must be at least `defaultRequestCpu`.
   * @default "500m"
   */
  readonly defaultLimitCpu?: string;

  /**
   * Memory limit given to a container that sets none (`default.memory`). Must be at least `defaultRequestMemory`.
   * @default "512Mi"
   */
  readonly defaultLimitMemory?: string;

  /**
   * Largest CPU limit any container may set (`max.cpu`). Must be at least `defaultLimitCpu`.
   * @default "2"
   */
  readonly maxCpu?: string;

  /**
   * Largest memory limit any container may set (`max.memory`). Must be at least `defaultLimitMemory`.
   * @default "2Gi"
   */
  readonly maxMemory?: string;
}

/**
 * Properties for `ContainerLimitRange`.
 */
export interface ContainerLimitRangeProps extends LimitRangeOptions {
  /**
   * Namespace the LimitRange is placed in.
   * @default - the chart's namespace
   */
  readonly namespace?: INamespaceRef;

  /**
   * The LimitRange name.
   * @default "hardened-limits"
   */
  readonly name?: string;
}

/**
 * A LimitRange giving every container default requests and limits, and capping its limits.
 *
 * @see https://kubernetes.io/docs/concepts/policy/limit-range/
 */
export class ContainerLimitRange extends Construct {
  /** The LimitRange name. */
  public readonly name: string;
  /** Resolved default CPU request. */
  public readonly defaultRequestCpu: string;
  /** Resolved default memory request. */
  public readonly defaultRequestMemory: string;
  /** Resolved default CPU limit. */
  public readonly defaultLimitCpu: string;
  /** Resolved default memory limit. */
  public readonly defaultLimitMemory: string;
  /** Resolved maximum CPU limit. */
  public readonly maxCpu: string;
  /** Resolved maximum memory limit. */
  public readonly maxMemory: string;

  constructor(scope: Construct, id: string, props: ContainerLimitRangeProps = {}) {
    super(scope, id);
    this.name = _validateDns1123Subdomain(props.name ?? 'hardened-limits', 'LimitRange name');
    this.defaultRequestCpu = props.defaultRequestCpu ?? '100m';
    this.defaultRequestMemory = props.defaultRequestMemory ?? '128Mi';
    this.defaultLimitCpu = props.defaultLimitCpu ?? '500m';
    this.defaultLimitMemory = props.defaultLimitMemory ?? '512Mi';
    this.maxCpu = props.maxCpu ?? '2';
    this.maxMemory = props.maxMemory ?? '2Gi';

    const where = `LimitRange "${this.name}"`;
    const q = (field: string, value: string) => _parseQuantity(value, `${field} of ${where}`);
    const reqCpu = q('defaultRequestCpu', this.defaultRequestCpu);
    const reqMem = q('defaultRequestMemory', this.defaultRequestMemory);
    const limCpu = q('defaultLimitCpu', this.defaultLimitCpu);
    const limMem = q('defaultLimitMemory', this.defaultLimitMemory);
    const maxCpu = q('maxCpu', this.maxCpu);
    const maxMem = q('maxMemory', this.maxMemory);
    _checkAtLeast(limCpu, reqCpu, `defaultLimitCpu "${this.defaultLimitCpu}"`, `defaultRequestCpu "${this.defaultRequestCpu}"`, where);
    _checkAtLeast(limMem, reqMem, `defaultLimitMemory "${this.defaultLimitMemory}"`, `defaultRequestMemory "${this.defaultRequestMemory}"`, where);
    _checkAtLeast(maxCpu, limCpu, `maxCpu "${this.maxCpu}"`, `defaultLimitCpu "${this.defaultLimitCpu}"`, where);
    _checkAtLeast(maxMem, limMem, `maxMemory "${this.maxMemory}"`, `defaultLimitMemory "${this.defaultLimitMemory}"`, where);

    new k8s.KubeLimitRange(this, 'Resource', {
      metadata: { name: this.name, namespace: props.namespace?.name },
      spec: {
        limits: [{
          type: 'Container',
          defaultRequest: { cpu: k8s.Quantity.fromString(this.defaultRequestCpu), memory: k8s.Quantity.fromString(this.defaultRequestMemory) },
          default: { cpu: k8s.Quantity.fromString(this.defaultLimitCpu), memory: k8s.Quantity.fromString(this.defaultLimitMemory) },
          max: { cpu: k8s.Quantity.fromString(this.maxCpu), memory: k8s.Quantity.fromString(this.maxMemory) },
        }],
      },
    });
  }
}

function withoutUndefined<T extends object>(obj: T): Partial<T> {
  const out: any = {};
  for (const [k, v] of Object.entries(obj)) if (v !== undefined) out[k] = v;
  return out;
}
