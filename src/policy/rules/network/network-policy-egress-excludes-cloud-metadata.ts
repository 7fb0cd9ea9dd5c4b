// SPDX-License-Identifier: Apache-2.0
import { _ipBlockAdmits, _parseRange, IpRange } from '../../../core/_cidr';
import { _CLOUD_METADATA_ENDPOINTS } from '../../../core/_cloud-metadata';
import { IRule, RuleContext, RuleMetadata, RuleReads, RuleViolation, Severity } from '../../engine/rule';

/**
 * No NetworkPolicy egress rule admits a cloud instance-metadata endpoint (`169.254.169.254`, `fd00:ec2::254`,
 * `100.100.100.200`) on its port: neither through a rule without `to` (every destination) nor through an `ipBlock`
 * whose `cidr` covers the address and whose `except` does not remove it.
 *
 * NetworkPolicies only add allowed flows, so an egress rule written for "the internet" (`0.0.0.0/0`) also opens the
 * metadata endpoint, from which a pod reads the node's cloud credentials. Selector peers (`podSelector`,
 * `namespaceSelector`) never match the endpoint; named ports never match an address outside the cluster.
 *
 * No automatic fix: whether the pods may reach the endpoint is the author's decision (suppress with a reason if they
 * must), and a fix only sets absent fields.
 * @see https://kubernetes.io/docs/concepts/services-networking/network-policies/#networkpolicy-resource
 */
export class NetworkPolicyEgressExcludesCloudMetadata implements IRule {
  /** The rule's stable id. */
  public static readonly ID = 'HARDEN-NET-011';

  /** The objects the rule reads: objects of kind NetworkPolicy. */
  public readonly reads?: RuleReads = RuleReads.kinds('NetworkPolicy');

  /** The rule's metadata. */
  public readonly metadata: RuleMetadata = {
    id: NetworkPolicyEgressExcludesCloudMetadata.ID,
    name: 'NetworkPolicyEgressExcludesCloudMetadata',
    rationale: 'The cloud metadata endpoint hands any caller on the node the node\'s credentials and bootstrap data; an egress rule '
      + 'that admits it (no `to`, or an ipBlock such as 0.0.0.0/0 without an `except` for it) lets every selected pod take them, '
      + 'which defeats the namespace\'s default-deny egress.',
    remediation: 'List the destinations the pods need; for an ipBlock that covers the endpoint add it to `except` (e.g. cidr '
      + '0.0.0.0/0 with except [169.254.169.254/32]), or restrict the rule to ports other than 80. Block the endpoint on the '
      + 'nodes as well (IMDSv2 with a hop limit of 1, GKE Workload Identity, Azure\'s Workload Identity).',
    references: [
      'https://docs.aws.amazon.com/eks/latest/best-practices/identity-and-access-management.html#_restrict_access_to_the_instance_profile_assigned_to_the_worker_node',
      'https://kubernetes.io/docs/concepts/services-networking/network-policies/#networkpolicy-resource',
    ],
    defaultSeverity: Severity.ERROR,
  };

  /** Why the rule has no CEL form. */
  public readonly noCelReason?: string = 'deciding whether an ipBlock covers an address needs CIDR arithmetic, which CEL offers '
    + 'only from Kubernetes 1.31 (the policies target 1.28)';

  /** Checks one object. */
  public check(obj: any, _context: RuleContext): RuleViolation[] {
    if (obj?.kind !== 'NetworkPolicy' || obj.apiVersion !== 'networking.k8s.io/v1') return [];
    const spec = obj.spec;
    const egress = spec?.egress;
    if (!Array.isArray(egress)) return [];
    const types = spec.policyTypes;
    if (Array.isArray(types) && !types.includes('Egress')) return [];
    const findings: RuleViolation[] = [];
    egress.forEach((rule: any, index: number) => {
      const admitted = _CLOUD_METADATA_ENDPOINTS.filter(e => admitsPort(rule?.ports, e.port) && admitsAddress(rule?.to, e.address));
      if (admitted.length === 0) return;
      findings.push({
        path: `/spec/egress/${index}`,
        message: `NetworkPolicy "${obj.metadata?.name}" egress rule ${index} admits the cloud metadata endpoint `
          + `${admitted.map(e => `${e.address} port ${e.port} (${e.providers})`).join(', ')}, from which a pod reads the node's credentials`,
      });
    });
    return findings;
  }
}

/** Whether a rule's `ports` admit TCP `port`: no list (or an empty one) admits every port. */
function admitsPort(ports: unknown, port: number): boolean {
  if (!Array.isArray(ports) || ports.length === 0) return true;
  return ports.some((p: any) => {
    if (p === null || typeof p !== 'object') return false;
    if ((p.protocol ?? 'TCP') !== 'TCP') return false;
    if (p.port === undefined || p.port === null) return true;
    if (typeof p.port !== 'number') return false; // a named port matches pods only, never an address outside the cluster
    const end = typeof p.endPort === 'number' ? p.endPort : p.port;
    return p.port <= port && port <= end;
  });
}

/** Whether a rule's `to` admits `address`: no list (or an empty one) admits every destination. */
function admitsAddress(to: unknown, address: string): boolean {
  if (!Array.isArray(to) || to.length === 0) return true;
  const endpoint = _parseRange(address, 'metadata address');
  return to.some((peer: any) => {
    const block = peer?.ipBlock;
    if (block === null || typeof block !== 'object') return false; // a selector peer matches pods, not the endpoint
    const cidr = range(block.cidr);
    if (!cidr) return false; // the API server refuses an invalid cidr: nothing is admitted
    const except = Array.isArray(block.except) ? block.except.map(range) : [];
    if (except.some((e: IpRange | undefined) => e === undefined)) return false;
    return _ipBlockAdmits(endpoint, cidr, except as IpRange[]);
  });
}

function range(text: unknown): IpRange | undefined {
  if (typeof text !== 'string') return undefined;
  try {
    return _parseRange(text, 'ipBlock');
  } catch {
    return undefined;
  }
}
