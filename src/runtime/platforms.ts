import type { StartBotOptions } from './start-bot.js';

/**
 * The chat platforms the environment can enable, in start order. Each entry says when it is
 * enabled and how it is built from the shared pieces.
 */
export const PLATFORMS: NonNullable<StartBotOptions['platforms']> = [];
