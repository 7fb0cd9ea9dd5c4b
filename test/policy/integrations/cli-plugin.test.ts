// SPDX-License-Identifier: Apache-2.0
import { IValidationContext, SecurityValidation, ValidationViolation } from '../../../src/policy/integrations/cli-plugin';
import { fixtureCatalog } from '../engine/fixtures';

const FIX = 'test/fixtures/cli';

function context(manifests: string[]) {
  const violations: ValidationViolation[] = [];
  const logs: string[] = [];
  const submitted: { status?: string; metadata?: Record<string, string> } = {};
  const ctx: IValidationContext = {
    manifests,
    report: {
      addViolation: v => { violations.push(v); },
      submit: (status, metadata) => { submitted.status = status; submitted.metadata = metadata; },
    },
    logger: { log: m => { logs.push(m); } },
  };
  return { ctx, violations, logs, submitted };
}

const CATALOG = fixtureCatalog();

describe('SecurityValidation', () => {
  test('submits success for compliant manifests', async () => {
    const c = context([`${FIX}/good/ok.yaml`]);
    await new SecurityValidation({ packs: ['FixtureStrict', 'FixtureLax'] }, CATALOG).validate(c.ctx);
    expect(c.violations).toEqual([]);
    expect(c.submitted.status).toBe('success');
    expect(c.submitted.metadata).toEqual({ error: '0', warning: '0', info: '0', suppressed: '0', unmatchedSuppressions: '0', objectsChecked: '2' });
  });

  test('fails with one violation per rule, grouping resources with their locations', async () => {
    const c = context([`${FIX}/bad.yaml`]);
    await new SecurityValidation({ packs: ['FixtureStrict'] }, CATALOG).validate(c.ctx);
    expect(c.submitted.status).toBe('failure');
    expect(c.violations).toEqual([
      {
        ruleName: 'error TEST-POD-001 FixtureRunsAsNonRoot',
        recommendation: 'FixtureRunsAsNonRoot rationale.',
        fix: 'Fix for FixtureRunsAsNonRoot.',
        violatingResources: [
          { resourceName: 'api', manifestPath: `${FIX}/bad.yaml`, locations: ['Deployment /spec/template/spec/containers/0/securityContext/runAsNonRoot (line 28): container "app" does not set runAsNonRoot: true'] },
          { resourceName: 'debug', manifestPath: `${FIX}/bad.yaml`, locations: ['Pod /spec/containers/0/securityContext/runAsNonRoot (line 36): container "shell" does not set runAsNonRoot: true'] },
        ],
      },
      expect.objectContaining({ ruleName: 'warning TEST-POD-002 FixtureImageNotLatest' }),
    ]);
  });

  test('warnings alone do not fail unless failOn is warning', async () => {
    const lax = context([`${FIX}/warn-only.yaml`]);
    await new SecurityValidation({ packs: ['FixtureStrict'] }, CATALOG).validate(lax.ctx);
    expect(lax.submitted.status).toBe('success');
    expect(lax.violations).toHaveLength(1);
    const strict = context([`${FIX}/warn-only.yaml`]);
    await new SecurityValidation({ packs: ['FixtureStrict'], failOn: 'warning' }, CATALOG).validate(strict.ctx);
    expect(strict.submitted.status).toBe('failure');
  });

  test('honours suppression annotations and logs suppressions that matched nothing', async () => {
    const c = context([`${FIX}/suppressed.yaml`]);
    await new SecurityValidation({ packs: ['FixtureStrict'] }, CATALOG).validate(c.ctx);
    expect(c.submitted.status).toBe('success');
    expect(c.submitted.metadata?.suppressed).toBe('1');
    // The same table as synth-time SecurityChecks: the suppressed finding with its reason, then the unmatched suppression.
    expect(c.logs.join('\n')).toMatch(/suppressed error\s+TEST-POD-001 FixtureRunsAsNonRoot\s+Pod legacy .*\[suppressed: vendor image needs root, ticket SEC-12\]/);
    expect(c.logs.join('\n')).toMatch(/Suppressions that matched nothing[^\n]*\n\s+TEST-NET-001 on Pod legacy/);
  });

  test('fails an unreadable manifest with a ManifestIsReadable violation', async () => {
    const c = context([`${FIX}/malformed.yaml`]);
    await new SecurityValidation({ packs: ['FixtureLax'] }, CATALOG).validate(c.ctx);
    expect(c.submitted.status).toBe('failure');
    expect(c.violations.map(v => v.ruleName)).toEqual(['error ManifestIsReadable']);
  });

  test('checks every registered pack by default', async () => {
    const c = context([`${FIX}/warn-only.yaml`]);
    await new SecurityValidation({}, CATALOG).validate(c.ctx);
    expect(c.violations.map(v => v.ruleName)).toContain('warning TEST-POD-002 FixtureImageNotLatest');
  });

  test('throws on an unknown pack or failOn', () => {
    expect(() => new SecurityValidation({ packs: ['Nope'] }, CATALOG)).toThrow(/Unknown rule pack "Nope"/);
    expect(() => new SecurityValidation({ failOn: 'fatal' }, CATALOG)).toThrow(/failOn "fatal" must be one of error, warning, info/);
  });
});
