import { once } from 'node:events';
import type { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import type { ChatPlatform } from '../../../src/platforms/chat-platform.js';
import { GatewayLock } from '../../../src/runtime/gateway-lock.js';
import { createLockHeldPlatform } from '../../../src/runtime/lock-held-platform.js';
import { closeRedisClient, createRedisClient } from '../../../src/runtime/state/redis-client.js';
import { createRecordingLogger } from '../../helpers/recording-logger.js';
import {
  describeWithRedis,
  startRedisServer,
  type RedisServer,
} from '../../helpers/redis-server.js';
import { waitFor } from '../../helpers/signed-slack-request.js';

/** A platform that only records whether it is connected. */
function recordingPlatform(log: string[], replica: string): ChatPlatform {
  let connected = false;
  return {
    name: 'discord',
    isConnected: () => connected,
    async start() {
      connected = true;
      log.push(`${replica} connected`);
    },
    async stop() {
      connected = false;
      log.push(`${replica} disconnected`);
    },
  };
}

describeWithRedis('the gateway lock on a real redis-server', () => {
  let server: RedisServer;
  const clients: Redis[] = [];
  const stops: Array<() => Promise<void>> = [];
  const connect = async () => {
    const client = createRedisClient(server.url);
    clients.push(client);
    client.on('error', () => undefined);
    if (client.status !== 'ready') await once(client, 'ready');
    return client;
  };
  const replica = async (name: string, log: string[], redis?: Redis) => {
    const lock = new GatewayLock({
      redis: redis ?? (await connect()),
      name: 'discord:0',
      ttlMs: 600,
    });
    const platform = createLockHeldPlatform({
      name: 'discord',
      lock,
      create: () => recordingPlatform(log, name),
      logger: createRecordingLogger(),
      pollMs: 50,
      renewMs: 150,
    });
    stops.push(() => platform.stop());
    return { lock, platform };
  };

  beforeAll(async () => {
    server = await startRedisServer();
  });
  afterEach(async () => {
    await Promise.all(stops.splice(0).map((stop) => stop()));
    await Promise.all(clients.splice(0).map(closeRedisClient));
    await server.restart();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('lets one of two replicas hold the lock', async () => {
    const [a, b] = [
      new GatewayLock({ redis: await connect(), name: 'x' }),
      new GatewayLock({ redis: await connect(), name: 'x' }),
    ];
    const taken = await Promise.all([a.acquire(), b.acquire()]);
    expect(taken.sort()).toEqual([false, true]);
  });

  it('never lets a replica renew or release a lock another one holds', async () => {
    const [a, b] = [
      new GatewayLock({ redis: await connect(), name: 'y' }),
      new GatewayLock({ redis: await connect(), name: 'y' }),
    ];
    expect(await a.acquire()).toBe(true);
    expect(await b.renew()).toBe(false);
    await b.release();
    expect(await b.acquire()).toBe(false);
    await a.release();
    expect(await b.acquire()).toBe(true);
  });

  it('connects only the holder; the standby stays disconnected but healthy', async () => {
    const log: string[] = [];
    const a = await replica('a', log);
    const b = await replica('b', log);
    await a.platform.start();
    await b.platform.start();
    expect(log).toEqual(['a connected']);
    expect(a.platform.health?.()).toMatchObject({ role: 'active', connected: true });
    expect(b.platform.health?.()).toMatchObject({ role: 'standby', connected: true });
  });

  it('hands the gateway to the standby when the holder dies without releasing', async () => {
    // given
    const log: string[] = [];
    const holderRedis = await connect();
    const a = await replica('a', log, holderRedis);
    const b = await replica('b', log);
    await a.platform.start();
    await b.platform.start();
    // when: the holder's process dies (its Redis connection drops, no more renewals)
    holderRedis.disconnect();
    // then: the standby connects once the lock lapses (TTL 600 ms), well within 5 s
    await waitFor(() => log.includes('b connected'), 5000);
    expect(b.platform.health?.()).toMatchObject({ role: 'active' });
  });

  it('hands over at once when the holder shuts down gracefully', async () => {
    const log: string[] = [];
    const a = await replica('a', log);
    const b = await replica('b', log);
    await a.platform.start();
    await b.platform.start();
    await a.platform.stop();
    await waitFor(() => log.includes('b connected'), 5000);
    expect(log).toEqual(['a connected', 'a disconnected', 'b connected']);
  });

  it('disconnects a holder whose lock was taken by another replica', async () => {
    const log: string[] = [];
    const a = await replica('a', log);
    await a.platform.start();
    // another owner forcibly holds the key (e.g. after a long pause of this process)
    const admin = await connect();
    const keys = await admin.keys('*gateway-lock:discord:0');
    await admin.set(keys[0] as string, 'someone-else', 'PX', 5000);
    await waitFor(() => log.includes('a disconnected'), 5000);
    expect(a.platform.health?.()).toMatchObject({ role: 'standby' });
  });

  it('always holds the gateway without Redis', async () => {
    const lock = new GatewayLock({ name: 'discord:0' });
    expect(await lock.acquire()).toBe(true);
    expect(await lock.renew()).toBe(true);
  });
});
