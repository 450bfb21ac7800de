import { afterEach, describe, expect, it } from 'vitest';
import { postEvent, waitFor } from '../../helpers/signed-slack-request.js';
import { DENIED_PASTE, messageEnvelope, nextTs, startSlackBot } from '../slack/slack-harness.js';

let bot: Awaited<ReturnType<typeof startSlackBot>> | undefined;
afterEach(async () => {
  await bot?.stop();
});

const attempts = (ts: string) =>
  bot!.slack.callsTo('chat.postMessage').filter((c) => c.args.thread_ts === ts);

describe('Slack delivery when the Web API misbehaves', () => {
  it('GIVEN a 500 THEN retries with backoff and delivers the reply exactly once', async () => {
    bot = await startSlackBot();
    bot.slack.failNext('chat.postMessage', 1, 500);
    const ts = nextTs();
    await postEvent(bot.eventsUrl, messageEnvelope({ ts, text: DENIED_PASTE }));
    await waitFor(() => attempts(ts).some((c) => c.status === 200), 10_000);
    expect(attempts(ts).map((c) => c.status)).toEqual([500, 200]);
  });

  it('GIVEN a call that hangs THEN times out, retries and delivers the reply exactly once', async () => {
    bot = await startSlackBot();
    bot.slack.hangNext('chat.postMessage', 1);
    const ts = nextTs();
    await postEvent(bot.eventsUrl, messageEnvelope({ ts, text: DENIED_PASTE }));
    await waitFor(() => attempts(ts).some((c) => c.status === 200), 10_000);
    expect(attempts(ts).map((c) => c.status)).toEqual([0, 200]);
  });

  it('GIVEN 429, 500 and 429 in a row THEN still delivers exactly once', async () => {
    bot = await startSlackBot();
    bot.slack.failNext('chat.postMessage', 1, 429, 1);
    const ts = nextTs();
    await postEvent(bot.eventsUrl, messageEnvelope({ ts, text: DENIED_PASTE }));
    await waitFor(() => attempts(ts).some((c) => c.status === 200), 10_000);
    expect(attempts(ts).filter((c) => c.status === 200)).toHaveLength(1);
  });
});
