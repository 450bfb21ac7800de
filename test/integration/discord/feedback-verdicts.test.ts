import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SECRET_MASK } from '../../../src/core/classify/redact-secrets.js';
import { encodeActionId } from '../../../src/core/reply/action-id.js';
import { FileFeedbackStore } from '../../../src/runtime/feedback/file-feedback-store.js';
import { PASTED_SECRETS, leakedValue } from '../../helpers/pasted-secrets.js';
import { waitFor } from '../../helpers/signed-slack-request.js';
import { CHANNEL_ID, GUILD_ID, THREAD_ID } from '../fakes/fake-discord-rest.js';
import {
  DENIED_PASTE,
  buttonClick,
  messagePayload,
  selectChoice,
  startDiscordBot,
} from './discord-harness.js';

const SECRET = PASTED_SECRETS.find((s) => s.format === 'Anthropic API key')!;
const PASTE = `${DENIED_PASTE}\nexport ANTHROPIC_API_KEY=${SECRET.secret}`;

let bot: Awaited<ReturnType<typeof startDiscordBot>>;
let dir: string;
let store: FileFeedbackStore;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'discord-feedback-'));
  store = new FileFeedbackStore(join(dir, 'feedback.jsonl'), { ttlSeconds: 86_400 });
  bot = await startDiscordBot({ feedback: store });
});
afterEach(async () => {
  await bot.stop();
  rmSync(dir, { recursive: true, force: true });
});

const callbacks = () => bot.rest.delivered('POST /interactions/:id/:token/callback');

/** The interaction as Discord sends it from inside the diagnosis thread. */
function fromThread<T extends Record<string, unknown>>(interaction: T): T {
  return {
    ...interaction,
    channel_id: THREAD_ID,
    channel: { id: THREAD_ID, type: 11, guild_id: GUILD_ID, parent_id: CHANNEL_ID, name: 'x' },
  };
}

describe('Discord: a correction becomes a training example', () => {
  it('GIVEN "Not it" then a symptom picked in the thread of a paste THEN one redacted example is stored', async () => {
    // given: the thread was started from the paste (a thread shares its starter message's id)
    bot.rest.messages.set(THREAD_ID, { ...messagePayload(PASTE), id: THREAD_ID });
    const notIt = encodeActionId({
      type: 'not-it',
      symptom: 'access-denied',
      refused: [],
      next: [],
    });
    bot.gateway.dispatch('INTERACTION_CREATE', fromThread(buttonClick(notIt)));
    const [offer] = await waitFor(() => callbacks().length > 0 && callbacks());
    const data = offer?.body?.data as {
      components: Array<{ components: Array<Record<string, unknown>> }>;
    };
    const menu = data.components.flatMap((row) => row.components).find((c) => c.type === 3) as
      { custom_id: string; options: Array<{ label: string; value: string }> } | undefined;
    const mullvad = menu?.options.find((o) => /Mullvad/.test(o.label));
    // when
    bot.gateway.dispatch(
      'INTERACTION_CREATE',
      fromThread(selectChoice(menu?.custom_id ?? '', mullvad?.value ?? '')),
    );
    await waitFor(() => callbacks().length === 2);
    // then
    const examples = await store.list();
    expect(examples).toEqual([
      expect.objectContaining({
        predicted: 'access-denied',
        label: 'mullvad',
        verdict: 'corrected',
        platform: 'discord',
      }),
    ]);
    expect(examples[0]?.text).toContain('access denied: no role granted');
    expect(examples[0]?.text).toContain(SECRET_MASK);
    expect(leakedValue(SECRET, JSON.stringify(examples))).toEqual([]);
    expect(JSON.stringify(examples)).not.toContain('900000000000000010');
  });
});
