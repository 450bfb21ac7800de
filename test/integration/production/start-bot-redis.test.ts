import { PassThrough } from 'node:stream';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadConfig } from '../../../src/runtime/config.js';
import { PLATFORMS } from '../../../src/runtime/platforms.js';
import { startBot } from '../../../src/runtime/start-bot.js';
import { closedPort } from '../../helpers/closed-port.js';
import { describeWithRedis, startRedis, type TestRedis } from '../../helpers/redis-server.js';
import { SIGNING_SECRET, postEvent, waitFor } from '../../helpers/signed-slack-request.js';
import { FakeSlackWebApi } from '../fakes/fake-slack-web-api.js';
import { CHANNEL, DENIED_PASTE, messageEnvelope, nextTs } from '../slack/slack-harness.js';

async function waitForHealthy(url: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (
      await fetch(url).then(
        (r) => r.status === 200,
        () => false,
      )
    )
      return;
    if (Date.now() > deadline) throw new Error(`${url} never answered 200`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describeWithRedis('the composition root with REDIS_URL', () => {
  let redis: TestRedis;
  let slack: FakeSlackWebApi;
  beforeAll(async () => {
    redis = await startRedis();
    slack = await new FakeSlackWebApi().start();
  });
  afterAll(async () => {
    await slack?.close();
    await redis?.stop();
  });

  it('keeps de-duplication and the channel reply budget on Redis, and closes Redis on stop', async () => {
    // given: the real bot, Slack in HTTP mode, state on Redis
    const port = await closedPort();
    const loaded = loadConfig({
      SLACK_BOT_TOKEN: 'xoxb-test-1',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: `${slack.url}/api/`,
      PORT: String(port),
      REDIS_URL: redis.url,
      LOG_LEVEL: 'silent',
      APERTURE_URL: 'http://127.0.0.1:39',
    });
    if (!loaded.ok) throw new Error('test config invalid');
    let stop!: () => void;
    const until = new Promise<void>((resolve) => (stop = resolve));
    const stdin = Object.assign(new PassThrough(), { isTTY: false });
    const running = startBot(
      loaded.config,
      { stdin, stdout: new PassThrough() },
      {
        platforms: PLATFORMS,
        until,
      },
    );
    await waitForHealthy(`http://127.0.0.1:${port}/healthz`);
    const inspector = new Redis(redis.url, { maxRetriesPerRequest: 1 });
    try {
      // when
      const ts = nextTs();
      await postEvent(
        `http://127.0.0.1:${port}/slack/events`,
        messageEnvelope({ ts, text: DENIED_PASTE }),
      );
      await waitFor(() =>
        slack.deliveredTo('chat.postMessage').some((c) => c.args.thread_ts === ts),
      );
      // then: the claims and the channel's budget live in Redis, where other replicas see them
      const keys = await inspector.keys('aperture-doctor:*');
      expect(keys.some((key) => key.includes(ts))).toBe(true);
      expect(keys).toContain(`aperture-doctor:reply-budget:${CHANNEL}`);
      stop();
      await running;
      const clients = String(await inspector.call('CLIENT', 'LIST'));
      expect(clients.trim().split('\n')).toHaveLength(1);
    } finally {
      stop();
      inspector.disconnect();
    }
  });
});
