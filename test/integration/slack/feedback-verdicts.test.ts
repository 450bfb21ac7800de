import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeActionId } from '../../../src/core/reply/action-id.js';
import { SECRET_MASK } from '../../../src/core/classify/redact-secrets.js';
import { FileFeedbackStore } from '../../../src/runtime/feedback/file-feedback-store.js';
import { PASTED_SECRETS, leakedValue } from '../../helpers/pasted-secrets.js';
import { postForm, waitFor } from '../../helpers/signed-slack-request.js';
import {
  DENIED_PASTE,
  blockActionsPayload,
  nextTs,
  startSlackBot,
} from './slack-harness.js';

const SECRET = PASTED_SECRETS.find((s) => s.format === 'Anthropic API key')!;
const PASTE = `${DENIED_PASTE}\nexport ANTHROPIC_API_KEY=${SECRET.secret}`;

let bot: Awaited<ReturnType<typeof startSlackBot>>;
let dir: string;
let store: FileFeedbackStore;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'slack-feedback-'));
  store = new FileFeedbackStore(join(dir, 'feedback.jsonl'), { ttlSeconds: 86_400 });
  bot = await startSlackBot({ feedback: store });
});
afterEach(async () => {
  await bot.stop();
  rmSync(dir, { recursive: true, force: true });
});

function clickPayload(
  action: Record<string, unknown>,
  options: { messageTs: string; threadTs: string; ephemeral?: boolean },
) {
  return blockActionsPayload(action, { ...options, responseUrl: `${bot.slack.url}/response/7` });
}

describe('Slack: a correction becomes a training example', () => {
  it('GIVEN "Not it" then a symptom picked in the thread of a paste THEN one redacted example is stored', async () => {
    // given: the paste the diagnosis answered heads the thread (with a key in it)
    const threadTs = nextTs();
    bot.slack.setThreadParent(threadTs, { text: PASTE, user: 'U0LENA' });
    const notIt = encodeActionId({
      type: 'not-it',
      symptom: 'access-denied',
      refused: [],
      next: [],
    });
    await postForm(bot.eventsUrl, {
      payload: JSON.stringify(
        clickPayload(
          { type: 'button', action_id: notIt, value: notIt },
          { messageTs: nextTs(), threadTs },
        ),
      ),
    });
    await waitFor(() => bot.slack.deliveredTo('chat.postEphemeral').length > 0);
    // when: Mullvad picked from the private picker
    const pick = encodeActionId({ type: 'pick', symptom: 'mullvad' });
    await postForm(bot.eventsUrl, {
      payload: JSON.stringify(
        clickPayload(
          { type: 'static_select', action_id: 'ad1|picker', selected_option: { value: pick } },
          { messageTs: nextTs(), threadTs, ephemeral: true },
        ),
      ),
    });
    await waitFor(() => bot.replies().length > 0);
    // then
    const examples = await store.list();
    expect(examples).toEqual([
      expect.objectContaining({
        predicted: 'access-denied',
        label: 'mullvad',
        verdict: 'corrected',
        platform: 'slack',
      }),
    ]);
    expect(examples[0]?.text).toContain('access denied: no role granted');
    expect(examples[0]?.text).toContain(SECRET_MASK);
    expect(leakedValue(SECRET, JSON.stringify(examples))).toEqual([]);
    expect(JSON.stringify(examples)).not.toContain('U0LENA');
  });
});
