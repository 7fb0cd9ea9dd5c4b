// SPDX-License-Identifier: Apache-2.0
/**
 * Entry point of the `cdk8s-hardened` command (bin/cdk8s-hardened). Not part of the jsii API.
 * Subcommands live in their own modules; this file only dispatches.
 */
import { audit } from './audit';
import { fix } from './fix';
import { runGraph } from './graph';
import { runInit } from './init';
import { _packageVersion } from '../core/_version';
import type { IRulePack } from '../policy/engine/rule';
import { _readStreamCapped } from '../policy/integrations/_manifest-loader';

const USAGE = `Usage: cdk8s-hardened <command> [options]

Commands:
  audit     Check Kubernetes manifests (files, directories or "-" for stdin) against rule packs
  fix       Apply the rules' safe fixes to manifests, keeping comments and layout; print what remains
  graph     Show which workloads may talk to which (NetworkPolicy reachability)
  init      Write the cdk8s.yaml validation entry and a starter .cdk8s-hardened.yaml in a cdk8s app
  help      Show this message

Options: --version prints the version; -h, --help this message.

Run "cdk8s-hardened <command> --help" for the options of a command.
`;

export interface CliIo {
  readonly stdout: (s: string) => void;
  readonly stderr: (s: string) => void;
  /** Reads standard input, stopping once it holds more than `maxBytes` bytes (the input is then refused as too large). */
  readonly readStdin: (maxBytes: number) => Promise<string | Uint8Array>;
  /** Working directory that relative paths and reported file names are resolved against. Default: process.cwd(). */
  readonly cwd?: () => string;
  /** The packs `--pack` can name, and the default set. Default: the built-in packs (RulePacks.all()). */
  readonly packs?: IRulePack[];
  /** Colour the table output. Default: off (`_defaultIo` turns it on for a terminal without NO_COLOR). */
  readonly colour?: boolean;
}

/** @internal */
export const _defaultIo: CliIo = {
  stdout: s => process.stdout.write(s),
  stderr: s => process.stderr.write(s),
  readStdin: maxBytes => _readStreamCapped(process.stdin, maxBytes),
  colour: _wantsColour(process.stdout.isTTY, process.env),
};

/** Colour only on a terminal, never when NO_COLOR is set to anything non-empty (no-color.org) or TERM is dumb. @internal */
export function _wantsColour(isTTY: boolean | undefined, env: NodeJS.ProcessEnv): boolean {
  return isTTY === true && !env.NO_COLOR && env.TERM !== 'dumb';
}

/** Runs the CLI and resolves to its exit code (0 ok, 1 findings, 2 usage or input error). */
export async function run(argv: string[], io: CliIo = _defaultIo): Promise<number> {
  const [command] = argv;
  switch (command) {
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      io.stdout(USAGE);
      return command === undefined ? 2 : 0;
    case '--version':
    case '-V':
      io.stdout(`${_packageVersion()}\n`);
      return 0;
    case 'audit':
      return audit(argv.slice(1), io);
    case 'init':
      return runInit(argv.slice(1), io);
    case 'fix':
      return fix(argv.slice(1), io);
    case 'graph':
      return runGraph(argv.slice(1), io);
    default:
      io.stderr(`cdk8s-hardened: unknown command "${command}"\n${USAGE}`);
      return 2;
  }
}
