import { Redis } from 'ioredis';
import type { SharedState } from '../../core/conversation/ports.js';

/**
 * SharedState on Redis, shared by every replica: `SET key 1 NX EX ttl` makes a claim atomic, so a
 * retried Slack event that reaches another replica is still answered once.
 */
export class RedisStateStore implements SharedState {
  constructor(readonly redis: Redis) {}

  async claim(key: string, ttlSeconds: number): Promise<boolean> {
    return (
      (await this.redis.set(key, '1', 'EX', Math.max(1, Math.ceil(ttlSeconds)), 'NX')) === 'OK'
    );
  }

  async put(key: string, value: string, ttlSeconds: number): Promise<void> {
    await this.redis.set(key, value, 'EX', Math.max(1, Math.ceil(ttlSeconds)));
  }

  async get(key: string): Promise<string | undefined> {
    return (await this.redis.get(key)) ?? undefined;
  }

  async delete(key: string): Promise<void> {
    await this.redis.del(key);
  }

  async increment(key: string, by = 1): Promise<number> {
    return this.redis.incrby(key, by);
  }
}

/**
 * A Redis client that never stalls a reply: no offline queue, one attempt per command, a short
 * command timeout, and reconnection in the background.
 */
export function createRedisClient(url: string): Redis {
  return new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: 500,
    connectTimeout: 2000,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
    keyPrefix: 'aperture-doctor:',
  });
}
