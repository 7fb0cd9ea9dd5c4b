// SPDX-License-Identifier: Apache-2.0
import { _FIX_WRITABLE_PATHS, _isWritablePath, _WRITABLE_PATH_SIZE_LIMIT, _writableVolumeName } from '../../../core/_writable-paths';
import { CelTarget, IRule, IRuleCel, IRuleFix, RuleContext, RuleFixChange, RuleFixOptions, RuleMetadata, RuleReads, RuleViolation, Severity } from '../../engine/rule';
import { _celPresent } from '../_cel';
import { _child } from '../_fix';
import { _allContainers, _containerViolations, _podTemplates, _setPodField, PodTemplateRef, _READS_POD_SPECS } from '../_pod-spec';
import { _describeContainer } from './_describe';

/**
 * Every container (init, regular and ephemeral) sets `securityContext.readOnlyRootFilesystem: true`.
 *
 * Applies to every pod-bearing kind.
 *
 * Fix: sets `readOnlyRootFilesystem: true` where it is unset (not on Windows pods, which cannot have it) and
 * mounts a size-limited `emptyDir` at `/tmp` and at each `RuleFixOptions.writablePaths` entry the container
 * does not mount already; existing mounts stay as they are (writable ones keep working). An explicit `false`
 * stays a finding.
 * @see https://kubernetes.io/docs/tasks/configure-pod-container/security-context/
 */
export class ContainerRootFilesystemIsReadOnly implements IRule {
  /** The rule's stable id. */
  public static readonly ID = 'HARDEN-WL-001';

  /** The objects the rule reads: objects that carry a pod spec. */
  public readonly reads?: RuleReads = _READS_POD_SPECS;

  /** The rule's metadata. */
  public readonly metadata: RuleMetadata = {
    id: ContainerRootFilesystemIsReadOnly.ID,
    name: 'ContainerRootFilesystemIsReadOnly',
    rationale: 'A writable root filesystem lets an attacker who gains code execution drop tools, modify binaries and persist '
      + 'inside the container. An immutable root filesystem limits that, and makes writes explicit (emptyDir or volume mounts).',
    remediation: 'Set `securityContext.readOnlyRootFilesystem: true` on every container and mount an `emptyDir` volume for '
      + 'each path the process must write (for example /tmp).',
    references: [
      'NSA/CISA Kubernetes Hardening Guide v1.2: Pod security, "Use immutable container file systems"',
      'CIS Kubernetes Benchmark 5.7.3: Apply Security Context to Your Pods and Containers',
      'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/',
    ],
    defaultSeverity: Severity.ERROR,
  };

  /** The rule's CEL, enforced in the cluster by `AdmissionGuardrails`. */
  public readonly cel?: IRuleCel = CEL;

  /** Sets `readOnlyRootFilesystem: true` where unset, with emptyDirs for `/tmp` and the listed writable paths. */
  public readonly fix?: IRuleFix = { apply: (obj, options) => this.applyFix(obj, options) };

  /** Checks one object. */
  public check(obj: any, _context: RuleContext): RuleViolation[] {
    return _containerViolations(obj, (c, out) => {
      const value = c.container.securityContext?.readOnlyRootFilesystem;
      if (value === true) return;
      out.push({
        path: `${c.path}/securityContext/readOnlyRootFilesystem`,
        message: `${_describeContainer(c)} has readOnlyRootFilesystem ${value === undefined ? 'unset' : JSON.stringify(value)}; set it to true`,
      });
    });
  }

  private applyFix(obj: any, options: RuleFixOptions): RuleFixChange[] {
    const extra = options?.writablePaths ?? [];
    for (const p of extra) {
      if (!_isWritablePath(p)) {
        throw new Error(`Invalid writable path ${JSON.stringify(p)} for the read-only root filesystem fix: it must be an absolute directory `
          + 'other than "/" without "..", e.g. "/var/cache/app".');
      }
    }
    const paths = [...new Set([..._FIX_WRITABLE_PATHS, ...extra.map(p => p.replace(/\/+$/, ''))])];
    const out: RuleFixChange[] = [];
    for (const pod of _podTemplates(obj)) this.fixPod(pod, paths, out);
    return out;
  }

  private fixPod(pod: PodTemplateRef, paths: string[], out: RuleFixChange[]): void {
    if (pod.spec.os?.name === 'windows') return;
    for (const c of _allContainers(pod)) {
      const current = c.container.securityContext;
      if (current !== undefined && current !== null && (typeof current !== 'object' || Array.isArray(current))) continue;
      if (current?.readOnlyRootFilesystem !== undefined && current?.readOnlyRootFilesystem !== null) continue;
      const mounts = c.container.volumeMounts;
      const volumes = pod.spec.volumes;
      const notList = (v: any) => v !== undefined && v !== null && !Array.isArray(v);
      if (notList(mounts) || notList(volumes)) continue;
      // No volume list and no place to create one (a Tekton task: the run decides): leave the container as it is.
      if (!Array.isArray(volumes) && pod.source === undefined) continue;
      const sc = _child(c.container, 'securityContext')!;
      sc.readOnlyRootFilesystem = true;
      out.push({ path: `${c.path}/securityContext/readOnlyRootFilesystem`, description: 'set readOnlyRootFilesystem: true' });
      const mounted = new Set((mounts ?? []).map((m: any) => String(m?.mountPath ?? '').replace(/\/+$/, '')));
      for (const path of paths) {
        if (mounted.has(path)) continue;
        if (!Array.isArray(pod.spec.volumes)) _setPodField(pod, 'volumes', []);
        const vols: any[] = pod.spec.volumes;
        const taken = new Set(vols.map(v => v?.name));
        const base = _writableVolumeName(String(c.container.name ?? c.field), path);
        let name = base;
        for (let i = 2; taken.has(name); i++) name = `${base.slice(0, 60)}-${i}`;
        vols.push({ name, emptyDir: { sizeLimit: _WRITABLE_PATH_SIZE_LIMIT } });
        (c.container.volumeMounts ?? (c.container.volumeMounts = [])).push({ name, mountPath: path });
        out.push({ path: `${c.path}/volumeMounts`, description: `mounted a writable emptyDir "${name}" (sizeLimit ${_WRITABLE_PATH_SIZE_LIMIT}) at ${path}` });
      }
    }
  }
}

/** The CEL form: readOnlyRootFilesystem: true on every container. */
const CEL: IRuleCel = {
  target: CelTarget.POD_BEARING,
  expression: `variables.containers.all(c, ${_celPresent('c', 'securityContext.readOnlyRootFilesystem')} && c.securityContext.readOnlyRootFilesystem == true)`,
};
