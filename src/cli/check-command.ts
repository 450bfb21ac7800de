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
import { readAll } from './read-all.js';

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
  const json = args.includes('--json');
  const id = args.find((arg) => !arg.startsWith('--'));
  if (!id || !isCheckId(id)) {
    io.stderr.write(`usage: aperture-doctor check ID [--json]\nchecks: ${CHECK_IDS.join(', ')}\n`);
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
