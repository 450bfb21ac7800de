import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { closedPort } from '../../helpers/closed-port.js';
import { describeWithRedis, startRedis, type TestRedis } from '../../helpers/redis-server.js';
import { SIGNING_SECRET, postEvent, waitFor } from '../../helpers/signed-slack-request.js';
import { FakeSlackWebApi } from '../fakes/fake-slack-web-api.js';
import { DENIED_PASTE, messageEnvelope, nextTs } from '../slack/slack-harness.js';

const CLI = resolve(dirname(fileURLToPath(import.meta.url)), '../../../dist/cli.js');

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
    await new Promise((resolveWait) => setTimeout(resolveWait, 20));
  }
}

describeWithRedis('the bot process on SIGTERM', () => {
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

  it('GIVEN a reply waiting out a 429 WHEN SIGTERM arrives THEN it is delivered once and the process exits 0', async () => {
    // given: the built CLI, Slack in HTTP mode, state on Redis
    const port = await closedPort();
    const child = spawn(process.execPath, [CLI], {
      env: {
        PATH: process.env.PATH ?? '',
        SLACK_BOT_TOKEN: 'xoxb-test-1',
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_API_URL: `${slack.url}/api/`,
        PORT: String(port),
        REDIS_URL: redis.url,
        APERTURE_URL: 'http://127.0.0.1:39',
        LOG_LEVEL: 'silent',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    const exited = once(child, 'exit');
    try {
      await waitForHealthy(`http://127.0.0.1:${port}/healthz`);
      slack.failNext('chat.postMessage', 1, 429, 1);
      const ts = nextTs();
      await postEvent(
        `http://127.0.0.1:${port}/slack/events`,
        messageEnvelope({ ts, text: DENIED_PASTE }),
      );
      await waitFor(() => slack.callsTo('chat.postMessage').some((c) => c.args.thread_ts === ts));
      // when
      child.kill('SIGTERM');
      const [code] = await exited;
      // then
      expect(code).toBe(0);
      expect(
        slack.deliveredTo('chat.postMessage').filter((c) => c.args.thread_ts === ts),
      ).toHaveLength(1);
    } finally {
      clearTimeout(killer);
      child.kill('SIGKILL');
    }
  });
});
