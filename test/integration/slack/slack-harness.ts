import type { FeedbackStore } from '../../../src/core/feedback/feedback-example.js';
import type { ChatPlatform } from '../../../src/platforms/chat-platform.js';
import type { PlatformInstruments } from '../../../src/platforms/platform-instruments.js';
import type { PlatformLogger } from '../../../src/platforms/platform-logger.js';
import type { SlackPlatformOptions } from '../../../src/platforms/slack/start-slack.js';
import { createSlackPlatform } from '../../../src/platforms/slack/start-slack.js';
import { buildConversationDeps } from '../../../src/runtime/build-runtime.js';
import { loadConfig } from '../../../src/runtime/config.js';
import { createSilentLogger } from '../../../src/runtime/logger.js';
import { createRedisClient } from '../../../src/runtime/state/redis-state-store.js';
import { ResilientStateStore } from '../../../src/runtime/state/resilient-state-store.js';
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

/** A `block_actions` payload: the click of a button under a message in a thread of CHANNEL. */
export function blockActionsPayload(
  action: Record<string, unknown>,
  options: {
    messageTs: string;
    threadTs: string;
    ephemeral?: boolean;
    responseUrl?: string;
    user?: string;
    /** The clicked message's blocks, for handlers that edit it in place. */
    blocks?: unknown[];
  },
) {
  return {
    type: 'block_actions',
    user: { id: options.user ?? 'U0LENA' },
    team: { id: 'T0TEAM' },
    api_app_id: 'A0APP',
    channel: { id: CHANNEL },
    container: {
      type: 'message',
      message_ts: options.messageTs,
      channel_id: CHANNEL,
      is_ephemeral: options.ephemeral ?? false,
    },
    message: {
      ts: options.messageTs,
      thread_ts: options.threadTs,
      text: 'diagnosis',
      blocks: options.blocks ?? [],
    },
    ...(options.responseUrl ? { response_url: options.responseUrl } : {}),
    trigger_id: 't',
    actions: [{ block_id: 'aperture_actions', action_ts: '1', ...action }],
  };
}

export const DENIED_PASTE =
  '$ curl -sS http://ai/v1/models\n{"error":"access denied: no role granted"}';

/**
 * The real Bolt app in HTTP mode against the fake Web API, with checks pointed at a fake
 * Aperture. Everything on 127.0.0.1.
 */
export async function startSlackBot(
  options: {
    admins?: string[];
    slack?: FakeSlackWebApi;
    redisUrl?: string;
    /** Metrics hooks, e.g. createMetrics().instruments to read /metrics' text. */
    instruments?: PlatformInstruments;
    /** Outbound queue settings beyond the harness's fast pacing. */
    queue?: SlackPlatformOptions['queue'];
    /** Where the bot logs (Bolt's lines too); silent by default. */
    logger?: PlatformLogger;
    /** More environment, e.g. LLM_BASE_URL pointing at a fake gateway. */
    env?: Record<string, string>;
    /** Where verdicts are recorded; none by default. */
    feedback?: FeedbackStore;
  } = {},
) {
  const slack = options.slack ?? (await new FakeSlackWebApi().start());
  const aperture: FakeHttpServer = await startFakeAperture();
  const port = await closedPort();
  // Replicas share Redis when a URL is given; otherwise each has its own memory.
  const state = options.redisUrl
    ? new ResilientStateStore(createRedisClient(options.redisUrl), createSilentLogger())
    : undefined;
  const config = loadConfig({
    APERTURE_URL: aperture.url,
    ADMIN_USERS: (options.admins ?? []).join(','),
    ...options.env,
  });
  if (!config.ok) throw new Error('test config invalid');
  const platform: ChatPlatform = createSlackPlatform({
    botToken: 'xoxb-test-token-1',
    signingSecret: SIGNING_SECRET,
    slackApiUrl: `${slack.url}/api/`,
    port,
    conversation: buildConversationDeps(config.config, { state, feedback: options.feedback }),
    logger: options.logger ?? createSilentLogger(),
    adminUsers: options.admins ?? [],
    queue: { minTimeMs: 5, ...options.queue },
    webApiTimeoutMs: 1000,
    instruments: options.instruments,
  });
  await platform.start();
  const eventsUrl = `http://127.0.0.1:${port}/slack/events`;
  return {
    slack,
    aperture,
    eventsUrl,
    platform,
    /** The replica's shared state, when it has Redis. */
    state,
    /**
     * Sends a chat message that always gets a reply, and waits for it: everything sent before it
     * has been handled. Each sentinel has a channel of its own, out of reach of any cooldown.
     */
    async settle() {
      const channel = `C0SENTINEL${nextTs().replace('.', '')}`;
      await postEvent(
        eventsUrl,
        messageEnvelope({ ts: nextTs(), channel, text: 'curl: (6) Could not resolve host: ai' }),
      );
      await waitFor(() =>
        slack.deliveredTo('chat.postMessage').some((c) => c.args.channel === channel),
      );
    },
    /** Diagnoses in the real channels, excluding the sentinels'. */
    replies: () =>
      slack
        .deliveredTo('chat.postMessage')
        .filter((c) => !String(c.args.channel).startsWith('C0SENTINEL')),
    async stop() {
      await platform.stop();
      await state?.close();
      await Promise.all([options.slack ? Promise.resolve() : slack.close(), aperture.close()]);
    },
  };
}
