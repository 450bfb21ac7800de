import type { Redis } from 'ioredis';
import type { SharedState } from '../../core/conversation/ports.js';
import type { PlatformLogger } from '../../platforms/platform-logger.js';
import { MemoryStateStore } from './memory-state-store.js';
import { RedisStateStore, createRedisClient } from './redis-state-store.js';

/** What happened to a key in memory while Redis was away: the last operation wins. */
type JournalEntry = { op: 'set'; value: string; expiresAt: number } | { op: 'delete' };

/** A long outage in a busy workspace must not grow the journal without bound (oldest go first). */
const MAX_JOURNAL_ENTRIES = 100_000;
/** Write-back commands per round trip. */
const WRITE_BACK_BATCH = 500;

export interface ResilientStateStoreOptions {
  /** While degraded, how often a connected but silent Redis is asked whether it answers again. */
  probeIntervalMs?: number;
}

/**
 * Redis when it answers, memory when it does not: the bot keeps answering through a Redis outage
 * and goes back to Redis as soon as it answers again. One warning per outage, one notice per
 * recovery.
 *
 * Two things make the outage safe for replicas. What was claimed or stored in memory meanwhile is
 * written back to Redis (`SET NX` with the time it has left, deletions and counter increments
 * replayed) before Redis is used again, so an event first answered during the outage and retried
 * on another replica afterwards is still answered once. And a Redis that is connected but does not
 * answer (frozen, paused) costs one command timeout: after it the store answers from memory at
 * once and probes Redis in the background instead of waiting on it for every key.
 */
export class ResilientStateStore implements SharedState {
  readonly #redis: RedisStateStore;
  readonly #memory: MemoryStateStore;
  readonly #journal = new Map<string, JournalEntry>();
  readonly #counterDeltas = new Map<string, number>();
  readonly #probeIntervalMs: number;
  #degraded = false;
  #recovering: Promise<void> | undefined;
  #probe: ReturnType<typeof setInterval> | undefined;
  #closed = false;

  constructor(
    readonly client: Redis,
    private readonly logger: PlatformLogger,
    memory = new MemoryStateStore(),
    options: ResilientStateStoreOptions = {},
  ) {
    this.#redis = new RedisStateStore(client);
    this.#memory = memory;
    this.#probeIntervalMs = options.probeIntervalMs ?? 1000;
    client.on('ready', () => void this.#recover());
    client.on('error', (error: Error) => this.#degrade(error));
  }

  /** True while answers come from memory (including while memory is being written back). */
  get degraded(): boolean {
    return this.#degraded || this.#recovering !== undefined || this.client.status !== 'ready';
  }

  claim(key: string, ttlSeconds: number): Promise<boolean> {
    return this.#use(
      (store) => store.claim(key, ttlSeconds),
      (claimed) => claimed && this.#remember(key, '1', ttlSeconds),
    );
  }

  put(key: string, value: string, ttlSeconds: number): Promise<void> {
    return this.#use(
      (store) => store.put(key, value, ttlSeconds),
      () => this.#remember(key, value, ttlSeconds),
    );
  }

  get(key: string): Promise<string | undefined> {
    return this.#use((store) => store.get(key));
  }

  delete(key: string): Promise<void> {
    return this.#use(
      (store) => store.delete(key),
      () => this.#journalSet(key, { op: 'delete' }),
    );
  }

  increment(key: string, by = 1): Promise<number> {
    return this.#use(
      (store) => store.increment(key, by),
      () => this.#counterDeltas.set(key, (this.#counterDeltas.get(key) ?? 0) + by),
    );
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#stopProbe();
    await this.client.quit().catch(() => this.client.disconnect());
  }

  async #use<T>(
    operation: (store: SharedState) => Promise<T>,
    /** Called with the answer when memory answered, to write it back to Redis later. */
    remember?: (result: T) => unknown,
  ): Promise<T> {
    if (!this.degraded) {
      try {
        return await operation(this.#redis);
      } catch (error) {
        this.#degrade(error as Error);
      }
    } else if (LOST_STATUSES.has(this.client.status)) {
      // The connection dropped: ioredis emits an error only once a reconnect attempt fails.
      this.#degrade(new Error(`Redis connection is ${this.client.status}`));
    }
    const result = await operation(this.#memory);
    remember?.(result);
    return result;
  }

  #remember(key: string, value: string, ttlSeconds: number): void {
    this.#journalSet(key, { op: 'set', value, expiresAt: Date.now() + ttlSeconds * 1000 });
  }

  #journalSet(key: string, entry: JournalEntry): void {
    this.#journal.delete(key);
    this.#journal.set(key, entry);
    if (this.#journal.size > MAX_JOURNAL_ENTRIES) {
      const oldest = this.#journal.keys().next().value;
      if (oldest !== undefined) this.#journal.delete(oldest);
    }
  }

  #degrade(error: Error): void {
    if (this.#closed) return;
    this.#startProbe();
    if (this.#degraded) return;
    this.#degraded = true;
    this.logger.warn(
      { message: error.message },
      'Redis is unavailable: using in-process state until it returns',
    );
  }

  /** A frozen Redis keeps its connection (no 'ready' to wait for): ask it now and then. */
  #startProbe(): void {
    if (this.#probe) return;
    this.#probe = setInterval(() => {
      if (this.client.status === 'ready') void this.#recover();
    }, this.#probeIntervalMs);
    this.#probe.unref();
  }

  #stopProbe(): void {
    clearInterval(this.#probe);
    this.#probe = undefined;
  }

  /** Writes memory back to Redis, then uses Redis again; stays degraded if Redis does not answer. */
  #recover(): Promise<void> {
    if (this.#recovering) return this.#recovering;
    if (!this.#degraded && this.#journal.size === 0 && this.#counterDeltas.size === 0)
      return Promise.resolve();
    this.#recovering = (async () => {
      try {
        await this.client.ping();
        // Keys claimed in memory during the write-back are written back in the next round.
        while (this.#journal.size > 0 || this.#counterDeltas.size > 0) await this.#writeBack();
        const wasDegraded = this.#degraded;
        this.#degraded = false;
        this.#stopProbe();
        if (wasDegraded) this.logger.info({}, 'Redis is back: shared state is on Redis again');
      } catch {
        // Still unavailable: memory keeps answering, the probe or the next 'ready' tries again.
        if (!this.#closed) this.#startProbe();
      } finally {
        this.#recovering = undefined;
      }
    })();
    return this.#recovering;
  }

  /** One batch of the journal to Redis; entries whose command failed go back into it. */
  async #writeBack(): Promise<void> {
    const entries = [...this.#journal].slice(0, WRITE_BACK_BATCH);
    const counters = [...this.#counterDeltas].slice(0, WRITE_BACK_BATCH - entries.length);
    for (const [key] of entries) this.#journal.delete(key);
    for (const [key] of counters) this.#counterDeltas.delete(key);
    const pipeline = this.client.pipeline();
    const now = Date.now();
    const written: Array<() => void> = [];
    for (const [key, entry] of entries) {
      const restore = () => {
        if (!this.#journal.has(key)) this.#journalSet(key, entry);
      };
      if (entry.op === 'delete') pipeline.del(key);
      else if (entry.expiresAt > now)
        // NX: a key another replica set since Redis returned is newer than ours.
        pipeline.set(key, entry.value, 'PX', entry.expiresAt - now, 'NX');
      else continue;
      written.push(restore);
    }
    for (const [key, delta] of counters) {
      pipeline.incrby(key, delta);
      written.push(() => this.#counterDeltas.set(key, (this.#counterDeltas.get(key) ?? 0) + delta));
    }
    if (written.length === 0) return;
    const results = await pipeline.exec().catch(() => null);
    let failed = results === null;
    written.forEach((restore, index) => {
      if (results === null || results[index]?.[0]) {
        failed = true;
        restore();
      }
    });
    if (failed) throw new Error('Redis did not take the write-back');
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
