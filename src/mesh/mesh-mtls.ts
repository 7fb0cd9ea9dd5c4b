// SPDX-License-Identifier: Apache-2.0
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { INamespaceRef } from '../core/namespace-ref';

/** The service mesh that provides east-west mTLS. */
export enum ServiceMesh {
  /** Istio: `PeerAuthentication` STRICT, optional default-deny `AuthorizationPolicy`. */
  ISTIO = 'istio',
  /** Linkerd: sidecar injection and the `all-authenticated` default inbound policy on the namespace. */
  LINKERD = 'linkerd',
}

/** Properties for `MeshMtls`. */
export interface MeshMtlsProps {
  /** The namespace whose workloads must only accept mutually authenticated TLS. */
  readonly namespace: INamespaceRef;
  /**
   * The mesh.
   * @default ServiceMesh.ISTIO
   */
  readonly mesh?: ServiceMesh;
  /**
   * Istio only: also add an `AuthorizationPolicy` with an empty spec, which denies every request that no
   * other ALLOW policy admits (the mesh-level counterpart of the default-deny NetworkPolicy).
   * @default false - mTLS only, so existing traffic keeps working once both ends are in the mesh
   */
  readonly defaultDenyAuthorization?: boolean;
}

/**
 * Strict mutual TLS for every workload of a namespace through Istio or Linkerd.
 *
 * For Linkerd, the injection and default-policy annotations must go on the Namespace object, so the
 * namespace must be one this app owns (a `HardenedNamespace` or cdk8s-plus `Namespace`).
 *
 * @see https://istio.io/latest/docs/reference/config/security/peer_authentication/
 * @see https://linkerd.io/2/reference/authorization-policy/
 */
export class MeshMtls extends Construct {
  private static namespaceObject(ns: INamespaceRef): ApiObject | undefined {
    const candidates = [ns, ...ns.node.children];
    for (const c of candidates) {
      if (ApiObject.isApiObject(c) && c.kind === 'Namespace') return c;
    }
    const resource = ns.node.tryFindChild('Resource');
    if (resource && ApiObject.isApiObject(resource) && resource.kind === 'Namespace') return resource;
    return undefined;
  }

  /** The mesh in use. */
  public readonly mesh: ServiceMesh;
  /** The Istio PeerAuthentication (Istio only). */
  public readonly peerAuthentication?: ApiObject;
  /** The Istio default-deny AuthorizationPolicy (when requested). */
  public readonly authorizationPolicy?: ApiObject;

  constructor(scope: Construct, id: string, props: MeshMtlsProps) {
    super(scope, id);
    this.mesh = props.mesh ?? ServiceMesh.ISTIO;
    const ns = props.namespace.name;
    if (this.mesh === ServiceMesh.ISTIO) {
      this.peerAuthentication = new ApiObject(this, 'Resource', {
        apiVersion: 'security.istio.io/v1beta1',
        kind: 'PeerAuthentication',
        metadata: { name: 'default', namespace: ns },
        spec: { mtls: { mode: 'STRICT' } },
      });
      if (props.defaultDenyAuthorization) {
        this.authorizationPolicy = new ApiObject(this, 'DefaultDeny', {
          apiVersion: 'security.istio.io/v1beta1',
          kind: 'AuthorizationPolicy',
          metadata: { name: 'default-deny', namespace: ns },
          spec: {},
        });
      }
      MeshMtls.namespaceObject(props.namespace)?.metadata.addLabel('istio-injection', 'enabled');
    } else if (this.mesh === ServiceMesh.LINKERD) {
      if (props.defaultDenyAuthorization) {
        throw new Error('defaultDenyAuthorization is an Istio option; with Linkerd the namespace default inbound policy ' +
          '"all-authenticated" already refuses unauthenticated traffic. Remove the option or use ServiceMesh.ISTIO.');
      }
      const nsObject = MeshMtls.namespaceObject(props.namespace);
      if (!nsObject) {
        throw new Error(`Linkerd mTLS needs annotations on the Namespace object, but namespace "${ns}" is not defined in this app. ` +
          'Pass a HardenedNamespace (or cdk8s-plus Namespace) created here, or annotate the existing namespace with ' +
          '"linkerd.io/inject: enabled" and "config.linkerd.io/default-inbound-policy: all-authenticated".');
      }
      nsObject.metadata.addAnnotation('linkerd.io/inject', 'enabled');
      nsObject.metadata.addAnnotation('config.linkerd.io/default-inbound-policy', 'all-authenticated');
    } else {
      throw new Error(`Unknown service mesh "${this.mesh}": use ServiceMesh.ISTIO or ServiceMesh.LINKERD.`);
    }
  }
}
