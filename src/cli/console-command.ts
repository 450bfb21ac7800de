import { startBot } from '../runtime/start-bot.js';
import type { CliIo, ExitCode } from './cli-io.js';
import { parseCommandArgs, type CommandSpec } from './command-args.js';
import { loadConfigOrExplain } from './load-config-or-explain.js';

export const CONSOLE_SPEC: CommandSpec = {
  usage: `usage: aperture-doctor console

  The local console, whatever tokens are set: each line of standard input is answered as the
  bot would answer it in a channel. Paste an error (in a terminal a multi-line paste is one
  message; from a pipe, wrap it in lines of only """), type /aperture help for the commands,
  or a number to pick from the last numbered list. Ctrl-D or the end of a pipe quits (exit 0).

  -h, --help  this text
`,
  flags: [],
};

/** `console`: the local console whatever tokens are set; exits 0 at end of input. */
export async function runConsoleCommand(args: string[], io: CliIo): Promise<ExitCode> {
  const parsed = parseCommandArgs(args, CONSOLE_SPEC, io);
  if (typeof parsed === 'number') return parsed;
  if (parsed.positionals.length > 0) {
    io.stderr.write(
      `aperture-doctor: console takes no arguments (got "${parsed.positionals[0]?.slice(0, 40)}")\n${CONSOLE_SPEC.usage}`,
    );
    return 2;
  }
  const config = loadConfigOrExplain(io);
  if (!config) return 2;
  await startBot(config, { stdin: io.stdin, stdout: io.stdout });
  return 0;
}
