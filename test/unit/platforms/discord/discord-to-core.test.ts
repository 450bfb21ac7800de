import type { Requester } from '../../../../src/core/checks/follow-up-check.js';
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ButtonInteraction,
  ChannelType,
  ChatInputCommandInteraction,
  Client,
  ComponentType,
  GatewayIntentBits,
  InteractionType,
  Message,
} from 'discord.js';
import { afterAll, describe, expect, it } from 'vitest';
import {
  clickToCore,
  commandToCore,
  messageToCore,
} from '../../../../src/platforms/discord/discord-to-core.js';

// Real discord.js structures built from gateway-shaped payloads (never logged in), so the
// translator is tested against what discord.js really hands the listeners.
const client = new Client({ intents: [GatewayIntentBits.Guilds] });
const guild = (client.guilds as unknown as { _add(d: unknown): unknown })._add({
  id: '100',
  name: 'guild',
  channels: [],
  roles: [],
  members: [],
  unavailable: false,
});
const channels = client.channels as unknown as { _add(d: unknown, g: unknown): unknown };
channels._add({ id: '200', type: ChannelType.GuildText, guild_id: '100', name: 'help' }, guild);
channels._add(
  { id: '210', type: ChannelType.PublicThread, guild_id: '100', parent_id: '200', name: 't' },
  guild,
);
const requester: Requester = { platform: 'discord', userId: '400', isAdmin: false };
type Ctor<T> = new (c: Client, d: unknown) => T;

function message(
  overrides: {
    channel_id?: string;
    guild_id?: string;
    bot?: boolean;
    id?: string;
    type?: number;
  } = {},
): Message {
  return new (Message as unknown as Ctor<Message>)(client, {
    id: overrides.id ?? '300',
    channel_id: overrides.channel_id ?? '200',
    guild_id: 'guild_id' in overrides ? overrides.guild_id : '100',
    type: overrides.type ?? 0,
    content: 'HTTP 403 access denied',
    author: { id: '400', username: 'ann', discriminator: '0', bot: overrides.bot ?? false },
    timestamp: new Date(0).toISOString(),
    attachments: [],
    embeds: [],
    mentions: [],
    mention_roles: [],
    pinned: false,
    tts: false,
  });
}

/** Fields every interaction payload carries; discord.js v14 refuses one without them. */
const INTERACTION_FIELDS = {
  token: 'tok',
  entitlements: [],
  authorizing_integration_owners: { '0': '100' },
  context: 0,
  version: 1,
};

function memberOf(id: string, username: string) {
  return {
    user: { id, username, discriminator: '0' },
    roles: [],
    joined_at: new Date(0).toISOString(),
    deaf: false,
    mute: false,
    permissions: '0',
  };
}

function slash(
  sub: string,
  options: { name: string; value: string }[],
): ChatInputCommandInteraction {
  return new (ChatInputCommandInteraction as unknown as Ctor<ChatInputCommandInteraction>)(client, {
    id: '500',
    application_id: '600',
    type: InteractionType.ApplicationCommand,
    ...INTERACTION_FIELDS,
    channel_id: '200',
    channel: { id: '200', type: ChannelType.GuildText },
    guild_id: '100',
    member: memberOf('400', 'ann'),
    data: {
      id: '700',
      name: 'aperture',
      type: ApplicationCommandType.ChatInput,
      options: [
        {
          name: sub,
          type: ApplicationCommandOptionType.Subcommand,
          options: options.map((o) => ({ ...o, type: ApplicationCommandOptionType.String })),
        },
      ],
    },
  });
}

function click(customId: string): ButtonInteraction {
  return new (ButtonInteraction as unknown as Ctor<ButtonInteraction>)(client, {
    id: '800',
    application_id: '600',
    type: InteractionType.MessageComponent,
    ...INTERACTION_FIELDS,
    channel_id: '210',
    channel: { id: '210', type: ChannelType.PublicThread },
    guild_id: '100',
    member: memberOf('401', 'bob'),
    message: {
      id: '310',
      channel_id: '210',
      type: 0,
      content: '',
      author: { id: '900', username: 'bot', discriminator: '0', bot: true },
      timestamp: new Date(0).toISOString(),
      attachments: [],
      embeds: [],
      mentions: [],
      mention_roles: [],
      pinned: false,
      tts: false,
    },
    data: { custom_id: customId, component_type: ComponentType.Button },
  });
}

afterAll(() => client.destroy());

describe('messageToCore', () => {
  it('maps a channel message to a message whose thread root is itself', () => {
    expect(messageToCore(message(), { asked: false, botUserId: '900' })).toEqual({
      platform: 'discord',
      channelId: '200',
      messageId: '300',
      threadRootId: '300',
      userId: '400',
      text: 'HTTP 403 access denied',
      asked: false,
    });
  });

  it("GIVEN a message inside a thread THEN its channel is the thread's parent and the thread is the root", () => {
    // The allow-list, mute and cooldown are the parent channel's, as for a Slack thread.
    const core = messageToCore(message({ channel_id: '210' }), { asked: true });
    expect(core).toMatchObject({ channelId: '200', threadRootId: '210', asked: true });
  });

  it("drops a bot's message", () => {
    expect(messageToCore(message({ bot: true }), { asked: false })).toBeUndefined();
  });

  it("drops the bot's own message even when not flagged as a bot", () => {
    expect(messageToCore(message(), { asked: false, botUserId: '400' })).toBeUndefined();
  });

  it('drops a system message such as a thread-created notice', () => {
    expect(messageToCore(message({ type: 18 }), { asked: false })).toBeUndefined();
  });
});

describe('commandToCore', () => {
  it('maps /aperture why topic:429 to the text "why 429"', () => {
    expect(commandToCore(slash('why', [{ name: 'topic', value: '429' }]), requester)).toEqual({
      platform: 'discord',
      channelId: '200',
      userId: '400',
      text: 'why 429',
      requester,
    });
  });

  it('maps /aperture diagnose text: to "diagnose <text>"', () => {
    const text = 'curl: (6) Could not resolve host: ai';
    expect(commandToCore(slash('diagnose', [{ name: 'text', value: text }]), requester).text).toBe(
      `diagnose ${text}`,
    );
  });

  it('maps /aperture list without options to "list"', () => {
    expect(commandToCore(slash('list', []), requester).text).toBe('list');
  });
});

describe('clickToCore', () => {
  it('passes the button custom_id through as the action id', () => {
    expect(clickToCore(click('ad1|s|https|0'))).toEqual({
      channelId: '210',
      userId: '401',
      actionId: 'ad1|s|https|0',
    });
  });

  it('refuses a custom_id longer than any action id we issue', () => {
    expect(clickToCore(click('x'.repeat(101)))).toBeUndefined();
  });
});
