// SPDX-License-Identifier: Apache-2.0
import { CelTarget, IRule, IRuleCel, RuleContext, RuleMetadata, RuleReads, RuleViolation, Severity } from '../../engine/rule';
import { _isObject } from '../_objects';

/**
 * Every host an Ingress serves is covered by one of its `tls` entries.
 *
 * A rule host is covered by a `tls[].hosts` entry equal to it (case-insensitive) or by a
 * wildcard `*.example.com` covering exactly one more label. A rule without `host`, and a
 * `defaultBackend`, are covered only by a `tls` entry without `hosts` (the controller's default
 * certificate for any host).
 * @see https://kubernetes.io/docs/concepts/services-networking/ingress/#tls
 */
export class IngressHostsAreCoveredByTls implements IRule {
  /** The rule's stable id. */
  public static readonly ID = 'HARDEN-NET-007';

  /** The objects the rule reads: objects of kind Ingress. */
  public readonly reads?: RuleReads = RuleReads.kinds('Ingress');

  /** The rule's metadata. */
  public readonly metadata: RuleMetadata = {
    id: IngressHostsAreCoveredByTls.ID,
    name: 'IngressHostsAreCoveredByTls',
    rationale: 'A host served without TLS sends credentials, session cookies and data in clear text, where anyone on the path '
      + 'can read or change them.',
    remediation: 'Add a `spec.tls` entry listing the host with a `secretName` (for example a cert-manager Certificate), '
      + 'and enable the controller\'s HTTP-to-HTTPS redirect.',
    references: [
      'NSA/CISA Kubernetes Hardening Guide v1.2: Network separation and hardening (encrypt traffic in transit)',
      'https://kubernetes.io/docs/concepts/services-networking/ingress/#tls',
    ],
    defaultSeverity: Severity.ERROR,
  };

  /** The rule's CEL, enforced in the cluster by `AdmissionGuardrails`. */
  public readonly cel?: IRuleCel = CEL;

  /** Checks one object. */
  public check(obj: any, _context: RuleContext): RuleViolation[] {
    if (!_isObject(obj) || obj.kind !== 'Ingress') return [];
    const spec = _isObject(obj.spec) ? obj.spec : {};
    const tls: any[] = Array.isArray(spec.tls) ? spec.tls.filter(_isObject) : [];
    const tlsHosts: string[] = tls.flatMap(t => (Array.isArray(t.hosts) ? t.hosts : []).filter((h: any) => typeof h === 'string'));
    const defaultCert = tls.some(t => !Array.isArray(t.hosts) || t.hosts.length === 0);
    const name = obj.metadata?.name;
    const out: RuleViolation[] = [];
    const rules: any[] = Array.isArray(spec.rules) ? spec.rules : [];
    rules.forEach((rule, i) => {
      const host = _isObject(rule) && typeof rule.host === 'string' && rule.host !== '' ? rule.host : undefined;
      if (host === undefined) {
        if (!defaultCert) out.push({ path: `/spec/rules/${i}`, message: `Ingress "${name}" rule ${i} has no host and no tls entry without hosts covers it; it is served over plain HTTP` });
      } else if (!tlsHosts.some(t => _covers(t, host))) {
        out.push({ path: `/spec/rules/${i}/host`, message: `Ingress "${name}" host "${host}" is not listed in any spec.tls[].hosts; it is served over plain HTTP` });
      }
    });
    const backend = spec.defaultBackend ?? spec.backend;
    if (_isObject(backend) && !defaultCert) {
      const field = spec.defaultBackend !== undefined ? 'defaultBackend' : 'backend';
      out.push({ path: `/spec/${field}`, message: `Ingress "${name}" ${field} serves any host, but no tls entry without hosts covers it` });
    }
    return out;
  }
}

function _covers(tlsHost: string, host: string): boolean {
  const t = tlsHost.toLowerCase();
  const h = host.toLowerCase();
  if (t === h) return true;
  if (!t.startsWith('*.') || h.startsWith('*.')) return false;
  const dot = h.indexOf('.');
  return dot > 0 && h.slice(dot) === t.slice(1);
}

/** The CEL form: every rule host is listed in a tls entry (exactly or by a one-label wildcard, case-insensitive); hostless rules and the default backend need a tls entry without hosts. Uses lowerAscii, indexOf and substring from the CEL strings extension, which Kubernetes enables in every CEL environment.. */
const CEL: IRuleCel = {
  target: CelTarget.INGRESS,
  expression: '(!has(variables.spec.rules) || variables.spec.rules.all(r, (has(r.host) && r.host != \'\')'
    + ' ? variables.tls.exists(t, has(t.hosts) && t.hosts.exists(th, th.lowerAscii() == r.host.lowerAscii()'
    + " || (th.startsWith('*.') && !r.host.startsWith('*.') && r.host.indexOf('.') > 0"
    + ' && r.host.lowerAscii().substring(r.host.indexOf(\'.\')) == th.lowerAscii().substring(1))))'
    + ' : variables.defaultCert))'
    + ' && (!(has(variables.spec.defaultBackend) || has(variables.spec.backend)) || variables.defaultCert)',
};
