// SPDX-License-Identifier: Apache-2.0
import { CelTarget, IRule, IRuleCel, RuleContext, RuleMetadata, RuleReads, RuleViolation, Severity } from '../../engine/rule';
import { _containerViolations, _READS_POD_SPECS } from '../_pod-spec';
import { _describeContainer } from './_describe';
import { _parseImage } from '../../../core/_image-reference';

/**
 * Every container image that carries a version tag also carries a digest.
 *
 * This rule reports only tag-only images (for example `nginx:1.27`). Untagged, `:latest`, missing
 * and malformed-digest images are reported by {@link ContainerImageIsNotLatest}, so each image
 * yields at most one finding across the two rules. Tags can be moved by whoever can push to the
 * repository, so a tag is a weaker pin than a digest: packs give this rule a lower severity.
 * @see https://kubernetes.io/docs/concepts/containers/images/#image-names
 */
export class ContainerImageIsPinnedByDigest implements IRule {
  /** The rule's stable id. */
  public static readonly ID = 'HARDEN-WL-004';

  /** The objects the rule reads: objects that carry a pod spec. */
  public readonly reads?: RuleReads = _READS_POD_SPECS;

  /** The rule's metadata. */
  public readonly metadata: RuleMetadata = {
    id: ContainerImageIsPinnedByDigest.ID,
    name: 'ContainerImageIsPinnedByDigest',
    rationale: 'A tag is mutable: anyone who can push to the repository can point it at different content. Only a digest '
      + 'guarantees the cluster runs the exact image that was reviewed and scanned.',
    remediation: 'Append the digest to the tag (`repo:1.2.3@sha256:<64 hex>`); resolve it with `crane digest` or '
      + '`docker buildx imagetools inspect`.',
    references: [
      'NSA/CISA Kubernetes Hardening Guide v1.2: Pod security, "Building secure container images"',
      'https://kubernetes.io/docs/concepts/containers/images/#image-names',
    ],
    defaultSeverity: Severity.WARNING,
  };

  /** The rule's CEL, enforced in the cluster by `AdmissionGuardrails`. */
  public readonly cel?: IRuleCel = CEL;

  /** Checks one object. */
  public check(obj: any, _context: RuleContext): RuleViolation[] {
    return _containerViolations(obj, (c, out) => {
      const image = c.container.image;
      if (typeof image !== 'string' || image.trim() === '') return;
      const ref = _parseImage(image);
      if (ref.digest !== undefined || ref.tag === undefined || ref.tag === 'latest') return;
      out.push({
        path: `${c.path}/image`,
        message: `${_describeContainer(c)} image "${image}" is pinned by tag "${ref.tag}" only; add @sha256:<digest>`,
      });
    });
  }
}

/** The CEL form: image pinned by digest (a tag alone is a finding). */
const CEL: IRuleCel = {
  target: CelTarget.POD_BEARING,
  expression: "variables.containers.all(c, !has(c.image) || c.image.matches('^\\\\s*$') || c.image.contains('@')"
    + " || !c.image.matches(':[^/]*$') || c.image.matches(':latest$'))",
};
