// SPDX-License-Identifier: Apache-2.0
/**
 * `cdk8s-hardened init`: in a cdk8s app, adds the `SecurityValidation` entry to `cdk8s.yaml` and writes a starter
 * `.cdk8s-hardened.yaml`. Existing content is kept (comments included); an existing entry or file is left alone.
 * Not part of the jsii API.
 */
import * as fs from 'fs';
import * as path from 'path';
import { isMap, isSeq, parseDocument } from 'yaml';
import type { CliIo } from './main';
import { _packageVersion } from '../core/_version';
import { _CONFIG_FILE_NAME } from '../policy/integrations/_config';

/** Usage text of `init`. @internal */
export const INIT_USAGE = `Usage: cdk8s-hardened init [options]

Run in a cdk8s app (the folder with cdk8s.yaml) where cdk8s-hardened is installed:
  - adds a validation entry to cdk8s.yaml, so "cdk8s synth" checks the manifests:
      package: ./node_modules/cdk8s-hardened   (cdk8s-cli loads a "./" path from the app, no download)
      version: <the installed version>          (cdk8s-cli requires an exact match)
      class: SecurityValidation
  - writes a starter ${_CONFIG_FILE_NAME} (packs, rule severities, trusted registries, exemptions, exclude),
    read by "cdk8s synth", "cdk8s-hardened audit" and SecurityChecks.applyConfig().

Options:
  --dir <path>   The app folder (default: the working directory)
  -h, --help     Show this message

Exit codes: 0 done (or nothing to do), 2 no cdk8s.yaml, or it cannot be read or updated.
`;

/** The starter configuration: every key documented, nothing weakened. @internal */
export const STARTER_CONFIG = `## cdk8s-hardened configuration, read by "cdk8s synth" (the SecurityValidation plugin),
## "npx cdk8s-hardened audit" and SecurityChecks.applyConfig(). Unknown keys are errors.
## Lines starting with "# " are examples: uncomment them to use them.

## Rule packs to check (default: every pack). See RULES.md for the rules of each.
# packs: [PodSecurityRestricted, HardenedWorkloads, LeastPrivilegeRbac, NetworkIsolation, SecretsHygiene, TrustedRegistries]

## Per-rule severity (error, warning, info) or off. Every change weakens a default: say why in a comment.
# rules:
#   HARDEN-WL-003: warning

## Image prefixes the TrustedRegistries pack accepts (each ends with "/").
# trustedRegistries: [ghcr.io/acme/]

## Objects whose findings are reported as suppressed (never hidden). A reason of 10+ characters is required.
# exemptions:
#   - namespaces: [ingress-nginx]
#     rules: [HARDEN-PSS-005]
#     reason: the ingress controller binds host ports by design (ticket OPS-12)

## Paths "audit" does not read (globs; "**" spans folders).
# exclude: ["vendor/**"]
`;

/** Runs `init` and returns the exit code. @internal */
export async function runInit(argv: string[], io: CliIo): Promise<number> {
  let dir = io.cwd?.() ?? process.cwd();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-h' || a === '--help') {
      io.stdout(INIT_USAGE);
      return 0;
    } else if (a === '--dir' || a.startsWith('--dir=')) {
      const v = a.startsWith('--dir=') ? a.slice(6) : argv[++i];
      if (!v) return usage(io, '--dir needs a folder');
      dir = path.resolve(dir, v);
    } else {
      return usage(io, `unknown argument "${a}"`);
    }
  }
  const cdk8sYaml = path.join(dir, 'cdk8s.yaml');
  if (!fs.existsSync(cdk8sYaml)) {
    io.stderr(`cdk8s-hardened init: ${cdk8sYaml} not found: run init in a cdk8s app (created with "cdk8s init typescript-app"), or pass --dir\n`);
    return 2;
  }
  const version = _packageVersion();
  const installed = path.join(dir, 'node_modules', 'cdk8s-hardened', 'package.json');
  if (!fs.existsSync(installed)) {
    io.stderr(`cdk8s-hardened init: note: ${path.relative(dir, installed)} not found; install the package in the app ("npm install cdk8s-hardened") before "cdk8s synth"\n`);
  }

  const doc = parseDocument(fs.readFileSync(cdk8sYaml, 'utf8'));
  if (doc.errors.length > 0) {
    io.stderr(`cdk8s-hardened init: ${cdk8sYaml}: malformed YAML: ${doc.errors[0].message.split('\n')[0]}\n`);
    return 2;
  }
  if (!isMap(doc.contents)) {
    io.stderr(`cdk8s-hardened init: ${cdk8sYaml}: expected a mapping (language, app, imports, ...)\n`);
    return 2;
  }
  const existing = doc.get('validations');
  if (existing !== undefined && !isSeq(existing)) {
    io.stderr(`cdk8s-hardened init: ${cdk8sYaml}: "validations" is not a list (a URL?); add the entry by hand:\n${entryText(version)}`);
    return 2;
  }
  const entries: any[] = isSeq(existing) ? (existing.toJSON() as any[]) : [];
  if (entries.some(e => e && e.class === 'SecurityValidation')) {
    io.stdout('cdk8s.yaml: a SecurityValidation entry exists, left as is\n');
  } else {
    const entry = doc.createNode({ package: './node_modules/cdk8s-hardened', version, class: 'SecurityValidation', properties: { failOn: 'error' } });
    if (isSeq(existing)) existing.items.push(entry); else doc.set('validations', doc.createNode([entry]));
    fs.writeFileSync(cdk8sYaml, doc.toString());
    io.stdout(`cdk8s.yaml: added the SecurityValidation entry (package ./node_modules/cdk8s-hardened, version ${version})\n`);
  }
  const configFile = path.join(dir, _CONFIG_FILE_NAME);
  if (fs.existsSync(configFile)) {
    io.stdout(`${_CONFIG_FILE_NAME}: exists, left as is\n`);
  } else {
    fs.writeFileSync(configFile, STARTER_CONFIG);
    io.stdout(`${_CONFIG_FILE_NAME}: written (every pack, no exemptions)\n`);
  }
  io.stdout('Next: "cdk8s synth" checks the manifests; "npx cdk8s-hardened audit dist/" checks them in CI.\n');
  return 0;
}

function entryText(version: string): string {
  return `validations:\n  - package: ./node_modules/cdk8s-hardened\n    version: ${version}\n    class: SecurityValidation\n    properties:\n      failOn: error\n`;
}

function usage(io: CliIo, message: string): number {
  io.stderr(`cdk8s-hardened init: ${message}\n\n${INIT_USAGE}`);
  return 2;
}
