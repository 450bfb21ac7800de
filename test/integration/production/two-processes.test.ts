import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closedPort } from '../../helpers/closed-port.js';
import { redisAvailable, startRedis, type TestRedis } from '../../helpers/redis-server.js';
import { postEvent, waitFor } from '../../helpers/signed-slack-request.js';
import { FakeSlackWebApi } from '../fakes/fake-slack-web-api.js';
import { DENIED_PASTE, messageEnvelope, nextTs } from '../slack/slack-harness.js';
import { waitForHealthy } from '../../helpers/wait-for-healthy.js';
import { botProcessEnv } from '../../helpers/bot-process-env.js';

const CLI = resolve(dirname(fileURLToPath(import.meta.url)), '../../../dist/cli.js');
const available = redisAvailable();
let redis: TestRedis;
let slack: FakeSlackWebApi;
const bots: Array<{ child: ChildProcess; port: number }> = [];

/** `node dist/cli.js` in Slack HTTP mode: a real bot process. */
async function startBotProcess() {
  const port = await closedPort();
  const child = spawn(process.execPath, [CLI], {
    env: botProcessEnv({ slackUrl: slack.url, port, redisUrl: redis.url }),
    stdio: 'ignore',
  });
  bots.push({ child, port });
  await waitForHealthy(`http://127.0.0.1:${port}/healthz`, 15_000);
  return `http://127.0.0.1:${port}/slack/events`;
}

beforeAll(async () => {
  if (!available) return;
  redis = await startRedis();
  slack = await new FakeSlackWebApi().start();
}, 30_000);

afterAll(async () => {
  if (!available) return;
  await Promise.all(
    bots.map(
      ({ child }) =>
        new Promise<void>((done) =>
          child.exitCode !== null
            ? done()
            : (child.once('exit', () => done()), child.kill('SIGTERM')),
        ),
    ),
  );
  await slack.close();
  await redis.stop();
});

describe.runIf(available)('two bot processes sharing one Redis', () => {
  it('GIVEN the same Slack event delivered to both processes THEN exactly one reply is posted', async () => {
    const [first, second] = [await startBotProcess(), await startBotProcess()];
    const ts = nextTs();
    const envelope = messageEnvelope({ ts, text: DENIED_PASTE });
    const answers = await Promise.all([postEvent(first, envelope), postEvent(second, envelope)]);
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    await waitFor(
      () => slack.deliveredTo('chat.postMessage').some((c) => c.args.thread_ts === ts),
      10_000,
    );
    // A later paste in another channel, answered by the second process, shows both have finished.
    const later = nextTs();
    await postEvent(second, messageEnvelope({ ts: later, channel: 'C0LATER', text: DENIED_PASTE }));
    await waitFor(
      () => slack.deliveredTo('chat.postMessage').some((c) => c.args.thread_ts === later),
      10_000,
    );
    expect(
      slack.deliveredTo('chat.postMessage').filter((c) => c.args.thread_ts === ts),
    ).toHaveLength(1);
  });

  it('GIVEN SIGTERM THEN each process exits 0', async () => {
    const codes = await Promise.all(
      bots.map(
        ({ child }) =>
          new Promise<number | null>((done) => {
            child.once('exit', (code) => done(code));
            child.kill('SIGTERM');
          }),
      ),
    );
    expect(codes).toEqual(bots.map(() => 0));
  });
});
