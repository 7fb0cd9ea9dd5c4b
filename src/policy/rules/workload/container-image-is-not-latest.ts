// SPDX-License-Identifier: Apache-2.0
import { CelTarget, IRule, IRuleCel, RuleContext, RuleMetadata, RuleReads, RuleViolation, Severity } from '../../engine/rule';
import { _containerViolations, _READS_POD_SPECS } from '../_pod-spec';
import { _describeContainer } from './_describe';
import { _PINNED_DIGEST_PATTERN, _isPinnedByDigest, _parseImage } from '../../../core/_image-reference';

/**
 * Every container image names an explicit version: a digest, or a tag other than `latest`.
 *
 * Untagged images (which mean `latest`), `:latest` in any letter case, a missing image and a malformed digest are
 * findings. A tag without a digest is accepted here and reported, at lower severity, by
 * {@link ContainerImageIsPinnedByDigest}; every image therefore yields at most one finding across the two rules.
 * @see https://kubernetes.io/docs/concepts/containers/images/#image-names
 */
export class ContainerImageIsNotLatest implements IRule {
  /** The rule's stable id. */
  public static readonly ID = 'HARDEN-WL-003';

  /** The objects the rule reads: objects that carry a pod spec. */
  public readonly reads?: RuleReads = _READS_POD_SPECS;

  /** The rule's metadata. */
  public readonly metadata: RuleMetadata = {
    id: ContainerImageIsNotLatest.ID,
    name: 'ContainerImageIsNotLatest',
    rationale: 'An untagged or `:latest` image changes under the same name: deployments are not reproducible, rollbacks do not '
      + 'roll back, and a compromised registry push is picked up on the next pull without any manifest change.',
    remediation: 'Reference the image by digest (`registry/repo@sha256:<64 hex>`, optionally with the tag for readability: '
      + '`repo:1.2.3@sha256:...`).',
    references: [
      'NSA/CISA Kubernetes Hardening Guide v1.2: Pod security, "Building secure container images"',
      'https://kubernetes.io/docs/concepts/containers/images/#image-names',
      'https://kubernetes.io/docs/concepts/configuration/overview/#container-images',
    ],
    defaultSeverity: Severity.ERROR,
  };

  /** The rule's CEL, enforced in the cluster by `AdmissionGuardrails`. */
  public readonly cel?: IRuleCel = CEL;

  /** Checks one object. */
  public check(obj: any, _context: RuleContext): RuleViolation[] {
    return _containerViolations(obj, (c, out) => {
      const image = c.container.image;
      const where = _describeContainer(c);
      if (typeof image !== 'string' || image.trim() === '') {
        out.push({ path: `${c.path}/image`, message: `${where} has no image; reference one by digest` });
        return;
      }
      const ref = _parseImage(image);
      if (ref.digest !== undefined) {
        if (!_isPinnedByDigest(ref)) {
          out.push({ path: `${c.path}/image`, message: `${where} image "${image}" has a malformed digest "${ref.digest}"; use @sha256:<64 lowercase hex>` });
        }
        return;
      }
      if (ref.tag === undefined) {
        out.push({ path: `${c.path}/image`, message: `${where} image "${image}" has no tag (pulls latest); pin it by digest` });
      } else if (ref.tag.toLowerCase() === 'latest') {
        // Any spelling: "LATEST" is as mutable as "latest", and people (and tools) read it as the same tag.
        out.push({ path: `${c.path}/image`, message: `${where} image "${image}" uses the mutable tag "${ref.tag}"; pin it by digest` });
      }
    });
  }
}

/** The CEL form: image referenced by a well-formed digest or a tag other than latest. */
const CEL: IRuleCel = {
  target: CelTarget.POD_BEARING,
  expression: "variables.containers.all(c, has(c.image) && !c.image.matches('^\\\\s*$') && (c.image.contains('@')"
    + ` ? c.image.matches('^[^@]*@${_PINNED_DIGEST_PATTERN}$')`
    + " : (c.image.matches(':[^/]*$') && !c.image.matches('(?i):latest$'))))",
};
