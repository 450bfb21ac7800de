import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { createRedisClient } from '../../../src/runtime/state/redis-state-store.js';
import { ResilientStateStore } from '../../../src/runtime/state/resilient-state-store.js';
import { createRecordingLogger } from '../../helpers/recording-logger.js';
import { describeWithRedis, startRedis, type TestRedis } from '../../helpers/redis-server.js';
import { waitFor } from '../../helpers/signed-slack-request.js';

describeWithRedis('shared state on a real redis-server', () => {
  let redis: TestRedis;
  const stores: ResilientStateStore[] = [];
  const inspectors: Redis[] = [];
  /** A replica's store, once its connection is ready. */
  const newStore = async (logger = createRecordingLogger()) => {
    const store = new ResilientStateStore(createRedisClient(redis.url), logger);
    stores.push(store);
    await waitFor(() => !store.degraded, 5000);
    return store;
  };
  /** A plain client (no key prefix) to look at what the bot wrote. */
  const inspector = () => {
    const client = new Redis(redis.url, { maxRetriesPerRequest: 1 });
    inspectors.push(client);
    return client;
  };

  beforeAll(async () => {
    redis = await startRedis();
  });
  afterEach(async () => {
    redis.thaw();
    await redis.restart();
    await Promise.all(stores.splice(0).map((store) => store.close()));
    inspectors.splice(0).forEach((client) => client.disconnect());
  });
  afterAll(async () => {
    await redis?.stop();
  });

  it('grants a claim to one of two replicas only', async () => {
    const [a, b] = [await newStore(), await newStore()];
    const results = await Promise.all([a.claim('dedupe:Ev1', 60), b.claim('dedupe:Ev1', 60)]);
    expect(results.sort()).toEqual([false, true]);
  });

  it('gives every claim a time to live so the ledger never grows without bound', async () => {
    await (await newStore()).claim('msg:slack:C1:2.2', 60);
    const ttl = await inspector().ttl('aperture-doctor:msg:slack:C1:2.2');
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60);
  });

  it('shares values, deletions and counters between replicas', async () => {
    const [a, b] = [await newStore(), await newStore()];
    await a.put('mute:slack:C1', 'x', 60);
    await a.increment('feedback:https:solved');
    expect(await b.get('mute:slack:C1')).toBe('x');
    expect(await b.increment('feedback:https:solved', 2)).toBe(3);
    await b.delete('mute:slack:C1');
    expect(await a.get('mute:slack:C1')).toBeUndefined();
  });

  it('keeps answering from memory while Redis is down, warning once', async () => {
    // given
    const logger = createRecordingLogger();
    const store = await newStore(logger);
    // when
    await redis.stop();
    await waitFor(() => store.degraded, 5000);
    // then
    expect(await store.claim('during-outage', 60)).toBe(true);
    expect(await store.claim('during-outage', 60)).toBe(false);
    expect(await store.increment('feedback:https:solved')).toBe(1);
    expect(logger.lines.filter((line) => line.level === 'warn')).toHaveLength(1);
  });

  it('answers from memory within its command timeout when Redis hangs', async () => {
    // given: a Redis that takes writes and does not answer them (CLIENT PAUSE … WRITE)
    const store = await newStore();
    const admin = inspector();
    await admin.call('CLIENT', 'PAUSE', '3000', 'WRITE');
    // when
    const started = performance.now();
    const claimed = await store.claim('while-hung', 60);
    const elapsed = performance.now() - started;
    await admin.call('CLIENT', 'UNPAUSE');
    // then: answered before the pause ended, rather than waiting on Redis
    expect(claimed).toBe(true);
    expect(elapsed).toBeLessThan(2900);
  });

  it('GIVEN a claim first made in memory during an outage WHEN Redis returns THEN another replica sees it through Redis', async () => {
    // given: replica a answers an event while Redis is down (it restarts empty)
    const [a, b] = [await newStore(), await newStore()];
    await redis.stop();
    await waitFor(() => a.degraded, 5000);
    expect(await a.claim('slack-event:Ev-outage', 3600)).toBe(true);
    await a.put('slack-reply:C1:1.1', '2.2', 3600);
    await a.increment('feedback:https:solved');
    // when: Redis is back and Slack retries the event on replica b
    await redis.restart();
    await waitFor(() => !a.degraded && !b.degraded, 10_000);
    // then
    expect(await b.claim('slack-event:Ev-outage', 3600)).toBe(false);
    expect(await b.get('slack-reply:C1:1.1')).toBe('2.2');
    expect(await b.increment('feedback:https:solved')).toBe(2);
    const ttl = await inspector().ttl('aperture-doctor:slack-event:Ev-outage');
    expect(ttl).toBeGreaterThan(3500);
  });

  it('GIVEN a frozen redis-server (SIGSTOP) THEN one command timeout, then memory at once, and the claims reach Redis when it thaws', async () => {
    // given
    const logger = createRecordingLogger();
    const [a, b] = [await newStore(logger), await newStore()];
    redis.freeze();
    // when: a burst of claims while Redis holds its connections and answers nothing
    const started = performance.now();
    const claims: boolean[] = [];
    for (let i = 0; i < 20; i++) claims.push(await a.claim(`frozen:${i}`, 60));
    const elapsed = performance.now() - started;
    redis.thaw();
    // then: answered from memory, paying the 500 ms command timeout once rather than per claim
    expect(claims.every(Boolean)).toBe(true);
    expect(elapsed).toBeLessThan(5000);
    await waitFor(() => !a.degraded, 10_000);
    expect(await b.claim('frozen:19', 60)).toBe(false);
    expect(logger.lines.filter((line) => line.level === 'warn')).toHaveLength(1);
    expect(logger.lines.some((line) => line.message?.includes('Redis is back'))).toBe(true);
  });

  it('goes back to Redis once it returns, and says so', async () => {
    // given
    const logger = createRecordingLogger();
    const [a, b] = [await newStore(logger), await newStore()];
    await redis.stop();
    await waitFor(() => a.degraded, 5000);
    await a.claim('during-outage', 60);
    // when
    await redis.restart();
    await waitFor(() => !a.degraded && !b.degraded, 10_000);
    // then: a claim made now is seen by the other replica through Redis
    expect(await a.claim('after-recovery', 60)).toBe(true);
    expect(await b.claim('after-recovery', 60)).toBe(false);
    expect(logger.lines.some((line) => line.message?.includes('Redis is back'))).toBe(true);
  });
});
