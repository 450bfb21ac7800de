import type { Redis } from 'ioredis';
import type { SharedState } from '../../core/conversation/ports.js';
import type { PlatformLogger } from '../../platforms/platform-logger.js';
import { MemoryStateStore } from './memory-state-store.js';
import { closeRedisClient, createRedisClient } from './redis-client.js';
import { RedisStateStore } from './redis-state-store.js';

/** SharedState that also owns a connection to close at shutdown. */
export interface ClosableState extends SharedState {
  close(): Promise<void>;
}

/**
 * Redis when it answers, memory when it does not: the bot keeps answering through a Redis outage
 * (replicas may then answer a retried event twice, which beats not answering) and goes back to
 * Redis as soon as ioredis reconnects. One warning per outage, one notice per recovery.
 */
export class ResilientStateStore implements ClosableState {
  readonly #redis: RedisStateStore;
  #degraded = false;

  constructor(
    readonly client: Redis,
    private readonly logger: PlatformLogger,
    private readonly memory: SharedState = new MemoryStateStore(),
  ) {
    this.#redis = new RedisStateStore(client);
    client.on('ready', () => {
      if (this.#degraded) logger.info({}, 'Redis is back: shared state is on Redis again');
      this.#degraded = false;
    });
    // ioredis emits an error per failed reconnect; without a listener Node would crash.
    client.on('error', (error: Error) => this.#degrade(error.message));
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
    await closeRedisClient(this.client);
  }

  async #use<T>(operation: (store: SharedState) => Promise<T>): Promise<T> {
    if (this.client.status === 'ready') {
      try {
        return await operation(this.#redis);
      } catch (error) {
        // A timeout or a dropped connection: this answer comes from memory, the next tries Redis.
        this.#degrade((error as Error).message);
      }
    } else {
      this.#degrade(`connection is ${this.client.status}`);
    }
    return operation(this.memory);
  }

  #degrade(reason: string): void {
    if (this.#degraded) return;
    this.#degraded = true;
    this.logger.warn({ reason }, 'Redis is unavailable: using in-process state until it returns');
  }
}

/** In-process state without REDIS_URL; Redis with an in-process fallback with it. */
export function createStateStore(
  redisUrl: string | undefined,
  logger: PlatformLogger,
  client: Redis | undefined = redisUrl ? createRedisClient(redisUrl) : undefined,
): ClosableState {
  if (!client) return Object.assign(new MemoryStateStore(), { close: async () => undefined });
  return new ResilientStateStore(client, logger);
}
