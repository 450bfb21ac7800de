import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeActionId } from '../../../src/core/reply/action-id.js';
import { waitFor } from '../../helpers/signed-slack-request.js';
import { CHANNEL_ID, GUILD_ID, THREAD_ID } from '../fakes/fake-discord-rest.js';
import { startFakeLlmGateway, type FakeLlmGateway } from '../fakes/fake-llm-gateway.js';
import { HUMAN_QUESTION } from '../second-opinion/second-opinion-harness.js';
import { buttonClick, messagePayload, startDiscordBot } from './discord-harness.js';

let gateway: FakeLlmGateway;
let bot: Awaited<ReturnType<typeof startDiscordBot>>;
beforeEach(async () => {
  gateway = await startFakeLlmGateway({
    reply: '{"symptom":"tagged-identity","confidence":0.6,"why":"tags"}',
  });
  bot = await startDiscordBot({ env: { LLM_BASE_URL: gateway.url, LLM_MODEL: 'team-model' } });
});
afterEach(async () => {
  await bot.stop();
  await gateway.close();
});

describe('Discord: the second opinion', () => {
  it('GIVEN a last "Not it" in the thread of a paste THEN the click is deferred, the model gets the paste, and its symptom replaces the placeholder', async () => {
    // given: the thread was started from the paste (a thread shares its starter message's id)
    bot.rest.messages.set(THREAD_ID, { ...messagePayload(HUMAN_QUESTION), id: THREAD_ID });
    const notIt = encodeActionId({
      type: 'not-it',
      symptom: 'access-denied',
      refused: [],
      next: [],
    });
    // when
    bot.gateway.dispatch('INTERACTION_CREATE', {
      ...buttonClick(notIt),
      channel_id: THREAD_ID,
      channel: { id: THREAD_ID, type: 11, guild_id: GUILD_ID, parent_id: CHANNEL_ID, name: 'x' },
    });
    // then: a deferral (type 5) within Discord's 3 s, then the edited answer
    const [callback] = await waitFor(
      () =>
        bot.rest.delivered('POST /interactions/:id/:token/callback').length > 0 &&
        bot.rest.delivered('POST /interactions/:id/:token/callback'),
    );
    expect(callback?.body).toMatchObject({ type: 5 });
    const [edit] = await waitFor(
      () =>
        bot.rest.delivered('PATCH /webhooks/:id/:token/messages/@original').length > 0 &&
        bot.rest.delivered('PATCH /webhooks/:id/:token/messages/@original'),
    );
    expect(gateway.requests).toHaveLength(1);
    expect(gateway.requests[0]?.body).toContain(JSON.stringify(HUMAN_QUESTION).slice(1, -1));
    expect(JSON.stringify(edit?.body)).toContain('not matched by rules');
  });
});
