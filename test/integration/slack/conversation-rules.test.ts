import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { postEvent, postForm, waitFor } from '../../helpers/signed-slack-request.js';
import { CHANNEL, DENIED_PASTE, messageEnvelope, nextTs, startSlackBot } from './slack-harness.js';

let bot: Awaited<ReturnType<typeof startSlackBot>>;
beforeEach(async () => {
  bot = await startSlackBot({ admins: ['U0ADMIN'] });
});
afterEach(async () => {
  await bot.stop();
});

function shortcut(ts: string, text: string, user = 'U0LENA') {
  return {
    type: 'message_action',
    callback_id: 'diagnose_message',
    user: { id: user },
    team: { id: 'T0TEAM' },
    channel: { id: CHANNEL },
    message: { type: 'message', ts, text, user: 'U0SAM' },
    response_url: `${bot.slack.url}/response/9`,
    trigger_id: 't',
  };
}

describe('Slack: explicit asks', () => {
  it('GIVEN a paste silenced by the cooldown THEN the message shortcut on it answers in its thread', async () => {
    // given: one 403 answered, a second one in another thread silenced by the cooldown
    await postEvent(bot.eventsUrl, messageEnvelope({ ts: nextTs(), text: DENIED_PASTE }));
    await waitFor(() => bot.replies().length === 1);
    const cooled = nextTs();
    await postEvent(bot.eventsUrl, messageEnvelope({ ts: cooled, text: DENIED_PASTE }));
    await bot.settle();
    expect(bot.replies()).toHaveLength(1);
    // when
    await postForm(bot.eventsUrl, { payload: JSON.stringify(shortcut(cooled, DENIED_PASTE)) });
    // then
    const replies = await waitFor(() => bot.replies().length === 2 && bot.replies());
    expect(replies[1]?.args).toMatchObject({ thread_ts: cooled });
    expect(String(replies[1]?.args.text)).not.toMatch(/Already answered/);
    expect(bot.slack.deliveredTo('chat.postEphemeral')).toHaveLength(0);
  });

  it('GIVEN a message already answered THEN the shortcut on it says so, privately', async () => {
    const ts = nextTs();
    await postEvent(bot.eventsUrl, messageEnvelope({ ts, text: DENIED_PASTE }));
    await waitFor(() => bot.replies().length === 1);
    await postForm(bot.eventsUrl, { payload: JSON.stringify(shortcut(ts, DENIED_PASTE)) });
    const [notice] = await waitFor(
      () =>
        bot.slack.deliveredTo('chat.postEphemeral').length > 0 &&
        bot.slack.deliveredTo('chat.postEphemeral'),
    );
    expect(String(notice?.args.text)).toMatch(/Already answered/);
    expect(bot.replies()).toHaveLength(1);
  });
});
