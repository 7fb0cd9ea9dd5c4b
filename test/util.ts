// SPDX-License-Identifier: Apache-2.0
/**
 * Shared test helpers. Every test that synthesizes objects validates them here against the
 * Kubernetes schema (kubernetes-models) and the schemas of the CRDs we emit.
 */
import { Chart, Testing } from 'cdk8s';

type Validator = (obj: any) => void;

/**
 * Validators for custom resources, keyed by `apiVersion/kind`. A kind that is neither a
 * built-in Kubernetes kind nor listed here makes `validateManifests` fail, so nothing we emit
 * goes unvalidated. Add an entry when a construct starts emitting a new CRD.
 */
const CRD_VALIDATORS: Record<string, Validator> = {};

/**
 * `fixtures.cdk8s-hardened.example/v1` `WorkerPool`: a test-only custom resource standing for "an operator's own
 * workload kind" in fixtures of objects the rules cannot read. Its schema: a DNS-1123 name, an object `spec`, and
 * every container (in any `containers`, `initContainers` or `ephemeralContainers` list) with a DNS-1123 label name and an image.
 */
CRD_VALIDATORS['fixtures.cdk8s-hardened.example/v1/WorkerPool'] = (obj: any) => {
  const name = obj.metadata?.name;
  if (typeof name !== 'string' || !/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(name) || name.length > 253) throw new Error(`metadata.name ${JSON.stringify(name)} is not a DNS-1123 subdomain`);
  if (obj.spec === null || typeof obj.spec !== 'object' || Array.isArray(obj.spec)) throw new Error('spec must be an object');
  const walk = (v: any, path: string): void => {
    if (v === null || typeof v !== 'object') return;
    for (const [k, child] of Object.entries(v)) {
      if (['containers', 'initContainers', 'ephemeralContainers'].includes(k)) {
        if (!Array.isArray(child)) throw new Error(`${path}.${k} must be a list`);
        child.forEach((c: any, i: number) => {
          if (typeof c?.name !== 'string' || !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(c.name)) throw new Error(`${path}.${k}[${i}].name must be a DNS-1123 label`);
          if (typeof c.image !== 'string' || c.image === '') throw new Error(`${path}.${k}[${i}].image is required`);
        });
      }
      walk(child, `${path}.${k}`);
    }
  };
  walk(obj.spec, 'spec');
};

/** Registers a validator for a custom resource kind (`group/version/Kind`). */
export function registerCrdValidator(apiVersionKind: string, validator: Validator): void {
  CRD_VALIDATORS[apiVersionKind] = validator;
}

function certManager(apiVersion: string, kind: string): Validator | undefined {
  if (!apiVersion.endsWith('cert-manager.io/v1')) return undefined;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require(`@kubernetes-models/cert-manager/${apiVersion}`);
  const Model = mod[kind];
  return Model ? (obj: any) => new Model(obj).validate() : undefined;
}

function builtIn(apiVersion: string, kind: string): Validator | undefined {
  const path = apiVersion.includes('/') ? apiVersion : 'v1';
  if (!apiVersion.includes('/') && apiVersion !== 'v1') return undefined;
  let mod: any;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    mod = require(`kubernetes-models/${path}`);
  } catch {
    return undefined;
  }
  const Model = mod[kind];
  return Model ? (obj: any) => new Model(obj).validate() : undefined;
}

/**
 * Validates each object against its schema. Throws naming the object and the schema error.
 */
export function validateManifests(objects: any[]): void {
  for (const obj of objects) {
    const id = `${obj?.apiVersion}/${obj?.kind} ${obj?.metadata?.namespace ? obj.metadata.namespace + '/' : ''}${obj?.metadata?.name}`;
    if (!obj || typeof obj !== 'object' || !obj.apiVersion || !obj.kind) {
      throw new Error(`Object without apiVersion/kind: ${JSON.stringify(obj)}`);
    }
    // The API server rejects an object without a name (the CRD schemas do not say so, so check it here).
    if (typeof obj.metadata?.name !== 'string' && typeof obj.metadata?.generateName !== 'string') {
      throw new Error(`Object without metadata.name: ${JSON.stringify(obj).slice(0, 300)}`);
    }
    const validator = CRD_VALIDATORS[`${obj.apiVersion}/${obj.kind}`]
      ?? builtIn(obj.apiVersion, obj.kind)
      ?? certManager(obj.apiVersion, obj.kind);
    if (!validator) {
      throw new Error(`No schema known for ${id}: register one with registerCrdValidator() in test/util.ts`);
    }
    try {
      validator(obj);
    } catch (e: any) {
      throw new Error(`Schema validation failed for ${id}: ${e.message}`);
    }
  }
}

/** Synthesizes a chart, validates every object against its schema, and returns the objects. */
export function synthValid(chart: Chart): any[] {
  const objects = Testing.synth(chart);
  validateManifests(objects);
  return objects;
}

/** Finds exactly one object of a kind (and optionally a name); throws otherwise. */
export function findOne(objects: any[], kind: string, name?: string): any {
  const matches = objects.filter(o => o.kind === kind && (name === undefined || o.metadata?.name === name));
  if (matches.length !== 1) {
    throw new Error(`Expected exactly one ${kind}${name ? ` named ${name}` : ''}, found ${matches.length}: ` +
      objects.map(o => `${o.kind}/${o.metadata?.name}`).join(', '));
  }
  return matches[0];
}

/** All objects of a kind. */
export function findAll(objects: any[], kind: string): any[] {
  return objects.filter(o => o.kind === kind);
}

/** A fresh chart in a fresh test app. */
export function testChart(): Chart {
  return Testing.chart();
}

// Istio security CRDs (PeerAuthentication, AuthorizationPolicy) from @kubernetes-models/istio.
for (const kind of ['PeerAuthentication', 'AuthorizationPolicy']) {
  registerCrdValidator(`security.istio.io/v1beta1/${kind}`, (obj: any) => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const Model = require('@kubernetes-models/istio/security.istio.io/v1beta1')[kind];
    new Model(obj).validate();
  });
}

/**
 * Velero Schedule: no kubernetes-models package exists, so this checks the fields we emit against the
 * velero.io/v1 Schedule CRD (structural schema: unknown fields would be pruned, so they are refused here).
 */
registerCrdValidator('velero.io/v1/Schedule', (obj: any) => {
  const fail = (m: string) => { throw new Error(`velero.io/v1 Schedule: ${m}`); };
  if (typeof obj.metadata?.name !== 'string') fail('metadata.name must be a string');
  const spec = obj.spec;
  if (!spec || typeof spec !== 'object') fail('spec is required');
  const allowedSpec = ['schedule', 'template', 'useOwnerReferencesInBackup', 'paused', 'skipImmediately'];
  for (const k of Object.keys(spec)) if (!allowedSpec.includes(k)) fail(`unknown field spec.${k}`);
  if (typeof spec.schedule !== 'string') fail('spec.schedule must be a string');
  const t = spec.template;
  if (!t || typeof t !== 'object') fail('spec.template is required');
  const types: Record<string, string> = {
    includedNamespaces: 'string[]',
    excludedNamespaces: 'string[]',
    includedResources: 'string[]',
    ttl: 'string',
    snapshotVolumes: 'boolean',
    defaultVolumesToFsBackup: 'boolean',
    storageLocation: 'string',
    volumeSnapshotLocations: 'string[]',
  };
  for (const [k, v] of Object.entries(t)) {
    const type = types[k];
    if (!type) fail(`unknown field spec.template.${k}`);
    const ok = type === 'string[]' ? Array.isArray(v) && v.every(x => typeof x === 'string') : typeof v === type;
    if (!ok) fail(`spec.template.${k} must be ${type}`);
  }
});

/**
 * ValidatingAdmissionPolicy(Binding) v1beta1 (Kubernetes 1.28/1.29): kubernetes-models has only the v1 models; the
 * fields we emit are identical in both versions, so v1beta1 objects are validated against the v1 schema.
 */
for (const kind of ['ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding']) {
  registerCrdValidator(`admissionregistration.k8s.io/v1beta1/${kind}`, (obj: any) => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const Model = require('kubernetes-models/admissionregistration.k8s.io/v1')[kind];
    new Model({ ...obj, apiVersion: 'admissionregistration.k8s.io/v1' }).validate();
  });
}
// External Secrets Operator CRDs. @kubernetes-models/external-secrets is ESM-only and jest runs tests as CommonJS,
// so each object is validated in a child Node process (test/fixtures/validate-eso.mjs); results are cached.
const ESO_RESULTS = new Map<string, string>();
function esoValidator(group: string, version: string, kind: string): Validator {
  return (obj: any) => {
    const input = JSON.stringify({ group, version, kind, obj });
    let error = ESO_RESULTS.get(input);
    if (error === undefined) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { spawnSync } = require('child_process');
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const script = require('path').join(__dirname, 'fixtures', 'validate-eso.mjs');
      const result = spawnSync(process.execPath, [script], { input, encoding: 'utf8' });
      const message: string = result.status === 0 ? '' : (result.stderr || `validator exited with ${result.status}`);
      error = message;
      ESO_RESULTS.set(input, message);
    }
    if (error) throw new Error(error);
  };
}
registerCrdValidator('external-secrets.io/v1/ExternalSecret', esoValidator('external-secrets.io', 'v1', 'ExternalSecret'));
registerCrdValidator('generators.external-secrets.io/v1alpha1/Password', esoValidator('generators.external-secrets.io', 'v1alpha1', 'Password'));
// Argo CD and Flux CRDs (GitOps constructs), from the ESM-only @kubernetes-models/argo-cd and flux-cd, in a child process.
function esmModelValidator(pkg: string, group: string, version: string, kind: string): Validator {
  return (obj: any) => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { spawnSync } = require('child_process');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const script = require('path').join(__dirname, 'fixtures', 'validate-esm-model.mjs');
    const result = spawnSync(process.execPath, [script], { input: JSON.stringify({ pkg, group, version, kind, obj }), encoding: 'utf8' });
    if (result.status !== 0) throw new Error(result.stderr || `validator exited with ${result.status}`);
  };
}
registerCrdValidator('argoproj.io/v1alpha1/Application', esmModelValidator('argo-cd', 'argoproj.io', 'v1alpha1', 'Application'));
registerCrdValidator('kustomize.toolkit.fluxcd.io/v1/Kustomization', esmModelValidator('flux-cd', 'kustomize.toolkit.fluxcd.io', 'v1', 'Kustomization'));
