// SPDX-License-Identifier: Apache-2.0
import * as fs from 'fs';
import * as path from 'path';
import { App, Chart, Yaml } from 'cdk8s';
import { _annotateSyncWaves, _syncWaveOf } from './_sync-waves';
import { _apiGroup } from '../core/_kubernetes-api-groups';

/** How the GitOps output is split into folders. */
export enum GitOpsLayout {
  /**
   * One folder per namespace (`<namespace>/`, holding the Namespace object itself too), and `_cluster/` for objects
   * without a namespace (cluster-scoped kinds, and namespaced objects left to the destination namespace).
   */
  NAMESPACE = 'namespace',
  /** One folder per chart, named after the chart's construct path (`/` becomes `-`). */
  CHART = 'chart',
}

/** Options for `GitOpsOutput.synth`. */
export interface GitOpsOutputOptions {
  /**
   * The folder to write. It must not exist, be empty, or hold an earlier GitOps output (recognised by its
   * `.cdk8s-hardened-gitops` marker file), which is replaced as a whole so no stale manifest survives.
   */
  readonly outdir: string;
  /**
   * How objects are split into folders.
   * @default GitOpsLayout.NAMESPACE - one folder per namespace, so each can be synced by its own Application or Flux Kustomization
   */
  readonly layout?: GitOpsLayout;
  /**
   * Add Argo CD `argocd.argoproj.io/sync-wave` annotations (namespaces and CRDs, then cert-manager and External
   * Secrets prerequisites in reference order, then admission policies, then everything else) and
   * `argocd.argoproj.io/sync-options: SkipDryRunOnMissingResource=true` on custom resources. Flux ignores them.
   * @default true - objects are applied in an order that works on a fresh cluster
   * @see https://argo-cd.readthedocs.io/en/stable/user-guide/sync-waves/
   */
  readonly syncWaves?: boolean;
}

/** What `GitOpsOutput.synth` wrote. */
export interface GitOpsOutputResult {
  /** The folders written (relative to `outdir`), in code-point order. */
  readonly folders: string[];
  /** Every file written (relative to `outdir`, `/`-separated), in code-point order. */
  readonly files: string[];
}

const MARKER = '.cdk8s-hardened-gitops';
const CLUSTER_FOLDER = '_cluster';
const SAFE_SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Writes a cdk8s app as GitOps-ready output: one folder per namespace (or per chart), each with a generated
 * `kustomization.yaml` listing one file per object, plus a root `kustomization.yaml` listing the folders.
 * Output is byte-identical for the same app. The app's validations (for example `SecurityChecks`) run first,
 * exactly as in `app.synth()`, so nothing is written when they fail.
 *
 * @see https://kubectl.docs.kubernetes.io/references/kustomize/kustomization/
 */
export class GitOpsOutput {
  /**
   * Validates and synthesizes `app`, then writes the GitOps output to `options.outdir`.
   */
  public static synth(app: App, options: GitOpsOutputOptions): GitOpsOutputResult {
    const layout = options.layout ?? GitOpsLayout.NAMESPACE;
    if (typeof options.outdir !== 'string' || options.outdir.trim() === '') {
      throw new Error(`GitOpsOutput: invalid outdir "${options.outdir}": give the folder to write, e.g. "gitops".`);
    }

    const folders = new Map<string, any[]>();
    const all: any[] = [];
    const charts = [...app.charts];
    for (const chart of charts) {
      // chart.toJson() resolves the app's dependencies and runs its validations (throwing on failure), as app.synth() does.
      const objects: any[] = chart.toJson();
      for (const obj of objects) {
        const folder = layout === GitOpsLayout.CHART ? GitOpsOutput.chartFolder(chart) : GitOpsOutput.namespaceFolder(obj);
        if (!folders.has(folder)) folders.set(folder, []);
        folders.get(folder)!.push(obj);
        all.push(obj);
      }
    }
    if (options.syncWaves ?? true) _annotateSyncWaves(all);

    // Render everything in memory first: a naming conflict throws before anything is touched on disk.
    const rendered = new Map<string, string>();
    const folderNames = [...folders.keys()].sort(byCodePoint);
    for (const folder of folderNames) {
      const named = GitOpsOutput.fileNames(folder, folders.get(folder)!);
      named.sort((a, b) => (a.wave - b.wave) || byCodePoint(a.file, b.file));
      for (const { file, obj } of named) rendered.set(`${folder}/${file}`, Yaml.stringify(obj));
      rendered.set(`${folder}/kustomization.yaml`, GitOpsOutput.kustomization(named.map(n => n.file)));
    }
    rendered.set('kustomization.yaml', GitOpsOutput.kustomization(folderNames));

    GitOpsOutput.prepare(options.outdir);
    for (const folder of folderNames) fs.mkdirSync(path.join(options.outdir, folder), { recursive: true });
    const files = [...rendered.keys()].sort(byCodePoint);
    for (const file of files) fs.writeFileSync(path.join(options.outdir, ...file.split('/')), rendered.get(file)!, { encoding: 'utf8' });
    fs.writeFileSync(path.join(options.outdir, MARKER), 'Generated by cdk8s-hardened GitOpsOutput.synth: this folder is replaced on every run.\n');
    return { folders: folderNames, files };
  }

  private static chartFolder(chart: Chart): string {
    const folder = chart.node.path.split('/').join('-');
    if (!SAFE_SEGMENT.test(folder) || folder.includes('..')) {
      throw new Error(`GitOpsOutput: chart "${chart.node.path}" cannot name a folder (letters, digits, '.', '_' and '-' only): ` +
        'rename the chart, or use GitOpsLayout.NAMESPACE.');
    }
    return folder;
  }

  private static namespaceFolder(obj: any): string {
    if (obj.apiVersion === 'v1' && obj.kind === 'Namespace') return String(obj.metadata?.name);
    return obj.metadata?.namespace ? String(obj.metadata.namespace) : CLUSTER_FOLDER;
  }

  /** `<kind>-<name>.yaml`, lowercase; kinds that meet from two API groups get the group added. */
  private static fileNames(folder: string, objects: any[]): { file: string; obj: any; wave: number }[] {
    const base = (obj: any) => `${String(obj.kind).toLowerCase()}-${obj.metadata?.name}`;
    const counts = new Map<string, number>();
    for (const obj of objects) counts.set(base(obj), (counts.get(base(obj)) ?? 0) + 1);
    const seen = new Map<string, any>();
    return objects.map(obj => {
      if (typeof obj.metadata?.name !== 'string' || obj.metadata.name === '') {
        throw new Error(`GitOpsOutput: a ${obj.apiVersion} ${obj.kind} in ${folder}/ has no metadata.name, so the API server would refuse it: ` +
          'give it a name (a construct that leaves metadata.name out must let cdk8s generate one).');
      }
      const group = _apiGroup(String(obj.apiVersion));
      const file = `${counts.get(base(obj))! > 1 && group ? `${String(obj.kind).toLowerCase()}.${group}-${obj.metadata?.name}` : base(obj)}.yaml`;
      if (!SAFE_SEGMENT.test(file)) {
        throw new Error(`GitOpsOutput: ${obj.kind} "${obj.metadata?.name}" in ${folder}/ cannot name a file: give it a DNS-1123 metadata.name.`);
      }
      const other = seen.get(file);
      if (other) {
        throw new Error(`GitOpsOutput: two objects would be written to ${folder}/${file} (${other.apiVersion} ${other.kind} and ` +
          `${obj.apiVersion} ${obj.kind} "${obj.metadata?.name}"): the app defines the same object twice; remove one.`);
      }
      seen.set(file, obj);
      return { file, obj, wave: _syncWaveOf(obj) };
    });
  }

  private static kustomization(resources: string[]): string {
    return Yaml.stringify({ apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization', resources });
  }

  /** Makes `outdir` an empty folder, refusing to delete anything this class did not write. */
  private static prepare(outdir: string): void {
    if (fs.existsSync(outdir)) {
      const stat = fs.lstatSync(outdir);
      if (!stat.isDirectory()) {
        throw new Error(`GitOpsOutput: outdir "${outdir}" exists and is not a folder: choose another outdir.`);
      }
      const entries = fs.readdirSync(outdir);
      if (entries.length > 0) {
        if (!entries.includes(MARKER)) {
          throw new Error(`GitOpsOutput: outdir "${outdir}" is not empty and holds no earlier GitOps output (no ${MARKER} file): ` +
            'refusing to delete its files. Choose an empty or new folder.');
        }
        for (const entry of entries) fs.rmSync(path.join(outdir, entry), { recursive: true, force: true });
      }
    }
    fs.mkdirSync(outdir, { recursive: true });
  }
}
