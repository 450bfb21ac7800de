import { afterEach, describe, expect, it } from 'vitest';
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

  it('GIVEN 429, 500 and 429 in a row THEN still delivers exactly once', async () => {
    bot = await startSlackBot();
    bot.slack.failNext('chat.postMessage', 1, 429, 1);
    const ts = nextTs();
    await postEvent(bot.eventsUrl, messageEnvelope({ ts, text: DENIED_PASTE }));
    await waitFor(() => attempts(ts).some((c) => c.status === 200), 10_000);
    expect(attempts(ts).filter((c) => c.status === 200)).toHaveLength(1);
  });
});
