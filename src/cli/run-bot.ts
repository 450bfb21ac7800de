import { startBot } from '../runtime/start-bot.js';
import { PLATFORMS } from '../runtime/platforms.js';
import type { CliIo, ExitCode } from './cli-io.js';
import { loadConfigOrExplain } from './load-config-or-explain.js';
import { wantsColour } from './wants-colour.js';

/** Default command and `npm start`: the platforms the environment enables, else the console. */
export async function runBot(io: CliIo): Promise<ExitCode> {
  const config = loadConfigOrExplain(io);
  if (!config) return 2;
  let ran: Awaited<ReturnType<typeof startBot>>;
  try {
    ran = await startBot(
      config,
      { stdin: io.stdin, stdout: io.stdout, colour: wantsColour(io) },
      { platforms: PLATFORMS },
    );
  } catch (error) {
    // One line naming what to fix, then out: a process that hangs on is never restarted.
    io.stderr.write(`aperture-doctor: ${error instanceof Error ? error.message : String(error)}\n`);
    io.exit?.(1);
    return 1;
  }
  // The platforms stopped within the shutdown deadline: whatever still hangs must not keep us.
  if (ran === 'stopped') io.exit?.(0);
  return 0;
}
