import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readRequestBody } from './read-request-body.js';

export interface SlackCall {
  method: string;
  args: Record<string, unknown>;
  /** The HTTP status the fake answered: 200, or an injected failure. */
  status: number;
  /** Date.now() when the call arrived. */
  receivedAt: number;
}

export const BOT_USER_ID = 'U0BOT';
export const BOT_ID = 'B0BOT';
export const APP_ID = 'A0APP';

/** A message as Slack's history methods return it (`conversations.replies`, `.history`). */
export interface SlackMessage {
  type: 'message';
  ts: string;
  thread_ts?: string;
  user?: string;
  bot_id?: string;
  app_id?: string;
  text?: string;
  blocks?: unknown;
  /** Slack message metadata, returned only with `include_all_metadata=true`. */
  metadata?: { event_type: string; event_payload: Record<string, unknown> };
  [field: string]: unknown;
}

/**
 * A fake Slack Web API on 127.0.0.1: answers `POST /api/<method>` in Slack's `{ok: …}` shape, records
 * every call with its decoded arguments (form or JSON; `blocks` and `metadata` parsed), can answer
 * 429 with Retry-After, and records `response_url` posts under the method name `response_url`.
 * Messages the bot posts are kept per channel, so `conversations.replies` and
 * `conversations.history` return them (with their metadata when `include_all_metadata` is true,
 * paged by `limit` and `cursor`). A token passed to `rejectToken` gets `invalid_auth`.
 */
export class FakeSlackWebApi {
  readonly calls: SlackCall[] = [];
  readonly #failures = new Map<string, Array<{ status: number; retryAfter?: number }>>();
  readonly #hangs = new Map<string, number>();
  readonly #delays = new Map<string, number>();
  readonly #hanging = new Set<import('node:http').ServerResponse>();
  readonly #threads = new Map<string, SlackMessage>();
  /** What the bot posted, per channel, in posting order. */
  readonly #posted = new Map<string, SlackMessage[]>();
  readonly #rejectedTokens = new Set<string>();
  #server: Server | undefined;
  #sequence = 0;
  url = '';
  /** What `apps.connections.open` hands the Socket Mode client. */
  socketUrl = 'ws://127.0.0.1:1/';

  async start(): Promise<this> {
    this.#server = createServer((req, res) => {
      void readRequestBody(req).then((raw) => {
        const path = (req.url ?? '').split('?')[0] ?? '';
        const method = path.startsWith('/response/')
          ? 'response_url'
          : path.replace(/^\/api\//, '');
        const args = decode(raw, req.headers['content-type']);
        const token = String(req.headers.authorization ?? '').replace(/^Bearer /, '') || args.token;
        if (typeof token === 'string' && this.#rejectedTokens.has(token)) {
          // Slack refuses a bad token with HTTP 200 and ok: false.
          this.calls.push({ method, args, status: 200, receivedAt: Date.now() });
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ ok: false, error: 'invalid_auth' }));
          return;
        }
        const hangs = this.#hangs.get(method) ?? 0;
        if (hangs > 0) {
          this.#hangs.set(method, hangs - 1);
          this.calls.push({ method, args, status: 0, receivedAt: Date.now() });
          this.#hanging.add(res);
          return;
        }
        const delay = this.#delays.get(method);
        if (delay !== undefined) {
          this.#delays.delete(method);
          this.calls.push({ method, args, status: 102, receivedAt: Date.now() });
          const index = this.calls.length - 1;
          // Slack has done the work (a message is posted at once); only the answer is late.
          const answer = this.#answer(method, args);
          setTimeout(() => {
            this.calls[index] = { method, args, status: 200, receivedAt: Date.now() };
            res.writeHead(200, { 'content-type': 'application/json' });
            res.end(JSON.stringify(answer));
          }, delay);
          return;
        }
        const failure = this.#failures.get(method)?.shift();
        this.calls.push({ method, args, status: failure?.status ?? 200, receivedAt: Date.now() });
        if (failure) {
          res.writeHead(failure.status, {
            'content-type': 'application/json',
            ...(failure.retryAfter !== undefined
              ? { 'retry-after': String(failure.retryAfter) }
              : {}),
          });
          res.end(
            JSON.stringify({
              ok: false,
              error: failure.status === 429 ? 'ratelimited' : 'internal_error',
            }),
          );
          return;
        }
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(this.#answer(method, args)));
      });
    });
    await new Promise<void>((resolve) => this.#server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
    return this;
  }

  /** The next `times` calls to `method` fail with `status` (429 carries Retry-After). */
  failNext(method: string, times: number, status = 429, retryAfter = 1): void {
    this.#failures.set(
      method,
      Array.from({ length: times }, () => ({ status, retryAfter })),
    );
  }

  /** The next `times` calls to `method` never get an answer (status 0 in `calls`). */
  hangNext(method: string, times: number): void {
    this.#hangs.set(method, times);
  }

  /** The next call to `method` is answered only after `ms` (status 102 in `calls` until then). */
  delayNext(method: string, ms: number): void {
    this.#delays.set(method, ms);
  }

  /** Every call made with `token` is refused with `invalid_auth`, as Slack does for a revoked token. */
  rejectToken(token: string): void {
    this.#rejectedTokens.add(token);
  }

  /** The messages the bot posted in `channel` that Slack kept (delayed answers included). */
  postedIn(channel: string): SlackMessage[] {
    return [...(this.#posted.get(channel) ?? [])];
  }

  /** What `conversations.replies` returns as the parent of thread `ts`. */
  setThreadParent(ts: string, message: Record<string, unknown>): void {
    this.#threads.set(ts, { type: 'message', ts, ...message });
  }

  callsTo(method: string): SlackCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  /** Calls to `method` that the fake answered with 200. */
  deliveredTo(method: string): SlackCall[] {
    return this.callsTo(method).filter((call) => call.status === 200);
  }

  async close(): Promise<void> {
    for (const res of this.#hanging) res.destroy();
    this.#server?.closeAllConnections();
    await new Promise<void>((resolve) => this.#server?.close(() => resolve()));
  }

  #answer(method: string, args: Record<string, unknown>): Record<string, unknown> {
    switch (method) {
      case 'auth.test':
        return {
          ok: true,
          url: 'https://acme.slack.com/',
          team: 'Acme',
          user: 'aperture-doctor',
          team_id: 'T0TEAM',
          user_id: BOT_USER_ID,
          bot_id: BOT_ID,
        };
      case 'chat.postMessage': {
        const message = this.#post(args);
        return { ok: true, channel: args.channel, ts: message.ts, message };
      }
      case 'chat.postEphemeral':
        return { ok: true, message_ts: this.#nextTs() };
      case 'chat.update':
      case 'chat.delete':
        return { ok: true, channel: args.channel, ts: args.ts };
      case 'conversations.replies': {
        const channel = String(args.channel);
        const parent =
          this.#threads.get(String(args.ts)) ??
          this.#posted.get(channel)?.find((message) => message.ts === args.ts);
        const replies = (this.#posted.get(channel) ?? []).filter(
          (message) => message.thread_ts === args.ts && message.ts !== args.ts,
        );
        // The parent comes first, then the replies oldest first.
        return page([...(parent ? [parent] : []), ...inRange(replies, args)], args, 1000);
      }
      case 'conversations.history': {
        const topLevel = (this.#posted.get(String(args.channel)) ?? []).filter(
          (message) => message.thread_ts === undefined || message.thread_ts === message.ts,
        );
        // Newest first, as Slack returns a channel's history.
        return page(inRange(topLevel, args).reverse(), args, 100);
      }
      case 'apps.connections.open':
        return { ok: true, url: this.socketUrl };
      case 'users.info':
        return { ok: true, user: { id: args.user, profile: { email: 'lena@example.com' } } };
      default:
        return { ok: true };
    }
  }

  /** A message ts as Slack mints them: the current time in seconds, unique in the microseconds. */
  #nextTs(): string {
    return `${Math.floor(Date.now() / 1000)}.${String(++this.#sequence % 1_000_000).padStart(6, '0')}`;
  }

  #post(args: Record<string, unknown>): SlackMessage {
    const channel = String(args.channel);
    const message: SlackMessage = {
      type: 'message',
      user: BOT_USER_ID,
      bot_id: BOT_ID,
      app_id: APP_ID,
      text: typeof args.text === 'string' ? args.text : '',
      ts: this.#nextTs(),
      ...(typeof args.thread_ts === 'string' ? { thread_ts: args.thread_ts } : {}),
      ...(args.blocks !== undefined ? { blocks: args.blocks } : {}),
      ...(isMetadata(args.metadata) ? { metadata: args.metadata } : {}),
    };
    this.#posted.set(channel, [...(this.#posted.get(channel) ?? []), message]);
    return message;
  }
}

function isMetadata(value: unknown): value is SlackMessage['metadata'] {
  const metadata = value as SlackMessage['metadata'];
  return typeof metadata?.event_type === 'string' && typeof metadata.event_payload === 'object';
}

/** `oldest` and `latest` (exclusive unless `inclusive`), as Slack's history methods filter. */
function inRange(messages: SlackMessage[], args: Record<string, unknown>): SlackMessage[] {
  const inclusive = args.inclusive === true || args.inclusive === 'true';
  const oldest = args.oldest !== undefined ? Number(args.oldest) : -Infinity;
  const latest = args.latest !== undefined ? Number(args.latest) : Infinity;
  return messages.filter((message) => {
    const ts = Number(message.ts);
    return inclusive ? ts >= oldest && ts <= latest : ts > oldest && ts < latest;
  });
}

/**
 * One page of a history answer: `limit` messages from the `cursor` on, `has_more` and
 * `response_metadata.next_cursor` (empty on the last page); metadata only when asked for.
 */
function page(messages: SlackMessage[], args: Record<string, unknown>, defaultLimit: number) {
  const limit = Math.max(1, Number(args.limit ?? defaultLimit) || defaultLimit);
  const start =
    typeof args.cursor === 'string' && args.cursor !== ''
      ? Number(
          Buffer.from(args.cursor, 'base64')
            .toString('utf8')
            .replace(/^next_offset:/, ''),
        )
      : 0;
  const withMetadata = args.include_all_metadata === true || args.include_all_metadata === 'true';
  const slice = messages
    .slice(start, start + limit)
    .map(({ metadata, ...message }) =>
      withMetadata && metadata ? { ...message, metadata } : message,
    );
  const more = start + limit < messages.length;
  return {
    ok: true,
    messages: slice,
    has_more: more,
    response_metadata: {
      next_cursor: more ? Buffer.from(`next_offset:${start + limit}`).toString('base64') : '',
    },
  };
}

function decode(raw: string, contentType: string | undefined): Record<string, unknown> {
  let args: Record<string, unknown> = {};
  if (contentType?.includes('application/json'))
    args = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
  else args = Object.fromEntries(new URLSearchParams(raw));
  // The Web API client sends objects as JSON strings inside the form.
  for (const field of ['blocks', 'metadata'])
    if (typeof args[field] === 'string') args[field] = JSON.parse(args[field] as string);
  return args;
}
