// SPDX-License-Identifier: Apache-2.0
import { CelTarget, IRule, IRuleCel, IRuleMerge, RuleContext, RuleMetadata, RuleReads, RuleViolation, Severity } from '../../engine/rule';
import { _celList } from '../_cel';
import { _containerViolations, _READS_POD_SPECS } from '../_pod-spec';
import { _describeContainer } from './_describe';

/**
 * Every container image comes from one of the trusted registries (prefixes such as `ghcr.io/acme/`).
 *
 * Images are matched by their literal reference: `nginx:1.27` is not normalized to
 * `docker.io/library/nginx:1.27`, so list the prefix as your manifests write it. With no prefixes
 * configured the rule checks nothing (configure it through `TrustedRegistriesPack`).
 * @see https://kubernetes.io/docs/concepts/containers/images/
 */
export class ContainerImageIsFromTrustedRegistry implements IRule {
  /** The rule's stable id. */
  public static readonly ID = 'HARDEN-WL-010';

  /** The objects the rule reads: objects that carry a pod spec. */
  public readonly reads?: RuleReads = _READS_POD_SPECS;

  /** The rule's metadata. */
  public readonly metadata: RuleMetadata = {
    id: ContainerImageIsFromTrustedRegistry.ID,
    name: 'ContainerImageIsFromTrustedRegistry',
    rationale: 'Images from registries you do not control (or do not mirror and scan) can be replaced, typo-squatted or '
      + 'unscanned. Restricting images to trusted registries makes scanning and signing policies enforceable.',
    remediation: 'Pull the image through one of the trusted registries (mirror it there) and reference it by that prefix.',
    references: [
      'NSA/CISA Kubernetes Hardening Guide v1.2: Pod security, "Building secure container images"',
      'https://kubernetes.io/docs/concepts/containers/images/',
    ],
    defaultSeverity: Severity.ERROR,
  };

  /**
   * Several instances (one per trusted-registry pack) are enforced as one that trusts every instance's prefixes;
   * an instance without prefixes adds none.
   */
  public readonly merge?: IRuleMerge = {
    merge: (rules: IRule[]) => new ContainerImageIsFromTrustedRegistry([...new Set(rules
      .flatMap(r => (r instanceof ContainerImageIsFromTrustedRegistry ? r.registries : [])))]),
  };

  /** The trusted prefixes, sorted. */
  public readonly registries: string[];

  /**
   * @param registries trusted prefixes, each ending with `/` (e.g. `ghcr.io/acme/`, `registry.example.com/`)
   */
  public constructor(registries: string[] = []) {
    for (const r of registries) {
      if (typeof r !== 'string' || !/^[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:[0-9]+)?\/([a-z0-9._/-]*\/)?$/.test(r)) {
        throw new Error(`Invalid trusted registry "${r}": use a registry host (and optional path) ending with "/", such as "ghcr.io/acme/". `
          + 'Without the trailing "/", "ghcr.io/acme" would also trust "ghcr.io/acme-evil/".');
      }
    }
    this.registries = [...new Set(registries)].sort();
  }

  /**
   * The rule's CEL: every image starts with one of the prefixes. Without prefixes there is nothing to enforce
   * (the check finds nothing either), so no policy is generated.
   */
  public get cel(): IRuleCel | undefined {
    return {
      target: CelTarget.POD_BEARING,
      ...(this.registries.length ? { expression: `variables.containers.all(c, has(c.image) && ${_celList(this.registries)}.exists(p, c.image.startsWith(p)))` } : {}),
    };
  }

  /** Checks one object. */
  public check(obj: any, _context: RuleContext): RuleViolation[] {
    if (this.registries.length === 0) return [];
    return _containerViolations(obj, (c, out) => {
      const image = c.container.image;
      if (typeof image === 'string' && this.registries.some(r => image.startsWith(r))) return;
      out.push({
        path: `${c.path}/image`,
        message: `${_describeContainer(c)} image ${JSON.stringify(image)} is not from a trusted registry (${this.registries.join(', ')})`,
      });
    });
  }
}
