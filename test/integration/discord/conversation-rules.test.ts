import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeActionId } from '../../../src/core/reply/action-id.js';
import { waitFor } from '../../helpers/signed-slack-request.js';
import {
  botMessage,
  buttonClick,
  byUser,
  contextMenu,
  messagePayload,
  selectChoice,
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
    const [callback] = await waitFor(() => callbacks().length > 0 && callbacks());
    const data = callback?.body?.data as { embeds: Array<{ title: string }>; flags?: number };
    expect(data.embeds[0]?.title).toBe('No known Aperture problem matched');
    expect((data.flags ?? 0) & 64).toBe(64);
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
