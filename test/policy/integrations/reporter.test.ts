// SPDX-License-Identifier: Apache-2.0
import * as fs from 'fs';
import * as path from 'path';
import { Checker } from '../../../src/policy/engine/checker';
import { Report } from '../../../src/policy/engine/report';
import { Severity } from '../../../src/policy/engine/rule';
import { JsonReporter, SarifReporter, TableReporter } from '../../../src/policy/integrations/reporter';
import { deployment, FixtureStrictPack } from '../engine/fixtures';

const report = () => new Checker({ packs: [new FixtureStrictPack()] }).check([deployment('web', { image: 'nginx:latest' })]);

describe('TableReporter', () => {
  test('prints only the summary for an empty report', () => {
    expect(new TableReporter().format(new Report({ findings: [] }))).toBe('Security checks: 0 error, 0 warning, 0 info (0 suppressed, 0 unmatched suppressions) in 0 objects\n');
  });

  test('prints a row per finding and the fix per rule', () => {
    expect(new TableReporter().format(report())).toMatchSnapshot();
  });

  test('formats hundreds of thousands of findings (no argument spread that overflows the call stack)', () => {
    const one = report().findings[0];
    const many = new Report({ findings: Array.from({ length: 300_000 }, (_, i) => ({ ...one, name: `web-${i}` })) });
    const lines = new TableReporter().format(many).split('\n');
    expect(lines.filter(l => l.startsWith('error')).length).toBe(300_000);
    expect(lines).toContain('Security checks: 300000 error, 0 warning, 0 info (0 suppressed, 0 unmatched suppressions) in 0 objects');
  });
});

describe('JsonReporter', () => {
  test('writes null for what is unknown (in-memory objects have no file or line)', () => {
    const doc = JSON.parse(new JsonReporter().format(report()));
    expect(doc.summary).toEqual({ error: 1, warning: 1, info: 0, suppressed: 0, unmatchedSuppressions: 0, objectsChecked: 1 });
    expect(doc.findings[0]).toEqual(expect.objectContaining({ file: null, line: null, constructPath: null, suppressionReason: null, ruleId: 'TEST-POD-001' }));
  });
});

describe('SarifReporter', () => {
  test('describes every checked rule and gives in-memory findings a logical location only', () => {
    const sarif = JSON.parse(new SarifReporter().format(report()));
    expect(sarif.runs[0].tool.driver.rules.map((r: any) => r.id)).toEqual(['TEST-NET-001', 'TEST-POD-001', 'TEST-POD-002']);
    expect(sarif.runs[0].tool.driver.rules[1]).toEqual(expect.objectContaining({
      helpUri: 'https://kubernetes.io/docs/concepts/security/pod-security-standards/',
      defaultConfiguration: { level: 'error' },
      properties: { 'tags': ['security', 'kubernetes'], 'precision': 'high', 'security-severity': '8.0' },
    }));
    const loc = sarif.runs[0].results[0].locations[0];
    expect(loc.physicalLocation).toBeUndefined();
    expect(loc.logicalLocations[0].fullyQualifiedName).toBe('Deployment/shop/web/spec/template/spec/containers/0/securityContext/runAsNonRoot');
  });

  test('carries the package version, a one-sentence shortDescription and line-independent fingerprints', () => {
    const version = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'package.json'), 'utf8')).version;
    const rules = [{ metadata: { id: 'TEST-1', name: 'Thing', rationale: 'Short reason. Longer text follows here.', remediation: 'Fix.', references: [], defaultSeverity: Severity.ERROR }, severity: Severity.ERROR, packs: [] }];
    const f = report().findings[0];
    const a = JSON.parse(new SarifReporter().format(new Report({ findings: [{ ...f, file: 'a.yaml', line: 3 }], rules })));
    const b = JSON.parse(new SarifReporter().format(new Report({ findings: [{ ...f, file: 'moved/b.yaml', line: 40 }], rules })));
    expect(a.runs[0].tool.driver.version).toBe(version);
    expect(a.runs[0].tool.driver.rules.find((r: any) => r.id === 'TEST-1').shortDescription.text).toBe('Short reason.');
    expect(a.runs[0].results[0].partialFingerprints).toEqual(b.runs[0].results[0].partialFingerprints);
    const other = JSON.parse(new SarifReporter().format(new Report({ findings: [{ ...f, name: 'other' }], rules })));
    expect(other.runs[0].results[0].partialFingerprints).not.toEqual(a.runs[0].results[0].partialFingerprints);
  });

  test('maps info to the SARIF level note and honours a custom tool name', () => {
    const r = new Report({ findings: [{ ...report().findings[0], severity: 'info' as any }] });
    const sarif = JSON.parse(new SarifReporter({ toolName: 'my-audit' }).format(r));
    expect(sarif.runs[0].results[0].level).toBe('note');
    expect(sarif.runs[0].tool.driver.name).toBe('my-audit');
  });
});
