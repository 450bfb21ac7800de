import type { Redis } from 'ioredis';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';

/** Calls to the model allowed per key (`platform:channel`) and hour, across every replica. */
export interface SecondOpinionBudget {
  /** Spends one call for `key`: false when the hour's calls are spent. */
  take(key: string): Promise<boolean>;
}

export interface SecondOpinionBudgetOptions {
  /** LLM_MAX_PER_HOUR; 0 never calls. */
  perHour: number;
  /** With Redis, the count is shared by replicas (the reply budget's limiter, another prefix). */
  redis?: Redis;
  /** True while the state store answers from memory: count in process, as the reply budget does. */
  unavailable?: () => boolean;
}

const HOUR_SECONDS = 60 * 60;

/**
 * LLM_MAX_PER_HOUR per channel, on rate-limiter-flexible like the reply budget
 * (shared-reply-budget.ts): a fixed hour window in Redis, and an in-process insurance limiter
 * while Redis is away, so a Redis outage neither stops second opinions nor unbounds them.
 */
export function createSecondOpinionBudget(
  options: SecondOpinionBudgetOptions,
): SecondOpinionBudget {
  if (options.perHour <= 0) return { take: async () => false };
  const settings = { keyPrefix: 'llm-budget', points: options.perHour, duration: HOUR_SECONDS };
  // Loaded at the first call, not at start: a console or CLI that never asks the model never
  // loads the limiter package.
  let limiters: Promise<{ memory: RateLimiterAbstract; shared?: RateLimiterAbstract }> | undefined;
  const load = () =>
    (limiters ??= import('rate-limiter-flexible').then(
      ({ RateLimiterMemory, RateLimiterRedis }) => {
        const memory = new RateLimiterMemory(settings);
        const shared = options.redis
          ? new RateLimiterRedis({
              ...settings,
              storeClient: options.redis,
              rejectIfRedisNotReady: true,
              insuranceLimiter: memory,
            })
          : undefined;
        return { memory, shared };
      },
    ));
  return {
    async take(key) {
      try {
        const { memory, shared } = await load();
        const limiter = shared && !options.unavailable?.() ? shared : memory;
        await limiter.consume(key);
        return true;
      } catch {
        // Spent (a RateLimiterRes), or the store and its insurance both failed: no call either
        // way, since the second opinion is optional and the budget is what bounds its cost.
        return false;
      }
    },
  };
}
