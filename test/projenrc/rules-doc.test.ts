// SPDX-License-Identifier: Apache-2.0
import * as fs from 'fs';
import { renderRulesMarkdown, RULES_MD } from '../../projenrc/rules-doc';
import { FixtureLaxPack, FixtureStrictPack } from '../policy/engine/fixtures';

describe('RULES.md', () => {
  test('is up to date with the rule metadata (run `npx projen rules-doc` to regenerate)', () => {
    expect(fs.readFileSync(RULES_MD, 'utf8')).toEqual(renderRulesMarkdown());
  });

  test('lists every pack with its rules and severities, and every rule with rationale, fix and references', () => {
    const md = renderRulesMarkdown([new FixtureStrictPack(), new FixtureLaxPack()]);
    expect(md).toContain('| FixtureStrict | TEST-POD-001 (error), TEST-POD-002 (warning), TEST-NET-001 (info) |');
    expect(md).toContain('| FixtureLax | TEST-POD-002 (info) |');
    expect(md).toContain('### TEST-POD-002 FixtureImageNotLatest');
    expect(md).toContain('- **Packs:** FixtureStrict (warning), FixtureLax (info)');
    expect(md).toContain('**Fix.** Fix for FixtureImageNotLatest.');
    expect(md).toContain('- https://kubernetes.io/docs/concepts/security/pod-security-standards/');
    expect(md).toContain('### HARDEN-ENGINE-001 SuppressionAnnotationIsValid');
  });

  test('marks the rules that have an automatic fix', () => {
    const md = renderRulesMarkdown();
    // Columns: Id | Name | Default severity | Synth | CLI | Cluster | Fixable
    expect(md).toMatch(/\| \[HARDEN-PSS-017\]\(#harden-pss-017-seccompprofileisruntimedefaultorlocalhost\) \| SeccompProfileIsRuntimeDefaultOrLocalhost \| error \|[^\n]*\| yes \|\n/);
    expect(md).toMatch(/\| \[HARDEN-PSS-002\]\(#harden-pss-002-containerisnotprivileged\) \| ContainerIsNotPrivileged \| error \|[^\n]*\| no \|\n/);
    expect(md.split('- **Fixable:** yes').length - 1).toBe(9);
  });
});
