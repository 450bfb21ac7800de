import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeActionId } from '../../../src/core/reply/action-id.js';
import { postEvent, postForm, waitFor } from '../../helpers/signed-slack-request.js';
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

/** A block_actions payload for a click on the bot's diagnosis in a thread. */
function clickPayload(
  action: Record<string, unknown>,
  options: { messageTs: string; threadTs: string; ephemeral?: boolean; user?: string },
) {
  return blockActionsPayload(action, {
    ...options,
    responseUrl: `${bot.slack.url}/response/7`,
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: 'Aperture speaks http://' } },
      { type: 'actions', block_id: 'aperture_actions', elements: [] },
    ],
  });
}

describe('Slack: feedback buttons', () => {
  it('GIVEN "Solved" clicked twice THEN the reply is edited once in place and nothing is posted', async () => {
    // given
    const threadTs = nextTs();
    const messageTs = nextTs();
    const id = encodeActionId({ type: 'solved', symptom: 'https' });
    const payload = clickPayload(
      { type: 'button', action_id: id, value: id },
      { messageTs, threadTs },
    );
    // when
    await postForm(bot.eventsUrl, { payload: JSON.stringify(payload) });
    await waitFor(() => bot.slack.deliveredTo('chat.update').length === 1);
    await postForm(bot.eventsUrl, {
      payload: JSON.stringify({ ...payload, user: { id: 'U0SAM' } }),
    });
    await bot.settle();
    // then
    const updates = bot.slack.deliveredTo('chat.update');
    expect(updates).toHaveLength(1);
    expect(updates[0]?.args).toMatchObject({ channel: CHANNEL, ts: messageTs });
    const blocks = updates[0]?.args.blocks as Array<{
      type: string;
      elements?: Array<{ text?: string }>;
    }>;
    expect(blocks.map((b) => b.type)).not.toContain('actions');
    expect(JSON.stringify(blocks)).toContain('Solved by <@U0LENA>');
    expect(bot.replies()).toHaveLength(0);
    expect(bot.slack.deliveredTo('chat.postEphemeral')).toHaveLength(0);
  });

  it('GIVEN "Not it" with nothing likelier left THEN offers a private picker, and the choice answers in the thread', async () => {
    // given
    const threadTs = nextTs();
    const id = encodeActionId({ type: 'not-it', symptom: 'https', refused: [], next: [] });
    await postForm(bot.eventsUrl, {
      payload: JSON.stringify(
        clickPayload(
          { type: 'button', action_id: id, value: id },
          { messageTs: nextTs(), threadTs },
        ),
      ),
    });
    const [offer] = await waitFor(
      () =>
        bot.slack.deliveredTo('chat.postEphemeral').length > 0 &&
        bot.slack.deliveredTo('chat.postEphemeral'),
    );
    expect(offer?.args).toMatchObject({ user: 'U0LENA', thread_ts: threadTs });
    const select = (offer?.args.blocks as Array<{ elements?: Array<Record<string, unknown>> }>)
      .flatMap((b) => b.elements ?? [])
      .find((e) => e.type === 'static_select') as
      { action_id: string; options: Array<{ value: string; text: { text: string } }> } | undefined;
    const mullvad = select?.options.find((o) => /Mullvad/.test(o.text.text));
    expect(mullvad).toBeDefined();
    // when
    await postForm(bot.eventsUrl, {
      payload: JSON.stringify(
        clickPayload(
          {
            type: 'static_select',
            action_id: select?.action_id,
            selected_option: { value: mullvad?.value, text: mullvad?.text },
          },
          { messageTs: nextTs(), threadTs, ephemeral: true },
        ),
      ),
    });
    // then
    const [answer] = await waitFor(() => bot.replies().length > 0 && bot.replies());
    expect(answer?.args).toMatchObject({ thread_ts: threadTs });
    expect(String(answer?.args.text)).toMatch(/Mullvad/);
  });
});

describe('Slack: checks that are private', () => {
  it('GIVEN an admin runs the config lint button THEN the result goes to them only and the thread gets one line', async () => {
    // given
    const threadTs = nextTs();
    const id = encodeActionId({
      type: 'check',
      checkId: 'aperture-config',
      symptom: 'access-denied',
    });
    // when
    await postForm(bot.eventsUrl, {
      payload: JSON.stringify(
        clickPayload(
          { type: 'button', action_id: id, value: id },
          { messageTs: nextTs(), threadTs, user: 'U0ADMIN' },
        ),
      ),
    });
    // then
    const [note] = await waitFor(() => bot.replies().length > 0 && bot.replies());
    const [result] = bot.slack.deliveredTo('chat.postEphemeral');
    expect(result?.args).toMatchObject({ user: 'U0ADMIN', thread_ts: threadTs });
    expect(String(result?.args.text)).toMatch(/Lint the Aperture config/);
    expect(note?.args).toMatchObject({ thread_ts: threadTs });
    expect(String(note?.args.text)).toMatch(
      /^Lint the Aperture config: \w.* \(checked by <@U0ADMIN>\)$/,
    );
    expect(JSON.stringify(note?.args)).not.toMatch(/grants\[/);
  });

  it('GIVEN a member runs "/aperture check requester-grant" THEN their own email is looked up and the result is theirs alone', async () => {
    await postForm(bot.eventsUrl, {
      command: '/aperture',
      text: 'check requester-grant',
      user_id: 'U0LENA',
      channel_id: CHANNEL,
      response_url: `${bot.slack.url}/response/11`,
      trigger_id: 't',
    });
    const [answer] = await waitFor(
      () => bot.slack.callsTo('response_url').length > 0 && bot.slack.callsTo('response_url'),
    );
    expect(bot.slack.deliveredTo('users.info')[0]?.args).toMatchObject({ user: 'U0LENA' });
    expect(answer?.args).toMatchObject({ response_type: 'ephemeral' });
    expect(String(answer?.args.text)).toMatch(/Check my Aperture grant: passed/);
  });
  it('GIVEN "/aperture whoami" from an admin THEN it says, privately, their id, that they are an admin and their login', async () => {
    await postForm(bot.eventsUrl, {
      command: '/aperture',
      text: 'whoami',
      user_id: 'U0ADMIN',
      channel_id: CHANNEL,
      response_url: `${bot.slack.url}/response/12`,
      trigger_id: 't',
    });
    const [answer] = await waitFor(
      () => bot.slack.callsTo('response_url').length > 0 && bot.slack.callsTo('response_url'),
    );
    expect(answer?.args).toMatchObject({ response_type: 'ephemeral' });
    const shown = JSON.stringify(answer?.args.blocks);
    expect(shown).toContain('U0ADMIN');
    expect(shown).toContain('You are an admin');
    expect(shown).toContain('lena@example.com');
  });

  it('GIVEN "/aperture whoami --admin" from a member THEN they stay a member and are told only the console changes it', async () => {
    await postForm(bot.eventsUrl, {
      command: '/aperture',
      text: 'whoami --admin',
      user_id: 'U0LENA',
      channel_id: CHANNEL,
      response_url: `${bot.slack.url}/response/13`,
      trigger_id: 't',
    });
    const [answer] = await waitFor(
      () => bot.slack.callsTo('response_url').length > 0 && bot.slack.callsTo('response_url'),
    );
    const shown = JSON.stringify(answer?.args.blocks);
    expect(shown).toContain('You are not an admin');
    expect(shown).toContain('Only the console changes who you are');
  });
});
