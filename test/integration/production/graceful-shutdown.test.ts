import { afterEach, expect, it } from 'vitest';
import { shutDown } from '../../../src/runtime/graceful-shutdown.js';
import { createRecordingLogger } from '../../helpers/recording-logger.js';
import { postEvent, waitFor } from '../../helpers/signed-slack-request.js';
import { DENIED_PASTE, messageEnvelope, nextTs, startSlackBot } from '../slack/slack-harness.js';

let bot: Awaited<ReturnType<typeof startSlackBot>> | undefined;
afterEach(async () => {
  await Promise.all([bot?.slack.close(), bot?.aperture.close()]);
  bot = undefined;
});

it('waits for an in-flight reply before it finishes shutting down', async () => {
  // given: a reply held up by a 429 (Retry-After 1 s) when the shutdown begins
  bot = await startSlackBot();
  bot.slack.failNext('chat.postMessage', 1, 429, 1);
  await postEvent(bot.eventsUrl, messageEnvelope({ ts: nextTs(), text: DENIED_PASTE }));
  await waitFor(() => bot?.slack.callsTo('chat.postMessage').length === 1);
  const closed: string[] = [];
  // when
  const finished = await shutDown({
    platforms: [bot.platform],
    resources: [{ name: 'redis', close: async () => void closed.push('redis') }],
    logger: createRecordingLogger(),
  });
  // then: the reply went out, once, before the resources were closed
  expect(finished).toBe(true);
  expect(bot.slack.deliveredTo('chat.postMessage')).toHaveLength(1);
  expect(closed).toEqual(['redis']);
  expect(bot.platform.isConnected()).toBe(false);
});

it('gives up waiting at its deadline', async () => {
  const logger = createRecordingLogger();
  const never = {
    name: 'slack' as const,
    isConnected: () => true,
    start: async () => {},
    stop: () => new Promise<void>(() => {}),
  };
  const finished = await shutDown({ platforms: [never], resources: [], logger, deadlineMs: 50 });
  expect(finished).toBe(false);
  expect(logger.lines.some((line) => line.level === 'warn')).toBe(true);
});
