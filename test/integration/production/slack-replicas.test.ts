import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postEvent, waitFor } from '../../helpers/signed-slack-request.js';
import { redisAvailable, startRedis, type TestRedis } from '../../helpers/redis-server.js';
import { FakeSlackWebApi } from '../fakes/fake-slack-web-api.js';
import { DENIED_PASTE, messageEnvelope, nextTs, startSlackBot } from '../slack/slack-harness.js';

const available = redisAvailable();
let redis: TestRedis;
let slack: FakeSlackWebApi;
let replicas: Array<Awaited<ReturnType<typeof startSlackBot>>> = [];

beforeAll(async () => {
  if (!available) return;
  redis = await startRedis();
  slack = await new FakeSlackWebApi().start();
  replicas = await Promise.all([
    startSlackBot({ slack, redisUrl: redis.url }),
    startSlackBot({ slack, redisUrl: redis.url }),
  ]);
});
afterAll(async () => {
  if (!available) return;
  for (const replica of replicas) await replica.stop();
  await slack.close();
  await redis.stop();
});

describe.runIf(available)('two replicas sharing one Redis', () => {
  it('GIVEN the same Slack event delivered to both THEN exactly one replies', async () => {
    const ts = nextTs();
    const envelope = messageEnvelope({ ts, text: DENIED_PASTE });
    await Promise.all(replicas.map((replica) => postEvent(replica.eventsUrl, envelope)));
    await Promise.all(replicas.map((replica) => replica.settle()));
    await waitFor(() => slack.deliveredTo('chat.postMessage').some((c) => c.args.thread_ts === ts));
    expect(
      slack.deliveredTo('chat.postMessage').filter((c) => c.args.thread_ts === ts),
    ).toHaveLength(1);
  });

  it('GIVEN a retry of an event landing on the other replica THEN it is not answered again', async () => {
    // Another channel: the first test's reply started this symptom's cooldown in the default one.
    const ts = nextTs();
    const envelope = messageEnvelope({ ts, text: DENIED_PASTE, channel: 'C0OTHER' });
    await postEvent(replicas[0]!.eventsUrl, envelope);
    await waitFor(() => slack.deliveredTo('chat.postMessage').some((c) => c.args.thread_ts === ts));
    await postEvent(replicas[1]!.eventsUrl, envelope, {
      headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' },
    });
    await replicas[1]!.settle();
    expect(
      slack.deliveredTo('chat.postMessage').filter((c) => c.args.thread_ts === ts),
    ).toHaveLength(1);
  });
});
