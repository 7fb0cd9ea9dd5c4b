// SPDX-License-Identifier: Apache-2.0
import { IRulePack, RulePackEntry, Severity } from '../engine/rule';
import {
  ExternalNameServiceDoesNotPointInside,
  IngressHasNoWildcardHost,
  IngressHostsAreCoveredByTls,
  NamespaceEnforcesPodSecurity,
  NamespaceHasDefaultDenyEgress,
  NamespaceHasDefaultDenyIngress,
  NamespaceHasLimitRange,
  NamespaceHasResourceQuota,
  NetworkPolicyEgressExcludesCloudMetadata,
  ServiceHasNoExternalIps,
  ServiceIsNotExternallyExposed,
} from '../rules/network';

/**
 * Namespace isolation: default-deny ingress and egress, ResourceQuota and LimitRange in every
 * namespace that runs workloads, Pod Security Admission `enforce` on every Namespace, no
 * NodePort/LoadBalancer Services, TLS for every Ingress host, no Service `externalIPs` (CVE-2020-8554) and no
 * ExternalName Service pointing inside the node or the cluster, no wildcard Ingress hosts (a warning), no egress rule that admits a cloud metadata endpoint.
 *
 * The quota and limit-range rules are warnings (they protect availability, not confidentiality);
 * the rest are errors.
 */
export class NetworkIsolationPack implements IRulePack {
  /** The pack's name. */
  public static readonly NAME = 'NetworkIsolation';

  /** The pack's name. */
  public readonly name = NetworkIsolationPack.NAME;

  /** The pack's rules with their severities, in id order. */
  public readonly entries: RulePackEntry[] = [
    { rule: new NamespaceHasDefaultDenyIngress(), severity: Severity.ERROR },
    { rule: new NamespaceHasDefaultDenyEgress(), severity: Severity.ERROR },
    { rule: new NamespaceHasResourceQuota(), severity: Severity.WARNING },
    { rule: new NamespaceHasLimitRange(), severity: Severity.WARNING },
    { rule: new NamespaceEnforcesPodSecurity(), severity: Severity.ERROR },
    { rule: new ServiceIsNotExternallyExposed(), severity: Severity.ERROR },
    { rule: new IngressHostsAreCoveredByTls(), severity: Severity.ERROR },
    { rule: new ServiceHasNoExternalIps(), severity: Severity.ERROR },
    { rule: new ExternalNameServiceDoesNotPointInside(), severity: Severity.ERROR },
    { rule: new IngressHasNoWildcardHost(), severity: Severity.WARNING },
    { rule: new NetworkPolicyEgressExcludesCloudMetadata(), severity: Severity.ERROR },
  ];
}
