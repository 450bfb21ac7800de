import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CAVEATS } from '../../../src/core/knowledge/caveats.js';
import { createLogger } from '../../../src/runtime/logger.js';
import { PASTES, leaked, pastesLeakedIn } from '../../helpers/pasted-secrets.js';
import { waitFor } from '../../helpers/signed-slack-request.js';
import { contextMenu, messagePayload, startDiscordBot } from './discord-harness.js';

/**
 * Every pasted secret, in every way chat delivers it, through the real discord.js client: what the
 * fake REST API receives and what the bot logs at debug level must show none of it. The context
 * menu is used on each paste: its answer goes into the message's thread (or, when private, into
 * the deferred interaction reply); plain channel messages, which reply in a thread, are sent for
 * the bare and fenced pastes.
 */
const CHAT_PASTES = PASTES.filter((paste) => !paste.long);
const IN_CHANNEL = CHAT_PASTES.filter((paste) => /, (?:bare|in a code fence)$/.test(paste.name));
const ROTATE = CAVEATS['secret-pasted'].title;
const logLines: string[] = [];
let bot: Awaited<ReturnType<typeof startDiscordBot>>;
const asked: Array<{ messageId: string; token: string }> = [];
const channelPasteIds: string[] = [];

/**
 * Where each answer went, indexed once per look (the probe below runs every 10 ms over ~2,000
 * calls): thread started per message, first post per channel, edited reply per interaction token.
 */
function indexAnswers() {
  const threadOf = new Map<string, string>();
  const postIn = new Map<string, unknown>();
  const editFor = new Map<string, unknown>();
  for (const call of bot.rest.calls) {
    if (call.status >= 300) continue;
    const parts = call.path.split('/');
    if (call.method === 'POST' && parts[1] === 'channels' && parts[5] === 'threads')
      threadOf.set(parts[4]!, String(call.response?.id));
    else if (call.method === 'POST' && parts[1] === 'channels' && parts.length === 4)
      if (!postIn.has(parts[2]!)) postIn.set(parts[2]!, call.body);
    if (call.method === 'PATCH' && parts[1] === 'webhooks') editFor.set(parts[3]!, call.body);
  }
  /** The reply about a message: the post in the thread started from it. */
  const threadReplyTo = (messageId: string) => {
    const threadId = threadOf.get(messageId);
    return threadId === undefined ? undefined : postIn.get(threadId);
  };
  /** A context-menu answer: in the thread when public, else the edited private interaction reply. */
  const answerTo = ({ messageId, token }: { messageId: string; token: string }) =>
    editFor.has(token) ? (threadReplyTo(messageId) ?? editFor.get(token)) : undefined;
  return { threadReplyTo, answerTo };
}

beforeAll(async () => {
  // All pastes share one channel: a clock that moves on past the cooldown between messages.
  let now = Date.now();
  bot = await startDiscordBot({
    logger: createLogger('debug', { write: (line) => logLines.push(line) }),
    clock: () => (now += 130_000),
    // Each menu answer starts a thread and posts in it: two calls under the global 50/s.
    globalRequestsPerSecond: 1000,
  });
  for (let start = 0; start < CHAT_PASTES.length; start += 25) {
    for (const paste of CHAT_PASTES.slice(start, start + 25)) {
      const message = messagePayload(paste.text);
      const interaction = contextMenu(message);
      asked.push({ messageId: message.id, token: interaction.token });
      bot.gateway.dispatch('INTERACTION_CREATE', interaction);
    }
    await waitFor(
      () => bot.rest.delivered('PATCH /webhooks/:id/:token/messages/@original').length >= start,
      10_000,
    );
  }
  for (const paste of IN_CHANNEL) {
    const message = messagePayload(paste.text);
    channelPasteIds.push(message.id);
    bot.gateway.dispatch('MESSAGE_CREATE', message);
  }
  await waitFor(() => {
    const { answerTo, threadReplyTo } = indexAnswers();
    return (
      asked.every((ask) => answerTo(ask) !== undefined) &&
      channelPasteIds.every((id) => threadReplyTo(id) !== undefined)
    );
  }, 20_000);
}, 40_000);
afterAll(async () => {
  await bot.stop();
});

describe('Discord: pasted secrets', () => {
  it.each(CHAT_PASTES.map((paste, index) => [paste.name, paste, index] as const))(
    'GIVEN a %s diagnosed from the message menu THEN the answer shows none of it and asks to rotate it',
    (_name, paste, index) => {
      const answer = indexAnswers().answerTo(asked[index]!);
      expect(answer, 'an interaction answer').toBeDefined();
      expect(leaked(paste, JSON.stringify(answer))).toEqual([]);
      expect(JSON.stringify(answer)).toContain(ROTATE);
    },
  );

  it('GIVEN bare and fenced pastes in the channel THEN every reply in their threads asks to rotate it', () => {
    const replies = channelPasteIds.map(indexAnswers().threadReplyTo);
    expect(replies.filter((reply) => reply !== undefined)).toHaveLength(IN_CHANNEL.length);
    for (const reply of replies) expect(JSON.stringify(reply)).toContain(ROTATE);
  });

  it('GIVEN all those pastes THEN no request the fake REST API received shows any of them', () => {
    expect(pastesLeakedIn(JSON.stringify(bot.rest.calls), CHAT_PASTES)).toEqual([]);
  });

  it('GIVEN LOG_LEVEL=debug THEN no log line shows any of them', () => {
    expect(pastesLeakedIn(logLines.join(''), CHAT_PASTES)).toEqual([]);
  });
});
