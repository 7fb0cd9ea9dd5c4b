// SPDX-License-Identifier: Apache-2.0
import { _escapeControls, _maxOf, _pushAll } from '../../core/_util';
import { _packageVersion } from '../../core/_version';
import { _engineRules } from '../engine/_engine-rules';
import { _fingerprint } from '../engine/_fingerprint';
import { Finding, Report } from '../engine/report';
import { RuleMetadata, Severity } from '../engine/rule';

/** Turns a `Report` into text. Implement it to plug in your own output format (like cdk-nag's `INagLogger`). */
export interface IReporter {
  /** Formats the report. The result ends with a newline. */
  format(report: Report): string;
}

/** Properties of a `TableReporter`. */
export interface TableReporterProps {
  /**
   * Colour the severity column with ANSI codes (error red, warning yellow, info cyan, suppressed dim).
   * @default false - plain text; the CLI turns colour on only when standard output is a terminal and `NO_COLOR` is unset
   * @see https://no-color.org/
   */
  readonly colour?: boolean;
}

/** Human-readable columns: severity, rule, object, location and message, then the fix per rule and a summary. */
export class TableReporter implements IReporter {
  private readonly colour: boolean;

  constructor(props: TableReporterProps = {}) {
    this.colour = props.colour ?? false;
  }

  public format(report: Report): string {
    const out: string[] = [];
    // Names, paths and messages come from the manifests: escaped, so that none can forge or hide a line.
    const rows = report.findings.map(f => [
      f.suppressed ? `suppressed ${f.severity}` : f.severity,
      `${f.ruleId} ${f.ruleName}`,
      objectLabel(f),
      whereLabel(f),
      f.suppressed ? `${f.message} [suppressed: ${f.suppressionReason}]` : f.message,
    ].map(_escapeControls));
    let firstRow = -1;
    if (rows.length > 0) {
      firstRow = out.length + 1; // after the header
      _pushAll(out, table(['SEVERITY', 'RULE', 'OBJECT', 'WHERE', 'MESSAGE'], rows));
      const fixes = new Map<string, string>();
      for (const f of report.findings) if (!f.suppressed) fixes.set(f.ruleId, f.remediation);
      if (fixes.size > 0) {
        out.push('', 'How to fix:');
        for (const [id, fix] of [...fixes.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) out.push(`  ${id}: ${fix}`);
      }
    }
    if (report.unmatchedSuppressions.length > 0) {
      out.push('', 'Suppressions that matched nothing (remove them, or fix their appliesTo):');
      for (const u of report.unmatchedSuppressions) {
        const at = [u.file ? `${u.file}${u.line ? `:${u.line}` : ''}` : undefined, u.constructPath].filter(Boolean).join(' ');
        out.push(`  ${u.ruleId} on ${objectLabel(u)}${at ? ` (${at})` : ''}${u.appliesTo ? ` appliesTo ${u.appliesTo.join(', ')}` : ''}: "${u.reason}"`);
      }
    }
    if (out.length > 0) out.push('');
    out.push(`Security checks: ${report.summary()}`);
    const lines = out.map(_escapeControls);
    if (this.colour && firstRow >= 0) {
      // Painted after escaping (the escape codes are ours, not the manifests'): the severity cell of each row.
      const width = _maxOf(rows.map(r => r[0].length), 'SEVERITY'.length);
      report.findings.forEach((f, i) => {
        const line = lines[firstRow + i];
        lines[firstRow + i] = colourOf(f, line.slice(0, width)) + line.slice(width);
      });
    }
    return lines.join('\n') + '\n';
  }
}

/**
 * JSON: `{ summary, findings, unmatchedSuppressions }`. Every finding has the keys `file`, `line`, `ruleId`, `ruleName`,
 * `severity`, `apiVersion`, `kind`, `namespace`, `name`, `path`, `message`, `remediation`, `constructPath`, `packs`,
 * `suppressed` and `suppressionReason` (`null` when unknown or not applicable).
 */
export class JsonReporter implements IReporter {
  public format(report: Report): string {
    return JSON.stringify(this._document(report), undefined, 2) + '\n';
  }

  /** The document `format` serializes, for writers that stream it (`_jsonChunks` in `_json-chunks.ts`). @internal */
  public _document(report: Report): any {
    return {
      summary: {
        error: report.count(Severity.ERROR),
        warning: report.count(Severity.WARNING),
        info: report.count(Severity.INFO),
        suppressed: report.suppressedFindings().length,
        unmatchedSuppressions: report.unmatchedSuppressions.length,
        objectsChecked: report.objectsChecked,
      },
      findings: report.findings.map(f => ({
        file: f.file ?? null,
        line: f.line ?? null,
        ruleId: f.ruleId,
        ruleName: f.ruleName,
        severity: f.severity,
        apiVersion: f.apiVersion,
        kind: f.kind,
        namespace: f.namespace ?? null,
        name: f.name ?? null,
        path: f.path,
        message: f.message,
        remediation: f.remediation,
        constructPath: f.constructPath ?? null,
        packs: f.packs,
        suppressed: f.suppressed,
        suppressionReason: f.suppressionReason ?? null,
      })),
      unmatchedSuppressions: report.unmatchedSuppressions.map(u => ({
        file: u.file ?? null,
        line: u.line ?? null,
        ruleId: u.ruleId,
        reason: u.reason,
        appliesTo: u.appliesTo ?? null,
        apiVersion: u.apiVersion,
        kind: u.kind,
        namespace: u.namespace ?? null,
        name: u.name ?? null,
        constructPath: u.constructPath ?? null,
      })),
    };
  }
}

/** Properties of a `SarifReporter`. */
export interface SarifReporterProps {
  /**
   * Tool name written to `runs[0].tool.driver.name` (GitHub code scanning shows it as the category's tool).
   * @default 'cdk8s-hardened'
   */
  readonly toolName?: string;
}

/**
 * SARIF 2.1.0 for GitHub code scanning: one run whose `tool.driver.rules` lists every checked rule (id, name,
 * shortDescription, fullDescription, help, default level, `security-severity`), and one result per finding with
 * its level, message, and a physical location (file URI relative to the working directory, start line) when known.
 * Suppressed findings carry a SARIF `suppressions` entry with the reason, so code scanning shows them as dismissed.
 *
 * @see https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html
 */
export class SarifReporter implements IReporter {
  private readonly toolName: string;

  constructor(props: SarifReporterProps = {}) {
    this.toolName = props.toolName ?? 'cdk8s-hardened';
  }

  public format(report: Report): string {
    return JSON.stringify(this._document(report), undefined, 2) + '\n';
  }

  /** The document `format` serializes, for writers that stream it (`_jsonChunks` in `_json-chunks.ts`). @internal */
  public _document(report: Report): any {
    const rules: { meta: RuleMetadata; severity: Severity }[] = report.rules.map(r => ({ meta: r.metadata, severity: r.severity }));
    for (const engine of _engineRules()) {
      if (report.findings.some(f => f.ruleId === engine.metadata.id) && !rules.some(r => r.meta.id === engine.metadata.id)) {
        rules.push({ meta: engine.metadata, severity: Severity.ERROR });
      }
    }
    for (const f of report.findings) {
      // A finding of a rule the report does not describe (hand-built reports): describe it from the finding.
      if (!rules.some(r => r.meta.id === f.ruleId)) {
        const meta: RuleMetadata = {
          id: f.ruleId, name: f.ruleName, rationale: f.ruleName, remediation: f.remediation, references: [], defaultSeverity: f.severity,
        };
        rules.push({ meta, severity: f.severity });
      }
    }
    rules.sort((a, b) => (a.meta.id < b.meta.id ? -1 : a.meta.id > b.meta.id ? 1 : 0));
    const index = new Map(rules.map((r, i) => [r.meta.id, i]));
    return {
      $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
      version: '2.1.0',
      runs: [{
        tool: {
          driver: {
            name: this.toolName,
            version: _packageVersion(),
            informationUri: 'https://github.com/cdk8s-hardened/cdk8s-hardened',
            rules: rules.map(r => ({
              id: r.meta.id,
              name: r.meta.name,
              shortDescription: { text: shortDescription(r.meta) },
              fullDescription: { text: r.meta.rationale },
              help: {
                text: `${r.meta.remediation}${r.meta.references.length ? `\nReferences: ${r.meta.references.join(', ')}` : ''}`,
                markdown: `${r.meta.remediation}${r.meta.references.length ? `\n\nReferences:\n${r.meta.references.map(x => `- ${x}`).join('\n')}` : ''}`,
              },
              ...(r.meta.references.find(x => x.startsWith('https://')) ? { helpUri: r.meta.references.find(x => x.startsWith('https://')) } : {}),
              defaultConfiguration: { level: sarifLevel(r.severity) },
              // Rules check declared configuration deterministically: a finding is what the manifest says, hence "high".
              properties: { 'tags': ['security', 'kubernetes'], 'precision': 'high', 'security-severity': SECURITY_SEVERITY[r.severity] },
            })),
          },
        },
        results: report.findings.map(f => result(f, index.get(f.ruleId)!)),
      }],
    };
  }
}

const SECURITY_SEVERITY: Record<string, string> = { [Severity.ERROR]: '8.0', [Severity.WARNING]: '5.0', [Severity.INFO]: '2.0' };

/** The first sentence of the rationale (what the rule guards against), at most 200 characters; the name when empty. */
function shortDescription(meta: RuleMetadata): string {
  const first = /^.*?[.!?](?=\s|$)/.exec(meta.rationale.trim())?.[0] ?? meta.rationale.trim();
  const text = first.length > 200 ? `${first.slice(0, 199)}…` : first;
  return text || meta.name;
}

function sarifLevel(s: Severity): string {
  return s === Severity.ERROR ? 'error' : s === Severity.WARNING ? 'warning' : 'note';
}

function result(f: Finding, ruleIndex: number): any {
  const logical = `${f.kind}/${f.namespace ? f.namespace + '/' : ''}${f.name ?? ''}${f.path}`;
  const location: any = { logicalLocations: [{ fullyQualifiedName: logical, kind: 'object' }] };
  if (f.file) {
    location.physicalLocation = {
      artifactLocation: { uri: sarifUri(f.file) },
      ...(f.line ? { region: { startLine: f.line } } : {}),
    };
  }
  const fingerprint = _fingerprint(f);
  return {
    ruleId: f.ruleId,
    ruleIndex,
    level: sarifLevel(f.severity),
    message: { text: `${f.message} (${f.kind}${f.name ? ` ${f.namespace ? f.namespace + '/' : ''}${f.name}` : ''} at ${f.path || '/'}). Fix: ${f.remediation}` },
    locations: [location],
    partialFingerprints: { 'cdk8sHardenedFinding/v2': fingerprint },
    ...(f.suppressed ? { suppressions: [{ kind: 'inSource', justification: f.suppressionReason }] } : {}),
  };
}

function sarifUri(file: string): string {
  return file.split(/[\\/]/).map(encodeURIComponent).join('/');
}

function objectLabel(o: { kind: string; namespace?: string; name?: string }): string {
  return `${o.kind || '<no kind>'} ${o.namespace ? `${o.namespace}/` : ''}${o.name ?? '<no name>'}`;
}

function whereLabel(f: Finding): string {
  const parts: string[] = [];
  if (f.file) parts.push(`${f.file}${f.line ? `:${f.line}` : ''}`);
  if (f.constructPath) parts.push(f.constructPath);
  parts.push(f.path || '/');
  return parts.join(' ');
}

function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) => Math.min(60, _maxOf(rows.map(r => r[i].length), h.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]))).join('  ').trimEnd();
  return _pushAll([line(header)], rows.map(line));
}

const ANSI: Record<string, string> = { [Severity.ERROR]: '\x1b[31m', [Severity.WARNING]: '\x1b[33m', [Severity.INFO]: '\x1b[36m' };

function colourOf(f: Finding, cell: string): string {
  return `${f.suppressed ? '\x1b[2m' : ANSI[f.severity] ?? ''}${cell}\x1b[0m`;
}
