import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeActionId } from '../../../src/core/reply/action-id.js';
import { CAVEATS } from '../../../src/core/knowledge/caveats.js';
import { createLogger } from '../../../src/runtime/logger.js';
import {
  PASTED_SECRETS,
  PASTES,
  leaked,
  leakedValue,
  pastesLeakedIn,
} from '../../helpers/pasted-secrets.js';
import { postEvent, postForm, waitFor } from '../../helpers/signed-slack-request.js';
import type { SlackCall } from '../fakes/fake-slack-web-api.js';
import { messageEnvelope, nextTs, startSlackBot } from './slack-harness.js';

/**
 * Every pasted secret, in every way Slack delivers it, through the real Bolt app in HTTP mode:
 * what the fake Web API receives and what the bot logs at debug level (Bolt's `http request
 * body:` lines included) must show none of it. Each paste has a channel of its own, out of reach
 * of the per-channel cooldown.
 */
const CHAT_PASTES = PASTES.filter((paste) => !paste.long);
const ROTATE = CAVEATS['secret-pasted'].title;
const logLines: string[] = [];
let bot: Awaited<ReturnType<typeof startSlackBot>>;
const replies = new Map<string, SlackCall>();

const channelOf = (index: number) => `C0PASTE${index}`;

/** Runs `send` for every item, a few at a time, as a busy workspace would. */
async function inBatches<T>(
  items: readonly T[],
  send: (item: T, index: number) => Promise<unknown>,
) {
  for (let start = 0; start < items.length; start += 25)
    await Promise.all(items.slice(start, start + 25).map((item, i) => send(item, start + i)));
}

beforeAll(async () => {
  bot = await startSlackBot({
    logger: createLogger('debug', { write: (line) => logLines.push(line) }),
  });
  await inBatches(CHAT_PASTES, (paste, index) =>
    postEvent(
      bot.eventsUrl,
      messageEnvelope({ ts: nextTs(), channel: channelOf(index), text: paste.text }),
    ),
  );
  // A call that outlives the Web API timeout under load is retried: count channels, not calls.
  await waitFor(() => {
    for (const call of bot.slack.deliveredTo('chat.postMessage'))
      replies.set(String(call.args.channel), call);
    return replies.size >= CHAT_PASTES.length;
  }, 20_000);
}, 30_000);
afterAll(async () => {
  await bot.stop();
});

describe('Slack: pasted secrets', () => {
  it.each(CHAT_PASTES.map((paste, index) => [paste.name, paste, index] as const))(
    'GIVEN a %s in a channel message THEN the public reply shows none of it and asks to rotate it',
    (_name, paste, index) => {
      const reply = replies.get(channelOf(index));
      expect(reply, 'a public reply').toBeDefined();
      expect(leaked(paste, JSON.stringify(reply?.args))).toEqual([]);
      expect(JSON.stringify(reply?.args.blocks)).toContain(ROTATE);
    },
  );

  it('GIVEN all those pastes THEN no request the fake Web API received shows any of them', () => {
    expect(pastesLeakedIn(JSON.stringify(bot.slack.calls), CHAT_PASTES)).toEqual([]);
  });

  it('GIVEN LOG_LEVEL=debug THEN Bolt logs every reply body, and no log line shows any of them', () => {
    expect(
      logLines.filter((line) => line.includes('http request body:')).length,
    ).toBeGreaterThanOrEqual(CHAT_PASTES.length);
    expect(pastesLeakedIn(logLines.join(''), CHAT_PASTES)).toEqual([]);
  });

  it('GIVEN a pasted tailscale status holding a secret THEN the exit-node button posts a result that shows none of it and asks to rotate it', async () => {
    const clicks = PASTED_SECRETS.map((secret, index) => ({
      secret,
      channel: `C0EXIT${index}`,
      threadTs: nextTs(),
    }));
    await inBatches(clicks, async ({ secret, channel, threadTs }) => {
      bot.slack.setThreadParent(threadTs, {
        text: `100.80.14.77  us-nyc-wg-301.mullvad.ts.net  mullvad@  linux  active; exit node\n${secret.secret}`,
      });
      const actionId = encodeActionId({ type: 'check', checkId: 'exit-node', symptom: 'mullvad' });
      await postForm(bot.eventsUrl, {
        payload: JSON.stringify({
          type: 'block_actions',
          user: { id: 'U0LENA' },
          team: { id: 'T0TEAM' },
          api_app_id: 'A0APP',
          channel: { id: channel },
          container: {
            type: 'message',
            message_ts: nextTs(),
            channel_id: channel,
            is_ephemeral: false,
          },
          message: { ts: nextTs(), thread_ts: threadTs, text: 'diagnosis' },
          trigger_id: 't',
          actions: [
            { type: 'button', action_id: actionId, value: actionId, block_id: 'b', action_ts: '1' },
          ],
        }),
      });
    });
    const results = await waitFor(() => {
      const posted = bot.slack
        .deliveredTo('chat.postMessage')
        .filter((c) => String(c.args.channel).startsWith('C0EXIT'));
      return new Set(posted.map((c) => c.args.channel)).size >= clicks.length && posted;
    }, 10_000);
    for (const { secret, channel } of clicks) {
      const result = results.find((call) => call.args.channel === channel);
      expect(String(result?.args.text)).toContain('Mullvad exit node is active');
      expect(leakedValue(secret, JSON.stringify(result?.args))).toEqual([]);
      expect(JSON.stringify(result?.args)).toContain(ROTATE);
    }
  });
});
