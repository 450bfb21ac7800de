import { randomUUID } from 'node:crypto';
import type { App } from '@slack/bolt';
import { ErrorCode, type ChatPostMessageArguments } from '@slack/web-api';
import type { PlatformLogger } from '../platform-logger.js';

type WebClient = App['client'];

/** The `event_type` of the metadata every bot reply carries (Slack message metadata). */
export const REPLY_EVENT_TYPE = 'aperture_doctor_reply';
/** Pages of a thread or channel read when looking for a reply, 200 messages each. */
const MAX_LOOKUP_PAGES = 5;
/** Slack's clock and ours may differ: look this far before the first attempt. */
const CLOCK_SKEW_MS = 60_000;

export interface PostedMessage {
  ts?: string;
}

/**
 * `chat.postMessage` that is safe to retry. Slack has no idempotency key, and a post that times out
 * (or drops, or answers 5xx) may still have been carried out. So each reply carries a marker in its
 * message metadata (`{event_type: aperture_doctor_reply, event_payload: {reply_id}}`), and before
 * any retry after such a failure the returned function looks for that marker in the thread
 * (`conversations.replies`, or `conversations.history` outside a thread, with
 * `include_all_metadata`): found, it returns that message instead of posting again. The lookup
 * needs the history scopes the bot already has. Call the function once per attempt (the outbound
 * queue does); its errors are the Web API's, so the queue's retry policy applies to lookups too.
 */
export function idempotentPostMessage(
  client: WebClient,
  args: ChatPostMessageArguments,
  logger: PlatformLogger,
): () => Promise<PostedMessage> {
  const replyId = randomUUID();
  const metadata = { event_type: REPLY_EVENT_TYPE, event_payload: { reply_id: replyId } };
  const channel = args.channel;
  const threadTs = typeof args.thread_ts === 'string' ? args.thread_ts : undefined;
  let firstAttemptAt: number | undefined;
  let mayHavePosted = false;
  return async () => {
    if (mayHavePosted) {
      const found = await findReply(client, {
        channel,
        threadTs,
        replyId,
        oldest: slackTs((firstAttemptAt ?? Date.now()) - CLOCK_SKEW_MS),
      }).catch((error: unknown) => {
        // A refusal (a missing scope, say) cannot be retried away: post rather than stay silent.
        if ((error as { code?: string })?.code !== ErrorCode.PlatformError) throw error;
        logger.warn(
          { error: (error as { data?: { error?: string } }).data?.error },
          'could not look for an earlier attempt of a reply; posting it again',
        );
        return undefined;
      });
      if (found) {
        logger.info({ channel }, 'an earlier attempt of this reply was posted: not posting again');
        return { ts: found };
      }
    }
    firstAttemptAt ??= Date.now();
    try {
      return await client.chat.postMessage({ ...args, metadata });
    } catch (error) {
      if (mayHaveBeenCarriedOut(error)) mayHavePosted = true;
      throw error;
    }
  };
}

/** A timeout, a dropped connection or a 5xx: Slack may have posted it. A 429 or `ok: false`: not. */
function mayHaveBeenCarriedOut(error: unknown): boolean {
  const coded = error as { code?: string; statusCode?: number };
  if (coded?.code === ErrorCode.RequestError) return true;
  return coded?.code === ErrorCode.HTTPError && (coded.statusCode ?? 0) >= 500;
}

/** The ts of the bot's message carrying `replyId`, if Slack has it. */
async function findReply(
  client: WebClient,
  query: { channel: string; threadTs?: string; replyId: string; oldest: string },
): Promise<string | undefined> {
  let cursor: string | undefined;
  for (let page = 0; page < MAX_LOOKUP_PAGES; page++) {
    const common = {
      channel: query.channel,
      oldest: query.oldest,
      include_all_metadata: true,
      limit: 200,
      ...(cursor ? { cursor } : {}),
    };
    const answer = query.threadTs
      ? await client.conversations.replies({ ...common, ts: query.threadTs })
      : await client.conversations.history(common);
    const match = (answer.messages ?? []).find((message) => {
      const payload = message.metadata?.event_payload as Record<string, unknown> | undefined;
      return (
        message.metadata?.event_type === REPLY_EVENT_TYPE && payload?.reply_id === query.replyId
      );
    });
    if (match?.ts) return match.ts;
    cursor = answer.response_metadata?.next_cursor;
    if (!answer.has_more || !cursor) return undefined;
  }
  return undefined;
}

/** A Date.now() time as a Slack ts ("seconds.microseconds"). */
function slackTs(ms: number): string {
  return (Math.max(0, ms) / 1000).toFixed(6);
}
