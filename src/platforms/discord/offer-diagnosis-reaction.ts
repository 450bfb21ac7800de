import {
  DiscordAPIError,
  type Message,
  type MessageReaction,
  type PartialMessageReaction,
  type PartialUser,
  type User,
} from 'discord.js';
import type { SharedState } from '../../core/conversation/ports.js';
import type { PlatformLogger } from '../platform-logger.js';

/**
 * The "Diagnose this?" offer on an unsure paste. Slack shows it to the poster alone; Discord has no
 * message only one person sees outside interactions, and a public offer under every middling paste
 * is noise, so the bot reacts with this emoji and the poster clicking it asks for the diagnosis.
 */
export const OFFER_EMOJI = '🩺';
/** An offer stands for a day, like the claim on the message it was made for. */
const OFFER_SECONDS = 24 * 60 * 60;
const offerKey = (channelId: string, messageId: string) =>
  `discord-offer:${channelId}:${messageId}`;

interface OfferDeps {
  state: SharedState;
  logger: PlatformLogger;
}

/**
 * Reacts to `message` with the offer. Recorded first, so a quick click finds it on any replica.
 * @see https://discord.com/developers/docs/resources/message#create-reaction
 */
export async function offerDiagnosis(message: Message, deps: OfferDeps): Promise<void> {
  const key = offerKey(message.channelId, message.id);
  await deps.state.put(key, '1', OFFER_SECONDS);
  try {
    await message.react(OFFER_EMOJI);
  } catch (error) {
    if (!(error instanceof DiscordAPIError)) throw error;
    // Invited before the bot asked for Add Reactions (docs/discord-setup.md): no offer.
    deps.logger.warn(
      { code: error.code, status: error.status },
      'could not offer a diagnosis with a reaction; is Add Reactions granted?',
    );
    await deps.state.delete(key);
  }
}

/**
 * The message whose offer `user` just took, or undefined: another emoji, the bot's own reaction,
 * no offer of ours, or somebody other than the poster (anyone sees the offer; only the poster, who
 * alone would see it on Slack, takes it). A taken offer is gone.
 */
export async function takeOffer(
  reaction: MessageReaction | PartialMessageReaction,
  user: User | PartialUser,
  botUserId: string | undefined,
  deps: OfferDeps,
): Promise<Message | undefined> {
  if (reaction.emoji.name !== OFFER_EMOJI || user.id === botUserId) return undefined;
  const key = offerKey(reaction.message.channelId, reaction.message.id);
  if ((await deps.state.get(key)) === undefined) return undefined;
  const message = reaction.message.partial ? await reaction.message.fetch() : reaction.message;
  if (message.author.id !== user.id) return undefined;
  await deps.state.delete(key);
  return message;
}

/** Removes the bot's own offer emoji once the offer is answered. */
export async function withdrawOffer(
  reaction: MessageReaction | PartialMessageReaction,
  botUserId: string | undefined,
): Promise<void> {
  if (botUserId) await reaction.users.remove(botUserId);
}
