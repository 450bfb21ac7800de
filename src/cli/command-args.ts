import { readFileSync } from 'node:fs';
import type { CliIo, ExitCode } from './cli-io.js';

/** What a command accepts: its usage text (printed by `--help`) and its boolean flags. */
export interface CommandSpec {
  /** The whole usage text, ending in a newline; its first line is the synopsis. */
  usage: string;
  /** Long flags the command takes (`--json`); `--help`, `-h` and `--version` always work. */
  flags: readonly string[];
}

export interface CommandArgs {
  flags: ReadonlySet<string>;
  /** The words that are not options, in order; everything after `--` is one of them. */
  positionals: string[];
}

/**
 * What counts as an option: one or two dashes and a word (`-h`, `--jsn`, `--json=1`). A word of
 * pasted text that merely starts with a dash (`-bash: curl: command not found`) is not one.
 */
const OPTION_LIKE = /^--?[A-Za-z][\w-]*(?:=.*)?$/s;

const HELP = new Set(['--help', '-h']);
const VERSION = '--version';

/**
 * Reads a command's arguments the same way for every command: `--help`/`-h` anywhere prints its
 * usage (exit 0, nothing else runs), `--version` the version, and any other option it does not
 * take is an error naming it (exit 2), so a typo such as `--jsn` is never diagnosed as text.
 * `--` ends the options: what follows is text even when it looks like one.
 *
 * Returns the parsed arguments, or the exit code when the command must not run.
 */
export function parseCommandArgs(
  args: readonly string[],
  spec: CommandSpec,
  io: Pick<CliIo, 'stdout' | 'stderr'>,
): CommandArgs | ExitCode {
  const separator = args.indexOf('--');
  const options = separator === -1 ? args : args.slice(0, separator);
  if (options.some((arg) => HELP.has(arg))) {
    io.stdout.write(spec.usage);
    return 0;
  }
  if (options.includes(VERSION)) {
    io.stdout.write(`${packageVersion()}\n`);
    return 0;
  }
  const flags = new Set<string>();
  const positionals: string[] = [];
  for (const arg of options) {
    if (!OPTION_LIKE.test(arg)) positionals.push(arg);
    else if (spec.flags.includes(arg)) flags.add(arg);
    else {
      io.stderr.write(`aperture-doctor: ${unknownOptionMessage(arg, spec.flags)}\n${spec.usage}`);
      return 2;
    }
  }
  if (separator !== -1) positionals.push(...args.slice(separator + 1));
  return { flags, positionals };
}

/** `unknown option --jsn (did you mean --json?)`: the option as typed, cut short if long. */
export function unknownOptionMessage(arg: string, known: readonly string[]): string {
  const shown = arg.length > 40 ? `${arg.slice(0, 40)}…` : arg;
  const name = arg.split('=')[0] ?? arg;
  const near = [...known, '--help', '--version'].find(
    (flag) => name !== flag && editDistance(name, flag) <= 2,
  );
  const value = known.includes(name) && name !== arg ? ` (${name} takes no value)` : '';
  return `unknown option ${shown}${value || (near ? ` (did you mean ${near}?)` : '')}`;
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++)
      current[j] = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    previous = current;
  }
  return previous[b.length] ?? 0;
}

let cachedVersion: string | undefined;

/** The version in package.json, which sits beside `dist/` in a clone and in an installed package. */
export function packageVersion(): string {
  cachedVersion ??= (
    JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
      version: string;
    }
  ).version;
  return cachedVersion;
}
