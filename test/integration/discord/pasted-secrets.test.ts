import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CAVEATS } from '../../../src/core/knowledge/caveats.js';
import { createLogger } from '../../../src/runtime/logger.js';
import { PASTES, leaked, pastesLeakedIn } from '../../helpers/pasted-secrets.js';
import { waitFor } from '../../helpers/signed-slack-request.js';
import { CHANNEL_ID } from '../fakes/fake-discord-rest.js';
import { contextMenu, messagePayload, startDiscordBot } from './discord-harness.js';

/**
 * Every pasted secret, in every way chat delivers it, through the real discord.js client: what the
 * fake REST API receives and what the bot logs at debug level must show none of it. The context
 * menu answers each paste as an interaction (outside the REST global rate limit); plain channel
 * messages, which reply in a thread, are sent for the bare and fenced pastes.
 */
const CHAT_PASTES = PASTES.filter((paste) => !paste.long);
const IN_CHANNEL = CHAT_PASTES.filter((paste) => /, (?:bare|in a code fence)$/.test(paste.name));
const ROTATE = CAVEATS['secret-pasted'].title;
const logLines: string[] = [];
let bot: Awaited<ReturnType<typeof startDiscordBot>>;
const answers = new Map<string, unknown>();
const interactionIds: string[] = [];

const threadPosts = () =>
  bot.rest
    .delivered('POST /channels/:id/messages')
    .filter((call) => call.path !== `/channels/${CHANNEL_ID}/messages`);

beforeAll(async () => {
  // All pastes share one channel: a clock that moves on past the cooldown between messages.
  let now = Date.now();
  bot = await startDiscordBot({
    logger: createLogger('debug', { write: (line) => logLines.push(line) }),
    clock: () => (now += 130_000),
  });
  for (let start = 0; start < CHAT_PASTES.length; start += 25) {
    for (const paste of CHAT_PASTES.slice(start, start + 25)) {
      const interaction = contextMenu(messagePayload(paste.text));
      interactionIds.push(interaction.id);
      bot.gateway.dispatch('INTERACTION_CREATE', interaction);
    }
    await waitFor(
      () => bot.rest.delivered('POST /interactions/:id/:token/callback').length >= start,
      10_000,
    );
  }
  for (const paste of IN_CHANNEL)
    bot.gateway.dispatch('MESSAGE_CREATE', messagePayload(paste.text));
  await waitFor(() => {
    for (const call of bot.rest.delivered('POST /interactions/:id/:token/callback'))
      answers.set(call.path.split('/')[2]!, call.body);
    return answers.size >= CHAT_PASTES.length && threadPosts().length >= IN_CHANNEL.length;
  }, 20_000);
}, 40_000);
afterAll(async () => {
  await bot.stop();
});

describe('Discord: pasted secrets', () => {
  it.each(CHAT_PASTES.map((paste, index) => [paste.name, paste, index] as const))(
    'GIVEN a %s diagnosed from the message menu THEN the answer shows none of it and asks to rotate it',
    (_name, paste, index) => {
      const answer = answers.get(interactionIds[index]!);
      expect(answer, 'an interaction answer').toBeDefined();
      expect(leaked(paste, JSON.stringify(answer))).toEqual([]);
      expect(JSON.stringify(answer)).toContain(ROTATE);
    },
  );

  it('GIVEN bare and fenced pastes in the channel THEN every reply in their threads asks to rotate it', () => {
    const posts = threadPosts();
    expect(posts).toHaveLength(IN_CHANNEL.length);
    for (const post of posts) expect(JSON.stringify(post.body)).toContain(ROTATE);
  });

  it('GIVEN all those pastes THEN no request the fake REST API received shows any of them', () => {
    expect(pastesLeakedIn(JSON.stringify(bot.rest.calls), CHAT_PASTES)).toEqual([]);
  });

  it('GIVEN LOG_LEVEL=debug THEN no log line shows any of them', () => {
    expect(pastesLeakedIn(logLines.join(''), CHAT_PASTES)).toEqual([]);
  });
});
