import {
  Events,
  MessageFlags,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Client,
  type Interaction,
  type Message,
  type MessageContextMenuCommandInteraction,
  type MessageReaction,
  type PartialMessageReaction,
  type PartialUser,
  type User,
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
import { recordOfferTaken, verdictNeedsPaste } from '../../core/feedback/record-verdict.js';
import { SYMPTOMS } from '../../core/knowledge/index.js';
import { MAX_ACTION_ID_LENGTH, decodeActionId } from '../../core/reply/action-id.js';
import { buildNoticeReply } from '../../core/reply/build-other-replies.js';
import type { Reply } from '../../core/reply/reply.js';
import type { PlatformInstruments } from '../platform-instruments.js';
import { discordErrorFix } from './discord-error-fix.js';
import type { PlatformLogger } from '../platform-logger.js';
import { COMMAND_NAME, DIAGNOSE_MESSAGE_COMMAND } from './discord-command-definitions.js';
import { clickToCore, commandToCore, messageToCore } from './discord-to-core.js';
import { offerDiagnosis, takeOffer, withdrawOffer } from './offer-diagnosis-reaction.js';
import { postDiscordReply, withdrawDiscordReply } from './post-discord-reply.js';
import { renderDiscordMessage } from './render-discord-message.js';

export interface DiscordListenerDeps {
  conversation: ConversationDeps;
  logger: PlatformLogger;
  adminUsers: readonly string[];
  /** DISCORD_API_URL, named in the log line when Discord cannot be reached. */
  apiUrl?: string;
  /** DISCORD_LOGINS: Discord has no email, so a user's tailnet login comes from here. */
  logins?: ReadonlyMap<string, string>;
  instruments: PlatformInstruments;
}

const AUTOCOMPLETE_MAX = 25;
/** Each topic once, under the first symptom that lists it (a symptom's id is often a topic too). */
const TOPIC_CHOICES = SYMPTOMS.flatMap((entry) =>
  [entry.id, ...entry.topics].map((topic) => ({
    name: `${topic} (${entry.id})`.slice(0, 100),
    value: topic,
  })),
).filter((choice, index, all) => all.findIndex((c) => c.value === choice.value) === index);

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
      logFailure(error, 'a Discord message handler failed'),
    );
  });
  client.on(Events.InteractionCreate, (interaction) => {
    void onInteraction(interaction).catch((error: unknown) =>
      logFailure(error, 'a Discord interaction handler failed'),
    );
  });

  client.on(Events.MessageReactionAdd, (reaction, user) => {
    void onReaction(reaction, user).catch((error: unknown) =>
      logFailure(error, 'a Discord reaction handler failed'),
    );
  });
  client.on(Events.MessageDelete, (message) => {
    void withdrawDiscordReply(client, message, conversation.state).catch((error: unknown) =>
      logFailure(error, 'could not withdraw a Discord reply'),
    );
  });

  /** One line per failure; a revoked token or an unreachable API names the variable to fix. */
  function logFailure(error: unknown, what: string) {
    const fix = discordErrorFix(error, deps.apiUrl ?? 'https://discord.com/api');
    logger.error(
      { message: errorText(error), ...(fix ? { fix } : {}) },
      fix ? `${what}: ${fix}` : what,
    );
  }

  const offerDeps = { state: conversation.state, logger };
  const post = (message: Message, reply: Reply) =>
    postDiscordReply(message, reply, { state: conversation.state, logger });

  async function onMessage(message: Message) {
    const receivedAt = Date.now();
    const incoming = messageToCore(message, { asked: false, botUserId: client.user?.id });
    if (!incoming) return;
    deps.instruments.eventReceived('discord');
    const outcome = await answerMessage(incoming, conversation);
    if (outcome.kind === 'prompt') return offerDiagnosis(message, offerDeps);
    if (outcome.kind !== 'reply') return;
    await post(message, outcome.reply);
    deps.instruments.replySent('discord', (Date.now() - receivedAt) / 1000);
  }

  /** The poster accepting an offer: the paste is diagnosed as if asked, in its thread. */
  async function onReaction(
    reaction: MessageReaction | PartialMessageReaction,
    user: User | PartialUser,
  ) {
    const message = await takeOffer(reaction, user, client.user?.id, offerDeps);
    if (!message) return;
    const receivedAt = Date.now();
    const incoming = messageToCore(message, { asked: true, botUserId: client.user?.id });
    if (!incoming) return;
    deps.instruments.eventReceived('discord');
    const outcome = await answerMessage(incoming, conversation);
    if (outcome.kind === 'reply' && !outcome.reply.private) {
      await post(message, outcome.reply);
      deps.instruments.replySent('discord', (Date.now() - receivedAt) / 1000);
    }
    await recordOfferTaken({ ...incoming, pastedText: incoming.text }, conversation);
    await withdrawOffer(reaction, client.user?.id);
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
    const choices = TOPIC_CHOICES.filter((choice) => choice.value.includes(typed)).slice(
      0,
      AUTOCOMPLETE_MAX,
    );
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

  /** Answers like a paste, in the message's thread; the interaction itself is answered privately. */
  async function onContextMenu(interaction: MessageContextMenuCommandInteraction) {
    const target = interaction.targetMessage;
    const incoming = messageToCore(target, { asked: true, botUserId: client.user?.id });
    if (!incoming) {
      await interaction.reply({
        ...renderDiscordMessage(
          buildNoticeReply('Nothing to diagnose', 'I only diagnose messages people wrote.'),
        ),
        flags: MessageFlags.Ephemeral,
      });
      return;
    }
    // Starting a thread and posting take several REST calls: acknowledge within Discord's 3 s.
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const outcome = await answerMessage({ ...incoming, userId: interaction.user.id }, conversation);
    if (outcome.kind === 'silent') {
      const notice =
        outcome.reason === 'duplicate'
          ? buildNoticeReply('Already answered', 'I answered that message in its thread.')
          : buildNoticeReply('Asked a moment ago', 'I answered you privately just now.');
      await interaction.editReply(renderDiscordMessage(notice));
      return;
    }
    if (outcome.reply.private) {
      await interaction.editReply(renderDiscordMessage(outcome.reply));
      return;
    }
    const sent = await post(target, outcome.reply);
    const notice = buildNoticeReply('Answered in the thread', `My diagnosis is here: ${sent.url}`);
    await interaction.editReply(renderDiscordMessage(notice));
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
    // A last "Not it" asks the model for another symptom when LLM_BASE_URL is set.
    const asksModel =
      action?.type === 'not-it' && action.next.length === 0 && !!conversation.secondOpinion;
    // A check or the model may outlast Discord's 3 s: deferred, then edited. Everything else is
    // answered at once, privately or not.
    const slow = action?.type === 'check' || asksModel;
    if (slow) await interaction.deferReply(hidden ? { flags: MessageFlags.Ephemeral } : {});
    // The exit-node check and the model read the paste, and a verdict stores it (redacted).
    const needsPaste =
      (action?.type === 'check' && action.checkId === 'exit-node') ||
      verdictNeedsPaste(action) ||
      asksModel;
    const pastedText = needsPaste ? await pastedTextOf(interaction) : undefined;
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
    if (slow && reply.silent) return interaction.deleteReply();
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
  const pastedText = verdictNeedsPaste(decodeActionId(actionId))
    ? await pastedTextOf(interaction)
    : undefined;
  const reply = await answerAction(
    {
      platform: 'discord',
      channelId: interaction.channelId,
      userId: interaction.user.id,
      actionId,
      requester: who,
      pastedText,
      messageId: interaction.message.id,
    },
    conversation,
  );
  await interaction.reply({
    ...renderDiscordMessage(reply),
    ...(reply.private ? { flags: MessageFlags.Ephemeral } : {}),
  });
}

/**
 * The paste a diagnosis answered: the message its thread was started from, or the message a plain
 * reply points at (where threads are not allowed). Undefined when neither can be fetched.
 * @see https://discord.com/developers/docs/resources/channel#start-thread-from-message
 */
async function pastedTextOf(
  interaction: ButtonInteraction | StringSelectMenuInteraction,
): Promise<string | undefined> {
  const channel = interaction.channel;
  if (channel?.isThread()) return (await channel.fetchStarterMessage().catch(() => null))?.content;
  const reference = interaction.message.reference?.messageId;
  if (!reference || !channel) return undefined;
  return (await channel.messages.fetch(reference).catch(() => null))?.content;
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
