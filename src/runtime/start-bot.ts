import type { ConversationDeps } from '../core/conversation/conversation-deps.js';
import type { ChatPlatform } from '../platforms/chat-platform.js';
import { createConsolePlatform } from '../platforms/console/start-console.js';
import { buildConversationDeps, type RuntimeOptions } from './build-runtime.js';
import type { Config } from './config.js';
import { createLogger, type Logger } from './logger.js';

export interface BotIo {
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  stdout: NodeJS.WritableStream;
}

/** Builds a chat platform from the shared pieces; one per configured platform. */
export type PlatformFactory = (
  config: Config,
  deps: ConversationDeps,
  logger: Logger,
) => ChatPlatform;

export interface StartBotOptions extends RuntimeOptions {
  /** Platforms enabled by the environment, in start order (Slack, Discord). */
  platforms?: Array<{ enabled: (config: Config) => boolean; create: PlatformFactory }>;
}

/**
 * The composition root: config → logger → state and checks → the enabled platforms, or the
 * console when no platform token is set. Resolves when the platforms stop (console: end of input).
 */
export async function startBot(
  config: Config,
  io: BotIo,
  options: StartBotOptions = {},
): Promise<void> {
  const logger = createLogger(config.LOG_LEVEL);
  const deps = buildConversationDeps(config, options);
  const enabled = (options.platforms ?? []).filter((platform) => platform.enabled(config));
  if (enabled.length === 0) {
    const console = createConsolePlatform({
      deps,
      input: io.stdin,
      output: io.stdout,
      interactive: io.stdin.isTTY === true,
    });
    await console.start();
    return;
  }
  const platforms = enabled.map((platform) => platform.create(config, deps, logger));
  for (const platform of platforms) await platform.start();
  logger.info({ platforms: platforms.map((p) => p.name) }, 'aperture-doctor is running');
  await waitForShutdown(platforms, logger);
}

/** SIGTERM/SIGINT: stop taking events, let in-flight replies finish, then resolve. */
function waitForShutdown(platforms: ChatPlatform[], logger: Logger): Promise<void> {
  return new Promise((resolve) => {
    const stop = async (signal: string) => {
      logger.info({ signal }, 'shutting down');
      await Promise.allSettled(platforms.map((platform) => platform.stop()));
      resolve();
    };
    process.once('SIGTERM', () => void stop('SIGTERM'));
    process.once('SIGINT', () => void stop('SIGINT'));
  });
}
