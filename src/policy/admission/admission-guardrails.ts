// SPDX-License-Identifier: Apache-2.0
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { _TARGET_RESOURCES, _TARGET_VARIABLES } from './_cel-library';
import { _validateDns1123Label } from '../../core/_util';
import { WellKnownLabels } from '../../core/labels';
import { _resolveRules } from '../engine/_resolve-rules';
import { _MIN_REASON_LENGTH, _suppressionKey } from '../engine/_suppression-annotation';
import { IRulePack, Severity } from '../engine/rule';
import { PodSecurityRestrictedPack } from '../packs/pod-security-restricted-pack';
import { TrustedRegistriesPack } from '../packs/trusted-registries-pack';

/** The API version of the generated policies. */
export enum AdmissionPolicyApiVersion {
  /** `admissionregistration.k8s.io/v1`, GA in Kubernetes 1.30. */
  V1 = 'admissionregistration.k8s.io/v1',
  /** `admissionregistration.k8s.io/v1beta1` for Kubernetes 1.28 and 1.29 (the feature gate and API must be enabled there). */
  V1BETA1 = 'admissionregistration.k8s.io/v1beta1',
}

/** What the API server does when a request violates a rule (`validationActions`). */
export enum AdmissionAction {
  /** Reject the request. */
  DENY = 'Deny',
  /** Admit the request and return a warning to the client. */
  WARN = 'Warn',
  /** Admit the request and record the violation in the audit log. */
  AUDIT = 'Audit',
}

/** Properties for `AdmissionGuardrails`. */
export interface AdmissionGuardrailsProps {
  /**
   * The rule packs to enforce. Rules that cannot be expressed in CEL are skipped and listed in
   * `rulesWithoutCel` (and in docs/admission-policies.md), never silently dropped.
   * @default - [new PodSecurityRestrictedPack()]
   */
  readonly packs?: IRulePack[];
  /**
   * API version for the cluster's Kubernetes version.
   * @default AdmissionPolicyApiVersion.V1 - Kubernetes 1.30 or newer
   */
  readonly apiVersion?: AdmissionPolicyApiVersion;
  /**
   * What happens on a violation.
   * @default [AdmissionAction.DENY] - violating requests are rejected
   */
  readonly actions?: AdmissionAction[];
  /**
   * What happens on a violation of a rule the packs rate as a warning or info (e.g. a tag-only image).
   * @default [AdmissionAction.WARN, AdmissionAction.AUDIT] - the client sees a warning and the audit log records it
   */
  readonly warningActions?: AdmissionAction[];
  /**
   * Registry prefixes images must come from (each ending with `/`, e.g. `ghcr.io/acme/`): adds a
   * `TrustedRegistriesPack` with these prefixes, enforced as HARDEN-WL-010 together with the prefixes of any
   * `TrustedRegistriesPack` in `packs`.
   * @default - images are not restricted by registry (no HARDEN-WL-010 policy is generated)
   */
  readonly trustedRegistries?: string[];
  /**
   * Namespaces the policies do not apply to (matched by the `kubernetes.io/metadata.name` label). Exempting any
   * namespace besides `kube-system` needs an `exemptionReason`. `ExemptNamespaces.platform()` is the preset for
   * GitOps, cert-manager, External Secrets and ingress controller namespaces.
   * @default ['kube-system'] - the cluster's own components
   */
  readonly exemptNamespaces?: string[];
  /**
   * Why the `exemptNamespaces` are exempt (at least 10 characters). Written on every binding as the
   * `hardened.cdk8s.io/exemption-reason` annotation, so the exemption is visible in Git and in the cluster.
   * @default - none; required when `exemptNamespaces` lists any namespace besides `kube-system`
   */
  readonly exemptionReason?: string;
  /**
   * Only namespaces with all of these labels are checked.
   * @default - every namespace that is not exempt
   */
  readonly namespaceLabels?: { [key: string]: string };
  /**
   * Prefix of every generated policy and binding name.
   * @default 'hardened'
   */
  readonly namePrefix?: string;
}

/**
 * The rule packs, enforced in the cluster as native `ValidatingAdmissionPolicy` objects (CEL, no webhook).
 *
 * One policy and one binding per rule, so each carries its own match condition that honours the whole-object
 * suppressions written by `Suppressions.add` (the key `suppress.hardened.cdk8s.io/<rule id>` on the object) as the
 * synth-time checks and the `audit` CLI do, and each message starts with the rule id.
 *
 * @see https://kubernetes.io/docs/reference/access-authn-authz/validating-admission-policy/
 */
export class AdmissionGuardrails extends Construct {
  /**
   * True unless the object carries a whole-object suppression of this rule: the per-rule key
   * `suppress.hardened.cdk8s.io/<rule id>` that `Suppressions.add` writes, with a reason of at least 10 characters.
   * Suppressions scoped with `appliesTo` have no such key and are not honoured in the cluster (CEL cannot map JSON
   * pointers to findings): the policy stays enforced, the stricter of the two choices, and docs/admission-policies.md
   * says so.
   */
  private static notSuppressed(ruleId: string): string {
    const key = _suppressionKey(ruleId);
    return `!(has(object.metadata.annotations) && '${key}' in object.metadata.annotations`
      + ` && size(object.metadata.annotations['${key}']) >= ${_MIN_REASON_LENGTH})`;
  }

  private static checkActions(actions: AdmissionAction[], what: string): AdmissionAction[] {
    const unique = [...new Set(actions)];
    if (unique.length === 0) {
      throw new Error(`AdmissionGuardrails needs at least one action in ${what}: use AdmissionAction.DENY, WARN or AUDIT.`);
    }
    if (unique.includes(AdmissionAction.DENY) && unique.includes(AdmissionAction.WARN)) {
      throw new Error(`Invalid ${what} [Deny, Warn]: the API server refuses this combination. Use [Deny] or [Deny, Audit], or [Warn, Audit] to observe first.`);
    }
    return unique;
  }

  /** The API version of the generated objects. */
  public readonly apiVersion: AdmissionPolicyApiVersion;
  /** Why the exempt namespaces are exempt (`exemptionReason`), if given. */
  public readonly exemptionReason?: string;
  private readonly _exempt: string[];
  private readonly _enforced: string[] = [];
  private readonly _withoutCel: string[] = [];

  constructor(scope: Construct, id: string, props: AdmissionGuardrailsProps = {}) {
    super(scope, id);
    this.apiVersion = props.apiVersion ?? AdmissionPolicyApiVersion.V1;
    const actions = AdmissionGuardrails.checkActions(props.actions ?? [AdmissionAction.DENY], 'actions');
    const warningActions = AdmissionGuardrails.checkActions(props.warningActions ?? [AdmissionAction.WARN, AdmissionAction.AUDIT], 'warningActions');
    const prefix = _validateDns1123Label(props.namePrefix ?? 'hardened', 'policy name prefix');
    const exempt = [...new Set(props.exemptNamespaces ?? ['kube-system'])].sort();
    exempt.forEach(ns => _validateDns1123Label(ns, 'exempt namespace'));
    const beyondDefault = exempt.filter(ns => ns !== 'kube-system');
    if (props.exemptionReason !== undefined && props.exemptionReason.trim().length < _MIN_REASON_LENGTH) {
      throw new Error(`AdmissionGuardrails ${this.node.path}: exemptionReason ${JSON.stringify(props.exemptionReason)} must be at least ` +
        `${_MIN_REASON_LENGTH} characters explaining why these namespaces are not checked.`);
    }
    if (beyondDefault.length && props.exemptionReason === undefined) {
      throw new Error(`AdmissionGuardrails ${this.node.path}: exempting ${beyondDefault.join(', ')} turns the policies off there; ` +
        'say why in exemptionReason (at least 10 characters, written on every binding), e.g. "platform controllers installed by their own charts".');
    }
    this._exempt = exempt;
    this.exemptionReason = props.exemptionReason?.trim();
    const packs = [...(props.packs ?? [new PodSecurityRestrictedPack()])];
    if (props.trustedRegistries) packs.push(new TrustedRegistriesPack(props.trustedRegistries));

    // Each rule once, at the most severe level any pack gives it: the same resolution as the Checker's.
    const rules = _resolveRules(packs, `AdmissionGuardrails ${this.node.path}`);
    // A rule configured by several packs (HARDEN-WL-010's prefixes) comes back merged, as the Checker enforces it.
    for (const { rule, severity } of rules) {
      const ruleId = rule.metadata.id;
      const cel = rule.cel;
      if (!cel) {
        this._withoutCel.push(ruleId);
        continue;
      }
      // No expression: nothing to enforce in this configuration (the check finds nothing either).
      if (cel.expression === undefined) continue;
      this._enforced.push(ruleId);
      const name = `${prefix}-${ruleId.toLowerCase()}`;
      new ApiObject(this, ruleId, {
        apiVersion: this.apiVersion,
        kind: 'ValidatingAdmissionPolicy',
        metadata: { name },
        spec: {
          failurePolicy: 'Fail',
          matchConstraints: {
            resourceRules: _TARGET_RESOURCES[cel.target].map(r => ({ ...r, operations: ['CREATE', 'UPDATE'] })),
          },
          matchConditions: [{
            name: 'not-suppressed',
            expression: AdmissionGuardrails.notSuppressed(ruleId),
          }],
          ...(_TARGET_VARIABLES[cel.target].length ? { variables: _TARGET_VARIABLES[cel.target] } : {}),
          validations: [{
            expression: cel.expression,
            message: `${ruleId} ${rule.metadata.name}: ${rule.metadata.remediation}`,
            reason: 'Forbidden',
          }],
        },
      });
      new ApiObject(this, `${ruleId}-binding`, {
        apiVersion: this.apiVersion,
        kind: 'ValidatingAdmissionPolicyBinding',
        metadata: {
          name,
          ...(this.exemptionReason ? { annotations: { [WellKnownLabels.EXEMPTION_REASON_ANNOTATION]: this.exemptionReason } } : {}),
        },
        spec: {
          policyName: name,
          validationActions: severity === Severity.ERROR ? actions : warningActions,
          matchResources: {
            namespaceSelector: {
              ...(props.namespaceLabels && Object.keys(props.namespaceLabels).length ? { matchLabels: { ...props.namespaceLabels } } : {}),
              ...(exempt.length ? { matchExpressions: [{ key: WellKnownLabels.NAMESPACE_NAME, operator: 'NotIn', values: exempt }] } : {}),
            },
          },
        },
      });
    }
  }

  /** The namespaces the policies do not apply to, in code-point order (a copy). */
  public get exemptNamespaces(): string[] {
    return [...this._exempt];
  }

  /** Rule ids enforced by a generated policy. */
  public get enforcedRules(): string[] {
    return [...this._enforced];
  }

  /** Rule ids of the packs that have no CEL form and are therefore only checked at synth time and by the CLI. */
  public get rulesWithoutCel(): string[] {
    return [...this._withoutCel];
  }
}
