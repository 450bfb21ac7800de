import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import type { ChatPlatform } from '../../../src/platforms/chat-platform.js';
import { GatewayLockedPlatform } from '../../../src/runtime/gateway-lock.js';
import { createRedisClient } from '../../../src/runtime/state/redis-state-store.js';
import { createRecordingLogger } from '../../helpers/recording-logger.js';
import { describeWithRedis, startRedis, type TestRedis } from '../../helpers/redis-server.js';
import { waitFor } from '../../helpers/signed-slack-request.js';

const LOCK_KEY = 'aperture-doctor:gateway-lock:discord';

/** A platform that only records when it connects and disconnects. */
function recordingPlatform(log: string[], replica: string, failStart = false): ChatPlatform {
  let connected = false;
  return {
    name: 'discord',
    isConnected: () => connected,
    async start() {
      if (failStart) throw new Error('login refused');
      connected = true;
      log.push(`${replica} connected`);
    },
    async stop() {
      if (connected) log.push(`${replica} disconnected`);
      connected = false;
    },
  };
}

describeWithRedis('the Discord gateway lock on a real redis-server', () => {
  let redis: TestRedis;
  let replicas: GatewayLockedPlatform[] = [];
  const clients = new Map<GatewayLockedPlatform, Redis>();
  const inspectors: Redis[] = [];
  const replica = (name: string, log: string[], failStart = false) => {
    const client = createRedisClient(redis.url);
    const platform = new GatewayLockedPlatform(() => recordingPlatform(log, name, failStart), {
      redis: client,
      ttlMs: 600,
      logger: createRecordingLogger(),
    });
    replicas.push(platform);
    clients.set(platform, client);
    return platform;
  };
  const inspector = () => {
    const client = new Redis(redis.url, { maxRetriesPerRequest: 1 });
    inspectors.push(client);
    return client;
  };
  /** Starts once its Redis connection is ready, as the composition root's start order ensures. */
  const start = async (platform: GatewayLockedPlatform) => {
    await waitFor(() => clients.get(platform)?.status === 'ready');
    await platform.start();
  };

  beforeAll(async () => {
    redis = await startRedis();
  });
  afterEach(async () => {
    await Promise.all(replicas.map((platform) => platform.stop()));
    replicas = [];
    clients.clear();
    inspectors.splice(0).forEach((client) => client.disconnect());
    await redis.restart();
    await inspector().del(LOCK_KEY);
  });
  afterAll(async () => {
    await redis?.stop();
  });

  it('connects only the holder; the standby stays disconnected but reports healthy', async () => {
    const log: string[] = [];
    const [a, b] = [replica('a', log), replica('b', log)];
    await start(a);
    await start(b);
    expect(log).toEqual(['a connected']);
    expect([a.holdsLock, a.isConnected()]).toEqual([true, true]);
    expect([b.holdsLock, b.isConnected()]).toEqual([false, true]);
  });

  it('hands the gateway to the standby within seconds when the holder dies', async () => {
    // given
    const log: string[] = [];
    const [a, b] = [replica('a', log), replica('b', log)];
    await start(a);
    await start(b);
    // when: the holder crashes without releasing the lock
    await a.abandon();
    // then: the standby connects once the lock lapses (TTL 600 ms)
    await waitFor(() => log.includes('b connected'), 5000);
    expect(b.holdsLock).toBe(true);
  });

  it('hands over at once when the holder stops gracefully', async () => {
    const log: string[] = [];
    const [a, b] = [replica('a', log), replica('b', log)];
    await start(a);
    await start(b);
    await a.stop();
    await waitFor(() => log.includes('b connected'), 5000);
    expect(log).toEqual(['a connected', 'a disconnected', 'b connected']);
  });

  it('disconnects a holder whose lock another replica now holds', async () => {
    const log: string[] = [];
    const a = replica('a', log);
    await start(a);
    // e.g. this process was paused past its TTL and another replica took over
    await inspector().set(LOCK_KEY, 'someone-else', 'PX', 5000);
    await waitFor(() => log.includes('a disconnected'), 5000);
    expect(a.holdsLock).toBe(false);
  });

  it('keeps the gateway through a Redis restart instead of handing it to the standby', async () => {
    // given
    const log: string[] = [];
    const [a, b] = [replica('a', log), replica('b', log)];
    await start(a);
    await start(b);
    // when: Redis comes back empty
    await redis.stop();
    await redis.restart();
    const watcher = inspector();
    await waitFor(() => watcher.status === 'ready', 5000);
    let owner: string | null = null;
    for (let i = 0; i < 100 && owner === null; i++) {
      owner = await watcher.get(LOCK_KEY);
      if (owner === null) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    // then: the holder re-took its own key; the standby stayed a standby
    await waitFor(() => a.isConnected() && b.isConnected(), 5000);
    expect(owner).not.toBeNull();
    expect(a.holdsLock).toBe(true);
    expect(log).toEqual(['a connected']);
  });

  it('GIVEN the holder cannot connect at start THEN start fails and the lock is given up for another replica', async () => {
    const log: string[] = [];
    const broken = replica('a', log, true);
    await expect(start(broken)).rejects.toThrow('login refused');
    expect(broken.holdsLock).toBe(false);
    expect(await inspector().get(LOCK_KEY)).toBeNull();
  });

  it('GIVEN a standby that takes over and cannot connect THEN it gives the lock up and reports the failure as fatal', async () => {
    // given: a healthy holder, and a standby whose platform cannot start
    const log: string[] = [];
    const fatal: Error[] = [];
    const holder = replica('a', log);
    const client = createRedisClient(redis.url);
    const standby = new GatewayLockedPlatform(() => recordingPlatform(log, 'b', true), {
      redis: client,
      ttlMs: 600,
      logger: createRecordingLogger(),
      onFatal: (error) => fatal.push(error),
    });
    replicas.push(standby);
    clients.set(standby, client);
    await start(holder);
    await start(standby);
    // when: the holder crashes
    await holder.abandon();
    // then
    await waitFor(() => fatal.length > 0, 5000);
    expect(fatal[0]?.message).toBe('login refused');
    expect(standby.holdsLock).toBe(false);
    expect(await inspector().get(LOCK_KEY)).toBeNull();
  });
});
