// SPDX-License-Identifier: Apache-2.0
/**
 * `npm run example`: synthesizes every `examples/<scenario>/main.ts` into `dist/<scenario>/`
 * and prints each file written with a one-line summary: objects per kind, then the security report
 * (unsuppressed findings per severity across every registered rule pack, and suppressed findings).
 *
 * Each example module exports `buildApp(outdir: string): App`. A module that also exports
 * `flowMatrix: ReachabilityOptions` gets the allowed network flows of its YAML printed as a table
 * (`Reachability`) and drawn as a Mermaid flowchart into `dist/<scenario>/<scenario>.flows.md`; objects in an
 * optional `flowContext: any[]` export (stand-ins for pods the app talks with, such as the cluster DNS) are analysed with it.
 * A module that exports `prerequisites(app: App): string[]` gets them printed (what the cluster must run first).
 */
import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { Checker, Reachability, ReachabilityOptions, RulePacks, Severity } from '../src';

function load(file: string): any[] {
  return parseAllDocuments(fs.readFileSync(file, 'utf8')).map(d => d.toJS()).filter(Boolean);
}

function summarize(file: string): string {
  const docs = load(file);
  const kinds = new Map<string, number>();
  for (const d of docs) kinds.set(d.kind, (kinds.get(d.kind) ?? 0) + 1);
  const kindList = [...kinds.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, n]) => `${n} ${k}`).join(', ');
  const report = new Checker({ packs: RulePacks.all() }).check(docs);
  const security = `security: ${report.count(Severity.ERROR)} error, ${report.count(Severity.WARNING)} warning, ${report.count(Severity.INFO)} info`
    + `, ${report.suppressedFindings().length} suppressed (packs: ${RulePacks.names().join(', ') || 'none registered'})`;
  return `${docs.length} objects (${kindList}); ${security}`;
}

function main(): void {
  const root = __dirname;
  const outRoot = path.join(root, '..', 'dist');
  const scenarios = fs.readdirSync(root, { withFileTypes: true })
    .filter(e => e.isDirectory() && fs.existsSync(path.join(root, e.name, 'main.ts')))
    .map(e => e.name)
    .sort();
  if (scenarios.length === 0) {
    console.log('No examples found under examples/.');
    return;
  }
  for (const scenario of scenarios) {
    const outdir = path.join(outRoot, scenario);
    fs.rmSync(outdir, { recursive: true, force: true });
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(path.join(root, scenario, 'main.ts'));
    const app = mod.buildApp(outdir);
    app.synth();
    console.log(`${scenario}:`);
    const files = fs.readdirSync(outdir).filter(f => f.endsWith('.yaml')).sort().map(f => path.join(outdir, f));
    for (const full of files) {
      console.log(`  ${path.relative(process.cwd(), full)}: ${summarize(full)}`);
    }
    // A module may export `prerequisites(app): string[]`: what the cluster must run before the YAML is applied.
    const prerequisites: string[] = mod.prerequisites?.(app) ?? [];
    if (prerequisites.length > 0) {
      console.log('  prerequisites (install them before applying the YAML):');
      for (const p of prerequisites) console.log(`    - ${p}`);
    }
    const flowMatrix: ReachabilityOptions | undefined = mod.flowMatrix;
    if (flowMatrix) {
      const reach = Reachability.fromObjects([...files.flatMap(load), ...(mod.flowContext ?? [])], flowMatrix);
      const mermaid = path.join(outdir, `${scenario}.flows.md`);
      fs.writeFileSync(mermaid, `# ${scenario}: allowed network flows\n\n\`\`\`mermaid\n${reach.toMermaid()}\`\`\`\n`);
      console.log(`  allowed network flows (${path.relative(process.cwd(), mermaid)}: Mermaid flowchart):`);
      console.log(reach.toTable().replace(/^(?=.)/gm, '    '));
    }
  }
}

main();
