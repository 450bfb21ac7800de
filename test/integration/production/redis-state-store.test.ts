import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisClient } from '../../../src/runtime/state/redis-state-store.js';
import { ResilientStateStore } from '../../../src/runtime/state/resilient-state-store.js';
import { createSilentLogger } from '../../../src/runtime/logger.js';
import { redisAvailable, startRedis, type TestRedis } from '../../helpers/redis-server.js';
import { waitFor } from '../../helpers/signed-slack-request.js';

const available = redisAvailable();
let redis: TestRedis;
const stores: ResilientStateStore[] = [];
const newStore = () => {
  const store = new ResilientStateStore(createRedisClient(redis.url), createSilentLogger());
  stores.push(store);
  return store;
};

beforeAll(async () => {
  if (available) redis = await startRedis();
});
afterAll(async () => {
  await Promise.all(stores.map((s) => s.close()));
  if (available) await redis.stop();
});

describe.runIf(available)('shared state on Redis', () => {
  it('grants a claim to one replica only', async () => {
    const [a, b] = [newStore(), newStore()];
    await waitFor(() => !a.degraded && !b.degraded);
    const results = await Promise.all([a.claim('dedupe:Ev1', 60), b.claim('dedupe:Ev1', 60)]);
    expect(results.sort()).toEqual([false, true]);
  });

  it('shares values and counters between replicas', async () => {
    const [a, b] = [newStore(), newStore()];
    await waitFor(() => !a.degraded && !b.degraded);
    await a.put('mute:slack:C1', 'x', 60);
    await a.increment('feedback:https:solved');
    expect(await b.get('mute:slack:C1')).toBe('x');
    expect(await b.increment('feedback:https:solved', 0)).toBe(1);
  });

  it('keeps answering from memory while Redis is down, and uses Redis again when it returns', async () => {
    const [a, b] = [newStore(), newStore()];
    await waitFor(() => !a.degraded && !b.degraded);
    await redis.stop();
    await waitFor(() => a.degraded, 5000);
    expect(await a.claim('during-outage', 60)).toBe(true);
    expect(await a.claim('during-outage', 60)).toBe(false);
    await redis.restart();
    await waitFor(() => !a.degraded && !b.degraded, 10_000);
    expect(await a.claim('after-recovery', 60)).toBe(true);
    expect(await b.claim('after-recovery', 60)).toBe(false);
  });
});
