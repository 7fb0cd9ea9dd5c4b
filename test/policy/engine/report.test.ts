// SPDX-License-Identifier: Apache-2.0
import { Finding, Report } from '../../../src/policy/engine/report';
import { Severity } from '../../../src/policy/engine/rule';

const f = (severity: Severity, suppressed = false): Finding => ({
  ruleId: 'TEST-POD-001', ruleName: 'X', severity, packs: [], apiVersion: 'v1', kind: 'Pod', path: '', message: 'm', remediation: 'r', suppressed,
});

describe('Report', () => {
  const report = new Report({ findings: [f(Severity.ERROR), f(Severity.WARNING), f(Severity.INFO), f(Severity.ERROR, true)], objectsChecked: 4 });

  test('activeFindings applies the threshold and leaves out suppressed findings', () => {
    expect(report.activeFindings(Severity.ERROR).map(x => x.severity)).toEqual(['error']);
    expect(report.activeFindings(Severity.WARNING).map(x => x.severity)).toEqual(['error', 'warning']);
    expect(report.activeFindings().map(x => x.severity)).toEqual(['error', 'warning', 'info']);
  });

  test('counts exclude suppressed findings, which are listed separately', () => {
    expect([report.count(Severity.ERROR), report.count(Severity.WARNING), report.count(Severity.INFO)]).toEqual([1, 1, 1]);
    expect(report.suppressedFindings()).toHaveLength(1);
    expect(report.summary()).toBe('1 error, 1 warning, 1 info (1 suppressed, 0 unmatched suppressions) in 4 objects');
  });

  test('hasFindings defaults to the error threshold', () => {
    expect(report.hasFindings()).toBe(true);
    expect(new Report({ findings: [f(Severity.WARNING)] }).hasFindings()).toBe(false);
    expect(new Report({ findings: [f(Severity.ERROR, true)] }).hasFindings(Severity.INFO)).toBe(false);
  });
});
