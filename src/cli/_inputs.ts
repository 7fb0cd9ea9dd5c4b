// SPDX-License-Identifier: Apache-2.0
/**
 * Internal: files found in a manifest folder that are not Kubernetes manifests but are expected there
 * (cdk8s-cli's construct metadata, Kustomize and Helm files, JSON/SARIF reports, baselines). `audit` skips them
 * with one note line instead of failing on them. Not part of the jsii API.
 */
import * as fs from 'fs';
import * as path from 'path';

/** A skipped input: `group` is what the note names (the file, or the Helm chart folder for all its files). @internal */
export interface SkippedInput {
  readonly group: string;
  readonly message: string;
}

/**
 * Why a file is skipped, or undefined when it should be read as manifests.
 * @param fullPath absolute path of the file
 * @param displayName the file as reported (relative to the working directory)
 * @param cwd the working directory
 * @internal
 */
export function _nonManifestReason(fullPath: string, displayName: string, cwd: string): SkippedInput | undefined {
  const base = path.basename(fullPath);
  if (base === 'construct-metadata.json') return { group: displayName, message: 'cdk8s-cli construct metadata, not a manifest' };
  if (/^kustomization\.ya?ml$/i.test(base)) {
    return { group: displayName, message: 'a Kustomize kustomization, not a manifest (the resources it lists are audited when they are in the inputs; audit "kustomize build" output to check patches)' };
  }
  if (HELM_FILES.test(base)) {
    return helmChart(fullPath, cwd) ?? { group: displayName, message: 'a Helm chart or values file, not a manifest' };
  }
  if (/\.json$/i.test(base)) {
    const kind = reportKind(fullPath);
    if (kind) return { group: displayName, message: `${kind}, not a manifest` };
  }
  return undefined;
}

/**
 * The absolute folder of the Helm chart containing this file (a folder with a `Chart.yaml`: the file's own or an
 * ancestor up to 8 levels), or undefined. `Chart.yaml`, `Chart.lock`, `values*.yaml` and `templates/` are all chart files.
 * @internal
 */
export function _helmChartRoot(fullPath: string): string | undefined {
  let dir = path.dirname(fullPath);
  for (let i = 0; i < 8; i++) {
    if (fs.existsSync(path.join(dir, 'Chart.yaml'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return undefined;
}

const HELM_FILES = /^(Chart\.ya?ml|Chart\.lock|requirements\.(ya?ml|lock)|values([.-][^/]*)?\.(ya?ml|json)|values\.schema\.json)$/;

/**
 * For a file that did not load: when it is in a Helm chart and holds Go template actions (`{{ ... }}`), it is a
 * template (not YAML until rendered) and is skipped like the chart's other files. Plain manifests in a chart
 * (cdk8s "synth --format helm" output, crds/) load and are audited.
 * @internal
 */
export function _helmTemplateSkip(fullPath: string, cwd: string): SkippedInput | undefined {
  // Only a regular file inside a chart, and never more than the cap: the input may be a device or a pipe (/dev/zero).
  if (_helmChartRoot(fullPath) === undefined) return undefined;
  let text: string;
  try {
    const stat = fs.statSync(fullPath);
    if (!stat.isFile() || stat.size > MAX_TEMPLATE_BYTES) return undefined;
    text = fs.readFileSync(fullPath, 'utf8');
  } catch {
    return undefined;
  }
  return text.includes('{{') ? helmChart(fullPath, cwd) : undefined;
}

/** Largest file looked at as a possible Helm template. */
const MAX_TEMPLATE_BYTES = 8 * 1024 * 1024;

function helmChart(fullPath: string, cwd: string): SkippedInput | undefined {
  const chart = _helmChartRoot(fullPath);
  if (chart === undefined) return undefined;
  const rel = path.relative(cwd, chart).split(path.sep).join('/') || '.';
  return { group: `${rel}/`, message: 'Helm chart files (Chart.yaml, Chart.lock, values, Go templates) skipped, not manifests: audit the output of "helm template" to check what the chart renders' };
}

/** Recognises a JSON report written by this tool (json, sarif, baseline) or another SARIF producer. */
function reportKind(fullPath: string): string | undefined {
  let head: string;
  try {
    if (!fs.statSync(fullPath).isFile()) return undefined; // never open a pipe or device here: the loader handles those
    const fd = fs.openSync(fullPath, 'r');
    try {
      const buf = Buffer.alloc(4096);
      head = buf.subarray(0, fs.readSync(fd, buf, 0, buf.length, 0)).toString('utf8');
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return undefined; // the loader reports unreadable files
  }
  if (/^\s*\{\s*"\$schema"\s*:\s*"[^"]*sarif/i.test(head) || /^\s*\{\s*"version"\s*:\s*"2\.1\.0"\s*,\s*"runs"/.test(head)) return 'a SARIF report';
  if (/^\s*\{\s*"cdk8sHardenedBaseline"/.test(head)) return 'a cdk8s-hardened baseline';
  if (/^\s*\{\s*"summary"\s*:\s*\{\s*"error"/.test(head)) return 'a cdk8s-hardened JSON report';
  return undefined;
}
