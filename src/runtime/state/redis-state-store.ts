import type { Redis } from 'ioredis';
import type { SharedState } from '../../core/conversation/ports.js';
import { REDIS_KEY_PREFIX } from './redis-client.js';

/** Redis rejects `EX 0`; a sub-second TTL still means "briefly". */
function ttl(seconds: number): number {
  return Math.max(1, Math.ceil(seconds));
}

/**
 * SharedState on Redis, shared by every replica: `SET key 1 NX EX ttl` makes a claim atomic, so a
 * retried Slack event that reaches another replica is still answered once.
 * @see https://redis.io/docs/latest/commands/set/
 */
export class RedisStateStore implements SharedState {
  constructor(
    private readonly redis: Redis,
    private readonly prefix = `${REDIS_KEY_PREFIX}state:`,
  ) {}

  async claim(key: string, ttlSeconds: number): Promise<boolean> {
    return (await this.redis.set(this.prefix + key, '1', 'EX', ttl(ttlSeconds), 'NX')) === 'OK';
  }

  async put(key: string, value: string, ttlSeconds: number): Promise<void> {
    await this.redis.set(this.prefix + key, value, 'EX', ttl(ttlSeconds));
  }

  async get(key: string): Promise<string | undefined> {
    return (await this.redis.get(this.prefix + key)) ?? undefined;
  }

  async delete(key: string): Promise<void> {
    await this.redis.del(this.prefix + key);
  }

  async increment(key: string, by = 1): Promise<number> {
    return this.redis.incrby(this.prefix + key, by);
  }
}
