import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { ChatPlatform } from '../platforms/chat-platform.js';
import type { PlatformLogger } from '../platforms/platform-logger.js';

/**
 * Renew by compare-and-extend. A missing key (Redis restarted empty) is re-taken, so a holder that
 * kept its connection through an outage is not dethroned by the outage itself.
 */
const RENEW = `
local owner = redis.call('get', KEYS[1])
if owner == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) end
if owner == false and redis.call('set', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 1 end
return 0`;
/** Release by compare-and-delete: never delete a lock a standby has taken since. */
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

export interface GatewayLockOptions {
  redis: Redis;
  key?: string;
  /** How long a dead holder keeps the lock: the standby takes over within about 1.3× this. */
  ttlMs?: number;
  logger: PlatformLogger;
  /**
   * A standby that took the lock later and then could not start the platform (a rejected token,
   * say): the process should end, as it does when the first attempt fails in start().
   */
  onFatal?(error: Error): void;
  /** How long start() waits for the Redis connection before standing by without it. */
  redisReadyTimeoutMs?: number;
}

/**
 * Two discord.js clients on one shard both receive every event and both reply (platform-facts
 * trap 7). So one replica holds the gateway at a time: the lock holder runs the platform, the
 * others stand by, polling, and take over when the holder's lock expires (`SET NX PX`).
 * @see https://redis.io/docs/latest/develop/use/patterns/distributed-locks/
 */
export class GatewayLockedPlatform implements ChatPlatform {
  readonly name: ChatPlatform['name'];
  readonly #id = randomUUID();
  readonly #key: string;
  readonly #ttlMs: number;
  #active: ChatPlatform | undefined;
  #timer: ReturnType<typeof setInterval> | undefined;
  #running = false;
  #tick: Promise<void> = Promise.resolve();
  #busy = false;
  #readyCount = 0;
  #reconnectedAt = 0;
  #started = false;
  #startFailure: Error | undefined;

  constructor(
    private readonly create: () => ChatPlatform,
    private readonly options: GatewayLockOptions,
  ) {
    this.name = 'discord';
    this.#key = options.key ?? 'gateway-lock:discord';
    this.#ttlMs = options.ttlMs ?? 6_000;
    // ioredis emits an error per failed reconnect; the tick logs what matters.
    options.redis.on('error', () => undefined);
    options.redis.on('ready', () => {
      if (++this.#readyCount > 1) this.#reconnectedAt = Date.now();
    });
  }

  /** True for the holder (when connected) and for a healthy standby. */
  isConnected(): boolean {
    return (
      this.#running &&
      (this.#active ? this.#active.isConnected() : this.options.redis.status === 'ready')
    );
  }

  get holdsLock(): boolean {
    return this.#active !== undefined;
  }

  /**
   * Competes for the lock once Redis is connected (or after a short wait without it); when it wins,
   * starts the platform, and a failure to start rejects here, with the lock given up.
   */
  async start(): Promise<void> {
    this.#running = true;
    await this.#redisReady();
    await this.#step();
    if (this.#startFailure) {
      this.#running = false;
      throw this.#startFailure;
    }
    this.#started = true;
    this.#timer = setInterval(() => void this.#step(), Math.max(50, Math.floor(this.#ttlMs / 3)));
  }

  async #redisReady(): Promise<void> {
    const redis = this.options.redis;
    if (redis.status === 'ready') return;
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        redis.off('ready', done);
        resolve();
      };
      const timer = setTimeout(done, this.options.redisReadyTimeoutMs ?? 3000);
      redis.on('ready', done);
    });
  }

  /** Disconnects (finishing in-flight replies), then releases the lock so a standby takes over now. */
  async stop(deadlineAt?: number): Promise<void> {
    this.#running = false;
    clearInterval(this.#timer);
    await this.#tick;
    await this.#deactivate(deadlineAt);
    await this.options.redis.eval(RELEASE, 1, this.#key, this.#id).catch(() => undefined);
    await this.options.redis.quit().catch(() => this.options.redis.disconnect());
  }

  /** Simulates a crash in tests: stops renewing and disconnects without releasing the lock. */
  async abandon(): Promise<void> {
    this.#running = false;
    clearInterval(this.#timer);
    await this.#tick;
    await this.#active?.stop();
    this.#active = undefined;
    this.options.redis.disconnect();
  }

  #step(): Promise<void> {
    if (this.#busy || !this.#running) return this.#tick;
    this.#busy = true;
    this.#tick = this.#renewOrAcquire().finally(() => (this.#busy = false));
    return this.#tick;
  }

  async #renewOrAcquire(): Promise<void> {
    try {
      if (this.#active) {
        const renewed = await this.options.redis.eval(RENEW, 1, this.#key, this.#id, this.#ttlMs);
        if (renewed !== 1) {
          this.options.logger.warn({}, 'lost the Discord gateway lock: standing by');
          await this.#deactivate();
        }
        return;
      }
      // After a reconnect Redis may have restarted empty: give the holder one TTL to re-take its
      // key before a standby contends, so an outage alone never moves the gateway.
      if (Date.now() - this.#reconnectedAt < this.#ttlMs) return;
      const acquired = await this.options.redis.set(this.#key, this.#id, 'PX', this.#ttlMs, 'NX');
      if (acquired !== 'OK' || !this.#running) return;
      this.options.logger.info({}, 'holding the Discord gateway lock: connecting');
      const platform = this.create();
      this.#active = platform;
      try {
        await platform.start();
      } catch (error) {
        // A holder that cannot connect must not keep the lock: let another replica try.
        await this.#deactivate();
        await this.options.redis.eval(RELEASE, 1, this.#key, this.#id).catch(() => undefined);
        this.#failedToStart(error as Error);
      }
    } catch (error) {
      // Redis unreachable: a holder keeps its connection (no other replica can take the lock).
      this.options.logger.warn(
        { message: (error as Error).message },
        'Discord gateway lock check failed',
      );
    }
  }

  /** In start(): start() rejects. Later (a standby taking over): stop competing, report it. */
  #failedToStart(error: Error): void {
    if (!this.#started) {
      this.#startFailure = error;
      return;
    }
    this.#running = false;
    clearInterval(this.#timer);
    this.options.logger.error(
      { message: error.message },
      'took the Discord gateway lock but could not connect',
    );
    this.options.onFatal?.(error);
  }

  async #deactivate(deadlineAt?: number): Promise<void> {
    const active = this.#active;
    this.#active = undefined;
    await active?.stop(deadlineAt).catch(() => undefined);
  }
}
