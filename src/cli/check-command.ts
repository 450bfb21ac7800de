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

export const CHECK_SPEC: CommandSpec = {
  usage: `usage: aperture-doctor check ID [--json]

  Runs one follow-up check against the configured targets (APERTURE_URL, the Tailscale API)
  and prints its result; exit 0 pass, 1 fail, 2 could not run. exit-node reads pasted
  \`tailscale status\` output from standard input.

  checks: ${CHECK_IDS.join(', ')}

  --json      print the result as JSON
  -h, --help  this text
`,
  flags: ['--json'],
};

const EXIT: Record<string, ExitCode> = { pass: 0, warn: 0, fail: 1, 'could-not-run': 2 };

/**
 * `check ID [--json]`: runs one check as the operator (an admin: they hold the credentials).
 * Exit 0 pass or warn, 1 fail, 2 could not run. `exit-node` reads the paste from stdin.
 */
export async function runCheckCommand(
  args: string[],
  io: CliIo,
  network: CheckNetwork = nodeCheckNetwork,
): Promise<ExitCode> {
  const parsed = parseCommandArgs(args, CHECK_SPEC, io);
  if (typeof parsed === 'number') return parsed;
  const json = parsed.flags.has('--json');
  const [id, ...extra] = parsed.positionals;
  if (!id || !isCheckId(id) || extra.length > 0) {
    const problem = !id
      ? 'check needs a check ID'
      : !isCheckId(id)
        ? `there is no check called "${id.slice(0, 40)}"`
        : `check takes one ID (got "${extra[0]?.slice(0, 40)}" too)`;
    io.stderr.write(`aperture-doctor: ${problem}\n${CHECK_SPEC.usage}`);
    return 2;
  }
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
      requester: { platform: 'cli', userId: 'cli', isAdmin: true },
      pastedText,
    },
    { state: new MemoryStateStore(), clock: Date.now, network },
  );
  io.stdout.write(
    json ? `${JSON.stringify(result)}\n` : renderConsoleText(buildCheckReply(result)),
  );
  return EXIT[result.status] ?? 2;
}
