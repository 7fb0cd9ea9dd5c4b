// SPDX-License-Identifier: Apache-2.0
import { ApiObject } from 'cdk8s';
import { ContainerLimitRange, HardenedNamespace, NamespaceResourceQuota, QuotaPreset } from '../../src';
import { findOne, synthValid, testChart } from '../util';

describe('NamespaceResourceQuota', () => {
  test('minimal definition', () => {
    const chart = testChart();
    new NamespaceResourceQuota(chart, 'Quota');
    expect(synthValid(chart)).toMatchSnapshot();
  });

  test('defaultChild is the ResourceQuota', () => {
    const chart = testChart();
    expect(ApiObject.of(new NamespaceResourceQuota(chart, 'Quota')).kind).toBe('ResourceQuota');
  });

  test('allows no LoadBalancer and no NodePort services by default', () => {
    const chart = testChart();
    new NamespaceResourceQuota(chart, 'Quota');
    const hard = findOne(synthValid(chart), 'ResourceQuota').spec.hard;
    expect(hard['services.loadbalancers']).toBe('0');
    expect(hard['services.nodeports']).toBe('0');
  });

  test('caps CPU and memory requests and limits, pods, PVCs and storage (SMALL preset by default)', () => {
    const chart = testChart();
    new NamespaceResourceQuota(chart, 'Quota');
    expect(findOne(synthValid(chart), 'ResourceQuota').spec.hard).toEqual({
      'limits.cpu': '4',
      'limits.memory': '8Gi',
      'persistentvolumeclaims': '5',
      'pods': '20',
      'requests.cpu': '2',
      'requests.memory': '4Gi',
      'requests.storage': '50Gi',
      'services.loadbalancers': '0',
      'services.nodeports': '0',
    });
  });

  test('presets scale and keep LoadBalancer/NodePort at 0', () => {
    const chart = testChart();
    new NamespaceResourceQuota(chart, 'Large', { preset: QuotaPreset.LARGE, name: 'large' });
    new NamespaceResourceQuota(chart, 'Medium', { preset: QuotaPreset.MEDIUM, name: 'medium' });
    const objects = synthValid(chart);
    const large = findOne(objects, 'ResourceQuota', 'large').spec.hard;
    const medium = findOne(objects, 'ResourceQuota', 'medium').spec.hard;
    expect(large['requests.cpu']).toBe('32');
    expect(large['requests.storage']).toBe('1Ti');
    expect(medium.pods).toBe('50');
    expect(large['services.loadbalancers']).toBe('0');
    expect(medium['services.nodeports']).toBe('0');
  });

  test('custom values override the preset field by field', () => {
    const chart = testChart();
    new NamespaceResourceQuota(chart, 'Quota', { preset: QuotaPreset.MEDIUM, pods: 7, servicesLoadBalancers: 1 });
    const hard = findOne(synthValid(chart), 'ResourceQuota').spec.hard;
    expect(hard.pods).toBe('7');
    expect(hard['services.loadbalancers']).toBe('1');
    expect(hard['requests.cpu']).toBe('8');
  });

  test('QuotaPreset.custom fills the gaps from SMALL', () => {
    const preset = QuotaPreset.custom('tiny', { requestsCpu: '500m', limitsCpu: '1' });
    expect(preset.name).toBe('tiny');
    expect(preset.values.requestsCpu).toBe('500m');
    expect(preset.values.requestsMemory).toBe('4Gi');
  });

  test('throws on an unparseable quantity', () => {
    expect(() => new NamespaceResourceQuota(testChart(), 'Quota', { requestsMemory: '4 gigs' }))
      .toThrow(/Invalid requestsMemory of ResourceQuota "hardened-quota" "4 gigs": not a Kubernetes quantity/);
  });

  test('throws when the CPU limit is below the CPU request', () => {
    expect(() => new NamespaceResourceQuota(testChart(), 'Quota', { requestsCpu: '4', limitsCpu: '2000m' }))
      .toThrow(/limitsCpu "2000m" is below requestsCpu "4".*Raise the first or lower the second/);
  });

  test('throws when the memory limit is below the memory request', () => {
    expect(() => new NamespaceResourceQuota(testChart(), 'Quota', { requestsMemory: '2Gi', limitsMemory: '1Gi' }))
      .toThrow(/limitsMemory "1Gi" is below requestsMemory "2Gi"/);
  });

  test('throws on a negative or fractional count', () => {
    expect(() => new NamespaceResourceQuota(testChart(), 'Quota', { pods: -1 })).toThrow(/Invalid pods -1.*whole number/);
    expect(() => new NamespaceResourceQuota(testChart(), 'Quota', { servicesNodePorts: 0.5 })).toThrow(/Invalid servicesNodePorts 0.5/);
  });
});

describe('ContainerLimitRange', () => {
  test('minimal definition', () => {
    const chart = testChart();
    new ContainerLimitRange(chart, 'Limits');
    expect(synthValid(chart)).toMatchSnapshot();
  });

  test('defaultChild is the LimitRange', () => {
    expect(ApiObject.of(new ContainerLimitRange(testChart(), 'Limits')).kind).toBe('LimitRange');
  });

  test('gives every container default requests, default limits and a max', () => {
    const chart = testChart();
    new ContainerLimitRange(chart, 'Limits');
    expect(findOne(synthValid(chart), 'LimitRange').spec.limits).toEqual([{
      type: 'Container',
      defaultRequest: { cpu: '100m', memory: '128Mi' },
      default: { cpu: '500m', memory: '512Mi' },
      max: { cpu: '2', memory: '2Gi' },
    }]);
  });

  test('values are overridable', () => {
    const chart = testChart();
    new ContainerLimitRange(chart, 'Limits', { defaultRequestCpu: '50m', maxMemory: '4Gi' });
    const limits = findOne(synthValid(chart), 'LimitRange').spec.limits[0];
    expect(limits.defaultRequest.cpu).toBe('50m');
    expect(limits.max.memory).toBe('4Gi');
  });

  test('throws on an unparseable quantity', () => {
    expect(() => new ContainerLimitRange(testChart(), 'Limits', { maxCpu: 'two' })).toThrow(/Invalid maxCpu of LimitRange "hardened-limits" "two"/);
  });

  test('throws when the default limit is below the default request', () => {
    expect(() => new ContainerLimitRange(testChart(), 'Limits', { defaultRequestMemory: '1Gi', defaultLimitMemory: '512Mi' }))
      .toThrow(/defaultLimitMemory "512Mi" is below defaultRequestMemory "1Gi"/);
    expect(() => new ContainerLimitRange(testChart(), 'Limits', { defaultRequestCpu: '1', defaultLimitCpu: '500m' }))
      .toThrow(/defaultLimitCpu "500m" is below defaultRequestCpu "1"/);
  });

  test('throws when the max is below the default limit', () => {
    expect(() => new ContainerLimitRange(testChart(), 'Limits', { maxCpu: '250m' })).toThrow(/maxCpu "250m" is below defaultLimitCpu "500m"/);
    expect(() => new ContainerLimitRange(testChart(), 'Limits', { maxMemory: '256Mi' })).toThrow(/maxMemory "256Mi" is below defaultLimitMemory "512Mi"/);
  });

  test('throws when a container at the max cannot fit in the namespace quota', () => {
    expect(() => new HardenedNamespace(testChart(), 'Ns', { name: 'team-a', limitRange: { maxCpu: '8' } }))
      .toThrow(/resourceQuota.limitsCpu "4" is below limitRange.maxCpu "8"/);
  });
});
