// SPDX-License-Identifier: Apache-2.0
/**
 * Internal helpers shared by the Pod Security Standards rules. They read raw manifest JSON the
 * way Pod Security Admission reads the decoded Go structs: a JSON `null` is the same as an absent
 * field, and the pod template comes from `_podTemplate` (template metadata, not the controller's).
 */
import { ContainerRef, PodTemplateRef } from '../_pod-spec';

/** The newest Pod Security Standards policy version these rules implement. @internal */
export const _PSS_POLICY_VERSION = 'v1.37';

/** Pod Security Standards page on kubernetes.io. @internal */
export const _PSS_URL = 'https://kubernetes.io/docs/concepts/security/pod-security-standards/';

/** True when a JSON value is present (neither undefined nor null), as a non-nil Go pointer. @internal */
export function _isSet(v: any): boolean {
  return v !== undefined && v !== null;
}

/** An object value, or undefined for anything else (absent, null, scalars, arrays). @internal */
export function _obj(v: any): any {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? v : undefined;
}

/** An array value, or an empty array. @internal */
export function _arr(v: any): any[] {
  return Array.isArray(v) ? v : [];
}

/** The pod-level `securityContext`, or undefined. @internal */
export function _podSecurityContext(pod: PodTemplateRef): any {
  return _obj(pod.spec.securityContext);
}

/** A container's `securityContext`, or undefined. @internal */
export function _containerSecurityContext(c: ContainerRef): any {
  return _obj(c.container.securityContext);
}

/** A short human label for a container: `containers[1] "app"`. @internal */
export function _containerLabel(c: ContainerRef): string {
  const i = c.path.substring(c.path.lastIndexOf('/') + 1);
  const name = typeof c.container.name === 'string' ? ` "${c.container.name}"` : '';
  return `${c.field}[${i}]${name}`;
}

/** Renders a value for a message. @internal */
export function _show(v: any): string {
  return JSON.stringify(v) ?? String(v);
}

/** Windows pods (`spec.os.name: windows`) are exempt from some restricted checks (policy 1.25+). @internal */
export function _isWindowsPod(pod: PodTemplateRef): boolean {
  return _obj(pod.spec.os)?.name === 'windows';
}

/** Pods in a user namespace (`spec.hostUsers: false`) get relaxations (policy 1.35+). @internal */
export function _usesUserNamespace(pod: PodTemplateRef): boolean {
  return pod.spec.hostUsers === false;
}

