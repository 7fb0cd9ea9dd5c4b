// SPDX-License-Identifier: Apache-2.0
/**
 * Internal: what the Kubernetes API server refuses, checked at construct time so that a construct never
 * renders an object the cluster would reject. The one home of these facts (apimachinery's validation):
 * port numbers and names, replica counts, label keys and values, object identity within an app.
 * Each check throws a plain Error naming what, the value, the rule and the fix.
 */
import { IConstruct } from 'constructs';
import { _cdk8s } from './_lazy-cdk8s';
import { _describeIdentity, _objectIdentity } from './_object-identity';

/** Largest value of an int32 field such as `replicas`. @internal */
export const _INT32_MAX = 2147483647;

const QUALIFIED_NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const IANA_SVC_NAME = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;

function show(v: unknown): string {
  return typeof v === 'string' ? JSON.stringify(v) : String(v);
}

/** A port number: an integer in 1..65535. @internal */
export function _validatePort(port: number, what: string = 'port'): number {
  if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`Invalid ${what} ${show(port)}: a port must be an integer between 1 and 65535.`);
  }
  return port;
}

/** A port name (IANA_SVC_NAME): 1-15 lowercase letters, digits and '-', at least one letter, no '--', no '-' at an end. @internal */
export function _validatePortName(name: string, what: string = 'port name'): string {
  if (typeof name !== 'string' || name.length > 15 || !IANA_SVC_NAME.test(name) || !/[a-z]/.test(name) || name.includes('--')) {
    throw new Error(`Invalid ${what} ${show(name)}: a port name must be 1-15 lowercase letters, digits and '-', with at least one letter, `
      + 'no "--" and no "-" at either end (IANA service name), e.g. "http" or "metrics". Or give the port number.');
  }
  return name;
}

/** A port given as a number or a name (probes, Service targetPort). @internal */
export function _validatePortOrName(port: number | string, what: string = 'port'): number | string {
  return typeof port === 'string' ? _validatePortName(port, what) : _validatePort(port, what);
}

/** A replica count: an integer in 0..2147483647 (int32). @internal */
export function _validateReplicas(replicas: number, what: string): number {
  if (typeof replicas !== 'number' || !Number.isInteger(replicas) || replicas < 0 || replicas > _INT32_MAX) {
    throw new Error(`Invalid replicas ${show(replicas)} for ${what}: must be an integer between 0 and ${_INT32_MAX} (the API server stores an int32).`);
  }
  return replicas;
}

/**
 * Why `key` is not a valid label (or annotation) key, or undefined: an optional prefix (a DNS-1123
 * subdomain of at most 253 characters) and '/', then a name of 1-63 characters, alphanumeric at both
 * ends, with '-', '_' and '.' inside.
 * @internal
 */
export function _labelKeyProblem(key: string): string | undefined {
  if (typeof key !== 'string' || key.length === 0) return 'a key must not be empty';
  const slash = key.indexOf('/');
  if (slash >= 0 && key.indexOf('/', slash + 1) >= 0) return 'a key has at most one "/" (prefix/name)';
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (prefix !== undefined && (prefix.length === 0 || prefix.length > 253 || !DNS1123_SUBDOMAIN.test(prefix))) {
    return `the prefix ${show(prefix)} must be a DNS-1123 subdomain of at most 253 characters (lowercase letters, digits, '-' and '.')`;
  }
  if (name.length === 0 || name.length > 63) return `the name part ${show(name)} must have 1 to 63 characters (it has ${name.length})`;
  if (!QUALIFIED_NAME_PART.test(name)) return `the name part ${show(name)} must start and end with a letter or digit and contain only letters, digits, '-', '_' and '.'`;
  return undefined;
}

/** Why `value` is not a valid label value, or undefined: empty, or 1-63 characters like a key's name part. @internal */
export function _labelValueProblem(value: string): string | undefined {
  if (typeof value !== 'string') return `a label value must be a string, got ${show(value)}`;
  if (value.length > 63) return `a label value has at most 63 characters (it has ${value.length})`;
  if (value !== '' && !QUALIFIED_NAME_PART.test(value)) return 'a label value must be empty, or start and end with a letter or digit and contain only letters, digits, \'-\', \'_\' and \'.\'';
  return undefined;
}

/** Validates every key and value of a label map; `what` names it (with the construct path). @internal */
export function _validateLabels(labels: { [key: string]: string } | undefined, what: string): void {
  if (labels === undefined) return;
  for (const [key, value] of Object.entries(labels)) {
    const keyProblem = _labelKeyProblem(key);
    if (keyProblem) throw new Error(`Invalid label key ${show(key)} in ${what}: ${keyProblem}. Example: "app.kubernetes.io/name".`);
    const valueProblem = _labelValueProblem(value);
    if (valueProblem) throw new Error(`Invalid value ${show(value)} of label ${show(key)} in ${what}: ${valueProblem}.`);
  }
}

/** Validates the keys of an annotation map (values are free text). @internal */
export function _validateAnnotationKeys(annotations: { [key: string]: string } | undefined, what: string): void {
  for (const key of Object.keys(annotations ?? {})) {
    const problem = _labelKeyProblem(key);
    if (problem) throw new Error(`Invalid annotation key ${show(key)} in ${what}: ${problem}. Example: "example.com/owner".`);
  }
}

const CHECKED_ROOTS = new WeakSet<IConstruct>();

/**
 * Adds, once per app, a synth-time validation that no two `ApiObject`s of the app have the same API group,
 * kind, namespace and name (the later would replace the earlier on apply). Called by the constructs of
 * this library; it covers every object of the app, theirs or not. @internal
 */
export function _ensureUniqueObjects(scope: IConstruct): void {
  const root = scope.node.root;
  if (CHECKED_ROOTS.has(root)) return;
  CHECKED_ROOTS.add(root);
  root.node.addValidation({
    validate: () => {
      const seen = new Map<string, string>();
      const errors: string[] = [];
      for (const c of root.node.findAll()) {
        if (!_cdk8s().ApiObject.isApiObject(c)) continue;
        const key = _objectIdentity({ apiVersion: c.apiVersion, kind: c.kind, metadata: { name: c.name, namespace: c.metadata.namespace } });
        if (key === undefined) continue;
        const first = seen.get(key);
        if (first === undefined) {
          seen.set(key, c.node.path);
        } else {
          errors.push(`${c.node.path} and ${first} are both ${_describeIdentity(key)}: on apply the later would replace the earlier. `
            + 'Give one of them another name (the construct\'s `name` prop) or namespace.');
        }
      }
      return errors;
    },
  });
}
