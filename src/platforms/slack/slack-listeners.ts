import type { App } from '@slack/bolt';
import type { Requester } from '../../core/checks/follow-up-check.js';
import { answerAction } from '../../core/conversation/answer-action.js';
import { answerCommand } from '../../core/conversation/answer-command.js';
import { answerMessage, type MessageOutcome } from '../../core/conversation/answer-message.js';
import type { ConversationDeps } from '../../core/conversation/conversation-deps.js';
import type { IncomingMessage } from '../../core/conversation/incoming.js';
import { REQUESTER_CHECKS } from '../../core/checks/check-ids.js';
import { parseCommand } from '../../core/commands/parse-command.js';
import { verdictNeedsPaste } from '../../core/feedback/record-verdict.js';
import { decodeActionId } from '../../core/reply/action-id.js';
import { buildNoticeReply } from '../../core/reply/build-other-replies.js';
import type { Reply } from '../../core/reply/reply.js';
import type { OutboundQueue } from '../outbound-queue.js';
import type { PlatformInstruments } from '../platform-instruments.js';
import type { PlatformLogger } from '../platform-logger.js';
import { slackErrorFix } from './slack-error-fix.js';
import { renderSlackBlocks, type SlackBlock } from './render-slack-blocks.js';
import { idempotentPostMessage } from './slack-idempotent-post.js';
import {
  clickToCore,
  commandToCore,
  deletedMessageTs,
  messageToCore,
  shortcutToCore,
} from './slack-to-core.js';

export interface SlackListenerDeps {
  conversation: ConversationDeps;
  queue: OutboundQueue;
  logger: PlatformLogger;
  adminUsers: readonly string[];
  instruments: PlatformInstruments;
  /** SLACK_API_URL, named in the log line when Slack cannot be reached. */
  slackApiUrl?: string;
}

/** The message shortcut's callback id, also declared in manifests/slack-app.yaml. */
export const DIAGNOSE_SHORTCUT = 'diagnose_message';
/** Slack retries an event for about five minutes: an hour outlives every retry. */
const EVENT_CLAIM_SECONDS = 60 * 60;
/** A reply is withdrawn when its source is deleted within a week. */
const REPLY_MAP_SECONDS = 7 * 24 * 60 * 60;
const EMAIL_CACHE_MS = 5 * 60 * 1000;

type WebClient = App['client'];

/** Wires Slack's events, command, shortcut and buttons to the core; every handler acks first. */
export function registerSlackListeners(app: App, deps: SlackListenerDeps): void {
  const { conversation, queue, logger } = deps;
  const state = conversation.state;
  const emails = new Map<string, { email?: string; at: number }>();

  const requester = (userId: string, email?: string): Requester => ({
    platform: 'slack',
    userId,
    email,
    isAdmin: deps.adminUsers.includes(userId),
  });

  // De-duplicate by event_id before any listener runs: a retried event reaches us again, possibly
  // on another replica, with the same id.
  app.use(async ({ body, next }) => {
    const eventId = (body as { event_id?: unknown }).event_id;
    if (
      typeof eventId === 'string' &&
      !(await state.claim(`slack-event:${eventId}`, EVENT_CLAIM_SECONDS))
    ) {
      logger.debug({ eventId }, 'duplicate Slack event ignored');
      return;
    }
    await next();
  });

  const post = async (
    client: WebClient,
    channel: string,
    threadTs: string | undefined,
    reply: Reply,
    user?: string,
    rendered?: { text: string; blocks: SlackBlock[] },
  ) => {
    const message = rendered ?? renderSlackBlocks(reply);
    if (reply.private && user) {
      await queue.send(channel, () =>
        client.chat.postEphemeral({ channel, user, thread_ts: threadTs, ...message }),
      );
      return undefined;
    }
    // A retry after a timeout first looks for the earlier attempt in the thread: never two replies.
    const result = await queue.send(
      channel,
      idempotentPostMessage(
        client,
        { channel, thread_ts: threadTs, unfurl_links: false, ...message },
        logger,
      ),
    );
    return result.ts;
  };

  const deliver = async (
    client: WebClient,
    message: IncomingMessage,
    outcome: MessageOutcome,
    receivedAt: number,
  ) => {
    if (outcome.kind === 'silent') return;
    if (outcome.kind === 'prompt' || outcome.kind === 'private') {
      await post(client, message.channelId, message.threadRootId, outcome.reply, message.userId);
      return;
    }
    const ts = await post(client, message.channelId, message.threadRootId, outcome.reply);
    deps.instruments.replySent('slack', (Date.now() - receivedAt) / 1000);
    if (ts)
      await state.put(
        `slack-reply:${message.channelId}:${message.messageId}`,
        ts,
        REPLY_MAP_SECONDS,
      );
  };

  app.event('message', async ({ event, client, context }) => {
    const receivedAt = Date.now();
    deps.instruments.eventReceived('slack');
    const deleted = deletedMessageTs(event);
    if (deleted) {
      const replyTs = await state.get(`slack-reply:${deleted.channel}:${deleted.ts}`);
      if (replyTs) {
        await queue.send(deleted.channel, () =>
          client.chat.delete({ channel: deleted.channel, ts: replyTs }),
        );
        await state.delete(`slack-reply:${deleted.channel}:${deleted.ts}`);
      }
      return;
    }
    const message = messageToCore(event, { asked: false, botUserId: context.botUserId });
    if (!message) return;
    await deliver(client, message, await answerMessage(message, conversation), receivedAt);
  });

  app.event('app_mention', async ({ event, client, context }) => {
    const receivedAt = Date.now();
    deps.instruments.eventReceived('slack');
    const mention = messageToCore(event, { asked: true, botUserId: context.botUserId });
    if (!mention) return;
    // A mention inside a thread asks about the thread's parent message.
    const inThread = mention.threadRootId !== mention.messageId;
    const parent = inThread ? await parentMessage(client, mention, context.botUserId) : mention;
    if (!parent) return;
    // Whatever is private goes to the person who mentioned me, not the parent's author.
    const target = { ...parent, userId: mention.userId };
    const outcome = await answerMessage(target, conversation);
    if (outcome.kind === 'silent' && outcome.reason === 'duplicate' && inThread) {
      const notice = buildNoticeReply(
        'Already answered',
        'I answered that message earlier in this thread.',
      );
      await post(client, mention.channelId, mention.threadRootId, notice, mention.userId);
      return;
    }
    await deliver(client, target, outcome, receivedAt);
  });

  app.command('/aperture', async ({ command, ack, respond, client }) => {
    await ack();
    const intent = parseCommand(typeof command.text === 'string' ? command.text : '');
    // `/aperture check requester-grant` checks the asker's login, found as the button finds it;
    // `/aperture whoami` says which login that is.
    const needsEmail =
      (intent.kind === 'check' && REQUESTER_CHECKS.has(intent.checkId)) || intent.kind === 'whoami';
    const email = needsEmail ? await lookupEmail(client, command.user_id, emails) : undefined;
    const invocation = commandToCore(command, (userId) => requester(userId, email));
    if (!invocation) return;
    const reply = await answerCommand(invocation, conversation);
    await respond({
      response_type: reply.private ? 'ephemeral' : 'in_channel',
      ...renderSlackBlocks(reply),
    });
    if (reply.publicNote) {
      await respond({
        response_type: 'in_channel',
        text: checkedBy(reply.publicNote, invocation.userId),
      });
    }
  });

  app.shortcut(DIAGNOSE_SHORTCUT, async ({ ack, body, client }) => {
    await ack();
    const receivedAt = Date.now();
    deps.instruments.eventReceived('slack');
    const message = shortcutToCore(body);
    if (!message) return;
    const outcome = await answerMessage(message, conversation);
    if (outcome.kind === 'silent' && outcome.reason === 'duplicate') {
      const notice = buildNoticeReply('Already answered', 'I answered that message in its thread.');
      await post(client, message.channelId, message.threadRootId, notice, message.userId);
      return;
    }
    await deliver(client, message, outcome, receivedAt);
  });

  app.action(/^ad1\|/, async ({ ack, body, client, respond }) => {
    await ack();
    const click = clickToCore(body);
    if (!click) return;
    const action = decodeActionId(click.actionId);
    const needsEmail = action?.type === 'check' && REQUESTER_CHECKS.has(action.checkId);
    const email = needsEmail ? await lookupEmail(client, click.userId, emails) : undefined;
    // The paste is fetched for the exit-node check, for a verdict (stored redacted as an example),
    // and for a last "Not it" that the model may answer.
    const needsPaste =
      (action?.type === 'check' && action.checkId === 'exit-node') ||
      verdictNeedsPaste(action) ||
      (action?.type === 'not-it' && action.next.length === 0 && !!conversation.secondOpinion);
    const pastedText =
      needsPaste && click.threadTs
        ? (await threadParent(client, click.channelId, click.threadTs).catch(() => undefined))?.text
        : undefined;
    const reply = await answerAction(
      {
        platform: 'slack',
        channelId: click.channelId,
        userId: click.userId,
        actionId: click.actionId,
        requester: requester(click.userId, email),
        pastedText,
        messageId: click.messageTs,
      },
      conversation,
    );
    if (reply.silent) return;
    if (reply.updateClicked && click.messageTs && !click.ephemeral) {
      const { channelId, messageTs } = click;
      const blocks = markSolved(click.blocks ?? [], reply.updateClicked.solvedBy);
      await queue.send(channelId, () =>
        client.chat.update({ channel: channelId, ts: messageTs, blocks, text: 'Solved' }),
      );
      return;
    }
    // Accepting a private offer or picker replaces it with the public answer.
    if (click.ephemeral) await respond({ delete_original: true });
    await post(client, click.channelId, click.threadTs, reply, click.userId);
    if (reply.publicNote) {
      const text = checkedBy(reply.publicNote, click.userId);
      const note = { text, blocks: [{ type: 'context', elements: [{ type: 'mrkdwn', text }] }] };
      await post(
        client,
        click.channelId,
        click.threadTs,
        { ...reply, private: false },
        undefined,
        note,
      );
    }
  });

  app.error(async (error) => {
    // A revoked token or an unreachable API fails every reply: say which variable to fix.
    const original = (error as { original?: unknown }).original ?? error;
    const fix = slackErrorFix(original, deps.slackApiUrl ?? 'https://slack.com/api/');
    logger.error(
      { code: (error as { code?: string }).code, message: error.message, ...(fix ? { fix } : {}) },
      fix ? `a Slack listener failed: ${fix}` : 'a Slack listener failed',
    );
  });
}

/** An admin's private result, as one public line in the thread. */
function checkedBy(note: string, userId: string): string {
  return `${note} (checked by <@${userId}>)`;
}

/** The clicked reply without its buttons, with a "Solved by" line: one verdict, visible to all. */
function markSolved(blocks: unknown[], userId: string): SlackBlock[] {
  const kept = blocks.filter(
    (block): block is SlackBlock =>
      typeof block === 'object' && block !== null && (block as SlackBlock).type !== 'actions',
  );
  return [
    ...kept,
    {
      type: 'context',
      elements: [{ type: 'mrkdwn', text: `:white_check_mark: Solved by <@${userId}>` }],
    },
  ];
}

async function threadParent(client: WebClient, channel: string, ts: string) {
  const answer = await client.conversations.replies({ channel, ts, limit: 1, inclusive: true });
  return answer.messages?.[0];
}

async function parentMessage(
  client: WebClient,
  mention: IncomingMessage,
  botUserId?: string,
): Promise<IncomingMessage | undefined> {
  const parent = await threadParent(client, mention.channelId, mention.threadRootId);
  if (!parent?.ts) return undefined;
  return messageToCore(
    { type: 'message', channel: mention.channelId, ...parent },
    { asked: true, botUserId },
  );
}

/** `users.info` for the requester's login (needs users:read.email), cached a few minutes. */
async function lookupEmail(
  client: WebClient,
  userId: string,
  cache: Map<string, { email?: string; at: number }>,
) {
  const cached = cache.get(userId);
  if (cached && Date.now() - cached.at < EMAIL_CACHE_MS) return cached.email;
  const email = await client.users
    .info({ user: userId })
    .then((answer) => answer.user?.profile?.email)
    .catch(() => undefined);
  cache.set(userId, { email, at: Date.now() });
  return email;
}
