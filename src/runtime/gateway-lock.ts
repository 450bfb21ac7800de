import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { REDIS_KEY_PREFIX } from './state/redis-client.js';

/**
 * Extends the lock only if we still own it; re-takes it when the key is gone (Redis restarted
 * empty) so a holder that kept running through an outage is not dethroned by it.
 */
const RENEW_SCRIPT = `
local owner = redis.call('GET', KEYS[1])
if owner == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
if owner == false then
  if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 1 end
end
return 0`;

/** Deletes the lock only if we own it: never release a lock a standby has since taken. */
const RELEASE_SCRIPT = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

export interface GatewayLockOptions {
  /** Without Redis there is one replica: it always holds the lock. */
  redis?: Redis;
  /** Which gateway (e.g. "discord:shard-0"). */
  name: string;
  /** How long the lock outlives its holder's last renewal; a standby takes over after it. */
  ttlMs?: number;
  /** Identifies this replica in Redis (default: a random id). */
  owner?: string;
}

/**
 * A Redis lock (`SET NX PX` + compare-and-extend + compare-and-delete) so only one replica holds a
 * Discord gateway connection: two clients on one shard both receive, and answer, every event.
 * @see /work/shared/docs/platform-facts.md trap 7
 */
export class GatewayLock {
  readonly owner: string;
  readonly ttlMs: number;
  readonly #key: string;
  readonly #redis: Redis | undefined;

  constructor(options: GatewayLockOptions) {
    this.#redis = options.redis;
    this.#key = `${REDIS_KEY_PREFIX}gateway-lock:${options.name}`;
    this.ttlMs = options.ttlMs ?? 6_000;
    this.owner = options.owner ?? randomUUID();
  }

  /** Takes the lock if nobody holds it. */
  async acquire(): Promise<boolean> {
    if (!this.#redis) return true;
    return (await this.#redis.set(this.#key, this.owner, 'PX', this.ttlMs, 'NX')) === 'OK';
  }

  /** Extends our hold; false means another replica holds the lock now. */
  async renew(): Promise<boolean> {
    if (!this.#redis) return true;
    const renewed = await this.#redis.eval(RENEW_SCRIPT, 1, this.#key, this.owner, this.ttlMs);
    return renewed === 1;
  }

  /** Gives the lock up (graceful shutdown) so a standby takes over at once. */
  async release(): Promise<void> {
    if (!this.#redis) return;
    await this.#redis.eval(RELEASE_SCRIPT, 1, this.#key, this.owner);
  }
}
