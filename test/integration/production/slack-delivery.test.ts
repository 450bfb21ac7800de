import { afterEach, describe, expect, it } from 'vitest';
import { createMetrics } from '../../../src/runtime/metrics.js';
import { postEvent, waitFor } from '../../helpers/signed-slack-request.js';
import {
  CHANNEL,
  DENIED_PASTE,
  messageEnvelope,
  nextTs,
  startSlackBot,
} from '../slack/slack-harness.js';

let bot: Awaited<ReturnType<typeof startSlackBot>> | undefined;
afterEach(async () => {
  await bot?.stop();
});

const GIVEN_UP =
  /aperture_doctor_replies_given_up_total\{platform="slack",reason="rate-limited"\} 1/;
const attempts = (ts: string) =>
  bot!.slack.callsTo('chat.postMessage').filter((c) => c.args.thread_ts === ts);
/** The bot's messages Slack kept in thread `ts`, whether or not their answer came back in time. */
const postedInThread = (ts: string) =>
  bot!.slack.postedIn(CHANNEL).filter((message) => message.thread_ts === ts);

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
    expect(postedInThread(ts)).toHaveLength(1);
  });

  it('GIVEN a post Slack carries out but answers after the client timeout THEN the reply is found in the thread and not posted again', async () => {
    // given: the harness times Web API calls out after 1 s; Slack posts at once, answers at 2.5 s
    bot = await startSlackBot();
    bot.slack.delayNext('chat.postMessage', 2500);
    const ts = nextTs();
    // when
    await postEvent(bot.eventsUrl, messageEnvelope({ ts, text: DENIED_PASTE }));
    await waitFor(() => attempts(ts).some((c) => c.status === 200), 10_000);
    await bot.settle();
    // then: one message in the thread, carrying the marker the bot looked for before retrying
    expect(postedInThread(ts)).toHaveLength(1);
    expect(attempts(ts)).toHaveLength(1);
    expect(postedInThread(ts)[0]?.metadata?.event_type).toBe('aperture_doctor_reply');
    expect(
      bot.slack
        .callsTo('conversations.replies')
        .some((c) => c.args.ts === ts && c.args.include_all_metadata === 'true'),
    ).toBe(true);
  });

  it('GIVEN six 429s in a row with Retry-After 1 THEN keeps waiting them out and delivers the reply once', async () => {
    bot = await startSlackBot();
    bot.slack.failNext('chat.postMessage', 6, 429, 1);
    const ts = nextTs();
    await postEvent(bot.eventsUrl, messageEnvelope({ ts, text: DENIED_PASTE }));
    await waitFor(() => attempts(ts).some((c) => c.status === 200), 15_000);
    expect(attempts(ts).map((c) => c.status)).toEqual([429, 429, 429, 429, 429, 429, 200]);
    expect(postedInThread(ts)).toHaveLength(1);
  }, 30_000);

  it('GIVEN 429s past the retry bound THEN gives the reply up, stops trying and counts it on /metrics', async () => {
    // given: a bound of 2.5 s, so the attempts at 0, 1 and 2 s are the last ones
    const metrics = createMetrics();
    bot = await startSlackBot({ instruments: metrics.instruments, queue: { maxRetryMs: 2500 } });
    bot.slack.failNext('chat.postMessage', 50, 429, 1);
    const ts = nextTs();
    // when
    await postEvent(bot.eventsUrl, messageEnvelope({ ts, text: DENIED_PASTE }));
    let text = '';
    for (let i = 0; i < 500 && !GIVEN_UP.test(text); i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      text = await metrics.registry.metrics();
    }
    // then
    expect(text).toMatch(GIVEN_UP);
    const tried = attempts(ts).length;
    expect(tried).toBeGreaterThanOrEqual(2);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(attempts(ts)).toHaveLength(tried);
    expect(postedInThread(ts)).toHaveLength(0);
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
