import {
  DiscordAPIError,
  Events,
  MessageFlags,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Client,
  type Interaction,
  type Message,
  type MessageContextMenuCommandInteraction,
  type StringSelectMenuInteraction,
} from 'discord.js';
import {
  CONFIG_REVEALING_CHECKS,
  REQUESTER_CHECKS,
  isCheckId,
  type CheckId,
} from '../../core/checks/check-ids.js';
import type { Requester } from '../../core/checks/follow-up-check.js';
import { answerAction } from '../../core/conversation/answer-action.js';
import { answerCommand } from '../../core/conversation/answer-command.js';
import { answerMessage } from '../../core/conversation/answer-message.js';
import type { ConversationDeps } from '../../core/conversation/conversation-deps.js';
import { SYMPTOMS } from '../../core/knowledge/index.js';
import { MAX_ACTION_ID_LENGTH, decodeActionId } from '../../core/reply/action-id.js';
import { buildNoticeReply } from '../../core/reply/build-other-replies.js';
import type { Reply } from '../../core/reply/reply.js';
import type { PlatformInstruments } from '../platform-instruments.js';
import type { PlatformLogger } from '../platform-logger.js';
import { truncateText } from '../truncate-text.js';
import { COMMAND_NAME, DIAGNOSE_MESSAGE_COMMAND } from './discord-command-definitions.js';
import { clickToCore, commandToCore, messageToCore } from './discord-to-core.js';
import { renderDiscordMessage } from './render-discord-message.js';

export interface DiscordListenerDeps {
  conversation: ConversationDeps;
  logger: PlatformLogger;
  adminUsers: readonly string[];
  /** DISCORD_LOGINS: Discord has no email, so a user's tailnet login comes from here. */
  logins?: ReadonlyMap<string, string>;
  instruments: PlatformInstruments;
}

/** Discord allows 100 characters in a thread name. */
const THREAD_NAME_MAX = 100;
const AUTOCOMPLETE_MAX = 25;

/** Wires messages and interactions to the core. Interactions are answered or deferred at once. */
export function registerDiscordListeners(client: Client, deps: DiscordListenerDeps): void {
  const { conversation, logger } = deps;
  const requester = (userId: string): Requester => ({
    platform: 'discord',
    userId,
    email: deps.logins?.get(userId),
    isAdmin: deps.adminUsers.includes(userId),
  });

  client.on(Events.MessageCreate, (message) => {
    void onMessage(message).catch((error: unknown) =>
      logger.error({ message: errorText(error) }, 'a Discord message handler failed'),
    );
  });
  client.on(Events.InteractionCreate, (interaction) => {
    void onInteraction(interaction).catch((error: unknown) =>
      logger.error({ message: errorText(error) }, 'a Discord interaction handler failed'),
    );
  });

  async function onMessage(message: Message) {
    const receivedAt = Date.now();
    const incoming = messageToCore(message, { asked: false, botUserId: client.user?.id });
    if (!incoming) return;
    deps.instruments.eventReceived('discord');
    const outcome = await answerMessage(incoming, conversation);
    // Discord has no message only one person sees outside interactions: an unsure diagnosis stays silent.
    if (outcome.kind !== 'reply') return;
    await replyInThread(message, outcome.reply);
    deps.instruments.replySent('discord', (Date.now() - receivedAt) / 1000);
  }

  /** A thread started from the message; a plain reply where threads are not allowed. */
  async function replyInThread(message: Message, reply: Reply) {
    const rendered = renderDiscordMessage(reply);
    if (message.channel.isThread()) {
      await message.channel.send(rendered);
      return;
    }
    try {
      const thread = await message.startThread({
        name: truncateText(reply.title, THREAD_NAME_MAX),
        autoArchiveDuration: 1440,
      });
      await thread.send(rendered);
    } catch (error) {
      if (!(error instanceof DiscordAPIError)) throw error;
      logger.warn(
        { code: error.code, status: error.status },
        'could not start a thread; replying to the message instead',
      );
      await message.reply({ ...rendered, allowedMentions: { repliedUser: false } });
    }
  }

  async function onInteraction(interaction: Interaction) {
    if (interaction.isAutocomplete()) return onAutocomplete(interaction);
    if (interaction.isChatInputCommand() && interaction.commandName === COMMAND_NAME)
      return onCommand(interaction);
    if (
      interaction.isMessageContextMenuCommand() &&
      interaction.commandName === DIAGNOSE_MESSAGE_COMMAND
    )
      return onContextMenu(interaction);
    if (interaction.isButton() && interaction.customId.startsWith('ad1|'))
      return onButton(interaction);
    if (interaction.isStringSelectMenu() && interaction.customId.startsWith('ad1|'))
      return onSelect(interaction);
  }

  async function onAutocomplete(interaction: AutocompleteInteraction) {
    const typed = interaction.options.getFocused().toLowerCase();
    const choices = SYMPTOMS.flatMap((entry) =>
      [entry.id, ...entry.topics].map((topic) => ({
        name: `${topic} (${entry.id})`.slice(0, 100),
        value: topic,
      })),
    )
      .filter((choice) => choice.value.includes(typed))
      .slice(0, AUTOCOMPLETE_MAX);
    await interaction.respond(choices);
  }

  async function onCommand(interaction: ChatInputCommandInteraction) {
    const invocation = commandToCore(interaction, requester(interaction.user.id));
    // A check can take up to its 5 s deadline: defer within Discord's 3 s, then edit.
    const checkId =
      interaction.options.getSubcommand(false) === 'check'
        ? interaction.options.getString('id')
        : null;
    const slow = checkId !== null;
    const hidden = checkId !== null && isCheckId(checkId) && answersPrivately(checkId);
    if (slow) await interaction.deferReply(hidden ? { flags: MessageFlags.Ephemeral } : {});
    const reply = await answerCommand(invocation, conversation);
    const rendered = renderDiscordMessage(reply);
    if (slow) await finishDeferred(interaction, reply, hidden);
    else
      await interaction.reply({
        ...rendered,
        ...(reply.private ? { flags: MessageFlags.Ephemeral } : {}),
      });
  }

  async function onContextMenu(interaction: MessageContextMenuCommandInteraction) {
    const incoming = messageToCore(interaction.targetMessage, { asked: true });
    if (!incoming) {
      await interaction.reply({
        ...renderDiscordMessage(
          buildNoticeReply('Nothing to diagnose', 'I only diagnose messages people wrote.'),
        ),
        flags: MessageFlags.Ephemeral,
      });
      return;
    }
    const outcome = await answerMessage({ ...incoming, userId: interaction.user.id }, conversation);
    const reply =
      outcome.kind !== 'silent'
        ? outcome.reply
        : outcome.reason === 'duplicate'
          ? buildNoticeReply('Already answered', 'I answered that message in its thread.')
          : buildNoticeReply('Asked a moment ago', 'I answered you privately just now.');
    await interaction.reply({
      ...renderDiscordMessage(reply),
      ...(reply.private || outcome.kind === 'silent' ? { flags: MessageFlags.Ephemeral } : {}),
    });
  }

  async function onSelect(interaction: StringSelectMenuInteraction) {
    await answerSelect(interaction, conversation, requester(interaction.user.id));
  }

  async function onButton(interaction: ButtonInteraction) {
    const click = clickToCore(interaction);
    if (!click) return;
    const action = decodeActionId(click.actionId);
    const who = requester(click.userId);
    const hidden = action?.type === 'check' && answersPrivately(action.checkId);
    // Only a check may outlast Discord's 3 s; everything else is answered at once, privately or not.
    const slow = action?.type === 'check';
    if (slow) await interaction.deferReply(hidden ? { flags: MessageFlags.Ephemeral } : {});
    const pastedText =
      action?.type === 'check' && action.checkId === 'exit-node' && interaction.channel?.isThread()
        ? (await interaction.channel.fetchStarterMessage().catch(() => null))?.content
        : undefined;
    const reply = await answerAction(
      {
        platform: 'discord',
        channelId: click.channelId,
        userId: click.userId,
        actionId: click.actionId,
        requester: who,
        pastedText,
        messageId: interaction.message.id,
      },
      conversation,
    );
    if (slow) return finishDeferred(interaction, reply, hidden);
    // A repeated "Solved": acknowledge the click and change nothing.
    if (reply.silent) return interaction.deferUpdate().then(() => undefined);
    if (reply.updateClicked) {
      await interaction.update({
        content: `✅ Solved by <@${reply.updateClicked.solvedBy}>`,
        components: [],
        allowedMentions: { parse: [] },
      });
      return;
    }
    await interaction.reply({
      ...renderDiscordMessage(reply),
      ...(reply.private ? { flags: MessageFlags.Ephemeral } : {}),
    });
  }
}

/** A choice from the private "Not it" picker: its value is an action id, answered in the channel. */
async function answerSelect(
  interaction: StringSelectMenuInteraction,
  conversation: ConversationDeps,
  who: Requester,
): Promise<void> {
  const actionId = interaction.values[0];
  if (!actionId || actionId.length > MAX_ACTION_ID_LENGTH) return;
  const reply = await answerAction(
    {
      platform: 'discord',
      channelId: interaction.channelId,
      userId: interaction.user.id,
      actionId,
      requester: who,
    },
    conversation,
  );
  await interaction.reply({
    ...renderDiscordMessage(reply),
    ...(reply.private ? { flags: MessageFlags.Ephemeral } : {}),
  });
}

/**
 * Completes a deferred interaction. A deferral's visibility is fixed when it is made, so a private
 * answer to a public deferral replaces the placeholder with an ephemeral follow-up.
 * @see https://discord.com/developers/docs/interactions/receiving-and-responding#followup-messages
 */
async function finishDeferred(
  interaction: ChatInputCommandInteraction | ButtonInteraction,
  reply: Reply,
  deferredPrivately: boolean,
): Promise<void> {
  const rendered = renderDiscordMessage(reply);
  if (!reply.private || deferredPrivately) {
    await interaction.editReply(rendered);
  } else {
    await interaction.deleteReply();
    await interaction.followUp({ ...rendered, flags: MessageFlags.Ephemeral });
  }
  // An admin's private result leaves one public line, so the thread knows it was checked.
  if (reply.publicNote) {
    await interaction.followUp({
      content: `${reply.publicNote} (checked by <@${interaction.user.id}>)`,
      allowedMentions: { parse: [] },
    });
  }
}

/** An admin's config, or the asker's own login: answered to the asker only, whoever it is. */
function answersPrivately(checkId: CheckId): boolean {
  return CONFIG_REVEALING_CHECKS.has(checkId) || REQUESTER_CHECKS.has(checkId);
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
