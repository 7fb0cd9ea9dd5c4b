// SPDX-License-Identifier: Apache-2.0
/**
 * The apply order of the GitOps output, as Argo CD sync waves (lower waves are applied, and must be healthy,
 * before higher ones). One home for the order; docs/gitops.md explains it.
 *
 * 1. Namespaces and CustomResourceDefinitions.
 * 2. CRD-backed prerequisites (cert-manager Issuers/ClusterIssuers/Certificates, External Secrets stores,
 *    generators and ExternalSecrets), one wave per step of their reference chain: a Certificate after its issuer,
 *    a CA Issuer after the Certificate that makes its CA Secret, an ExternalSecret after its store and generators.
 * 3. Admission policies (ValidatingAdmissionPolicy and bindings), so no workload is admitted before they exist.
 * 4. Everything else (workloads, Services, RBAC, NetworkPolicies...): wave 0.
 *
 * An object that already carries a sync-wave annotation keeps it.
 */
import { _apiGroup, _isCustomResource } from '../core/_kubernetes-api-groups';

/** @internal */
export const _SYNC_WAVE_ANNOTATION = 'argocd.argoproj.io/sync-wave';
/** @internal */
export const _SYNC_OPTIONS_ANNOTATION = 'argocd.argoproj.io/sync-options';
/** @internal */
export const _SKIP_DRY_RUN = 'SkipDryRunOnMissingResource=true';

const CERT_MANAGER = 'cert-manager.io';
const EXTERNAL_SECRETS = 'external-secrets.io';
const ESO_GENERATORS = 'generators.external-secrets.io';
const PREREQUISITE_GROUPS = new Set([CERT_MANAGER, EXTERNAL_SECRETS, ESO_GENERATORS]);
const FIRST_KINDS = new Set(['Namespace', 'CustomResourceDefinition']);
const ADMISSION_KINDS = new Set(['ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding']);

type Category = 'first' | 'prerequisite' | 'admission' | 'rest';

function category(obj: any): Category {
  const group = _apiGroup(String(obj.apiVersion));
  if (group === '' && obj.kind === 'Namespace') return 'first';
  if (group === 'apiextensions.k8s.io' && FIRST_KINDS.has(obj.kind)) return 'first';
  if (PREREQUISITE_GROUPS.has(group)) return 'prerequisite';
  if (group === 'admissionregistration.k8s.io' && ADMISSION_KINDS.has(obj.kind)) return 'admission';
  return 'rest';
}

const key = (group: string, kind: string, namespace: string | undefined, name: string) => `${group}|${kind}|${namespace ?? ''}|${name}`;

/** The prerequisites an object refers to, among the objects given. */
function references(obj: any, index: Map<string, any>, certsBySecret: Map<string, any[]>): any[] {
  const group = _apiGroup(String(obj.apiVersion));
  const ns: string | undefined = obj.metadata?.namespace;
  const spec = obj.spec ?? {};
  const out: any[] = [];
  const add = (k: string) => { const o = index.get(k); if (o) out.push(o); };
  if (group === CERT_MANAGER && obj.kind === 'Certificate' && spec.issuerRef?.name) {
    const kind = spec.issuerRef.kind ?? 'Issuer';
    add(key(CERT_MANAGER, kind, kind === 'ClusterIssuer' ? undefined : ns, spec.issuerRef.name));
  }
  if (group === CERT_MANAGER && (obj.kind === 'Issuer' || obj.kind === 'ClusterIssuer') && spec.ca?.secretName) {
    for (const cert of certsBySecret.get(spec.ca.secretName) ?? []) {
      if (obj.kind === 'ClusterIssuer' || cert.metadata?.namespace === ns) out.push(cert);
    }
  }
  if (group === EXTERNAL_SECRETS && obj.kind === 'ExternalSecret') {
    const store = (ref: any) => {
      if (!ref?.name) return;
      const kind = ref.kind ?? 'SecretStore';
      add(key(EXTERNAL_SECRETS, kind, kind === 'ClusterSecretStore' ? undefined : ns, ref.name));
    };
    store(spec.secretStoreRef);
    for (const entry of [...(spec.data ?? []), ...(spec.dataFrom ?? [])]) {
      store(entry?.sourceRef?.storeRef);
      const gen = entry?.sourceRef?.generatorRef;
      if (gen?.name && gen?.kind) {
        add(key(_apiGroup(String(gen.apiVersion ?? `${ESO_GENERATORS}/v1alpha1`)), gen.kind, gen.kind.startsWith('Cluster') ? undefined : ns, gen.name));
      }
    }
  }
  return out;
}

/**
 * Adds the sync-wave annotation (unless the object has one) and, on custom resources, the
 * `SkipDryRunOnMissingResource=true` sync option. Mutates the objects given. Throws on a reference cycle.
 * @internal
 */
export function _annotateSyncWaves(objects: any[]): void {
  const index = new Map<string, any>();
  const certsBySecret = new Map<string, any[]>();
  for (const obj of objects) {
    index.set(key(_apiGroup(String(obj.apiVersion)), obj.kind, obj.metadata?.namespace, obj.metadata?.name), obj);
    if (_apiGroup(String(obj.apiVersion)) === CERT_MANAGER && obj.kind === 'Certificate' && obj.spec?.secretName) {
      const list = certsBySecret.get(obj.spec.secretName) ?? [];
      list.push(obj);
      certsBySecret.set(obj.spec.secretName, list);
    }
  }

  // Depth in the prerequisite reference chain (0 = refers to no other prerequisite given here).
  const depth = new Map<any, number>();
  const visiting = new Set<any>();
  const name = (o: any) => `${o.kind} ${o.metadata?.namespace ? o.metadata.namespace + '/' : ''}${o.metadata?.name}`;
  const depthOf = (obj: any, trail: any[]): number => {
    const known = depth.get(obj);
    if (known !== undefined) return known;
    if (visiting.has(obj)) {
      throw new Error(`GitOps output: the prerequisites refer to each other in a cycle (${[...trail, obj].map(name).join(' -> ')}), ` +
        'so no apply order exists. Break the cycle, or set the "argocd.argoproj.io/sync-wave" annotation yourself on these objects.');
    }
    visiting.add(obj);
    let d = 0;
    for (const ref of references(obj, index, certsBySecret)) {
      if (ref !== obj && category(ref) === 'prerequisite') d = Math.max(d, depthOf(ref, [...trail, obj]) + 1);
    }
    visiting.delete(obj);
    depth.set(obj, d);
    return d;
  };
  let maxDepth = 0;
  for (const obj of objects) {
    if (category(obj) === 'prerequisite') maxDepth = Math.max(maxDepth, depthOf(obj, []));
  }

  for (const obj of objects) {
    let wave: number;
    switch (category(obj)) {
      case 'first': wave = -3 - maxDepth; break;
      case 'prerequisite': wave = -2 - (maxDepth - depth.get(obj)!); break;
      case 'admission': wave = -1; break;
      default: wave = 0;
    }
    obj.metadata = obj.metadata ?? {};
    const annotations = { ...(obj.metadata.annotations ?? {}) };
    if (annotations[_SYNC_WAVE_ANNOTATION] === undefined) annotations[_SYNC_WAVE_ANNOTATION] = String(wave);
    if (_isCustomResource(String(obj.apiVersion))) {
      const options = String(annotations[_SYNC_OPTIONS_ANNOTATION] ?? '').split(',').map(s => s.trim()).filter(s => s);
      if (!options.includes(_SKIP_DRY_RUN)) options.push(_SKIP_DRY_RUN);
      annotations[_SYNC_OPTIONS_ANNOTATION] = options.join(',');
    }
    obj.metadata.annotations = annotations;
  }
}

/** The wave an annotated object carries (0 when none). @internal */
export function _syncWaveOf(obj: any): number {
  const n = Number(obj?.metadata?.annotations?.[_SYNC_WAVE_ANNOTATION] ?? 0);
  return Number.isFinite(n) ? n : 0;
}
