import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeActionId } from '../../../src/core/reply/action-id.js';
import { waitFor } from '../../helpers/signed-slack-request.js';
import {
  botMessage,
  buttonClick,
  byUser,
  DENIED_PASTE,
  contextMenu,
  messagePayload,
  selectChoice,
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

const callbacks = () => bot.rest.delivered('POST /interactions/:id/:token/callback');

describe('Discord: conversation rules', () => {
  it('GIVEN the context menu on chatter THEN the no-match answer reaches only the asker', async () => {
    bot.gateway.dispatch('INTERACTION_CREATE', contextMenu(messagePayload('lunch? tacos?')));
    // The context menu defers privately, then edits its private answer in.
    const [callback] = await waitFor(() => callbacks().length > 0 && callbacks());
    expect(((callback?.body?.data as { flags?: number }).flags ?? 0) & 64).toBe(64);
    const edits = () => bot.rest.delivered('PATCH /webhooks/:id/:token/messages/@original');
    const [edit] = await waitFor(() => edits().length > 0 && edits());
    const data = edit?.body as { embeds: Array<{ title: string }> };
    expect(data.embeds[0]?.title).toBe('No known Aperture problem matched');
  });

  it('GIVEN "Solved" clicked twice THEN the reply is updated once, buttons removed, and nothing is posted', async () => {
    // given
    const message = botMessage();
    const click = buttonClick(encodeActionId({ type: 'solved', symptom: 'https' }), message);
    // when
    bot.gateway.dispatch('INTERACTION_CREATE', click);
    await waitFor(() => callbacks().length === 1);
    bot.gateway.dispatch('INTERACTION_CREATE', byUser(click, '900000000000000099'));
    await waitFor(() => callbacks().length === 2);
    // then
    const [first, second] = callbacks();
    expect(first?.body?.type).toBe(7);
    const data = first?.body?.data as { content: string; components: unknown[] };
    expect(data.content).toMatch(/Solved by <@900000000000000010>/);
    expect(data.components).toEqual([]);
    expect(second?.body?.type).toBe(6);
    expect(bot.rest.delivered('POST /channels/:id/messages')).toHaveLength(0);
  });

  it('GIVEN "Not it" with nothing likelier left THEN offers a private picker, and the choice answers publicly', async () => {
    // given
    const notIt = encodeActionId({ type: 'not-it', symptom: 'https', refused: [], next: [] });
    bot.gateway.dispatch('INTERACTION_CREATE', buttonClick(notIt));
    const [offer] = await waitFor(() => callbacks().length > 0 && callbacks());
    const data = offer?.body?.data as {
      flags?: number;
      components: Array<{ components: Array<Record<string, unknown>> }>;
    };
    expect((data.flags ?? 0) & 64).toBe(64);
    const menu = data.components.flatMap((row) => row.components).find((c) => c.type === 3) as
      { custom_id: string; options: Array<{ label: string; value: string }> } | undefined;
    const mullvad = menu?.options.find((o) => /Mullvad/.test(o.label));
    expect(mullvad).toBeDefined();
    // when
    bot.gateway.dispatch(
      'INTERACTION_CREATE',
      selectChoice(menu?.custom_id ?? '', mullvad?.value ?? ''),
    );
    // then
    const answers = await waitFor(() => callbacks().length === 2 && callbacks());
    const answer = answers[1]?.body?.data as { embeds: Array<{ title: string }>; flags?: number };
    expect(answer.embeds[0]?.title).toMatch(/Mullvad/);
    expect((answer.flags ?? 0) & 64).toBe(0);
  });
});

describe('Discord: checks that are private', () => {
  it('GIVEN an admin runs the config lint button THEN the result is ephemeral and a public follow-up says who checked', async () => {
    // given
    await bot.stop();
    bot = await startDiscordBot({ admins: ['900000000000000010'] });
    const id = encodeActionId({
      type: 'check',
      checkId: 'aperture-config',
      symptom: 'access-denied',
    });
    // when
    bot.gateway.dispatch('INTERACTION_CREATE', buttonClick(id));
    // then
    const [note] = await waitFor(
      () =>
        bot.rest.delivered('POST /webhooks/:id/:token').length > 0 &&
        bot.rest.delivered('POST /webhooks/:id/:token'),
    );
    const deferral = callbacks()[0]?.body as { type: number; data?: { flags?: number } };
    expect(deferral.type).toBe(5);
    expect((deferral.data?.flags ?? 0) & 64).toBe(64);
    expect(bot.rest.delivered('PATCH /webhooks/:id/:token/messages/@original')).toHaveLength(1);
    expect(String(note?.body?.content)).toMatch(
      /^Lint the Aperture config: .* \(checked by <@900000000000000010>\)$/,
    );
    expect(((note?.body?.flags as number | undefined) ?? 0) & 64).toBe(0);
  });

  it('GIVEN no DISCORD_LOGINS THEN a 403 reply offers no "Check my Aperture grant" button', async () => {
    bot.gateway.dispatch('MESSAGE_CREATE', messagePayload(DENIED_PASTE));
    const labels = await waitFor(() => {
      const post = bot.rest
        .delivered('POST /channels/:id/messages')
        .find((c) => Array.isArray(c.body?.components));
      return post && buttonLabels(post.body);
    });
    expect(labels).toContain('Solved');
    expect(labels).not.toContain('Check my Aperture grant');
  });

  it('GIVEN DISCORD_LOGINS maps the clicker THEN "Check my Aperture grant" checks their login, privately', async () => {
    // given
    await bot.stop();
    bot = await startDiscordBot({ env: { DISCORD_LOGINS: '900000000000000010=Lena@example.com' } });
    const id = encodeActionId({
      type: 'check',
      checkId: 'requester-grant',
      symptom: 'access-denied',
    });
    // when
    bot.gateway.dispatch('INTERACTION_CREATE', buttonClick(id));
    // then
    const [edit] = await waitFor(
      () =>
        bot.rest.delivered('PATCH /webhooks/:id/:token/messages/@original').length > 0 &&
        bot.rest.delivered('PATCH /webhooks/:id/:token/messages/@original'),
    );
    const deferral = callbacks()[0]?.body as { data?: { flags?: number } };
    expect((deferral.data?.flags ?? 0) & 64).toBe(64);
    const embed = (edit?.body?.embeds as Array<{ title: string; description: string }>)[0];
    expect(embed?.title).toMatch(/Check my Aperture grant: passed/);
    expect(embed?.description).toMatch(/lena@example\.com/);
  });

  it('GIVEN "/aperture whoami" and DISCORD_LOGINS maps the user THEN it says, privately, their id, not an admin, and that login', async () => {
    await bot.stop();
    bot = await startDiscordBot({ env: { DISCORD_LOGINS: '900000000000000010=Lena@example.com' } });
    bot.gateway.dispatch('INTERACTION_CREATE', slashCommand('whoami'));
    const [callback] = await waitFor(() => callbacks().length > 0 && callbacks());
    const data = callback?.body?.data as { flags?: number; embeds: unknown[] };
    expect((data.flags ?? 0) & 64).toBe(64);
    const shown = JSON.stringify(data.embeds);
    expect(shown).toContain('900000000000000010');
    expect(shown).toContain('You are not an admin');
    expect(shown).toContain('lena@example.com');
    expect(shown).toContain('DISCORD_LOGINS');
  });

  it('GIVEN "/aperture whoami" and no DISCORD_LOGINS entry THEN it says how an admin adds one', async () => {
    bot.gateway.dispatch('INTERACTION_CREATE', slashCommand('whoami'));
    const [callback] = await waitFor(() => callbacks().length > 0 && callbacks());
    expect(JSON.stringify(callback?.body?.data)).toContain('900000000000000010=you@example.com');
  });
});

function buttonLabels(body: Record<string, unknown> | undefined): string[] {
  const rows = (body?.components ?? []) as Array<{ components: Array<{ label?: string }> }>;
  return rows.flatMap((row) => row.components.map((c) => c.label ?? ''));
}
