import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeActionId } from '../../../src/core/reply/action-id.js';
import { BOT_ID, BOT_USER_ID } from '../fakes/fake-slack-web-api.js';
import { postEvent, postForm, waitFor } from '../../helpers/signed-slack-request.js';
import { UNSURE_PASTE } from '../../helpers/unsure-paste.js';
import {
  blockActionsPayload,
  CHANNEL,
  DENIED_PASTE,
  messageEnvelope,
  nextTs,
  startSlackBot,
} from './slack-harness.js';

let bot: Awaited<ReturnType<typeof startSlackBot>>;
beforeEach(async () => {
  bot = await startSlackBot({ admins: ['U0ADMIN'] });
});
afterEach(async () => {
  await bot.stop();
});

describe('Slack: pasted errors', () => {
  it('GIVEN a pasted 403 THEN replies once in its thread with the diagnosis and buttons', async () => {
    const ts = nextTs();
    const response = await postEvent(bot.eventsUrl, messageEnvelope({ ts, text: DENIED_PASTE }));
    expect(response.status).toBe(200);
    const [reply] = await waitFor(() => bot.replies().length > 0 && bot.replies());
    expect(reply?.args).toMatchObject({ channel: CHANNEL, thread_ts: ts });
    const blocks = reply?.args.blocks as Array<{
      type: string;
      text?: { text: string };
      elements?: Array<{ text: { text: string } }>;
    }>;
    expect(blocks[0]?.text?.text).toBe('Aperture denies access: no role granted');
    const buttons = blocks.find((b) => b.type === 'actions')?.elements?.map((e) => e.text.text);
    expect(buttons).toEqual(
      expect.arrayContaining(["Check the bot's model access", 'Solved', 'Not it']),
    );
  });

  it('GIVEN the same event re-delivered with X-Slack-Retry-Num THEN does not reply twice', async () => {
    const envelope = messageEnvelope({ ts: nextTs(), text: DENIED_PASTE });
    await postEvent(bot.eventsUrl, envelope);
    await postEvent(bot.eventsUrl, envelope, {
      headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' },
    });
    await bot.settle();
    expect(bot.replies()).toHaveLength(1);
  });

  it('GIVEN an @-mention delivered as message and as app_mention THEN replies once', async () => {
    const ts = nextTs();
    const text = `<@${BOT_USER_ID}> ${DENIED_PASTE}`;
    await postEvent(bot.eventsUrl, messageEnvelope({ ts, text }));
    await postEvent(bot.eventsUrl, messageEnvelope({ type: 'app_mention', ts, text }));
    await bot.settle();
    expect(bot.replies()).toHaveLength(1);
  });

  it('GIVEN a paste it is unsure of THEN offers "Diagnose this?" to the poster only', async () => {
    const ts = nextTs();
    await postEvent(bot.eventsUrl, messageEnvelope({ ts, text: UNSURE_PASTE }));
    const [offer] = await waitFor(
      () =>
        bot.slack.deliveredTo('chat.postEphemeral').length > 0 &&
        bot.slack.deliveredTo('chat.postEphemeral'),
    );
    expect(offer?.args).toMatchObject({ channel: CHANNEL, user: 'U0LENA', thread_ts: ts });
    expect(String(offer?.args.text)).toMatch(/Diagnose this\?/);
    expect(bot.replies()).toHaveLength(0);
  });

  it('GIVEN channel chatter THEN posts nothing', async () => {
    await postEvent(
      bot.eventsUrl,
      messageEnvelope({ ts: nextTs(), text: 'lunch? thinking tacos' }),
    );
    await bot.settle();
    expect(bot.replies()).toHaveLength(0);
  });

  it("GIVEN another bot's message or our own THEN posts nothing", async () => {
    await postEvent(
      bot.eventsUrl,
      messageEnvelope({
        ts: nextTs(),
        text: DENIED_PASTE,
        bot_id: 'B0OTHER',
        subtype: 'bot_message',
      }),
    );
    await postEvent(
      bot.eventsUrl,
      messageEnvelope({ ts: nextTs(), text: DENIED_PASTE, user: BOT_USER_ID, bot_id: BOT_ID }),
    );
    await bot.settle();
    expect(bot.replies()).toHaveLength(0);
  });

  it('GIVEN an edited message THEN posts nothing', async () => {
    await postEvent(
      bot.eventsUrl,
      messageEnvelope({
        ts: nextTs(),
        subtype: 'message_changed',
        message: { text: DENIED_PASTE },
      }),
    );
    await bot.settle();
    expect(bot.replies()).toHaveLength(0);
  });

  it('GIVEN the source message is deleted THEN withdraws the reply', async () => {
    const ts = nextTs();
    await postEvent(bot.eventsUrl, messageEnvelope({ ts, text: DENIED_PASTE }));
    const [reply] = await waitFor(() => bot.replies().length > 0 && bot.replies());
    await postEvent(
      bot.eventsUrl,
      messageEnvelope({
        ts: nextTs(),
        subtype: 'message_deleted',
        deleted_ts: ts,
        previous_message: { ts },
      }),
    );
    const [deletion] = await waitFor(
      () => bot.slack.callsTo('chat.delete').length > 0 && bot.slack.callsTo('chat.delete'),
    );
    expect(deletion?.args).toMatchObject({ channel: CHANNEL, ts: expect.any(String) });
    expect(reply).toBeDefined();
  });

  it('GIVEN a muted channel THEN posts nothing unasked', async () => {
    await postForm(bot.eventsUrl, {
      command: '/aperture',
      text: 'mute 1h',
      user_id: 'U0LENA',
      channel_id: CHANNEL,
      response_url: `${bot.slack.url}/response/1`,
      trigger_id: 't',
    });
    await waitFor(() => bot.slack.callsTo('response_url').length > 0);
    await postEvent(bot.eventsUrl, messageEnvelope({ ts: nextTs(), text: DENIED_PASTE }));
    await bot.settle();
    expect(bot.replies()).toHaveLength(0);
  });

  it('GIVEN the Web API answers 429 twice THEN the reply still arrives exactly once', async () => {
    bot.slack.failNext('chat.postMessage', 2, 429, 1);
    const ts = nextTs();
    await postEvent(bot.eventsUrl, messageEnvelope({ ts, text: DENIED_PASTE }));
    await waitFor(() => bot.slack.callsTo('chat.postMessage').length >= 3, 10_000);
    await bot.settle();
    const attempts = bot.slack.callsTo('chat.postMessage').filter((c) => c.args.thread_ts === ts);
    expect(attempts.map((c) => c.status)).toEqual([429, 429, 200]);
    expect(
      bot.slack.deliveredTo('chat.postMessage').filter((c) => c.args.thread_ts === ts),
    ).toHaveLength(1);
  });
});

describe('Slack: signatures', () => {
  it('GIVEN a forged signature THEN answers 401 and does nothing', async () => {
    const response = await postEvent(
      bot.eventsUrl,
      messageEnvelope({ ts: nextTs(), text: DENIED_PASTE }),
      { secret: 'not-the-secret' },
    );
    expect(response.status).toBe(401);
  });

  it('GIVEN a 10-minute-old signature THEN answers 401', async () => {
    const old = Math.floor(Date.now() / 1000) - 600;
    const response = await postEvent(
      bot.eventsUrl,
      messageEnvelope({ ts: nextTs(), text: DENIED_PASTE }),
      { timestamp: old },
    );
    expect(response.status).toBe(401);
  });
});

describe('Slack: /aperture and buttons', () => {
  it('GIVEN /aperture why 429 THEN acks and answers in channel with the quota steps', async () => {
    const response = await postForm(bot.eventsUrl, {
      command: '/aperture',
      text: 'why 429',
      user_id: 'U0LENA',
      channel_id: CHANNEL,
      response_url: `${bot.slack.url}/response/2`,
      trigger_id: 't',
    });
    expect(response.status).toBe(200);
    const [answer] = await waitFor(
      () => bot.slack.callsTo('response_url').length > 0 && bot.slack.callsTo('response_url'),
    );
    expect(answer?.args).toMatchObject({ response_type: 'in_channel' });
    expect(JSON.stringify(answer?.args.blocks)).toContain('api/quotas');
  });

  it('GIVEN /aperture help THEN answers privately', async () => {
    await postForm(bot.eventsUrl, {
      command: '/aperture',
      text: 'help',
      user_id: 'U0LENA',
      channel_id: CHANNEL,
      response_url: `${bot.slack.url}/response/3`,
      trigger_id: 't',
    });
    const [answer] = await waitFor(
      () => bot.slack.callsTo('response_url').length > 0 && bot.slack.callsTo('response_url'),
    );
    expect(answer?.args).toMatchObject({ response_type: 'ephemeral' });
  });

  it('GIVEN a check button click THEN runs the check and posts the result in the thread', async () => {
    const threadTs = nextTs();
    const actionId = encodeActionId({ type: 'check', checkId: 'models', symptom: 'access-denied' });
    const payload = blockActionsPayload(
      { type: 'button', action_id: actionId, value: actionId },
      {
        messageTs: '1700000999.000100',
        threadTs,
        responseUrl: `${bot.slack.url}/response/4`,
      },
    );
    const response = await postForm(bot.eventsUrl, { payload: JSON.stringify(payload) });
    expect(response.status).toBe(200);
    const [result] = await waitFor(() => bot.replies().length > 0 && bot.replies());
    expect(result?.args).toMatchObject({ channel: CHANNEL, thread_ts: threadTs });
    expect(String(result?.args.text)).toMatch(/Check the bot's model access: passed/);
    expect(bot.aperture.requests.map((r) => r.path)).toContain('/v1/models');
  });

  it('GIVEN the message shortcut on chatter THEN says no known symptom matched, only to the asker', async () => {
    const ts = nextTs();
    const payload = {
      type: 'message_action',
      callback_id: 'diagnose_message',
      user: { id: 'U0LENA' },
      team: { id: 'T0TEAM' },
      channel: { id: CHANNEL },
      message: { type: 'message', ts, text: 'is the wifi slow for anyone?', user: 'U0SAM' },
      response_url: `${bot.slack.url}/response/5`,
      trigger_id: 't',
    };
    await postForm(bot.eventsUrl, { payload: JSON.stringify(payload) });
    const [reply] = await waitFor(
      () =>
        bot.slack.deliveredTo('chat.postEphemeral').length > 0 &&
        bot.slack.deliveredTo('chat.postEphemeral'),
    );
    expect(reply?.args).toMatchObject({ thread_ts: ts, user: 'U0LENA' });
    expect(String(reply?.args.text)).toMatch(/No known Aperture problem matched/);
    await bot.settle();
    expect(bot.replies()).toHaveLength(0);
  });
});
