import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeActionId } from '../../../src/core/reply/action-id.js';
import { postEvent, postForm, waitFor } from '../../helpers/signed-slack-request.js';
import { BOT_USER_ID } from '../fakes/fake-slack-web-api.js';
import { startFakeLlmGateway, type FakeLlmGateway } from '../fakes/fake-llm-gateway.js';
import {
  HUMAN_QUESTION,
  MODEL_SAYS_ACCESS_DENIED,
} from '../second-opinion/second-opinion-harness.js';
import {
  CHANNEL,
  blockActionsPayload,
  messageEnvelope,
  nextTs,
  startSlackBot,
} from './slack-harness.js';

let gateway: FakeLlmGateway;
let bot: Awaited<ReturnType<typeof startSlackBot>>;
beforeEach(async () => {
  gateway = await startFakeLlmGateway({ reply: MODEL_SAYS_ACCESS_DENIED });
  bot = await startSlackBot({ env: { LLM_BASE_URL: gateway.url, LLM_MODEL: 'team-model' } });
});
afterEach(async () => {
  await bot.stop();
  await gateway.close();
});

describe('Slack: the second opinion', () => {
  it('GIVEN a mention of a question the rules miss THEN the thread gets our steps for the model’s symptom, marked as suggested', async () => {
    // given
    const ts = nextTs();
    const text = `<@${BOT_USER_ID}> ${HUMAN_QUESTION}`;
    // when: Slack delivers a mention twice, as a message and as an app_mention
    await postEvent(bot.eventsUrl, messageEnvelope({ ts, text }));
    await postEvent(bot.eventsUrl, messageEnvelope({ type: 'app_mention', ts, text }));
    // then
    const [reply] = await waitFor(() => bot.replies().length > 0 && bot.replies());
    await bot.settle();
    expect(bot.replies()).toHaveLength(1);
    expect(gateway.requests).toHaveLength(1);
    expect(reply?.args).toMatchObject({ channel: CHANNEL, thread_ts: ts });
    const rendered = JSON.stringify(reply?.args.blocks);
    expect(rendered).toContain('Aperture denies access: no role granted');
    expect(rendered).toContain('not matched by rules');
    expect(rendered).toContain('curl http://ai/v1/models');
    expect(rendered).toContain('Not it');
  });

  it('GIVEN a last "Not it" under a reply THEN the model gets the thread’s paste and its other symptom is posted', async () => {
    // given: the diagnosed paste is the thread's parent
    const threadTs = nextTs();
    bot.slack.setThreadParent(threadTs, { text: HUMAN_QUESTION });
    gateway.behave({ reply: '{"symptom":"tagged-identity","confidence":0.6,"why":"tags"}' });
    const actionId = encodeActionId({
      type: 'not-it',
      symptom: 'access-denied',
      refused: [],
      next: [],
    });
    // when
    await postForm(bot.eventsUrl, {
      payload: JSON.stringify(
        blockActionsPayload(
          { type: 'button', action_id: actionId, value: actionId, block_id: 'b' },
          { messageTs: nextTs(), threadTs },
        ),
      ),
    });
    // then
    const posted = await waitFor(() => {
      const all = [
        ...bot.slack.deliveredTo('chat.postMessage'),
        ...bot.slack.deliveredTo('chat.postEphemeral'),
      ];
      return all.length > 0 && all;
    });
    expect(JSON.stringify(posted)).toContain('not matched by rules');
    expect(gateway.requests[0]?.body).toContain(JSON.stringify(HUMAN_QUESTION).slice(1, -1));
  });
});
