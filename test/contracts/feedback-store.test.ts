import { once } from 'node:events';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeedbackExample, FeedbackStore } from '../../src/core/feedback/feedback-example.js';
import { FileFeedbackStore } from '../../src/runtime/feedback/file-feedback-store.js';
import { RedisFeedbackStore } from '../../src/runtime/feedback/redis-feedback-store.js';
import { createRedisClient } from '../../src/runtime/state/redis-state-store.js';
import { describeWithRedis, startRedis, type TestRedis } from '../helpers/redis-server.js';

const DAY_MS = 86_400_000;
const START = Date.UTC(2026, 10, 1, 12);

interface Harness {
  /** A fresh, empty store with this cap and TTL, on a clock the test moves. */
  store(options: { cap?: number; ttlDays?: number }): Promise<{
    store: FeedbackStore;
    advance(ms: number): void;
    now(): number;
  }>;
}

function example(at: number, overrides: Partial<FeedbackExample> = {}): FeedbackExample {
  return {
    text: `curl http://ai/v1/models -> 403 access denied: no role granted (${at})`,
    predicted: 'access-denied',
    confidence: 0.91,
    label: 'access-denied',
    verdict: 'solved',
    platform: 'slack',
    at,
    user: 'a1b2c3d4e5f60718',
    ...overrides,
  };
}

/** The same behaviour from every store: the core cannot tell which one it records into. */
function feedbackStoreContract(harness: () => Harness) {
  it('GIVEN examples recorded THEN lists them back oldest first, exactly as recorded', async () => {
    const { store, advance, now } = await harness().store({});
    const first = example(now(), { verdict: 'corrected', label: 'mullvad' });
    await store.record(first);
    advance(1000);
    const second = example(now(), { label: 'none', verdict: 'something-else' });
    await store.record(second);
    expect(await store.list()).toEqual([first, second]);
  });

  it('GIVEN --since THEN lists only the examples from that time on', async () => {
    const { store, advance, now } = await harness().store({});
    await store.record(example(now()));
    advance(DAY_MS);
    const later = example(now(), { verdict: 'offer-accepted' });
    await store.record(later);
    expect(await store.list({ since: now() })).toEqual([later]);
  });

  it('GIVEN more examples than the cap THEN keeps only the newest cap of them', async () => {
    const { store, advance, now } = await harness().store({ cap: 5 });
    const recorded: FeedbackExample[] = [];
    for (let i = 0; i < 8; i++) {
      recorded.push(example(now(), { text: `paste number ${i}` }));
      await store.record(recorded[i]!);
      advance(1000);
    }
    expect(await store.list()).toEqual(recorded.slice(3));
  });

  it('GIVEN an example older than the TTL THEN it is no longer listed, and a younger one is', async () => {
    const { store, advance, now } = await harness().store({ ttlDays: 2 });
    const old = example(now(), { text: 'the old one' });
    await store.record(old);
    advance(DAY_MS);
    const young = example(now(), { text: 'the young one' });
    await store.record(young);
    advance(DAY_MS + 1000);
    expect(await store.list()).toEqual([young]);
    // Recording again drops the expired one from the store itself, not only from the listing.
    await store.record(example(now(), { text: 'the newest' }));
    advance(-3 * DAY_MS);
    expect((await store.list()).map((e) => e.text)).not.toContain('the old one');
  });

  it('GIVEN a user id THEN its pseudonym is stable, differs between users and is not the id', async () => {
    const { store } = await harness().store({});
    const lena = await store.pseudonym('slack', 'U0LENA');
    expect(await store.pseudonym('slack', 'U0LENA')).toBe(lena);
    expect(await store.pseudonym('slack', 'U0OMAR')).not.toBe(lena);
    expect(await store.pseudonym('discord', 'U0LENA')).not.toBe(lena);
    expect(lena).not.toContain('U0LENA');
    expect(lena).toMatch(/^[0-9a-f]{16}$/);
  });
}

function clockFrom(start: number) {
  let now = start;
  return { clock: () => now, advance: (ms: number) => (now += ms), now: () => now };
}

describe('feedback store contract: the JSONL file', () => {
  let dir: string;
  let count = 0;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'feedback-store-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const harness = (): Harness => ({
    async store({ cap, ttlDays = 90 }) {
      const time = clockFrom(START);
      const path = join(dir, `store-${++count}`, 'feedback.jsonl');
      const store = new FileFeedbackStore(path, { cap, ttlSeconds: ttlDays * 86_400, ...time });
      return { store, advance: time.advance, now: time.now };
    },
  });
  feedbackStoreContract(harness);

  it('GIVEN the first example THEN the file and its salt are created readable by the owner only', async () => {
    const path = join(dir, 'modes', 'feedback.jsonl');
    const store = new FileFeedbackStore(path, { ttlSeconds: 86_400 });
    await store.pseudonym('console', 'console');
    await store.record(example(Date.now()));
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(`${path}.salt`).mode & 0o777).toBe(0o600);
  });
});

describeWithRedis('feedback store contract: Redis', () => {
  let redis: TestRedis;
  const clients: Redis[] = [];
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    for (const client of clients) client.disconnect();
    await redis.stop();
  });
  const harness = (): Harness => ({
    async store({ cap, ttlDays = 90 }) {
      const time = clockFrom(START);
      const client = createRedisClient(redis.url);
      clients.push(client);
      if (client.status !== 'ready') await once(client, 'ready');
      // Each test starts from an empty server (the suite's own redis-server).
      await client.flushall();
      const store = new RedisFeedbackStore(client, { cap, ttlSeconds: ttlDays * 86_400, ...time });
      return { store, advance: time.advance, now: time.now };
    },
  });
  feedbackStoreContract(harness);
});
