import type { ChatPlatform } from '../platforms/chat-platform.js';
import type { PlatformLogger } from '../platforms/platform-logger.js';
import type { GatewayLock } from './gateway-lock.js';
import type { HealthReporter, PlatformHealth } from './health.js';

export interface LockHeldPlatformOptions {
  /** Builds a fresh platform each time this replica takes the lock. */
  create: () => ChatPlatform;
  name: ChatPlatform['name'];
  lock: GatewayLock;
  logger: PlatformLogger;
  /** How often a standby tries to take the lock (default 1 s). */
  pollMs?: number;
  /** How often the holder renews (default a third of the lock's TTL). */
  renewMs?: number;
}

/**
 * Runs a platform only while this replica holds its gateway lock: the holder connects and renews,
 * standbys poll and take over when the holder's lock lapses; a holder that loses the lock
 * disconnects at once. A standby reports healthy: it is doing its job.
 */
export function createLockHeldPlatform(options: LockHeldPlatformOptions): HealthReporter {
  const { lock, logger } = options;
  const pollMs = options.pollMs ?? 1_000;
  const renewMs = options.renewMs ?? Math.max(50, Math.floor(lock.ttlMs / 3));
  let active: ChatPlatform | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running = false;
  let tick: Promise<void> = Promise.resolve();

  const schedule = () => {
    if (!running) return;
    timer = setTimeout(() => (tick = step()), active ? renewMs : pollMs);
  };

  const step = async (): Promise<void> => {
    try {
      if (!active) {
        if (await lock.acquire()) {
          logger.info({ platform: options.name, owner: lock.owner }, 'took the gateway lock');
          const platform = options.create();
          active = platform;
          try {
            await platform.start();
          } catch (error) {
            // Let another replica try: a holder that cannot connect must not keep the lock.
            active = undefined;
            await platform.stop().catch(() => undefined);
            await lock.release();
            throw error;
          }
        }
      } else if (!(await lock.renew())) {
        logger.warn({ platform: options.name }, 'lost the gateway lock: disconnecting');
        const platform = active;
        active = undefined;
        await platform.stop();
      }
    } catch (error) {
      // Redis unreachable: a holder keeps its connection (nobody else can take the lock either).
      logger.warn({ platform: options.name, message: (error as Error).message }, 'gateway lock');
    }
    schedule();
  };

  const health = (): PlatformHealth =>
    active
      ? { name: options.name, connected: active.isConnected(), role: 'active' }
      : { name: options.name, connected: running, role: 'standby' };

  return {
    name: options.name,
    isConnected: () => health().connected,
    health,
    async start() {
      running = true;
      tick = step();
      await tick;
    },
    async stop() {
      running = false;
      clearTimeout(timer);
      await tick;
      const platform = active;
      active = undefined;
      if (platform) {
        await platform.stop();
        await lock.release().catch(() => undefined);
      }
    },
  };
}
