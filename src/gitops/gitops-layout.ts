// SPDX-License-Identifier: Apache-2.0
import * as fs from 'fs';
import * as path from 'path';
import { Chart, Yaml } from 'cdk8s';
import { IConstruct } from 'constructs';
import { _isBuiltInApi, _syncWave } from './_sync-waves';

/** How `GitOpsLayout` groups objects into folders. */
export enum GitOpsGrouping {
  /** One folder per namespace (the Namespace object with it), `cluster/` for cluster-scoped objects. */
  NAMESPACE = 'namespace',
  /** One folder per chart (its construct path), `cluster/` for cluster-scoped objects. */
  CHART = 'chart',
}

/** The GitOps tool the output is written for. */
export enum GitOpsTool {
  /**
   * Argo CD: every object gets an `argocd.argoproj.io/sync-wave` annotation (CRDs, namespaces, admission policies,
   * their bindings, CRD-backed issuers and stores, then their consumers, then everything else), and CRD-backed objects
   * `argocd.argoproj.io/sync-options: SkipDryRunOnMissingResource=true`, so one sync works on a fresh cluster.
   */
  ARGO_CD = 'argo-cd',
  /**
   * Flux: no annotations; order the folders with `FluxKustomization` `dependsOn` (namespace folders on `cluster/`).
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
  /** The object files in it, sorted (listed by its `kustomization.yaml`). */
  readonly files: string[];
}

const MARKER = '.cdk8s-hardened-gitops';

/** Cluster-scoped kinds (the folder `cluster/`). */
const CLUSTER_SCOPED = new Set([
  'Namespace', 'Node', 'PersistentVolume', 'StorageClass', 'ClusterRole', 'ClusterRoleBinding', 'CustomResourceDefinition',
  'ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding', 'MutatingAdmissionPolicy', 'MutatingAdmissionPolicyBinding',
  'ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration', 'PriorityClass', 'RuntimeClass', 'IngressClass',
  'APIService', 'CSIDriver', 'VolumeSnapshotClass', 'ClusterIssuer', 'ClusterSecretStore', 'ClusterExternalSecret',
]);

/**
 * Writes an app's manifests as a GitOps repository layout: one folder per namespace (or chart), each with a
 * `kustomization.yaml` listing its files, a `cluster/` folder for cluster-scoped objects, and a top-level
 * `kustomization.yaml` listing the folders (so `kustomize build <outdir>` renders everything). For Argo CD the
 * objects carry sync waves and `SkipDryRunOnMissingResource`; for Flux, order the folders with `FluxKustomization`.
 *
 * The charts are synthesized with `chart.toJson()`, so validations (`SecurityChecks`) run as in `app.synth()`.
 */
export class GitOpsLayout {
  /**
   * Synthesizes every chart under `scope` and writes the layout.
   * @returns the folders written, sorted by name
   */
  public static write(scope: IConstruct, options: GitOpsLayoutOptions): GitOpsFolder[] {
    const grouping = options.grouping ?? GitOpsGrouping.NAMESPACE;
    const tool = options.tool ?? GitOpsTool.ARGO_CD;
    const charts = scope.node.findAll().filter(c => Chart.isChart(c)) as Chart[];
    if (charts.length === 0) throw new Error(`GitOpsLayout.write(${scope.node.path || '<app>'}): no Chart under this scope, so nothing to write.`);
    prepare(options.outdir);

    const folders = new Map<string, Map<string, any>>();
    for (const chart of charts) {
      for (const obj of chart.toJson()) {
        if (!obj || typeof obj.kind !== 'string' || typeof obj.metadata?.name !== 'string') {
          throw new Error(`GitOpsLayout: chart ${chart.node.path} synthesized an object without kind or metadata.name: ${JSON.stringify(obj).slice(0, 200)}`);
        }
        const folder = folderOf(obj, grouping, chart);
        const files = folders.get(folder) ?? new Map<string, any>();
        folders.set(folder, files);
        const base = `${obj.kind.toLowerCase()}-${obj.metadata.name}`;
        let file = `${base}.yaml`;
        if (files.has(file)) file = `${base}-${String(obj.apiVersion).replace(/[^a-z0-9]+/gi, '-').toLowerCase()}.yaml`;
        if (files.has(file)) throw new Error(`GitOpsLayout: two ${obj.kind} objects named "${obj.metadata.name}" in folder ${folder}; names must be unique.`);
        files.set(file, tool === GitOpsTool.ARGO_CD ? withArgoAnnotations(obj) : obj);
      }
    }

    const written: GitOpsFolder[] = [];
    for (const name of [...folders.keys()].sort(cmp)) {
      const files = folders.get(name)!;
      const dir = path.join(options.outdir, name);
      fs.mkdirSync(dir, { recursive: true });
      const names = [...files.keys()].sort(cmp);
      for (const f of names) fs.writeFileSync(path.join(dir, f), Yaml.stringify(files.get(f)));
      fs.writeFileSync(path.join(dir, 'kustomization.yaml'), kustomization(names));
      written.push({ name, files: names });
    }
    fs.writeFileSync(path.join(options.outdir, 'kustomization.yaml'), kustomization(written.map(f => f.name)));
    fs.writeFileSync(path.join(options.outdir, MARKER), 'Written by cdk8s-hardened GitOpsLayout.write; the folder is replaced on each write.\n');
    return written;
  }

  private constructor() {}
}

function prepare(outdir: string): void {
  if (fs.existsSync(outdir)) {
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
  if (CLUSTER_SCOPED.has(obj.kind)) return 'cluster';
  if (grouping === GitOpsGrouping.CHART) return chart.node.path.replace(/[^A-Za-z0-9._-]+/g, '-') || 'chart';
  return typeof obj.metadata.namespace === 'string' ? obj.metadata.namespace : 'no-namespace';
}

function withArgoAnnotations(obj: any): any {
  const annotations: Record<string, string> = { 'argocd.argoproj.io/sync-wave': String(_syncWave(obj)) };
  if (!_isBuiltInApi(String(obj.apiVersion))) annotations['argocd.argoproj.io/sync-options'] = 'SkipDryRunOnMissingResource=true';
  return { ...obj, metadata: { ...obj.metadata, annotations: { ...annotations, ...(obj.metadata.annotations ?? {}) } } };
}

function kustomization(resources: string[]): string {
  return Yaml.stringify({ apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization', resources });
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
