import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeActionId } from '../../../src/core/reply/action-id.js';
import { waitFor } from '../../helpers/signed-slack-request.js';
import { BOT_USER, CHANNEL_ID } from '../fakes/fake-discord-rest.js';
import {
  DENIED_PASTE,
  buttonClick,
  autocomplete,
  messagePayload,
  slashCommand,
  startDiscordBot,
} from './discord-harness.js';

let bot: Awaited<ReturnType<typeof startDiscordBot>>;
beforeEach(async () => {
  bot = await startDiscordBot();
});
afterEach(async () => {
  await bot.stop();
});

const threadPosts = () =>
  bot.rest
    .delivered('POST /channels/:id/messages')
    .filter((c) => c.path !== `/channels/${CHANNEL_ID}/messages`);

/** A paste that always gets a reply, then waits for it: everything dispatched before is handled. */
async function settle() {
  const before = threadPosts().length;
  bot.gateway.dispatch('MESSAGE_CREATE', messagePayload('curl: (6) Could not resolve host: ai'));
  await waitFor(() => threadPosts().length > before);
}

describe('Discord: pasted errors', () => {
  it('GIVEN a pasted 403 THEN starts a thread on the message and posts the embed with buttons there', async () => {
    const message = messagePayload(DENIED_PASTE);
    bot.gateway.dispatch('MESSAGE_CREATE', message);
    const [post] = await waitFor(() => threadPosts().length > 0 && threadPosts());
    const [thread] = bot.rest.delivered('POST /channels/:id/messages/:id/threads');
    expect(thread?.path).toBe(`/channels/${CHANNEL_ID}/messages/${message.id}/threads`);
    const embeds = post?.body?.embeds as Array<{ title: string }>;
    expect(embeds[0]?.title).toBe('Aperture denies access: no role granted');
    const labels = (
      post?.body?.components as Array<{ components: Array<{ label: string; custom_id: string }> }>
    ).flatMap((row) => row.components.map((b) => b.label));
    expect(labels).toEqual(
      expect.arrayContaining(["Check the bot's model access", 'Solved', 'Not it']),
    );
  });

  it("GIVEN a bot's message THEN posts nothing", async () => {
    bot.gateway.dispatch(
      'MESSAGE_CREATE',
      messagePayload(DENIED_PASTE, { id: '900000000000000077', username: 'ci', bot: true }),
    );
    bot.gateway.dispatch('MESSAGE_CREATE', { ...messagePayload(DENIED_PASTE), author: BOT_USER });
    await settle();
    expect(threadPosts()).toHaveLength(1);
  });

  it('GIVEN chatter THEN posts nothing', async () => {
    bot.gateway.dispatch('MESSAGE_CREATE', messagePayload('lunch? thinking tacos'));
    await settle();
    expect(threadPosts()).toHaveLength(1);
  });

  it('GIVEN a REST 429 with retry_after THEN the reply still arrives exactly once', async () => {
    bot.rest.rateLimitNext('POST /channels/:id/messages', 1, 0.2);
    bot.gateway.dispatch('MESSAGE_CREATE', messagePayload(DENIED_PASTE));
    await waitFor(() => threadPosts().length > 0, 10_000);
    const attempts = bot.rest.calls.filter(
      (c) => c.method === 'POST' && /^\/channels\/\d+\/messages$/.test(c.path),
    );
    expect(attempts.map((c) => c.status)).toEqual([429, 200]);
    expect(threadPosts()).toHaveLength(1);
  });

  it('GIVEN threads are refused THEN replies to the message instead', async () => {
    bot.rest.failNext('POST /channels/:id/messages/:id/threads', 1, {
      status: 403,
      body: { message: 'Missing Permissions', code: 50013 },
    });
    const message = messagePayload(DENIED_PASTE);
    bot.gateway.dispatch('MESSAGE_CREATE', message);
    const [reply] = await waitFor(
      () =>
        bot.rest.delivered('POST /channels/:id/messages').length > 0 &&
        bot.rest.delivered('POST /channels/:id/messages'),
    );
    expect(reply?.path).toBe(`/channels/${CHANNEL_ID}/messages`);
    expect(reply?.body?.message_reference).toMatchObject({ message_id: message.id });
  });
});

describe('Discord: application commands and buttons', () => {
  it('GIVEN /aperture why topic:429 THEN answers the interaction with the quota remediation', async () => {
    bot.gateway.dispatch(
      'INTERACTION_CREATE',
      slashCommand('why', [{ name: 'topic', value: '429' }]),
    );
    const [callback] = await waitFor(
      () =>
        bot.rest.delivered('POST /interactions/:id/:token/callback').length > 0 &&
        bot.rest.delivered('POST /interactions/:id/:token/callback'),
    );
    expect(callback?.body?.type).toBe(4);
    const data = callback?.body?.data as { embeds: Array<{ title: string; description: string }> };
    expect(data.embeds[0]?.title).toBe('Aperture answers 429: a quota is empty or misconfigured');
    expect(data.embeds[0]?.description).toContain('api/quotas');
  });

  it('GIVEN /aperture help THEN answers privately', async () => {
    bot.gateway.dispatch('INTERACTION_CREATE', slashCommand('help'));
    const [callback] = await waitFor(
      () =>
        bot.rest.delivered('POST /interactions/:id/:token/callback').length > 0 &&
        bot.rest.delivered('POST /interactions/:id/:token/callback'),
    );
    expect((callback?.body?.data as { flags: number }).flags & 64).toBe(64);
  });

  it('GIVEN a check button THEN defers, runs the check and edits in the result', async () => {
    bot.gateway.dispatch(
      'INTERACTION_CREATE',
      buttonClick(encodeActionId({ type: 'check', checkId: 'models', symptom: 'access-denied' })),
    );
    const [edit] = await waitFor(
      () =>
        bot.rest.delivered('PATCH /webhooks/:id/:token/messages/@original').length > 0 &&
        bot.rest.delivered('PATCH /webhooks/:id/:token/messages/@original'),
    );
    expect(bot.rest.delivered('POST /interactions/:id/:token/callback')[0]?.body?.type).toBe(5);
    expect((edit?.body?.embeds as Array<{ title: string }>)[0]?.title).toMatch(
      /Check the bot's model access: passed/,
    );
    expect(bot.aperture.requests.map((r) => r.path)).toContain('/v1/models');
  });

  it('GIVEN a button from an older version THEN answers only the clicker', async () => {
    bot.gateway.dispatch('INTERACTION_CREATE', buttonClick('ad1|not-a-known-action'));
    const [callback] = await waitFor(
      () =>
        bot.rest.delivered('POST /interactions/:id/:token/callback').length > 0 &&
        bot.rest.delivered('POST /interactions/:id/:token/callback'),
    );
    const data = callback?.body?.data as { embeds: Array<{ title: string }>; flags?: number };
    expect(data.embeds[0]?.title).toBe('This button no longer works');
    expect((data.flags ?? 0) & 64).toBe(64);
  });

  it('GIVEN /aperture check with an unknown id THEN the deferred answer reaches only the invoker', async () => {
    bot.gateway.dispatch(
      'INTERACTION_CREATE',
      slashCommand('check', [{ name: 'id', value: 'nope' }]),
    );
    const [followUp] = await waitFor(
      () =>
        bot.rest.delivered('POST /webhooks/:id/:token').length > 0 &&
        bot.rest.delivered('POST /webhooks/:id/:token'),
    );
    expect(((followUp?.body?.flags as number | undefined) ?? 0) & 64).toBe(64);
    expect(bot.rest.delivered('DELETE /webhooks/:id/:token/messages/@original')).toHaveLength(1);
    expect(bot.rest.delivered('PATCH /webhooks/:id/:token/messages/@original')).toHaveLength(0);
  });

  it('GIVEN a topic being typed THEN autocompletes from the knowledge base', async () => {
    bot.gateway.dispatch('INTERACTION_CREATE', autocomplete('quo'));
    const [callback] = await waitFor(
      () =>
        bot.rest.delivered('POST /interactions/:id/:token/callback').length > 0 &&
        bot.rest.delivered('POST /interactions/:id/:token/callback'),
    );
    expect(callback?.body?.type).toBe(8);
    const choices = (callback?.body?.data as { choices: Array<{ value: string }> }).choices.map(
      (c) => c.value,
    );
    expect(choices).toEqual(expect.arrayContaining(['quota', 'quotas']));
    expect(choices.length).toBeLessThanOrEqual(25);
  });

  it('GIVEN /aperture mute duration:2h THEN pasted errors in the channel get no reply', async () => {
    bot.gateway.dispatch(
      'INTERACTION_CREATE',
      slashCommand('mute', [{ name: 'duration', value: '2h' }]),
    );
    const [callback] = await waitFor(
      () =>
        bot.rest.delivered('POST /interactions/:id/:token/callback').length > 0 &&
        bot.rest.delivered('POST /interactions/:id/:token/callback'),
    );
    expect((callback?.body?.data as { embeds: Array<{ title: string }> }).embeds[0]?.title).toBe(
      'Muted for 2 hours',
    );
    bot.gateway.dispatch('MESSAGE_CREATE', messagePayload(DENIED_PASTE));
    bot.gateway.dispatch('INTERACTION_CREATE', slashCommand('unmute'));
    await waitFor(() => bot.rest.delivered('POST /interactions/:id/:token/callback').length === 2);
    expect(threadPosts()).toHaveLength(0);
  });
});
