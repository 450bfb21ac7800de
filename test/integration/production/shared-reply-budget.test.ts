import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OutboundQueue } from '../../../src/platforms/outbound-queue.js';
import { createSilentLogger } from '../../../src/runtime/logger.js';
import { createSharedReplyBudget } from '../../../src/runtime/shared-reply-budget.js';
import { createRedisClient } from '../../../src/runtime/state/redis-state-store.js';
import { redisAvailable, startRedis, type TestRedis } from '../../helpers/redis-server.js';
import { waitFor } from '../../helpers/signed-slack-request.js';

const available = redisAvailable();
let redis: TestRedis;
const clients: ReturnType<typeof createRedisClient>[] = [];
const client = () => {
  const created = createRedisClient(redis.url);
  clients.push(created);
  return created;
};

beforeAll(async () => {
  if (available) redis = await startRedis();
});
afterAll(async () => {
  for (const c of clients) c.disconnect();
  if (available) await redis.stop();
});

describe.runIf(available)('the per-channel reply budget shared on Redis', () => {
  it('GIVEN one send in a channel on one replica THEN the other replica waits before its own', async () => {
    const [a, b] = [client(), client()];
    await waitFor(() => a.status === 'ready' && b.status === 'ready');
    const [budgetA, budgetB] = [createSharedReplyBudget(a), createSharedReplyBudget(b)];
    expect(await budgetA.take('slack:C1')).toBe(0);
    expect(await budgetB.take('slack:C1')).toBeGreaterThan(0);
    expect(await budgetB.take('slack:C2')).toBe(0);
  });

  it('GIVEN two replicas posting in one channel THEN their sends are spaced by the shared budget', async () => {
    const [a, b] = [client(), client()];
    await waitFor(() => a.status === 'ready' && b.status === 'ready');
    const options = {
      logger: createSilentLogger(),
      retry: { retryAfterSeconds: () => undefined, isTransient: () => false },
      minTimeMs: 1,
    };
    const queues = [
      new OutboundQueue({
        ...options,
        budget: createSharedReplyBudget(a, { points: 1, durationSeconds: 1 }),
      }),
      new OutboundQueue({
        ...options,
        budget: createSharedReplyBudget(b, { points: 1, durationSeconds: 1 }),
      }),
    ];
    const sentAt: number[] = [];
    await Promise.all(queues.map((queue) => queue.send('C9', async () => sentAt.push(Date.now()))));
    sentAt.sort((x, y) => x - y);
    expect(sentAt[1]! - sentAt[0]!).toBeGreaterThanOrEqual(500);
  });

  it('GIVEN Redis is down THEN the budget still lets sends through', async () => {
    const c = client();
    await waitFor(() => c.status === 'ready');
    const budget = createSharedReplyBudget(c);
    await redis.stop();
    await waitFor(() => c.status !== 'ready', 5000);
    expect(await budget.take('slack:C3')).toBe(0);
    await redis.restart();
  });
});
