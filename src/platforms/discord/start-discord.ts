import { once } from 'node:events';
import { Client, Events, GatewayIntentBits, Partials } from 'discord.js';
import type { ConversationDeps } from '../../core/conversation/conversation-deps.js';
import type { ChatPlatform } from '../chat-platform.js';
import { NO_INSTRUMENTS, type PlatformInstruments } from '../platform-instruments.js';
import type { PlatformLogger } from '../platform-logger.js';
import { PlatformStartError, networkReason } from '../platform-start-error.js';
import { registerDiscordListeners } from './discord-listeners.js';

export interface DiscordPlatformOptions {
  token: string;
  /** Base URL of the REST API; the gateway URL comes from its /gateway/bot. */
  apiUrl: string;
  conversation: ConversationDeps;
  logger: PlatformLogger;
  adminUsers: readonly string[];
  /** DISCORD_LOGINS: Discord user id → tailnet login, for "Check my Aperture grant". */
  logins?: ReadonlyMap<string, string>;
  /** How long start() waits for the gateway's READY and guilds. */
  readyTimeoutMs?: number;
  /** Metrics hooks (events, reply latency, 429s). */
  instruments?: PlatformInstruments;
  /**
   * The bot's global REST limit, which discord.js enforces locally: 50/s unless Discord raised it
   * for this bot (large bots ask support for more).
   * @see https://discord.com/developers/docs/topics/rate-limits#global-rate-limit
   */
  globalRequestsPerSecond?: number;
}

/**
 * Discord via discord.js. Its REST manager is the one retry layer for Discord: it queues per
 * route bucket and waits out a 429's retry_after, so nothing of ours retries on top of it.
 */
export function createDiscordPlatform(options: DiscordPlatformOptions): ChatPlatform {
  const client = new Client({
    intents: [
      GatewayIntentBits.Guilds,
      GatewayIntentBits.GuildMessages,
      GatewayIntentBits.GuildMessageReactions,
      GatewayIntentBits.MessageContent,
    ],
    // A delete or a reaction may concern a message this process never cached (it started later, or
    // another replica saw the paste): without these partials discord.js drops such events.
    // @see https://discordjs.guide/popular-topics/partials.html
    partials: [Partials.Message, Partials.Reaction],
    rest: {
      api: options.apiUrl,
      ...(options.globalRequestsPerSecond
        ? { globalRequestsPerSecond: options.globalRequestsPerSecond }
        : {}),
    },
  });
  const instruments = options.instruments ?? NO_INSTRUMENTS;
  registerDiscordListeners(client, {
    conversation: options.conversation,
    logger: options.logger,
    adminUsers: options.adminUsers,
    logins: options.logins,
    instruments,
    apiUrl: options.apiUrl,
  });
  client.rest.on('rateLimited', () => instruments.rateLimited('discord'));
  client.on(Events.Error, (error) =>
    options.logger.error({ message: error.message }, 'Discord client error'),
  );
  return {
    name: 'discord',
    isConnected: () => client.isReady(),
    async start() {
      const readyTimeoutMs = options.readyTimeoutMs ?? 30_000;
      const ready = once(client, Events.ClientReady, {
        signal: AbortSignal.timeout(readyTimeoutMs),
      });
      // Awaited below only if login succeeds: a failed login must not leave it rejecting unheard.
      ready.catch(() => undefined);
      try {
        await client.login(options.token);
      } catch (error) {
        throw discordStartError(error, options.apiUrl);
      }
      try {
        await ready;
      } catch (error) {
        await client.destroy();
        throw new PlatformStartError(
          `Discord gateway unreachable at DISCORD_API_URL=${options.apiUrl} (no READY within ${readyTimeoutMs / 1000} s)`,
          { cause: error },
        );
      }
      options.logger.info(
        { user: client.user?.tag, guilds: client.guilds.cache.size },
        'Discord bot connected',
      );
    },
    async stop() {
      await client.destroy();
    },
  };
}

/** One line naming what to fix: the token Discord rejected, or the API it could not reach. */
function discordStartError(error: unknown, apiUrl: string): PlatformStartError {
  const coded = error as { code?: unknown; status?: unknown };
  // discord.js turns a 401 from /gateway/bot into TokenInvalid; a REST call can also give a 401.
  if (coded?.code === 'TokenInvalid' || coded?.status === 401)
    return new PlatformStartError('DISCORD_TOKEN was rejected by Discord (401 Unauthorized)', {
      cause: error,
    });
  if (typeof coded?.status === 'number')
    return new PlatformStartError(
      `Discord refused to start the bot at DISCORD_API_URL=${apiUrl} (HTTP ${coded.status}); check DISCORD_TOKEN`,
      { cause: error },
    );
  return new PlatformStartError(
    `Discord gateway unreachable at DISCORD_API_URL=${apiUrl} (${networkReason(error)})`,
    { cause: error },
  );
}
