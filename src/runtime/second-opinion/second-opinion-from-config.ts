import type { Redis } from 'ioredis';
import type { SecondOpinion } from '../../core/second-opinion/second-opinion.js';
import type { PlatformLogger } from '../../platforms/platform-logger.js';
import type { CheckNetwork } from '../../core/checks/check-network.js';
import { checkTargetsFromConfig } from '../check-targets.js';
import type { Config } from '../config.js';
import { nodeCheckNetwork } from '../node-check-network.js';
import { createBotIdentityLookup } from './find-bot-identity.js';
import { createSecondOpinion, type SecondOpinionInstruments } from './create-second-opinion.js';
import { createSecondOpinionBudget } from './second-opinion-budget.js';

export interface SecondOpinionWiring {
  /** The state store's Redis, so every replica spends one per-channel budget. */
  redis?: Redis;
  /** True while that Redis is known not to answer. */
  redisUnavailable?: () => boolean;
  logger?: PlatformLogger;
  instruments?: SecondOpinionInstruments;
  /** The call's deadline; 5 s unless a test shortens it. */
  deadlineMs?: number;
  fetch?: typeof fetch;
  /** How the bot's own identity is looked up in the Tailscale API (the checks' network). */
  network?: CheckNetwork;
  ownAddresses?: () => string[];
}

/** The second opinion LLM_BASE_URL asks for, or undefined when it is not set (the default). */
export function secondOpinionFromConfig(
  config: Config,
  wiring: SecondOpinionWiring = {},
): SecondOpinion | undefined {
  if (!config.LLM_BASE_URL || !config.LLM_MODEL) return undefined;
  return createSecondOpinion({
    gateway: {
      baseUrl: config.LLM_BASE_URL,
      format: config.LLM_API_FORMAT,
      model: config.LLM_MODEL,
      ...(config.LLM_API_KEY ? { apiKey: config.LLM_API_KEY } : {}),
      ...(wiring.deadlineMs !== undefined ? { deadlineMs: wiring.deadlineMs } : {}),
      ...(wiring.fetch ? { fetch: wiring.fetch } : {}),
    },
    budget: createSecondOpinionBudget({
      perHour: config.LLM_MAX_PER_HOUR,
      ...(wiring.redis ? { redis: wiring.redis } : {}),
      ...(wiring.redisUnavailable ? { unavailable: wiring.redisUnavailable } : {}),
    }),
    whoAmI: createBotIdentityLookup(
      checkTargetsFromConfig(config),
      wiring.network ?? nodeCheckNetwork,
      wiring.ownAddresses ? { ownAddresses: wiring.ownAddresses } : {},
    ),
    ...(wiring.logger ? { logger: wiring.logger } : {}),
    ...(wiring.instruments ? { instruments: wiring.instruments } : {}),
  });
}
