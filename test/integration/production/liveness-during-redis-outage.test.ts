import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ChatPlatform } from '../../../src/platforms/chat-platform.js';
import { GatewayLockedPlatform } from '../../../src/runtime/gateway-lock.js';
import { operationalRoutes, serveRoutes } from '../../../src/runtime/http-routes.js';
import { createMetrics } from '../../../src/runtime/metrics.js';
import { createRedisClient } from '../../../src/runtime/state/redis-state-store.js';
import { createRecordingLogger } from '../../helpers/recording-logger.js';
import { describeWithRedis, startRedis, type TestRedis } from '../../helpers/redis-server.js';
import { waitFor } from '../../helpers/signed-slack-request.js';

/** A Discord platform that connects at once (the holder's), recording nothing. */
function connectingPlatform(): ChatPlatform {
  let connected = false;
  return {
    name: 'discord',
    isConnected: () => connected,
    start: async () => void (connected = true),
    stop: async () => void (connected = false),
  };
}

describeWithRedis('the probes of a Discord standby while Redis is down', () => {
  let redis: TestRedis;
  let holder: GatewayLockedPlatform;
  let standby: GatewayLockedPlatform;
  let server: Server;
  let base: string;

  beforeAll(async () => {
    redis = await startRedis();
    const replica = () => {
      const client = createRedisClient(redis.url);
      const platform = new GatewayLockedPlatform(connectingPlatform, {
        redis: client,
        key: 'aperture-doctor:gateway-lock:liveness-test',
        ttlMs: 600,
        logger: createRecordingLogger(),
      });
      return { client, platform };
    };
    const a = replica();
    const b = replica();
    await waitFor(() => a.client.status === 'ready' && b.client.status === 'ready');
    holder = a.platform;
    standby = b.platform;
    await holder.start();
    await standby.start();
    server = await serveRoutes(
      operationalRoutes(() => [standby], createMetrics()),
      0,
    );
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server?.close(() => resolve()));
    await Promise.all([holder?.stop(), standby?.stop()]);
    await redis?.stop();
  });

  it('answers 503 on /healthz but 200 on /livez, so a liveness probe on /livez keeps the replica', async () => {
    // given: a healthy standby, ready and alive
    expect([holder.holdsLock, standby.holdsLock]).toEqual([true, false]);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    // when: Redis goes away
    await redis.stop();
    await waitFor(() => !standby.isConnected());
    // then: not ready (no traffic, no rollout progress) but alive (not restarted)
    expect((await fetch(`${base}/healthz`)).status).toBe(503);
    const live = await fetch(`${base}/livez`);
    expect(live.status).toBe(200);
    expect(await live.json()).toEqual({ status: 'alive' });
  });
});
