import { DiscordAPIError, Routes, type Client, type Message } from 'discord.js';
import type { SharedState } from '../../core/conversation/ports.js';
import type { Reply } from '../../core/reply/reply.js';
import type { PlatformLogger } from '../platform-logger.js';
import { truncateText } from '../truncate-text.js';
import { renderDiscordMessage } from './render-discord-message.js';

/** Discord allows 100 characters in a thread name. */
const THREAD_NAME_MAX = 100;
/** A reply is withdrawn when its source is deleted within a week, as on Slack. */
const REPLY_MAP_SECONDS = 7 * 24 * 60 * 60;

const replyKey = (channelId: string, messageId: string) =>
  `discord-reply:${channelId}:${messageId}`;

/**
 * Posts a public reply about `message` in its thread: the thread it is in, the thread already
 * started from it, or a new one; a plain reply where threads are not allowed. Remembers where the
 * reply went so deleting the source withdraws it (shared state: any replica may see the delete).
 * @see https://discord.com/developers/docs/resources/message#start-thread-from-message
 */
export async function postDiscordReply(
  message: Message,
  reply: Reply,
  deps: { state: SharedState; logger: PlatformLogger },
): Promise<Message> {
  const sent = await sendInThread(message, reply, deps.logger);
  await deps.state.put(
    replyKey(message.channelId, message.id),
    `${sent.channelId}:${sent.id}`,
    REPLY_MAP_SECONDS,
  );
  return sent;
}

async function sendInThread(message: Message, reply: Reply, logger: PlatformLogger) {
  const rendered = renderDiscordMessage(reply);
  if (message.channel.isThread()) return message.channel.send(rendered);
  // A thread started from this message earlier (by a person, or for another answer) is reused:
  // Discord refuses a second one (code 160004).
  if (message.thread) return message.thread.send(rendered);
  try {
    const thread = await message.startThread({
      name: truncateText(reply.title, THREAD_NAME_MAX),
      autoArchiveDuration: 1440,
    });
    return await thread.send(rendered);
  } catch (error) {
    if (!(error instanceof DiscordAPIError)) throw error;
    logger.warn(
      { code: error.code, status: error.status },
      'could not start a thread; replying to the message instead',
    );
    return message.reply({ ...rendered, allowedMentions: { repliedUser: false } });
  }
}

/**
 * Deletes the reply to a deleted message, if there was one. A bot may always delete its own
 * messages; a reply already gone (10008 Unknown Message) counts as withdrawn.
 * @see https://discord.com/developers/docs/resources/message#delete-message
 */
export async function withdrawDiscordReply(
  client: Client,
  source: { channelId: string; id: string },
  state: SharedState,
): Promise<boolean> {
  const key = replyKey(source.channelId, source.id);
  const where = await state.get(key);
  if (!where) return false;
  await state.delete(key);
  const [channelId, replyId] = where.split(':');
  if (!channelId || !replyId) return false;
  try {
    await client.rest.delete(Routes.channelMessage(channelId, replyId));
  } catch (error) {
    if (!(error instanceof DiscordAPIError && error.code === 10008)) throw error;
  }
  return true;
}
