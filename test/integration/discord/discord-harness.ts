import type { FeedbackStore } from '../../../src/core/feedback/feedback-example.js';
import type { ChatPlatform } from '../../../src/platforms/chat-platform.js';
import type { PlatformLogger } from '../../../src/platforms/platform-logger.js';
import { createDiscordPlatform } from '../../../src/platforms/discord/start-discord.js';
import { buildConversationDeps } from '../../../src/runtime/build-runtime.js';
import { loadConfig } from '../../../src/runtime/config.js';
import { createSilentLogger } from '../../../src/runtime/logger.js';
import { startFakeAperture } from '../fakes/fake-aperture.js';
import { FakeDiscordGateway } from '../fakes/fake-discord-gateway.js';
import {
  APPLICATION_ID,
  BOT_USER,
  CHANNEL_ID,
  FakeDiscordRest,
  GUILD_ID,
  THREAD_ID,
} from '../fakes/fake-discord-rest.js';

let sequence = 0;
export const nextId = () => String(920_000_000_000_000_000n + BigInt(++sequence));

export const DENIED_PASTE =
  '$ curl -sS http://ai/v1/models\n{"error":"access denied: no role granted"}';

export function messagePayload(content: string, author: Record<string, unknown> = {}) {
  return {
    id: nextId(),
    channel_id: CHANNEL_ID,
    guild_id: GUILD_ID,
    content,
    type: 0,
    flags: 0,
    tts: false,
    pinned: false,
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    embeds: [],
    components: [],
    author: {
      id: '900000000000000010',
      username: 'lena',
      discriminator: '0',
      global_name: 'Lena',
      avatar: null,
      ...author,
    },
    member: { roles: [], joined_at: new Date().toISOString(), deaf: false, mute: false, flags: 0 },
  };
}

const member = {
  user: {
    id: '900000000000000010',
    username: 'lena',
    discriminator: '0',
    global_name: 'Lena',
    avatar: null,
  },
  roles: [],
  joined_at: new Date().toISOString(),
  deaf: false,
  mute: false,
  flags: 0,
  permissions: '2248473465835073',
};

/** The same message posted in the thread under the channel instead. */
export function inThread<T extends { channel_id: string }>(message: T): T {
  return { ...message, channel_id: THREAD_ID };
}

/** MESSAGE_REACTION_ADD: `userId` put `emoji` on `message`. */
export function reactionAdd(
  message: ReturnType<typeof messagePayload>,
  emoji: string,
  user: Record<string, unknown> = member.user,
) {
  return {
    user_id: user.id,
    channel_id: message.channel_id,
    message_id: message.id,
    guild_id: GUILD_ID,
    message_author_id: message.author.id,
    member: { ...member, user },
    emoji: { id: null, name: emoji },
    burst: false,
    type: 0,
  };
}

/** MESSAGE_DELETE for `message`. */
export function messageDelete(message: { id: string; channel_id: string }) {
  return { id: message.id, channel_id: message.channel_id, guild_id: GUILD_ID };
}

function interactionBase(type: number, data: unknown, extra: Record<string, unknown> = {}) {
  return {
    id: nextId(),
    application_id: APPLICATION_ID,
    type,
    data,
    guild_id: GUILD_ID,
    channel_id: CHANNEL_ID,
    channel: { id: CHANNEL_ID, type: 0, guild_id: GUILD_ID, name: 'alerts' },
    member,
    token: `token-${sequence}`,
    version: 1,
    app_permissions: '2248473465835073',
    locale: 'en-US',
    guild_locale: 'en-US',
    entitlements: [],
    authorizing_integration_owners: { '0': GUILD_ID },
    context: 0,
    ...extra,
  };
}

export function slashCommand(sub: string, options: Array<{ name: string; value: string }> = []) {
  return interactionBase(2, {
    id: '930000000000000001',
    name: 'aperture',
    type: 1,
    options: [{ name: sub, type: 1, options: options.map((o) => ({ ...o, type: 3 })) }],
  });
}

export function contextMenu(target: ReturnType<typeof messagePayload>) {
  return interactionBase(2, {
    id: '930000000000000002',
    name: 'Diagnose with Aperture Doctor',
    type: 3,
    target_id: target.id,
    resolved: { messages: { [target.id]: target } },
  });
}

export function autocomplete(typed: string) {
  return interactionBase(4, {
    id: '930000000000000001',
    name: 'aperture',
    type: 1,
    options: [
      { name: 'why', type: 1, options: [{ name: 'topic', type: 3, value: typed, focused: true }] },
    ],
  });
}

export function buttonClick(customId: string, message = botMessage()) {
  return interactionBase(3, { custom_id: customId, component_type: 2 }, { message });
}

/** A message the bot posted (the one holding the buttons). */
export function botMessage() {
  return { ...messagePayload('', BOT_USER), author: BOT_USER };
}

/** A choice from a string select such as the "Not it" picker. */
export function selectChoice(customId: string, value: string) {
  const message = { ...messagePayload('', BOT_USER), author: BOT_USER, flags: 64 };
  return interactionBase(
    3,
    { custom_id: customId, component_type: 3, values: [value] },
    { message },
  );
}

/** The same interaction clicked by another member. */
export function byUser<T extends { member: typeof member }>(interaction: T, userId: string): T {
  return {
    ...interaction,
    id: nextId(),
    member: { ...member, user: { ...member.user, id: userId } },
  };
}

/** The real discord.js client against fake REST and gateway on 127.0.0.1; checks hit a fake Aperture. */
export async function startDiscordBot(
  options: {
    /** Where the bot logs; silent by default. */
    logger?: PlatformLogger;
    /** The conversation's clock (cooldowns, claims); the real one by default. */
    clock?: () => number;
    /** ADMIN_USERS. */
    admins?: string[];
    /** More environment, e.g. LISTEN_CHANNELS or DISCORD_LOGINS. */
    env?: Record<string, string>;
    /** discord.js's local global REST limit (50/s), raised for suites that send hundreds of replies. */
    globalRequestsPerSecond?: number;
    /** Where verdicts are recorded; none by default. */
    feedback?: FeedbackStore;
  } = {},
) {
  const rest = await new FakeDiscordRest().start();
  const gateway = await new FakeDiscordGateway().start();
  rest.gatewayUrl = gateway.url;
  const aperture = await startFakeAperture();
  const config = loadConfig({
    APERTURE_URL: aperture.url,
    ADMIN_USERS: (options.admins ?? []).join(','),
    ...options.env,
  });
  if (!config.ok) throw new Error('test config invalid');
  const platform: ChatPlatform = createDiscordPlatform({
    token: 'ODk.fake.discord-token',
    apiUrl: rest.url,
    conversation: buildConversationDeps(config.config, {
      clock: options.clock,
      feedback: options.feedback,
    }),
    logger: options.logger ?? createSilentLogger(),
    adminUsers: options.admins ?? [],
    logins: config.config.DISCORD_LOGINS,
    readyTimeoutMs: 10_000,
    globalRequestsPerSecond: options.globalRequestsPerSecond,
  });
  await platform.start();
  return {
    rest,
    gateway,
    aperture,
    platform,
    async stop() {
      await platform.stop();
      await Promise.all([gateway.close(), rest.close(), aperture.close()]);
    },
  };
}
