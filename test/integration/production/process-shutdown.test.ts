import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closedPort } from '../../helpers/closed-port.js';
import { describeWithRedis, startRedis, type TestRedis } from '../../helpers/redis-server.js';
import { postEvent, waitFor } from '../../helpers/signed-slack-request.js';
import { FakeSlackWebApi } from '../fakes/fake-slack-web-api.js';
import { DENIED_PASTE, messageEnvelope, nextTs } from '../slack/slack-harness.js';
import { waitForHealthy } from '../../helpers/wait-for-healthy.js';
import { botProcessEnv } from '../../helpers/bot-process-env.js';

const CLI = resolve(dirname(fileURLToPath(import.meta.url)), '../../../dist/cli.js');

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
      env: botProcessEnv({ slackUrl: slack.url, port, redisUrl: redis.url }),
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
  }, 30_000);
});

describe('the bot process on SIGTERM with a Slack call that never answers', () => {
  let slack: FakeSlackWebApi;
  beforeAll(async () => {
    slack = await new FakeSlackWebApi().start();
  });
  afterAll(async () => {
    await slack?.close();
  });

  it('GIVEN a reply stuck on a hung chat.postMessage WHEN SIGTERM arrives THEN the process gives it up and exits 0 by SHUTDOWN_DEADLINE_SECONDS', async () => {
    // given: every post hangs (the client times each out after 10 s and retries)
    const port = await closedPort();
    slack.hangNext('chat.postMessage', 50);
    const child = spawn(process.execPath, [CLI], {
      env: {
        ...botProcessEnv({ slackUrl: slack.url, port }),
        SHUTDOWN_DEADLINE_SECONDS: '2',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    let killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    const exited = once(child, 'exit');
    try {
      await waitForHealthy(`http://127.0.0.1:${port}/healthz`);
      const ts = nextTs();
      await postEvent(
        `http://127.0.0.1:${port}/slack/events`,
        messageEnvelope({ ts, text: DENIED_PASTE }),
      );
      await waitFor(() => slack.callsTo('chat.postMessage').some((c) => c.args.thread_ts === ts));
      // when: SIGTERM; generous: the deadline is 2 s, and before the fix the process outlived 25 s
      clearTimeout(killer);
      killer = setTimeout(() => child.kill('SIGKILL'), 12_000);
      child.kill('SIGTERM');
      const [code, signal] = await exited;
      // then: exited on its own (not killed), and said what it gave up
      expect({ code, signal }).toEqual({ code: 0, signal: null });
      expect(stderr).toContain('giving up queued messages');
    } finally {
      clearTimeout(killer);
      child.kill('SIGKILL');
    }
  }, 30_000);
});
