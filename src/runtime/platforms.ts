import { GatewayLockedPlatform } from './gateway-lock.js';
import { createLazyPlatform } from './lazy-platform.js';
import { createRedisClient } from './state/redis-state-store.js';
import type { PlatformEntry } from './start-bot.js';

/**
 * The chat platforms the environment can enable, in start order; both run in one process when
 * both are configured. Each SDK is imported only when its platform starts (memory).
 */
export const PLATFORMS: PlatformEntry[] = [
  {
    enabled: (config) => config.SLACK_BOT_TOKEN !== undefined,
    // HTTP mode: /healthz and /metrics share Bolt's server on PORT.
    servesRoutes: (config) => config.SLACK_APP_TOKEN === undefined,
    create: ({ config, deps, logger, routes, instruments, budget }) =>
      createLazyPlatform('slack', async () =>
        (await import('../platforms/slack/start-slack.js')).createSlackPlatform({
          botToken: config.SLACK_BOT_TOKEN ?? '',
          signingSecret: config.SLACK_SIGNING_SECRET,
          appToken: config.SLACK_APP_TOKEN,
          slackApiUrl: config.SLACK_API_URL,
          port: config.PORT,
          conversation: deps,
          logger,
          adminUsers: config.ADMIN_USERS,
          routes,
          instruments,
          budget,
        }),
      ),
  },
  {
    enabled: (config) => config.DISCORD_TOKEN !== undefined,
    create: ({ config, deps, logger, instruments, fatal }) => {
      const discord = () =>
        createLazyPlatform('discord', async () =>
          (await import('../platforms/discord/start-discord.js')).createDiscordPlatform({
            token: config.DISCORD_TOKEN ?? '',
            apiUrl: config.DISCORD_API_URL,
            conversation: deps,
            logger,
            adminUsers: config.ADMIN_USERS,
            logins: config.DISCORD_LOGINS,
            instruments,
          }),
        );
      // With several replicas (REDIS_URL), only the lock holder connects to the gateway.
      return config.REDIS_URL
        ? new GatewayLockedPlatform(discord, {
            redis: createRedisClient(config.REDIS_URL),
            logger,
            onFatal: fatal,
          })
        : discord();
    },
  },
];
