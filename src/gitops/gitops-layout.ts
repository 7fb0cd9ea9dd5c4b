// SPDX-License-Identifier: Apache-2.0
import * as fs from 'fs';
import * as path from 'path';
import { Chart, Yaml } from 'cdk8s';
import { IConstruct } from 'constructs';
import { _annotateSyncWaves, _syncWaveOf } from './_sync-waves';
import { _apiGroup } from '../core/_kubernetes-api-groups';

/** How `GitOpsLayout` groups objects into folders. */
export enum GitOpsGrouping {
  /** One folder per namespace (the Namespace object with it), `_cluster/` for cluster-scoped objects. */
  NAMESPACE = 'namespace',
  /** One folder per chart (its construct path), `_cluster/` for cluster-scoped objects. */
  CHART = 'chart',
}

/** The GitOps tool the output is written for. */
export enum GitOpsTool {
  /**
   * Argo CD: every object gets an `argocd.argoproj.io/sync-wave` annotation (namespaces and CRDs, then cert-manager
   * and External Secrets objects in reference order, then admission policies, then everything else), and custom
   * resources `argocd.argoproj.io/sync-options: SkipDryRunOnMissingResource=true`, so one sync works on a fresh cluster.
   */
  ARGO_CD = 'argo-cd',
  /**
   * Flux: no annotations; order the folders with `FluxKustomization` `dependsOn` (namespace folders on `_cluster/`).
   */
  FLUX = 'flux',
}

/** Options of `GitOpsLayout.write`. */
export interface GitOpsLayoutOptions {
  /** Folder to write (replaced when it was written by `GitOpsLayout` before; must otherwise be absent or empty). */
  readonly outdir: string;
  /**
   * How objects are grouped into folders.
   * @default GitOpsGrouping.NAMESPACE
   */
  readonly grouping?: GitOpsGrouping;
  /**
   * The tool the output is for.
   * @default GitOpsTool.ARGO_CD
   */
  readonly tool?: GitOpsTool;
}

/** A folder written by `GitOpsLayout`. */
export interface GitOpsFolder {
  /** Folder name under the output directory. */
  readonly name: string;
  /** The object files in it, in apply order (sync wave), then by name (as its `kustomization.yaml` lists them). */
  readonly files: string[];
}

const MARKER = '.cdk8s-hardened-gitops';
/** Folder names that no namespace or chart can take (a DNS label cannot start with `_`). */
const CLUSTER_FOLDER = '_cluster';
const NO_NAMESPACE_FOLDER = '_no-namespace';
const SAFE_SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** Cluster-scoped kinds (the folder `_cluster/`). */
const CLUSTER_SCOPED = new Set([
  'Namespace', 'Node', 'PersistentVolume', 'StorageClass', 'ClusterRole', 'ClusterRoleBinding', 'CustomResourceDefinition',
  'ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding', 'MutatingAdmissionPolicy', 'MutatingAdmissionPolicyBinding',
  'ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration', 'PriorityClass', 'RuntimeClass', 'IngressClass',
  'APIService', 'CSIDriver', 'VolumeSnapshotClass', 'ClusterIssuer', 'ClusterSecretStore', 'ClusterExternalSecret',
]);

/**
 * Writes an app's manifests as a GitOps repository layout: one folder per namespace (or chart), each with a
 * `kustomization.yaml` listing its files in apply order, a `_cluster/` folder for cluster-scoped objects, and a
 * top-level `kustomization.yaml` listing the folders (so `kustomize build <outdir>` renders everything). For Argo CD
 * the objects carry sync waves and `SkipDryRunOnMissingResource`; for Flux, order the folders with `FluxKustomization`.
 * Output is byte-identical for the same app.
 *
 * The charts are synthesized with `chart.toJson()`, so validations (`SecurityChecks`) run as in `app.synth()`; the
 * whole output is rendered in memory first, so nothing on disk changes when they, or a naming check, fail.
 */
export class GitOpsLayout {
  /**
   * Synthesizes every chart under `scope` and writes the layout.
   * @returns the folders written, sorted by name
   */
  public static write(scope: IConstruct, options: GitOpsLayoutOptions): GitOpsFolder[] {
    const grouping = options.grouping ?? GitOpsGrouping.NAMESPACE;
    const tool = options.tool ?? GitOpsTool.ARGO_CD;
    if (typeof options.outdir !== 'string' || options.outdir.trim() === '') {
      throw new Error(`GitOpsLayout.write: invalid outdir "${options.outdir}": give the folder to write, e.g. "gitops".`);
    }
    const charts = scope.node.findAll().filter(c => Chart.isChart(c)) as Chart[];
    if (charts.length === 0) throw new Error(`GitOpsLayout.write(${scope.node.path || '<app>'}): no Chart under this scope, so nothing to write.`);

    const byFolder = new Map<string, any[]>();
    const all: any[] = [];
    for (const chart of charts) {
      for (const obj of chart.toJson()) {
        if (!obj || typeof obj.kind !== 'string' || typeof obj.metadata?.name !== 'string' || obj.metadata.name === '') {
          throw new Error(`GitOpsLayout: chart ${chart.node.path} synthesized an object without kind or metadata.name, which the API server `
            + `would refuse: ${JSON.stringify(obj).slice(0, 200)}. Give it a name.`);
        }
        const folder = folderOf(obj, grouping, chart);
        if (!byFolder.has(folder)) byFolder.set(folder, []);
        byFolder.get(folder)!.push(obj);
        all.push(obj);
      }
    }
    if (tool === GitOpsTool.ARGO_CD) _annotateSyncWaves(all);

    const rendered = new Map<string, string>();
    const written: GitOpsFolder[] = [];
    for (const name of [...byFolder.keys()].sort(cmp)) {
      const named = fileNames(name, byFolder.get(name)!);
      named.sort((a, b) => (a.wave - b.wave) || cmp(a.file, b.file));
      for (const { file, obj } of named) rendered.set(`${name}/${file}`, Yaml.stringify(obj));
      const files = named.map(n => n.file);
      rendered.set(`${name}/kustomization.yaml`, kustomization(files));
      written.push({ name, files });
    }
    rendered.set('kustomization.yaml', kustomization(written.map(f => f.name)));

    prepare(options.outdir);
    for (const { name } of written) fs.mkdirSync(path.join(options.outdir, name), { recursive: true });
    for (const [file, text] of rendered) fs.writeFileSync(path.join(options.outdir, ...file.split('/')), text, { encoding: 'utf8' });
    fs.writeFileSync(path.join(options.outdir, MARKER), 'Written by cdk8s-hardened GitOpsLayout.write; the folder is replaced on each write.\n');
    return written;
  }

  private constructor() {}
}

function prepare(outdir: string): void {
  if (fs.existsSync(outdir)) {
    if (!fs.lstatSync(outdir).isDirectory()) throw new Error(`GitOpsLayout: ${outdir} exists and is not a folder; choose another outdir.`);
    const entries = fs.readdirSync(outdir);
    if (entries.length > 0 && !entries.includes(MARKER)) {
      throw new Error(`GitOpsLayout: ${outdir} exists and was not written by GitOpsLayout (no ${MARKER}); `
        + 'choose an empty or new folder, so nothing of yours is deleted.');
    }
    fs.rmSync(outdir, { recursive: true, force: true });
  }
  fs.mkdirSync(outdir, { recursive: true });
}

function folderOf(obj: any, grouping: GitOpsGrouping, chart: Chart): string {
  if (obj.kind === 'Namespace' && grouping === GitOpsGrouping.NAMESPACE) return obj.metadata.name;
  if (CLUSTER_SCOPED.has(obj.kind)) return CLUSTER_FOLDER;
  if (grouping === GitOpsGrouping.CHART) {
    const folder = chart.node.path.split('/').join('-');
    if (!SAFE_SEGMENT.test(folder)) {
      throw new Error(`GitOpsLayout: chart "${chart.node.path}" cannot name a folder (letters, digits, '.', '_' and '-' only): `
        + 'rename the chart, or use GitOpsGrouping.NAMESPACE.');
    }
    return folder;
  }
  return typeof obj.metadata.namespace === 'string' ? obj.metadata.namespace : NO_NAMESPACE_FOLDER;
}

/** `<kind>-<name>.yaml`, lowercase; kinds that meet from two API groups get the group added. */
function fileNames(folder: string, objects: any[]): { file: string; obj: any; wave: number }[] {
  const base = (obj: any) => `${String(obj.kind).toLowerCase()}-${obj.metadata.name}`;
  const counts = new Map<string, number>();
  for (const obj of objects) counts.set(base(obj), (counts.get(base(obj)) ?? 0) + 1);
  const seen = new Map<string, any>();
  return objects.map(obj => {
    const group = _apiGroup(String(obj.apiVersion));
    const file = `${counts.get(base(obj))! > 1 && group ? `${String(obj.kind).toLowerCase()}.${group}-${obj.metadata.name}` : base(obj)}.yaml`;
    if (!SAFE_SEGMENT.test(file)) {
      throw new Error(`GitOpsLayout: ${obj.kind} "${obj.metadata.name}" in ${folder}/ cannot name a file: give it a DNS-1123 metadata.name.`);
    }
    const other = seen.get(file);
    if (other) {
      throw new Error(`GitOpsLayout: two objects would be written to ${folder}/${file} (${other.apiVersion} ${other.kind} and `
        + `${obj.apiVersion} ${obj.kind} "${obj.metadata.name}"): the app defines the same object twice; remove one.`);
    }
    seen.set(file, obj);
    return { file, obj, wave: _syncWaveOf(obj) };
  });
}

function kustomization(resources: string[]): string {
  return Yaml.stringify({ apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization', resources });
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
