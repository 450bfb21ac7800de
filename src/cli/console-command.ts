import { startBot } from '../runtime/start-bot.js';
import type { CliIo, ExitCode } from './cli-io.js';
import { loadConfigOrExplain } from './load-config-or-explain.js';

/** `console`: the local console whatever tokens are set; exits 0 at end of input. */
export async function runConsoleCommand(io: CliIo): Promise<ExitCode> {
  const config = loadConfigOrExplain(io);
  if (!config) return 2;
  await startBot(config, { stdin: io.stdin, stdout: io.stdout });
  return 0;
}
