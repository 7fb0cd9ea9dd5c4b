// SPDX-License-Identifier: Apache-2.0
import { _annotateSyncWaves } from '../../src/gitops/_sync-waves';

const SKIP = 'SkipDryRunOnMissingResource=true';
const obj = (apiVersion: string, kind: string, name = 'x', namespace?: string) =>
  ({ apiVersion, kind, metadata: { name, ...(namespace ? { namespace } : {}) }, spec: {} as any }) as any;
const options = (o: any) => o.metadata.annotations['argocd.argoproj.io/sync-options'];

describe('_annotateSyncWaves', () => {
  test('custom resources of *.k8s.io groups that need a CRD skip the dry run; built-in groups do not', () => {
    const objects = [
      obj('gateway.networking.k8s.io/v1', 'HTTPRoute', 'r', 'shop'),
      obj('snapshot.storage.k8s.io/v1', 'VolumeSnapshot', 's', 'shop'),
      obj('metrics.k8s.io/v1beta1', 'PodMetrics', 'm', 'shop'),
      obj('networking.k8s.io/v1', 'NetworkPolicy', 'n', 'shop'),
      obj('apps/v1', 'Deployment', 'd', 'shop'),
      obj('v1', 'ConfigMap', 'c', 'shop'),
      obj('admissionregistration.k8s.io/v1', 'ValidatingAdmissionPolicy'),
    ];
    _annotateSyncWaves(objects);
    expect(objects.map(options)).toEqual([SKIP, SKIP, SKIP, undefined, undefined, undefined, undefined]);
  });

  test('without cert-manager or External Secrets objects: namespaces -3, admission policies -1, the rest 0', () => {
    const objects = [obj('v1', 'Namespace', 'shop'), obj('admissionregistration.k8s.io/v1', 'ValidatingAdmissionPolicyBinding'), obj('apps/v1', 'Deployment', 'd', 'shop')];
    _annotateSyncWaves(objects);
    expect(objects.map(o => o.metadata.annotations['argocd.argoproj.io/sync-wave'])).toEqual(['-3', '-1', '0']);
  });

  test('a Certificate waits for its ClusterIssuer; a ClusterIssuer of kind CA waits for the Certificate making its Secret', () => {
    const selfSigned = obj('cert-manager.io/v1', 'ClusterIssuer', 'bootstrap');
    const caCert = obj('cert-manager.io/v1', 'Certificate', 'root', 'cert-manager');
    caCert.spec = { secretName: 'root-ca', issuerRef: { name: 'bootstrap', kind: 'ClusterIssuer' } };
    const ca = obj('cert-manager.io/v1', 'ClusterIssuer', 'root');
    ca.spec = { ca: { secretName: 'root-ca' } };
    const leaf = obj('cert-manager.io/v1', 'Certificate', 'web', 'shop');
    leaf.spec = { secretName: 'web-tls', issuerRef: { name: 'root', kind: 'ClusterIssuer' } };
    const objects = [leaf, ca, caCert, selfSigned];
    _annotateSyncWaves(objects);
    expect(objects.map(o => Number(o.metadata.annotations['argocd.argoproj.io/sync-wave']))).toEqual([-2, -3, -4, -5]);
  });
});
