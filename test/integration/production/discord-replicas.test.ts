import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDiscordPlatform } from '../../../src/platforms/discord/start-discord.js';
import { buildConversationDeps } from '../../../src/runtime/build-runtime.js';
import { loadConfig } from '../../../src/runtime/config.js';
import { GatewayLockedPlatform } from '../../../src/runtime/gateway-lock.js';
import { createSilentLogger } from '../../../src/runtime/logger.js';
import { createRedisClient } from '../../../src/runtime/state/redis-state-store.js';
import { ResilientStateStore } from '../../../src/runtime/state/resilient-state-store.js';
import { redisAvailable, startRedis, type TestRedis } from '../../helpers/redis-server.js';
import { waitFor } from '../../helpers/signed-slack-request.js';
import { DENIED_PASTE, messagePayload } from '../discord/discord-harness.js';
import { FakeDiscordGateway } from '../fakes/fake-discord-gateway.js';
import { CHANNEL_ID, FakeDiscordRest } from '../fakes/fake-discord-rest.js';

const available = redisAvailable();
let redis: TestRedis;
let rest: FakeDiscordRest;
let gateway: FakeDiscordGateway;
const states: ResilientStateStore[] = [];
const replicas: GatewayLockedPlatform[] = [];

/** One bot process: its own Redis clients, the lock, and a fresh discord.js client per takeover. */
function replica(): GatewayLockedPlatform {
  const config = loadConfig({});
  if (!config.ok) throw new Error('config');
  const logger = createSilentLogger();
  const state = new ResilientStateStore(createRedisClient(redis.url), logger);
  states.push(state);
  const deps = buildConversationDeps(config.config, { state });
  const platform = new GatewayLockedPlatform(
    () =>
      createDiscordPlatform({
        token: 'ODk.fake.discord-token',
        apiUrl: rest.url,
        conversation: deps,
        logger,
        adminUsers: [],
        readyTimeoutMs: 10_000,
      }),
    { redis: createRedisClient(redis.url), logger, ttlMs: 1000 },
  );
  replicas.push(platform);
  return platform;
}

const threadPosts = () =>
  rest
    .delivered('POST /channels/:id/messages')
    .filter((c) => c.path !== `/channels/${CHANNEL_ID}/messages`);

beforeAll(async () => {
  if (!available) return;
  redis = await startRedis();
  rest = await new FakeDiscordRest().start();
  gateway = await new FakeDiscordGateway().start();
  rest.gatewayUrl = gateway.url;
});
afterAll(async () => {
  if (!available) return;
  for (const platform of replicas) await platform.stop();
  for (const state of states) await state.close();
  await Promise.all([gateway.close(), rest.close()]);
  await redis.stop();
});

describe.runIf(available)('two Discord replicas behind the gateway lock', () => {
  it('GIVEN two replicas THEN one connects to the gateway, the other takes over when it dies, and nothing is answered twice', async () => {
    // given
    const [first, second] = [replica(), replica()];
    await first.start();
    await second.start();
    await waitFor(
      () =>
        gateway.identified === 1 &&
        (first.holdsLock || second.holdsLock) &&
        threadPosts().length === 0,
      10_000,
    );
    expect([first.holdsLock, second.holdsLock].filter(Boolean)).toHaveLength(1);
    const [holder, standby] = first.holdsLock ? [first, second] : [second, first];
    await waitFor(() => holder.isConnected(), 10_000);

    gateway.dispatch('MESSAGE_CREATE', messagePayload(DENIED_PASTE));
    await waitFor(() => threadPosts().length === 1, 10_000);

    // when the holder dies without releasing its lock
    await holder.abandon();

    // then the standby takes over within seconds
    await waitFor(
      () => standby.holdsLock && standby.isConnected() && gateway.identified === 2,
      10_000,
    );
    gateway.dispatch('MESSAGE_CREATE', messagePayload('curl: (6) Could not resolve host: ai'));
    await waitFor(() => threadPosts().length === 2, 10_000);
    expect(gateway.identified).toBe(2);
    expect(threadPosts()).toHaveLength(2);
  });
});
