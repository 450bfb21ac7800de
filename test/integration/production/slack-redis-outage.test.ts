import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisAvailable, startRedis, type TestRedis } from '../../helpers/redis-server.js';
import { postEvent, waitFor } from '../../helpers/signed-slack-request.js';
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
  await waitFor(() => replicas.every((replica) => !replica.state?.degraded), 5000);
});
afterAll(async () => {
  if (!available) return;
  for (const replica of replicas) await replica.stop();
  await slack.close();
  await redis.stop();
});

describe.runIf(available)('two Slack replicas through a Redis outage', () => {
  it('GIVEN an event first answered during a Redis outage WHEN Slack retries it on the other replica after Redis returns THEN it is not answered again', async () => {
    // given: Redis dies (and comes back empty); replica 0 answers from memory meanwhile
    const [first, second] = replicas as [(typeof replicas)[0], (typeof replicas)[0]];
    await redis.stop();
    const ts = nextTs();
    const envelope = messageEnvelope({ ts, text: DENIED_PASTE, channel: 'C0OUTAGE' });
    await postEvent(first.eventsUrl, envelope);
    await waitFor(() => slack.deliveredTo('chat.postMessage').some((c) => c.args.thread_ts === ts));
    // when: Redis returns, then Slack's retry of the same event reaches replica 1
    await redis.restart();
    await waitFor(() => !first.state?.degraded && !second.state?.degraded, 10_000);
    await postEvent(second.eventsUrl, envelope, {
      headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' },
    });
    await second.settle();
    // then
    expect(
      slack.deliveredTo('chat.postMessage').filter((c) => c.args.thread_ts === ts),
    ).toHaveLength(1);
  });
});
