import { consoleRequester } from '../platforms/console/console-to-core.js';
import { startBot } from '../runtime/start-bot.js';
import type { CliIo, ExitCode } from './cli-io.js';
import { parseCommandArgs, type CommandSpec } from './command-args.js';
import { loadConfigOrExplain } from './load-config-or-explain.js';
import { wantsColour } from './wants-colour.js';

export const CONSOLE_SPEC: CommandSpec = {
  usage: `usage: aperture-doctor console [--user LOGIN] [--admin]

  The local console, whatever tokens are set: each line of standard input is answered as the
  bot would answer it in a channel. Paste an error (in a terminal a multi-line paste is one
  message; from a pipe, wrap it in lines of only """), type /aperture help for the commands,
  or a number to pick from the last numbered list. Ctrl-D or the end of a pipe quits (exit 0).

  Without --user you are the operator, an admin. --user plays that person instead: "Check my
  Aperture grant" looks for grants to LOGIN, and admin-only checks are refused unless --admin is
  given too. /aperture whoami shows who you are; /aperture whoami LOGIN, --admin and --no-admin
  change it.

  --user LOGIN  play this tailnet login, e.g. alice@example.com
  --admin       as an admin (ADMIN_USERS), with --user
  -h, --help    this text
`,
  flags: ['--admin', '--user'],
};

/** `console [--user LOGIN] [--admin]`: the local console whatever tokens are set; exits 0 at end of input. */
export async function runConsoleCommand(args: string[], io: CliIo): Promise<ExitCode> {
  const user = takeUser(args);
  if ('problem' in user) {
    io.stderr.write(`aperture-doctor console: ${user.problem}\n${CONSOLE_SPEC.usage}`);
    return 2;
  }
  const parsed = parseCommandArgs(user.rest, CONSOLE_SPEC, io);
  if (typeof parsed === 'number') return parsed;
  if (parsed.positionals.length > 0) {
    io.stderr.write(
      `aperture-doctor: console takes no arguments (got "${parsed.positionals[0]?.slice(0, 40)}")\n${CONSOLE_SPEC.usage}`,
    );
    return 2;
  }
  const config = loadConfigOrExplain(io);
  if (!config) return 2;
  const requester = consoleRequester({
    user: user.login,
    admin: parsed.flags.has('--admin') ? true : undefined,
  });
  await startBot(
    config,
    { stdin: io.stdin, stdout: io.stdout, colour: wantsColour(io) },
    { consoleRequester: requester },
  );
  return 0;
}

/** Takes `--user LOGIN` / `--user=LOGIN` out of the arguments (the flag parser reads only switches). */
function takeUser(args: string[]): { login?: string; rest: string[] } | { problem: string } {
  const rest: string[] = [];
  let login: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '--') {
      rest.push(...args.slice(i));
      break;
    }
    if (arg !== '--user' && !arg.startsWith('--user=')) {
      rest.push(arg);
      continue;
    }
    const value = arg === '--user' ? args[++i] : arg.slice('--user='.length);
    if (!value || !/^[^\s@]+@[^\s@]+$/.test(value))
      return {
        problem: `--user needs a login such as alice@example.com (got "${(value ?? '').slice(0, 40)}")`,
      };
    login = value.toLowerCase();
  }
  return { login, rest };
}
