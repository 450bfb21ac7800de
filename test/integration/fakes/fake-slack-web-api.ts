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

/**
 * A fake Slack Web API on 127.0.0.1: answers `POST /api/<method>` in Slack's `{ok: …}` shape, records
 * every call with its decoded arguments (form or JSON; `blocks` parsed), can answer 429 with
 * Retry-After, and records `response_url` posts under the method name `response_url`.
 */
export class FakeSlackWebApi {
  readonly calls: SlackCall[] = [];
  readonly #failures = new Map<string, Array<{ status: number; retryAfter?: number }>>();
  readonly #hangs = new Map<string, number>();
  readonly #delays = new Map<string, number>();
  readonly #hanging = new Set<import('node:http').ServerResponse>();
  readonly #threads = new Map<string, Record<string, unknown>>();
  #server: Server | undefined;
  #ts = 1_700_000_100;
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
          setTimeout(() => {
            this.calls[index] = { method, args, status: 200, receivedAt: Date.now() };
            res.writeHead(200, { 'content-type': 'application/json' });
            res.end(JSON.stringify(this.#answer(method, args)));
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

  /** What `conversations.replies` returns as the parent of thread `ts`. */
  setThreadParent(ts: string, message: Record<string, unknown>): void {
    this.#threads.set(ts, { ts, ...message });
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
      case 'chat.postMessage':
        return {
          ok: true,
          channel: args.channel,
          ts: `${this.#ts++}.000100`,
          message: { text: args.text },
        };
      case 'chat.postEphemeral':
        return { ok: true, message_ts: `${this.#ts++}.000200` };
      case 'chat.update':
      case 'chat.delete':
        return { ok: true, channel: args.channel, ts: args.ts };
      case 'conversations.replies': {
        const parent = this.#threads.get(String(args.ts));
        return { ok: true, messages: parent ? [parent] : [], has_more: false };
      }
      case 'apps.connections.open':
        return { ok: true, url: this.socketUrl };
      case 'users.info':
        return { ok: true, user: { id: args.user, profile: { email: 'lena@example.com' } } };
      default:
        return { ok: true };
    }
  }
}

function decode(raw: string, contentType: string | undefined): Record<string, unknown> {
  let args: Record<string, unknown> = {};
  if (contentType?.includes('application/json'))
    args = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
  else args = Object.fromEntries(new URLSearchParams(raw));
  if (typeof args.blocks === 'string') args.blocks = JSON.parse(args.blocks);
  return args;
}
