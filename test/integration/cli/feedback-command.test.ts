import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeedbackExample } from '../../../src/core/feedback/feedback-example.js';
import { FileFeedbackStore } from '../../../src/runtime/feedback/file-feedback-store.js';
import { RedisFeedbackStore } from '../../../src/runtime/feedback/redis-feedback-store.js';
import { createRedisClient } from '../../../src/runtime/state/redis-state-store.js';
import { describeWithRedis, startRedis } from '../../helpers/redis-server.js';
import { runCli } from '../../helpers/run-cli.js';

const DAY_MS = 86_400_000;
const NOW = Date.now();
let dir: string;
let file: string;

function example(daysAgo: number, overrides: Partial<FeedbackExample>): FeedbackExample {
  return {
    text: `curl http://ai/v1/models: 403 access denied: no role granted (${daysAgo} days ago)`,
    predicted: 'access-denied',
    confidence: 0.9,
    label: 'access-denied',
    verdict: 'solved',
    platform: 'slack',
    at: NOW - daysAgo * DAY_MS,
    user: '0123456789abcdef',
    ...overrides,
  };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'feedback-cli-'));
  file = join(dir, 'feedback.jsonl');
  const store = new FileFeedbackStore(file, { ttlSeconds: 90 * 86_400 });
  await store.record(example(20, {}));
  await store.record(example(10, { label: 'guardrail-block', verdict: 'corrected' }));
  await store.record(example(5, { label: 'none', verdict: 'something-else' }));
  await store.record(example(1, { label: 'none', verdict: 'offer-dismissed' }));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('aperture-doctor feedback', () => {
  it('stats prints confirmed, corrected and false alarms per predicted symptom, and field precision', async () => {
    const run = await runCli(['feedback', 'stats'], { env: { FEEDBACK_FILE: file } });
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n')).toEqual([
      'all verdicts kept (the last 90 days)',
      'symptom        confirmed  corrected  false alarms',
      'access-denied  1          1          2',
      'field precision 25.0 % of 4 verdicts',
      '',
    ]);
  });

  it('export --since writes training-format lines from that date on, leaving out dismissed offers', async () => {
    const since = new Date(NOW - 12 * DAY_MS).toISOString().slice(0, 10);
    const run = await runCli(['feedback', 'export', '--since', since], {
      env: { FEEDBACK_FILE: file },
    });
    expect(run.code).toBe(0);
    const lines = run.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines).toEqual([
      {
        id: expect.stringMatching(/^feedback-guardrail-block-[0-9a-f]{12}$/),
        label: 'guardrail-block',
        text: expect.stringContaining('(10 days ago)'),
        source: expect.stringMatching(
          /^feedback: corrected on slack, .*; predicted access-denied \(0\.90\)$/,
        ),
      },
      expect.objectContaining({ label: 'none', text: expect.stringContaining('(5 days ago)') }),
    ]);
  });

  it('a --since that is not a date exits 2 naming the option', async () => {
    const run = await runCli(['feedback', 'export', '--since', 'last tuesday'], {
      env: { FEEDBACK_FILE: file },
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--since needs a date');
    expect(run.stdout).toBe('');
  });
});

describeWithRedis('aperture-doctor feedback with REDIS_URL', () => {
  it('stats reads the verdicts the bot recorded in Redis', async () => {
    // given: what a replica recorded
    const redis = await startRedis();
    const client = createRedisClient(redis.url);
    try {
      await once(client, 'ready');
      const store = new RedisFeedbackStore(client, { ttlSeconds: 90 * 86_400 });
      await store.record(example(3, {}));
      await store.record(example(2, { label: 'none', verdict: 'something-else' }));
      // when
      const run = await runCli(['feedback', 'stats'], { env: { REDIS_URL: redis.url } });
      // then
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('access-denied  1          0          1');
    } finally {
      client.disconnect();
      await redis.stop();
    }
  });
});
