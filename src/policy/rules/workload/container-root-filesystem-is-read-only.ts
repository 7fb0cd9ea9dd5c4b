// SPDX-License-Identifier: Apache-2.0
import { IRule, RuleContext, RuleMetadata, RuleViolation, Severity } from '../../engine/rule';
import { _containerViolations } from '../_pod-spec';
import { _describeContainer } from './_describe';

/**
 * Every container (init, regular and ephemeral) sets `securityContext.readOnlyRootFilesystem: true`.
 *
 * Applies to every pod-bearing kind.
 * @see https://kubernetes.io/docs/tasks/configure-pod-container/security-context/
 */
export class ContainerRootFilesystemIsReadOnly implements IRule {
  /** The rule's stable id. */
  public static readonly ID = 'HARDEN-WL-001';

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
}
