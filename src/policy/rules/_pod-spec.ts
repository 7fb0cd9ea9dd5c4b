// SPDX-License-Identifier: Apache-2.0
/**
 * Internal: finds the pod template in any pod-bearing object, the way Pod Security Admission's
 * DefaultPodSpecExtractor does, and visits every container (init, regular, ephemeral).
 */

import { RuleViolation } from '../engine/rule';

/** Where a pod's metadata and spec live inside an object. @internal */
export interface PodTemplateRef {
  /** Template metadata (annotations are read from here), may be undefined. */
  readonly metadata: any;
  /** The pod spec. */
  readonly spec: any;
  /** JSON pointer to the pod spec, e.g. `/spec/template/spec`. */
  readonly specPath: string;
  /** JSON pointer to the template metadata, e.g. `/spec/template/metadata`. */
  readonly metadataPath: string;
}

/** A container with its JSON pointer. @internal */
export interface ContainerRef {
  readonly container: any;
  /** `initContainers`, `containers` or `ephemeralContainers`. */
  readonly field: string;
  /** JSON pointer, e.g. `/spec/template/spec/containers/0`. */
  readonly path: string;
}

/** Kinds whose pod template lives at `spec.template`. @internal */
export const _TEMPLATE_KINDS = ['ReplicationController', 'ReplicaSet', 'Deployment', 'DaemonSet', 'StatefulSet', 'Job'];

/** Every kind that carries a pod spec. @internal */
export const _POD_BEARING_KINDS = ['Pod', 'PodTemplate', ..._TEMPLATE_KINDS, 'CronJob'];

/** Returns the pod template of a pod-bearing object, or undefined for other kinds or a missing spec. @internal */
export function _podTemplate(obj: any): PodTemplateRef | undefined {
  if (!obj || typeof obj !== 'object') return undefined;
  const kind = obj.kind;
  if (kind === 'Pod') {
    return obj.spec && typeof obj.spec === 'object' ? { metadata: obj.metadata, spec: obj.spec, specPath: '/spec', metadataPath: '/metadata' } : undefined;
  }
  if (kind === 'PodTemplate') {
    const t = obj.template;
    return t?.spec && typeof t.spec === 'object' ? { metadata: t.metadata, spec: t.spec, specPath: '/template/spec', metadataPath: '/template/metadata' } : undefined;
  }
  if (_TEMPLATE_KINDS.includes(kind)) {
    const t = obj.spec?.template;
    return t?.spec && typeof t.spec === 'object' ? { metadata: t.metadata, spec: t.spec, specPath: '/spec/template/spec', metadataPath: '/spec/template/metadata' } : undefined;
  }
  if (kind === 'CronJob') {
    const t = obj.spec?.jobTemplate?.spec?.template;
    return t?.spec && typeof t.spec === 'object'
      ? { metadata: t.metadata, spec: t.spec, specPath: '/spec/jobTemplate/spec/template/spec', metadataPath: '/spec/jobTemplate/spec/template/metadata' }
      : undefined;
  }
  return undefined;
}

/** Every container of a pod spec: initContainers, containers, ephemeralContainers, in that order. @internal */
export function _allContainers(pod: PodTemplateRef): ContainerRef[] {
  const out: ContainerRef[] = [];
  for (const field of ['initContainers', 'containers', 'ephemeralContainers']) {
    const list = pod.spec[field];
    if (!Array.isArray(list)) continue;
    list.forEach((container: any, i: number) => {
      if (container && typeof container === 'object') out.push({ container, field, path: `${pod.specPath}/${field}/${i}` });
    });
  }
  return out;
}

/** Escapes a key for use in a JSON pointer (RFC 6901). @internal */
export function _pointerEscape(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

/**
 * Visits every container of a pod-bearing object (nothing for other kinds) and returns the violations `visit` pushed.
 * The shared loop of the per-container rules. @internal
 */
export function _containerViolations(obj: any, visit: (c: ContainerRef, out: RuleViolation[], pod: PodTemplateRef) => void): RuleViolation[] {
  const pod = _podTemplate(obj);
  if (!pod) return [];
  const out: RuleViolation[] = [];
  for (const c of _allContainers(pod)) visit(c, out, pod);
  return out;
}
