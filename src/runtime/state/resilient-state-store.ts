import type { Redis } from 'ioredis';
import type { SharedState } from '../../core/conversation/ports.js';
import type { PlatformLogger } from '../../platforms/platform-logger.js';
import { MemoryStateStore } from './memory-state-store.js';
import { RedisStateStore, createRedisClient } from './redis-state-store.js';

/**
 * Redis when it answers, memory when it does not: the bot keeps answering through a Redis outage
 * (replicas may then answer a retried event twice, which beats not answering) and goes back to
 * Redis as soon as it is ready again. One warning per outage, one notice per recovery.
 */
export class ResilientStateStore implements SharedState {
  readonly #redis: RedisStateStore;
  readonly #memory: MemoryStateStore;
  #degraded = false;

  constructor(
    readonly client: Redis,
    private readonly logger: PlatformLogger,
    memory = new MemoryStateStore(),
  ) {
    this.#redis = new RedisStateStore(client);
    this.#memory = memory;
    client.on('ready', () => {
      if (this.#degraded) logger.info({}, 'Redis is back: shared state is on Redis again');
      this.#degraded = false;
    });
    client.on('error', (error: Error) => this.#degrade(error));
  }

  /** True while answers come from memory. */
  get degraded(): boolean {
    return this.#degraded || this.client.status !== 'ready';
  }

  claim(key: string, ttlSeconds: number): Promise<boolean> {
    return this.#use((store) => store.claim(key, ttlSeconds));
  }

  put(key: string, value: string, ttlSeconds: number): Promise<void> {
    return this.#use((store) => store.put(key, value, ttlSeconds));
  }

  get(key: string): Promise<string | undefined> {
    return this.#use((store) => store.get(key));
  }

  delete(key: string): Promise<void> {
    return this.#use((store) => store.delete(key));
  }

  increment(key: string, by?: number): Promise<number> {
    return this.#use((store) => store.increment(key, by));
  }

  async close(): Promise<void> {
    await this.client.quit().catch(() => this.client.disconnect());
  }

  async #use<T>(operation: (store: SharedState) => Promise<T>): Promise<T> {
    if (this.client.status === 'ready') {
      try {
        return await operation(this.#redis);
      } catch (error) {
        this.#degrade(error as Error);
      }
    } else if (LOST_STATUSES.has(this.client.status)) {
      // The connection dropped: ioredis emits an error only once a reconnect attempt fails.
      this.#degrade(new Error(`Redis connection is ${this.client.status}`));
    }
    return operation(this.#memory);
  }

  #degrade(error: Error): void {
    if (this.#degraded) return;
    this.#degraded = true;
    this.logger.warn(
      { message: error.message },
      'Redis is unavailable: using in-process state until it returns',
    );
  }
}

/** ioredis statuses after a connection was lost (not the first connect at start). */
const LOST_STATUSES = new Set(['close', 'reconnecting', 'end']);

/** In-process state without REDIS_URL; Redis with an in-process fallback with it. */
export function createStateStore(
  redisUrl: string | undefined,
  logger: PlatformLogger,
): SharedState & { close(): Promise<void> } {
  if (!redisUrl) {
    const memory = new MemoryStateStore();
    return Object.assign(memory, { close: async () => undefined });
  }
  return new ResilientStateStore(createRedisClient(redisUrl), logger);
}
