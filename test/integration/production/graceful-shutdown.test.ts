import { afterEach, expect, it } from 'vitest';
import { postEvent, waitFor } from '../../helpers/signed-slack-request.js';
import { DENIED_PASTE, messageEnvelope, nextTs, startSlackBot } from '../slack/slack-harness.js';

let bot: Awaited<ReturnType<typeof startSlackBot>> | undefined;
afterEach(async () => {
  await Promise.all([bot?.slack.close(), bot?.aperture.close()]);
  bot = undefined;
});

it('GIVEN a reply held up by a 429 WHEN the platform stops THEN the reply goes out first, once', async () => {
  // given: the first post answers 429 with Retry-After 1 s, so the reply is in flight
  bot = await startSlackBot();
  bot.slack.failNext('chat.postMessage', 1, 429, 1);
  await postEvent(bot.eventsUrl, messageEnvelope({ ts: nextTs(), text: DENIED_PASTE }));
  await waitFor(() => bot?.slack.callsTo('chat.postMessage').length === 1);
  // when: SIGTERM's first step
  await bot.platform.stop();
  // then
  expect(bot.slack.deliveredTo('chat.postMessage')).toHaveLength(1);
  expect(bot.platform.isConnected()).toBe(false);
});
