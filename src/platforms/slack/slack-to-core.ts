import { z } from 'zod';
import type { Requester } from '../../core/checks/follow-up-check.js';
import type { CommandInvocation, IncomingMessage } from '../../core/conversation/incoming.js';

/**
 * Slack payloads → neutral types, validated once here. Messages from bots, edits, joins and other
 * subtypes are dropped: only what a person typed is diagnosed.
 */
const messageEventSchema = z.object({
  type: z.enum(['message', 'app_mention']),
  channel: z.string(),
  user: z.string().optional(),
  text: z.string().default(''),
  ts: z.string(),
  thread_ts: z.string().optional(),
  subtype: z.string().optional(),
  bot_id: z.string().optional(),
});

/** Subtypes that are still a person's message (a reply also sent to the channel, a file with text). */
const HUMAN_SUBTYPES = new Set(['thread_broadcast', 'file_share']);

export function messageToCore(
  event: unknown,
  options: { asked: boolean; botUserId?: string },
): IncomingMessage | undefined {
  const parsed = messageEventSchema.safeParse(event);
  if (!parsed.success) return undefined;
  const message = parsed.data;
  if (message.bot_id || !message.user || message.user === options.botUserId) return undefined;
  if (message.subtype && !HUMAN_SUBTYPES.has(message.subtype)) return undefined;
  return {
    platform: 'slack',
    channelId: message.channel,
    messageId: message.ts,
    threadRootId: message.thread_ts ?? message.ts,
    userId: message.user,
    text: stripMention(message.text, options.botUserId),
    asked: options.asked,
  };
}

const deletedEventSchema = z.object({
  subtype: z.literal('message_deleted'),
  channel: z.string(),
  deleted_ts: z.string().optional(),
  previous_message: z.object({ ts: z.string() }).optional(),
});

/** The ts of a deleted message, when the event is a deletion. */
export function deletedMessageTs(event: unknown): { channel: string; ts: string } | undefined {
  const parsed = deletedEventSchema.safeParse(event);
  if (!parsed.success) return undefined;
  const ts = parsed.data.deleted_ts ?? parsed.data.previous_message?.ts;
  return ts ? { channel: parsed.data.channel, ts } : undefined;
}

const slashCommandSchema = z.object({
  text: z.string().default(''),
  user_id: z.string(),
  channel_id: z.string(),
});

export function commandToCore(
  command: unknown,
  requester: (userId: string) => Requester,
): CommandInvocation | undefined {
  const parsed = slashCommandSchema.safeParse(command);
  if (!parsed.success) return undefined;
  const { text, user_id: userId, channel_id: channelId } = parsed.data;
  return { platform: 'slack', channelId, userId, text, requester: requester(userId) };
}

const blockActionSchema = z.object({
  user: z.object({ id: z.string() }),
  channel: z.object({ id: z.string() }).optional(),
  container: z
    .looseObject({
      channel_id: z.string().optional(),
      message_ts: z.string().optional(),
      thread_ts: z.string().optional(),
      is_ephemeral: z.boolean().optional(),
    })
    .optional(),
  message: z.looseObject({ ts: z.string(), thread_ts: z.string().optional() }).optional(),
  actions: z
    .array(
      z.looseObject({
        action_id: z.string(),
        value: z.string().optional(),
        /** A static select (the "Not it" picker) sends its choice here. */
        selected_option: z.looseObject({ value: z.string() }).optional(),
      }),
    )
    .min(1),
});

export interface SlackClick {
  userId: string;
  channelId: string;
  actionId: string;
  /** Where the answer goes: the thread the clicked message belongs to. */
  threadTs?: string;
  /** The clicked message's ts (absent on an ephemeral one Slack does not return). */
  messageTs?: string;
  /** The clicked message's blocks, to edit it in place ("Solved"). */
  blocks?: unknown[];
  ephemeral: boolean;
}

export function clickToCore(body: unknown): SlackClick | undefined {
  const parsed = blockActionSchema.safeParse(body);
  if (!parsed.success) return undefined;
  const { user, channel, container, message, actions } = parsed.data;
  const channelId = channel?.id ?? container?.channel_id;
  const action = actions[0];
  if (!channelId || !action) return undefined;
  return {
    userId: user.id,
    channelId,
    actionId: action.selected_option?.value ?? action.value ?? action.action_id,
    threadTs: message?.thread_ts ?? container?.thread_ts ?? message?.ts ?? container?.message_ts,
    messageTs: message?.ts ?? container?.message_ts,
    blocks: Array.isArray(message?.blocks) ? (message.blocks as unknown[]) : undefined,
    ephemeral: container?.is_ephemeral === true,
  };
}

const shortcutSchema = z.object({
  callback_id: z.string(),
  user: z.object({ id: z.string() }),
  channel: z.object({ id: z.string() }),
  message: z.looseObject({
    ts: z.string(),
    thread_ts: z.string().optional(),
    text: z.string().default(''),
    user: z.string().optional(),
  }),
});

/** The message shortcut: the chosen message, diagnosed because someone asked. */
export function shortcutToCore(body: unknown): IncomingMessage | undefined {
  const parsed = shortcutSchema.safeParse(body);
  if (!parsed.success) return undefined;
  const { channel, message, user } = parsed.data;
  return {
    platform: 'slack',
    channelId: channel.id,
    messageId: message.ts,
    threadRootId: message.thread_ts ?? message.ts,
    userId: user.id,
    text: message.text,
    asked: true,
  };
}

function stripMention(text: string, botUserId?: string): string {
  return botUserId ? text.replace(new RegExp(`<@${botUserId}>`, 'g'), '').trim() : text;
}
