import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { ChatPlatform } from '../platforms/chat-platform.js';
import type { Logger } from './logger.js';

/** Renew by compare-and-extend, release by compare-and-delete: only the holder may do either. */
const RENEW = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

export interface GatewayLockOptions {
  redis: Redis;
  key?: string;
  /** How long a dead holder keeps the lock: the standby takes over within about this. */
  ttlMs?: number;
  logger: Logger;
}

/**
 * Two discord.js clients on one shard both receive every event and both reply (platform-facts
 * trap 7). So one replica holds the gateway at a time: the lock holder runs the platform, the
 * others stand by, polling, and take over when the holder's lock expires.
 */
export class GatewayLockedPlatform implements ChatPlatform {
  readonly name: ChatPlatform['name'];
  readonly #id = randomUUID();
  readonly #key: string;
  readonly #ttlMs: number;
  #active: ChatPlatform | undefined;
  #timer: ReturnType<typeof setInterval> | undefined;
  #running = false;
  #busy = false;

  constructor(
    private readonly create: () => ChatPlatform,
    private readonly options: GatewayLockOptions,
  ) {
    this.name = 'discord';
    this.#key = options.key ?? 'gateway-lock:discord';
    this.#ttlMs = options.ttlMs ?? 10_000;
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

  async start(): Promise<void> {
    this.#running = true;
    await this.#tick();
    this.#timer = setInterval(() => void this.#tick(), Math.max(200, Math.floor(this.#ttlMs / 3)));
  }

  async stop(): Promise<void> {
    this.#running = false;
    clearInterval(this.#timer);
    await this.#deactivate();
    await this.options.redis.eval(RELEASE, 1, this.#key, this.#id).catch(() => undefined);
    await this.options.redis.quit().catch(() => this.options.redis.disconnect());
  }

  /** Simulates a crash in tests: stops renewing and disconnects without releasing the lock. */
  async abandon(): Promise<void> {
    this.#running = false;
    clearInterval(this.#timer);
    await this.#active?.stop();
    this.#active = undefined;
    this.options.redis.disconnect();
  }

  async #tick(): Promise<void> {
    if (this.#busy || !this.#running) return;
    this.#busy = true;
    try {
      if (this.#active) {
        const renewed = await this.options.redis.eval(
          RENEW,
          1,
          this.#key,
          this.#id,
          String(this.#ttlMs),
        );
        if (renewed !== 1) {
          this.options.logger.warn({}, 'lost the Discord gateway lock: standing by');
          await this.#deactivate();
        }
        return;
      }
      const acquired = await this.options.redis.set(this.#key, this.#id, 'PX', this.#ttlMs, 'NX');
      if (acquired === 'OK') {
        this.options.logger.info({}, 'holding the Discord gateway lock: connecting');
        const platform = this.create();
        this.#active = platform;
        await platform.start();
      }
    } catch (error) {
      this.options.logger.warn(
        { message: (error as Error).message },
        'Discord gateway lock check failed',
      );
    } finally {
      this.#busy = false;
    }
  }

  async #deactivate(): Promise<void> {
    const active = this.#active;
    this.#active = undefined;
    await active?.stop();
  }
}
