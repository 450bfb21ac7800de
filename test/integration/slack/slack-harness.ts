import type { ChatPlatform } from '../../../src/platforms/chat-platform.js';
import { createSlackPlatform } from '../../../src/platforms/slack/start-slack.js';
import { buildConversationDeps } from '../../../src/runtime/build-runtime.js';
import { loadConfig } from '../../../src/runtime/config.js';
import { createSilentLogger } from '../../../src/runtime/logger.js';
import { closedPort } from '../../helpers/closed-port.js';
import { SIGNING_SECRET, postEvent, waitFor } from '../../helpers/signed-slack-request.js';
import { startFakeAperture } from '../fakes/fake-aperture.js';
import type { FakeHttpServer } from '../fakes/fake-http-server.js';
import { FakeSlackWebApi } from '../fakes/fake-slack-web-api.js';

export const CHANNEL = 'C0ALERTS';
let sequence = 0;

/** A unique message ts, as Slack mints them. */
export function nextTs(): string {
  return `${1_700_000_000 + ++sequence}.${String(sequence).padStart(6, '0')}`;
}

/** An Events API envelope around a channel message event. */
export function messageEnvelope(event: Record<string, unknown>, eventId = `Ev${++sequence}`) {
  return {
    token: 'legacy',
    team_id: 'T0TEAM',
    api_app_id: 'A0APP',
    type: 'event_callback',
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    event: { type: 'message', channel: CHANNEL, user: 'U0LENA', channel_type: 'channel', ...event },
  };
}

export const DENIED_PASTE =
  '$ curl -sS http://ai/v1/models\n{"error":"access denied: no role granted"}';

/**
 * The real Bolt app in HTTP mode against the fake Web API, with checks pointed at a fake
 * Aperture. Everything on 127.0.0.1.
 */
export async function startSlackBot(options: { admins?: string[] } = {}) {
  const slack = await new FakeSlackWebApi().start();
  const aperture: FakeHttpServer = await startFakeAperture();
  const port = await closedPort();
  const config = loadConfig({
    APERTURE_URL: aperture.url,
    ADMIN_USERS: (options.admins ?? []).join(','),
  });
  if (!config.ok) throw new Error('test config invalid');
  const platform: ChatPlatform = createSlackPlatform({
    botToken: 'xoxb-test-token-1',
    signingSecret: SIGNING_SECRET,
    slackApiUrl: `${slack.url}/api/`,
    port,
    conversation: buildConversationDeps(config.config),
    logger: createSilentLogger(),
    adminUsers: options.admins ?? [],
    queue: { minTimeMs: 5, burst: 5 },
  });
  await platform.start();
  const eventsUrl = `http://127.0.0.1:${port}/slack/events`;
  return {
    slack,
    aperture,
    eventsUrl,
    platform,
    /** Sends a chat message that always gets a reply, and waits for it: everything before it is done. */
    async settle() {
      const before = slack.callsTo('chat.postMessage').length;
      await postEvent(
        eventsUrl,
        messageEnvelope({
          ts: nextTs(),
          channel: 'C0SENTINEL',
          text: 'curl: (6) Could not resolve host: ai',
        }),
      );
      await waitFor(
        () =>
          slack.callsTo('chat.postMessage').length > before &&
          slack.callsTo('chat.postMessage').some((c) => c.args.channel === 'C0SENTINEL'),
      );
    },
    /** Diagnoses in the real channel, excluding the sentinel's. */
    replies: () =>
      slack.deliveredTo('chat.postMessage').filter((c) => c.args.channel !== 'C0SENTINEL'),
    async stop() {
      await platform.stop();
      await Promise.all([slack.close(), aperture.close()]);
    },
  };
}
