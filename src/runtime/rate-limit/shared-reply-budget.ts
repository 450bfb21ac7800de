import type { Redis } from 'ioredis';
import {
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';
import type { PlatformName } from '../../core/conversation/incoming.js';
import type { ReplyBudget } from '../../platforms/reply-budget.js';

/** Sends allowed per channel in each window. */
export interface BudgetRate {
  points: number;
  durationSeconds: number;
}

/**
 * Slack: about one chat.postMessage per second per channel, short bursts tolerated.
 * Discord: 5 messages per 5 s per channel is the documented-by-headers bucket most bots see.
 * @see https://api.slack.com/methods/chat.postMessage#rate_limiting
 * @see https://discord.com/developers/docs/topics/rate-limits
 */
export const DEFAULT_BUDGET_RATES: Record<PlatformName, BudgetRate> = {
  slack: { points: 3, durationSeconds: 3 },
  discord: { points: 5, durationSeconds: 5 },
  console: { points: 1_000, durationSeconds: 1 },
};

/**
 * Per-channel budgets with rate-limiter-flexible: on Redis every replica draws from one budget
 * (bottleneck's own Redis mode fails on Redis 7: platform-facts.md trap 8); while Redis is away an
 * in-process insurance limiter takes over, so a send is never blocked by an outage.
 */
export function createReplyBudget(
  redis: Redis | undefined,
  rates: Record<PlatformName, BudgetRate> = DEFAULT_BUDGET_RATES,
): ReplyBudget {
  const limiters = new Map<PlatformName, RateLimiterAbstract>();
  const limiterFor = (platform: PlatformName): RateLimiterAbstract => {
    let limiter = limiters.get(platform);
    if (!limiter) {
      const rate = rates[platform];
      const options = { points: rate.points, duration: rate.durationSeconds };
      const memory = new RateLimiterMemory({ ...options, keyPrefix: `budget:${platform}` });
      limiter = redis
        ? new RateLimiterRedis({
            ...options,
            storeClient: redis,
            // The client's own keyPrefix namespaces this under aperture-doctor:.
            keyPrefix: `budget:${platform}`,
            rejectIfRedisNotReady: true,
            insuranceLimiter: memory,
          })
        : memory;
      limiters.set(platform, limiter);
    }
    return limiter;
  };
  return {
    async take(platform, channelId) {
      try {
        await limiterFor(platform).consume(channelId);
        return 0;
      } catch (rejection) {
        // A RateLimiterRes is "over budget"; anything else is a store failure: send rather than drop.
        return rejection instanceof RateLimiterRes ? Math.max(1, rejection.msBeforeNext) : 0;
      }
    },
  };
}
