import { once } from 'node:events';
import type { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { closeRedisClient, createRedisClient } from '../../../src/runtime/state/redis-client.js';
import { RedisStateStore } from '../../../src/runtime/state/redis-state-store.js';
import { ResilientStateStore } from '../../../src/runtime/state/resilient-state-store.js';
import { waitFor } from '../../helpers/signed-slack-request.js';
import { createRecordingLogger } from '../../helpers/recording-logger.js';
import {
  describeWithRedis,
  startRedisServer,
  type RedisServer,
} from '../../helpers/redis-server.js';

describeWithRedis('shared state on a real redis-server', () => {
  let server: RedisServer;
  const clients: Redis[] = [];
  const connect = async () => {
    const client = createRedisClient(server.url);
    clients.push(client);
    client.on('error', () => undefined);
    if (client.status !== 'ready') await once(client, 'ready');
    return client;
  };

  beforeAll(async () => {
    server = await startRedisServer();
  });
  afterEach(async () => {
    await server.restart();
    await Promise.all(clients.splice(0).map(closeRedisClient));
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('grants a claim to one of two replicas only', async () => {
    const [a, b] = [new RedisStateStore(await connect()), new RedisStateStore(await connect())];
    const answers = await Promise.all([
      a.claim('msg:slack:C1:1.1', 60),
      b.claim('msg:slack:C1:1.1', 60),
    ]);
    expect(answers.sort()).toEqual([false, true]);
  });

  it('gives every claim a time to live so the ledger never grows without bound', async () => {
    const client = await connect();
    await new RedisStateStore(client).claim('msg:slack:C1:2.2', 60);
    const keys = await client.keys('*msg:slack:C1:2.2');
    expect(keys).toHaveLength(1);
    const ttl = await client.ttl(keys[0] as string);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60);
  });

  it('stores, reads and deletes values shared between replicas', async () => {
    const [a, b] = [new RedisStateStore(await connect()), new RedisStateStore(await connect())];
    await a.put('mute:slack:C1', 'until-later', 60);
    expect(await b.get('mute:slack:C1')).toBe('until-later');
    await b.delete('mute:slack:C1');
    expect(await a.get('mute:slack:C1')).toBeUndefined();
  });

  it('adds feedback counts from every replica into one counter', async () => {
    const [a, b] = [new RedisStateStore(await connect()), new RedisStateStore(await connect())];
    await a.increment('feedback:https:not-it');
    expect(await b.increment('feedback:https:not-it', 2)).toBe(3);
  });

  it('keeps answering from memory while Redis is down, warning once', async () => {
    // given
    const logger = createRecordingLogger();
    const store = new ResilientStateStore(await connect(), logger);
    expect(await store.claim('msg:slack:C1:3.3', 60)).toBe(true);
    // when
    await server.stop();
    await waitFor(() => store.client.status !== 'ready');
    // then
    expect(await store.claim('msg:slack:C1:4.4', 60)).toBe(true);
    expect(await store.claim('msg:slack:C1:4.4', 60)).toBe(false);
    expect(await store.increment('feedback:https:solved')).toBe(1);
    expect(store.degraded).toBe(true);
    expect(logger.lines.filter((line) => line.level === 'warn')).toHaveLength(1);
  });

  it('answers within its command timeout when Redis hangs', async () => {
    // given: a Redis that accepts writes and does not answer them (CLIENT PAUSE … WRITE)
    const store = new ResilientStateStore(await connect(), createRecordingLogger());
    const admin = await connect();
    await admin.call('CLIENT', 'PAUSE', '3000', 'WRITE');
    // when
    const started = performance.now();
    const claimed = await store.claim('msg:slack:C1:5.5', 60);
    // then: answered from memory rather than waiting for Redis
    expect(claimed).toBe(true);
    expect(performance.now() - started).toBeLessThan(2900);
    await admin.call('CLIENT', 'UNPAUSE');
  });

  it('goes back to Redis once it returns', async () => {
    // given
    const logger = createRecordingLogger();
    const client = await connect();
    const store = new ResilientStateStore(client, logger);
    await server.stop();
    await waitFor(() => store.client.status !== 'ready');
    await store.claim('msg:slack:C1:6.6', 60);
    // when
    await server.restart();
    await waitFor(() => client.status === 'ready', 10_000);
    // then: a claim made now is visible to another replica through Redis
    expect(await store.claim('msg:slack:C1:7.7', 60)).toBe(true);
    const other = new RedisStateStore(await connect());
    expect(await other.claim('msg:slack:C1:7.7', 60)).toBe(false);
    expect(store.degraded).toBe(false);
    expect(logger.lines.some((line) => line.message?.includes('Redis is back'))).toBe(true);
  });
});
