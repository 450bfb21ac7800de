import type { ButtonInteraction, ChatInputCommandInteraction, Message } from 'discord.js';
import type { Requester } from '../../core/checks/follow-up-check.js';
import type { CommandInvocation, IncomingMessage } from '../../core/conversation/incoming.js';
import { MAX_ACTION_ID_LENGTH } from '../../core/reply/action-id.js';

/**
 * discord.js objects → neutral types. discord.js has already parsed the gateway payloads; this
 * edge drops what the core must never see (bots, the bot itself, DMs, system messages) and
 * maps structured subcommands to the command text the core parses.
 */
export function messageToCore(
  message: Message,
  options: { asked: boolean; botUserId?: string },
): IncomingMessage | undefined {
  if (
    message.author.bot ||
    message.author.id === options.botUserId ||
    message.system ||
    !message.inGuild()
  )
    return undefined;
  const thread = message.channel.isThread() ? message.channel : undefined;
  return {
    platform: 'discord',
    // A thread is part of its channel, as a Slack thread is: the allow-list, mute and cooldown
    // are the parent's. The thread itself is the root the reply goes to.
    channelId: thread?.parentId ?? message.channelId,
    messageId: message.id,
    threadRootId: thread ? message.channelId : message.id,
    userId: message.author.id,
    text: message.content,
    asked: options.asked,
  };
}

/** `/aperture why topic:403` → `why 403`, the same text a Slack user would type. */
export function commandToCore(
  interaction: ChatInputCommandInteraction,
  requester: Requester,
): CommandInvocation {
  const sub = interaction.options.getSubcommand(false) ?? 'help';
  const argument =
    sub === 'why'
      ? interaction.options.getString('topic')
      : sub === 'diagnose'
        ? interaction.options.getString('text')
        : sub === 'check'
          ? interaction.options.getString('id')
          : sub === 'mute'
            ? interaction.options.getString('duration')
            : '';
  const channel = interaction.channel;
  return {
    platform: 'discord',
    // `/aperture mute` in a thread mutes its channel, threads included (see messageToCore).
    channelId: (channel?.isThread() ? channel.parentId : null) ?? interaction.channelId,
    userId: interaction.user.id,
    text: `${sub} ${argument ?? ''}`.trim(),
    requester,
  };
}

export interface DiscordClick {
  channelId: string;
  userId: string;
  actionId: string;
}

export function clickToCore(interaction: ButtonInteraction): DiscordClick | undefined {
  if (interaction.customId.length > MAX_ACTION_ID_LENGTH) return undefined;
  return {
    channelId: interaction.channelId,
    userId: interaction.user.id,
    actionId: interaction.customId,
  };
}
