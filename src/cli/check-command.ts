import { CHECK_IDS, isCheckId } from '../core/checks/check-ids.js';
import { runFollowUpCheck } from '../core/checks/run-follow-up-check.js';
import { buildCheckReply } from '../core/reply/build-other-replies.js';
import { renderConsoleText } from '../platforms/console/render-console-text.js';
import { checkTargetsFromConfig } from '../runtime/check-targets.js';
import { nodeCheckNetwork } from '../runtime/node-check-network.js';
import { MemoryStateStore } from '../runtime/state/memory-state-store.js';
import type { CheckNetwork } from '../core/checks/check-network.js';
import type { CliIo, ExitCode } from './cli-io.js';
import { loadConfigOrExplain } from './load-config-or-explain.js';
import { parseCommandArgs, type CommandSpec } from './command-args.js';
import { readAll } from './read-all.js';

const EXIT: Record<string, ExitCode> = { pass: 0, warn: 0, fail: 1, 'could-not-run': 2 };
const USAGE = `usage: aperture-doctor check ID [--json] [--login LOGIN]

  Runs one follow-up check against the configured targets (APERTURE_URL, the Tailscale API)
  and prints its result; exit 0 pass, 1 fail, 2 could not run. exit-node reads pasted
  \`tailscale status\` output from standard input.

  checks: ${CHECK_IDS.join(', ')}

  --json          print the result as JSON
  --login LOGIN   whose grants requester-grant (and tailnet-grant) check, e.g. alice@example.com
  -h, --help      this text
`;

/** For \`help check\` and \`--version\`; the arguments themselves are read below (--login takes a value). */
export const CHECK_SPEC: CommandSpec = { usage: USAGE, flags: ['--json', '--login'] };

/**
 * `check ID [--json] [--login LOGIN]`: runs one check as the operator (an admin: they hold the
 * credentials); `--login` says whose grants to look at. Exit 0 pass or warn, 1 fail, 2 could not
 * run or a usage error. `exit-node` reads the paste from stdin.
 */
export async function runCheckCommand(
  args: string[],
  io: CliIo,
  network: CheckNetwork = nodeCheckNetwork,
): Promise<ExitCode> {
  if (args.includes('--version')) {
    const version = parseCommandArgs(['--version'], CHECK_SPEC, io);
    if (typeof version === 'number') return version;
  }
  const parsed = parseCheckArgs(args);
  if ('help' in parsed) {
    io.stdout.write(USAGE);
    return 0;
  }
  if ('problem' in parsed) {
    io.stderr.write(`aperture-doctor check: ${parsed.problem}\n${USAGE}`);
    return 2;
  }
  const { id, json, login } = parsed;
  const config = loadConfigOrExplain(io);
  if (!config) return 2;
  const pastedText =
    id === 'exit-node' && !(io.stdin as { isTTY?: boolean }).isTTY
      ? await readAll(io.stdin)
      : undefined;
  const result = await runFollowUpCheck(
    id,
    {
      targets: checkTargetsFromConfig(config),
      requester: { platform: 'cli', userId: 'cli', isAdmin: true, email: login },
      pastedText,
    },
    { state: new MemoryStateStore(), clock: Date.now, network },
  );
  io.stdout.write(
    json ? `${JSON.stringify(result)}\n` : renderConsoleText(buildCheckReply(result)),
  );
  return EXIT[result.status] ?? 2;
}

type CheckArgs =
  | { id: (typeof CHECK_IDS)[number]; json: boolean; login?: string }
  | { problem: string }
  | { help: true };

function parseCheckArgs(args: string[]): CheckArgs {
  let json = false;
  let login: string | undefined;
  const words: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '--help' || arg === '-h') return { help: true };
    if (arg === '--json') json = true;
    else if (arg === '--login' || arg.startsWith('--login=')) {
      const value = arg === '--login' ? args[++i] : arg.slice('--login='.length);
      if (!value || value.startsWith('-')) return { problem: '--login needs a login name' };
      login = value.trim().toLowerCase();
    } else if (arg.startsWith('-')) return { problem: `unknown option ${arg.slice(0, 40)}` };
    else words.push(arg);
  }
  const [id, extra] = words;
  if (!id) return { problem: 'which check?' };
  if (!isCheckId(id)) return { problem: `no check called "${id.slice(0, 40)}"` };
  if (extra !== undefined) return { problem: `unexpected argument "${extra.slice(0, 40)}"` };
  return { id, json, login };
}
