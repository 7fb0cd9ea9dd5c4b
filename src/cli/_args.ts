// SPDX-License-Identifier: Apache-2.0
/**
 * Internal: the argument handling `audit` and `fix` share (flag reading, usage errors, the common checks on
 * inputs, packs, severity and size). Not part of the jsii API.
 */
import type { CliIo } from './main';
import { _parseSeverity } from '../policy/engine/_severity';
import { IRulePack, Severity } from '../policy/engine/rule';
import { _parseSize } from '../policy/integrations/_manifest-loader';

/** Marks an argument error (reported with exit code 2, never with a stack trace). */
const USAGE = Symbol('usage');

/** An argument error: printed with the usage hint, exit code 2. @internal */
export function _usageError(message: string): Error {
  return Object.assign(new Error(message), { [USAGE]: true });
}

/** One command-line argument: `--flag=value`, `--flag value`, or a positional argument. @internal */
export interface _Arg {
  /** The flag without its `=value`, or the whole argument. */
  readonly flag: string;
  /** The argument as given. */
  readonly arg: string;
  /** The flag's value (after `=`, or the next argument, which it then consumes). */
  value(): string;
}

/** Reads the arguments one by one; `value()` consumes the next argument when the flag has no `=value`. @internal */
export function* _args(argv: string[]): Generator<_Arg> {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    yield {
      flag,
      arg,
      value: () => {
        if (eq > 0) return arg.slice(eq + 1);
        const v = argv[++i];
        if (v === undefined) throw _usageError(`${flag} needs a value`);
        return v;
      },
    };
  }
}

/**
 * Prints the usage for `-h`/`--help` (exit 0), or parses the arguments; an argument error is printed with the
 * usage hint and gives exit code 2. Returns the parsed arguments or the exit code. @internal
 */
export function _parseCommand<T>(command: string, usage: string, argv: string[], io: CliIo, parse: () => T): T | number {
  if (argv.includes('-h') || argv.includes('--help')) {
    io.stdout(usage);
    return 0;
  }
  try {
    return parse();
  } catch (e) {
    if (!(e as any)[USAGE]) throw e;
    io.stderr(`cdk8s-hardened ${command}: ${(e as Error).message}\nRun "cdk8s-hardened ${command} --help" for usage.\n`);
    return 2;
  }
}

/** A positional input, or an error for an unknown option. @internal */
export function _positional(arg: string): string {
  if (arg !== '-' && arg.startsWith('-')) throw _usageError(`unknown option "${arg}"`);
  return arg;
}

/** The checks every command makes on its inputs and `--pack` names. @internal */
export function _checkInputsAndPacks(paths: string[], packNames: string[], catalog: IRulePack[]): void {
  if (paths.length === 0) throw _usageError('no input: give one or more files or directories, or "-" for standard input');
  if (paths.filter(p => p === '-').length > 1) throw _usageError('"-" (standard input) can be given only once');
  const known = catalog.map(p => p.name).sort();
  const unknown = packNames.filter(n => !known.includes(n));
  if (unknown.length > 0) {
    throw _usageError(`unknown pack${unknown.length > 1 ? 's' : ''} ${unknown.map(n => `"${n}"`).join(', ')}; available: ${known.join(', ') || '(none)'}`);
  }
}

/** `--severity`'s value. @internal */
export function _severityArg(v: string): Severity {
  const s = _parseSeverity(v);
  if (!s) throw _usageError(`--severity "${v}" must be one of error, warning, info`);
  return s;
}

/** `--max-file-size`'s value, in bytes. @internal */
export function _sizeArg(v: string): number {
  const size = _parseSize(v);
  if (size === undefined) throw _usageError(`--max-file-size "${v}" must be a positive number of bytes, optionally with a K, M or G suffix`);
  return size;
}
