// SPDX-License-Identifier: Apache-2.0
import { ApiObject, ApiObjectMetadataDefinition, JsonPatch } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { IConstruct } from 'constructs';
import { WellKnownLabels } from '../../core/labels';
import { _engineRules } from '../engine/_engine-rules';
import {
  _MAX_KEY_NAME_LENGTH, _mergeSuppressions, _readSuppressionAnnotation, _suppressionKey, _suppressionProblems, ParsedSuppression,
} from '../engine/_suppression-annotation';
import { RulePacks } from '../packs/rule-packs';
import { _POD_BEARING_KINDS, _podTemplate } from '../rules/_pod-spec';

/** An audited exception to one rule. */
export interface Suppression {
  /** Id of the suppressed rule, e.g. `HARDEN-PSS-001`: a built-in rule (RULES.md) or a rule of your own pack. */
  readonly id: string;
  /** Why the finding is acceptable, for the reviewer (at least 10 visible characters: white space and zero-width characters do not count). It is reported with every suppressed finding. */
  readonly reason: string;
  /**
   * Limits the suppression to findings at these JSON pointers (or below them), e.g. `/spec/template/spec/containers/1`.
   * @default - every finding of the rule on the object (prefer a narrow `appliesTo`)
   */
  readonly appliesTo?: string[];
}

/**
 * Suppresses rule findings on a construct's Kubernetes objects.
 *
 * Suppressions are written into the manifest as the annotation `WellKnownLabels.SUPPRESSIONS_ANNOTATION`
 * (a JSON array), so every enforcement point honours the same exceptions: `SecurityChecks` at synth time,
 * the `cdk8s-hardened audit` CLI and the cdk8s-cli validation plugin. Each whole-object suppression (no
 * `appliesTo`) is also written as its own key, `suppress.hardened.cdk8s.io/<rule id>: <reason>`, which the
 * admission policies of `AdmissionGuardrails` read (CEL reads a key, not JSON). Suppressed findings are still
 * reported (as suppressed), and a suppression that matches nothing is reported too.
 */
export class Suppressions {
  /** The prefix of every built-in rule id: `Suppressions.add` refuses an unknown id with this prefix (a typo). */
  public static readonly BUILT_IN_ID_PREFIX = 'HARDEN-';

  /**
   * Adds suppressions to every `ApiObject` at or below `construct` that exists now. Call it after the
   * construct has created its objects.
   *
   * @throws when a reason has fewer than 10 visible characters, an id is not a known rule id, an `appliesTo` entry is not a JSON pointer,
   * or the construct has no `ApiObject`
   */
  public static add(construct: IConstruct, suppressions: Suppression[]): void {
    const where = construct.node.path || '<root>';
    Suppressions.validate(`Suppressions.add(${where})`, suppressions);
    const objects = construct.node.findAll().filter(c => ApiObject.isApiObject(c)) as ApiObject[];
    if (objects.length === 0) {
      throw new Error(`Suppressions.add(${where}): the construct has no Kubernetes objects (ApiObject) yet. `
        + 'Call Suppressions.add after the construct has created its resources.');
    }
    // cdk8s-plus workloads render their pod template from `podMetadata` (public API): write the suppressions there.
    const podMetadataOf = new Map<ApiObject, ApiObjectMetadataDefinition>();
    for (const c of construct.node.findAll()) {
      if (c instanceof kplus.Workload) podMetadataOf.set(ApiObject.of(c), c.podMetadata);
    }
    for (const obj of objects) {
      const merged = _mergeSuppressions(Suppressions.fromManifest(obj), suppressions);
      const annotations: { [key: string]: string } = { [WellKnownLabels.SUPPRESSIONS_ANNOTATION]: JSON.stringify(merged) };
      for (const s of merged) if (!s.appliesTo) annotations[_suppressionKey(s.id)] = s.reason;
      for (const [key, value] of Object.entries(annotations)) obj.metadata.addAnnotation(key, value);
      // Pods created by a workload carry its template's annotations: copy the suppressions there too, so the
      // in-cluster admission policies (AdmissionGuardrails) honour them for those Pods as well as for the workload.
      const podMetadata = podMetadataOf.get(obj);
      if (podMetadata) {
        for (const [key, value] of Object.entries(annotations)) podMetadata.addAnnotation(key, value);
      } else if (_POD_BEARING_KINDS.includes(obj.kind) && obj.kind !== 'Pod') {
        Suppressions.annotatePodTemplate(obj, annotations);
      }
    }
  }

  /** The suppressions recorded on a construct's primary `ApiObject` (`ApiObject.of(construct)`), or an empty list. */
  public static of(construct: IConstruct): Suppression[] {
    const obj = ApiObject.isApiObject(construct) ? construct : construct.node.tryFindChild('Resource');
    if (!obj || !ApiObject.isApiObject(obj)) return [];
    return Suppressions.fromManifest(obj).map(s => ({ ...s }));
  }

  /**
   * Replaces, on one object, the scoped suppressions a construct wrote before (`previous`, as this returned last time)
   * by `next`, keeping every other suppression. For constructs whose own scoped suppressions move when the object
   * re-renders (a Role's PolicyRules are merged and sorted, so `appliesTo: ["/rules/<i>"]` shifts). Checked as
   * `add` checks them; only scoped suppressions (`appliesTo`), which have no per-rule key to remove.
   *
   * @returns the suppressions written for `next` (normalized), to pass as `previous` next time
   * @internal
   */
  public static _replaceScoped(obj: ApiObject, previous: ParsedSuppression[], next: ParsedSuppression[]): ParsedSuppression[] {
    const where = `Suppressions (${obj.node.path})`;
    Suppressions.validate(where, next);
    if (next.some(s => !s.appliesTo)) throw new Error(`${where}: only scoped suppressions (with appliesTo) can be replaced.`);
    const same = (a: ParsedSuppression, b: ParsedSuppression) =>
      JSON.stringify([a.id, a.reason, a.appliesTo]) === JSON.stringify([b.id, b.reason, b.appliesTo]);
    const others = Suppressions.fromManifest(obj).filter(c => !previous.some(p => same(p, c)));
    const merged = _mergeSuppressions(others, next);
    obj.metadata.addAnnotation(WellKnownLabels.SUPPRESSIONS_ANNOTATION, JSON.stringify(merged));
    return next.map(n => merged.find(m => m.id === n.id && JSON.stringify(m.appliesTo) === JSON.stringify([...n.appliesTo!].sort()))!);
  }

  /**
   * Writes the suppressions into the pod template of a raw `ApiObject` or an `Include`d object (Deployment,
   * StatefulSet, DaemonSet, ReplicaSet, Job, ReplicationController, PodTemplate; CronJob: the job template's pod
   * template) with a JSON patch, creating the template's `metadata` / `annotations` when absent.
   */
  private static annotatePodTemplate(obj: ApiObject, annotations: { [key: string]: string }): void {
    const template = _podTemplate(obj.toJson());
    if (!template) return; // no pod spec: nothing for a Pod to inherit
    const pointer = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');
    const md = template.metadata;
    if (!md || typeof md !== 'object') {
      obj.addJsonPatch(JsonPatch.add(template.metadataPath, { annotations: { ...annotations } }));
    } else if (!md.annotations || typeof md.annotations !== 'object') {
      obj.addJsonPatch(JsonPatch.add(`${template.metadataPath}/annotations`, { ...annotations }));
    } else {
      for (const [key, value] of Object.entries(annotations)) {
        obj.addJsonPatch(JsonPatch.add(`${template.metadataPath}/annotations/${pointer(key)}`, value));
      }
    }
  }

  /** Throws on a suppression `add` would refuse: a short reason, a malformed or unknown id, a bad `appliesTo`. */
  private static validate(where: string, suppressions: ReadonlyArray<Suppression>): void {
    const problems = suppressions.flatMap((s, i) => _suppressionProblems(s, `${where} entry ${i}`));
    if (problems.length > 0) throw new Error(problems.join('\n'));
    // This library's ids (HARDEN-...) are all known here: an unknown one is a typo. Other well-formed ids belong
    // to your own packs; the checks report a suppression that matches no rule as unmatched.
    const known = new Set([...RulePacks.knownRuleIds(), ..._engineRules().map(r => r.metadata.id)]);
    for (const s of suppressions) {
      if (!s.appliesTo && s.id.length > _MAX_KEY_NAME_LENGTH) {
        throw new Error(`${where}: rule id "${s.id}" is longer than ${_MAX_KEY_NAME_LENGTH} characters, so a whole-object `
          + `suppression of it cannot be written as the annotation key ${_suppressionKey('<rule id>')}. Use a shorter rule id.`);
      }
      if (s.id.startsWith(Suppressions.BUILT_IN_ID_PREFIX) && !known.has(s.id)) {
        throw new Error(`${where}: unknown rule id "${s.id}". Use an id listed in RULES.md `
          + `(ids starting with ${Suppressions.BUILT_IN_ID_PREFIX} are this library's rules).`);
      }
    }
  }

  /** Suppressions already present in the object's metadata (for example from `Include`d YAML). */
  private static fromManifest(obj: ApiObject): ParsedSuppression[] {
    const read = _readSuppressionAnnotation({ metadata: obj.metadata.toJson() });
    return read.suppressions;
  }

  private constructor() {}
}
