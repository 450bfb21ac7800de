import { createDiscordPlatform } from '../platforms/discord/start-discord.js';
import { createSlackPlatform } from '../platforms/slack/start-slack.js';
import type { StartBotOptions } from './start-bot.js';

/**
 * The chat platforms the environment can enable, in start order. Each entry says when it is
 * enabled and how it is built from the shared pieces; both run in one process when both are set.
 */
export const PLATFORMS: NonNullable<StartBotOptions['platforms']> = [
  {
    enabled: (config) => config.SLACK_BOT_TOKEN !== undefined,
    create: (config, deps, logger) =>
      createSlackPlatform({
        botToken: config.SLACK_BOT_TOKEN ?? '',
        signingSecret: config.SLACK_SIGNING_SECRET,
        appToken: config.SLACK_APP_TOKEN,
        slackApiUrl: config.SLACK_API_URL,
        port: config.PORT,
        conversation: deps,
        logger,
        adminUsers: config.ADMIN_USERS,
      }),
  },
  {
    enabled: (config) => config.DISCORD_TOKEN !== undefined,
    create: (config, deps, logger) =>
      createDiscordPlatform({
        token: config.DISCORD_TOKEN ?? '',
        apiUrl: config.DISCORD_API_URL,
        conversation: deps,
        logger,
        adminUsers: config.ADMIN_USERS,
      }),
  },
];
