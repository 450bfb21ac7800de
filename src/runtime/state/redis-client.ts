import { Redis, type RedisOptions } from 'ioredis';

/** Every key this bot writes starts with it, so one Redis can serve other tenants too. */
export const REDIS_KEY_PREFIX = 'aperture-doctor:';

/**
 * A Redis client that never stalls a reply: no offline queue (a command while disconnected fails
 * at once), one attempt per command, a short command timeout, and reconnection in the background
 * forever (capped back-off) so the bot returns to Redis on its own after an outage.
 */
export function createRedisClient(url: string, overrides: RedisOptions = {}): Redis {
  return new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: 500,
    connectTimeout: 2000,
    retryStrategy: (attempt) => Math.min(attempt * 100, 2000),
    ...overrides,
  });
}

/** Closes a client politely, or drops it when Redis does not answer QUIT. */
export async function closeRedisClient(client: Redis): Promise<void> {
  if (client.status === 'end') return;
  try {
    await client.quit();
  } catch {
    client.disconnect();
  }
}
