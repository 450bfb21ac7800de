import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { ReplyBudget } from '../platforms/reply-budget.js';

export interface SharedReplyBudgetOptions {
  /** Sends allowed per channel per `durationSeconds`, across all replicas. */
  points?: number;
  durationSeconds?: number;
  /**
   * True while the state store answers from memory: the budget then counts in process at once
   * instead of paying a command timeout per send to a Redis known not to answer.
   */
  unavailable?: () => boolean;
}

/**
 * Slack's ~1 message per second per channel, counted across replicas on Redis. If Redis is down
 * the insurance limiter counts in process, so replies keep flowing (bottleneck's own Redis mode is
 * broken on Redis 7: platform-facts trap 8).
 */
export function createSharedReplyBudget(
  redis: Redis,
  options: SharedReplyBudgetOptions = {},
): ReplyBudget {
  const points = options.points ?? 1;
  const duration = options.durationSeconds ?? 1;
  const insurance = new RateLimiterMemory({ keyPrefix: 'reply-budget', points, duration });
  const limiter = new RateLimiterRedis({
    storeClient: redis,
    keyPrefix: 'reply-budget',
    points,
    duration,
    rejectIfRedisNotReady: true,
    insuranceLimiter: insurance,
  });
  return {
    async take(key) {
      try {
        await (options.unavailable?.() ? insurance : limiter).consume(key);
        return 0;
      } catch (rejection) {
        if (rejection instanceof RateLimiterRes) return Math.max(1, rejection.msBeforeNext);
        return 0; // the store failed and the insurance too: never hold a reply back for it
      }
    },
  };
}
