// SPDX-License-Identifier: Apache-2.0
import { ApiObject, Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { MeshMtls, ServiceMesh } from '../../src';
import { findOne, synthValid } from '../util';

/** A namespace owned by this app (cdk8s-plus), standing in for HardenedNamespace. */
function ownedNamespace(chart: Chart, name = 'team-a') {
  return new kplus.Namespace(chart, 'ns', { metadata: { name } });
}

/** A namespace that exists in the cluster but is not defined here. */
function existingNamespace(chart: Chart, name = 'team-a') {
  const c = new Construct(chart, 'existing');
  return Object.assign(c, { name });
}

describe('MeshMtls', () => {
  test('minimal definition', () => {
    const chart = Testing.chart();
    new MeshMtls(chart, 'mtls', { namespace: ownedNamespace(chart) });
    expect(synthValid(chart)).toMatchSnapshot();
  });

  test('defaultChild is the PeerAuthentication', () => {
    const chart = Testing.chart();
    const m = new MeshMtls(chart, 'mtls', { namespace: ownedNamespace(chart) });
    expect((m.node.defaultChild as ApiObject).kind).toBe('PeerAuthentication');
  });

  test('Istio: PeerAuthentication STRICT for the whole namespace', () => {
    const chart = Testing.chart();
    new MeshMtls(chart, 'mtls', { namespace: ownedNamespace(chart) });
    const pa = findOne(synthValid(chart), 'PeerAuthentication');
    expect(pa.metadata).toEqual({ name: 'default', namespace: 'team-a' });
    expect(pa.spec).toEqual({ mtls: { mode: 'STRICT' } });
  });

  test('Istio: the namespace gets sidecar injection', () => {
    const chart = Testing.chart();
    new MeshMtls(chart, 'mtls', { namespace: ownedNamespace(chart) });
    expect(findOne(synthValid(chart), 'Namespace').metadata.labels['istio-injection']).toBe('enabled');
  });

  test('Istio: no AuthorizationPolicy unless asked', () => {
    const chart = Testing.chart();
    new MeshMtls(chart, 'mtls', { namespace: ownedNamespace(chart) });
    expect(synthValid(chart).filter(o => o.kind === 'AuthorizationPolicy')).toEqual([]);
  });

  test('Istio: default-deny AuthorizationPolicy has an empty spec', () => {
    const chart = Testing.chart();
    new MeshMtls(chart, 'mtls', { namespace: ownedNamespace(chart), defaultDenyAuthorization: true });
    const ap = findOne(synthValid(chart), 'AuthorizationPolicy');
    expect(ap.spec).toEqual({});
    expect(ap.metadata.namespace).toBe('team-a');
  });

  test('Istio works with an existing namespace it does not own', () => {
    const chart = Testing.chart();
    new MeshMtls(chart, 'mtls', { namespace: existingNamespace(chart) });
    expect(findOne(synthValid(chart), 'PeerAuthentication').metadata.namespace).toBe('team-a');
  });

  test('Linkerd: injection and all-authenticated default inbound policy on the namespace', () => {
    const chart = Testing.chart();
    new MeshMtls(chart, 'mtls', { namespace: ownedNamespace(chart), mesh: ServiceMesh.LINKERD });
    const objects = synthValid(chart);
    const ns = findOne(objects, 'Namespace');
    expect(ns.metadata.annotations['linkerd.io/inject']).toBe('enabled');
    expect(ns.metadata.annotations['config.linkerd.io/default-inbound-policy']).toBe('all-authenticated');
    expect(objects.filter(o => o.kind === 'PeerAuthentication')).toEqual([]);
  });

  test('throws for Linkerd on a namespace not defined in the app', () => {
    const chart = Testing.chart();
    expect(() => new MeshMtls(chart, 'mtls', { namespace: existingNamespace(chart), mesh: ServiceMesh.LINKERD }))
      .toThrow(/Linkerd mTLS needs annotations on the Namespace object, but namespace "team-a" is not defined/);
  });

  test('throws for defaultDenyAuthorization with Linkerd', () => {
    const chart = Testing.chart();
    expect(() => new MeshMtls(chart, 'mtls', { namespace: ownedNamespace(chart), mesh: ServiceMesh.LINKERD, defaultDenyAuthorization: true }))
      .toThrow(/defaultDenyAuthorization is an Istio option/);
  });
});
