import type { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import {
  DEFAULT_BUDGET_RATES,
  createReplyBudget,
} from '../../../src/runtime/rate-limit/shared-reply-budget.js';
import { createRedisClient } from '../../../src/runtime/state/redis-state-store.js';
import { waitFor } from '../../helpers/signed-slack-request.js';
import { describeWithRedis, startRedis, type TestRedis } from '../../helpers/redis-server.js';

const RATES = { ...DEFAULT_BUDGET_RATES, slack: { points: 3, durationSeconds: 60 } };

describeWithRedis('per-channel reply budgets on a real redis-server', () => {
  let server: TestRedis;
  const clients: Redis[] = [];
  const connect = async () => {
    const client = createRedisClient(server.url);
    clients.push(client);
    client.on('error', () => undefined);
    await waitFor(() => client.status === 'ready');
    return client;
  };

  beforeAll(async () => {
    server = await startRedis();
  });
  afterEach(async () => {
    await server.restart();
    await Promise.all(
      clients.splice(0).map((client) => client.quit().catch(() => client.disconnect())),
    );
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('shares one channel budget between two replicas', async () => {
    const a = createReplyBudget(await connect(), RATES);
    const b = createReplyBudget(await connect(), RATES);
    expect(await a.take('slack', 'C1')).toBe(0);
    expect(await b.take('slack', 'C1')).toBe(0);
    expect(await a.take('slack', 'C1')).toBe(0);
    const wait = await b.take('slack', 'C1');
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(60_000);
  });

  it('keeps each channel on its own budget', async () => {
    const a = createReplyBudget(await connect(), RATES);
    for (let i = 0; i < 3; i++) await a.take('slack', 'C2');
    expect(await a.take('slack', 'C2')).toBeGreaterThan(0);
    expect(await a.take('slack', 'C3')).toBe(0);
  });

  it('grants sends from its in-process insurance while Redis is down', async () => {
    const client = await connect();
    const a = createReplyBudget(client, RATES);
    await server.stop();
    await waitFor(() => client.status !== 'ready');
    expect(await a.take('slack', 'C4')).toBe(0);
    for (let i = 0; i < 2; i++) await a.take('slack', 'C4');
    expect(await a.take('slack', 'C4')).toBeGreaterThan(0);
  });
});
