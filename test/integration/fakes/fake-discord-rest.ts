import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readRequestBody } from './read-request-body.js';

export const BOT_USER = {
  id: '900000000000000001',
  username: 'aperture-doctor',
  discriminator: '0',
  global_name: null,
  avatar: null,
  bot: true,
};
export const APPLICATION_ID = '900000000000000002';
export const GUILD_ID = '900000000000000003';
export const CHANNEL_ID = '900000000000000004';
/** An active public thread under CHANNEL_ID, listed in GUILD_CREATE so the client caches it. */
export const THREAD_ID = '900000000000000005';

export interface DiscordCall {
  method: string;
  path: string;
  body: Record<string, unknown> | undefined;
  status: number;
  /** What the fake answered (a created thread or message carries its new id). */
  response?: Record<string, unknown>;
  /** The Authorization header sent (`Bot <token>`). */
  authorization?: string;
}

interface Failure {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/**
 * A fake Discord REST API (v10) on 127.0.0.1 for the real discord.js client: /gateway/bot, thread
 * creation, channel messages (posted and deleted), the bot's own reactions, interaction callbacks
 * and webhook edits, and the bulk overwrite of application commands (global or per guild). Records
 * every call; can fail
 * the next calls to a route ("POST /channels/:id/messages") with a 429 or a 403.
 */
export class FakeDiscordRest {
  readonly calls: DiscordCall[] = [];
  readonly #failures = new Map<string, Failure[]>();
  readonly messages = new Map<string, Record<string, unknown>>();
  /** Application commands as last overwritten, by path (`/applications/1/guilds/2/commands`). */
  readonly commands = new Map<string, Array<Record<string, unknown>>>();
  #server: Server | undefined;
  #nextId = 910_000_000_000_000_000n;
  url = '';
  gatewayUrl = '';

  async start(): Promise<this> {
    this.#server = createServer((req, res) => {
      void readRequestBody(req).then((raw) => {
        const path = decodeURIComponent((req.url ?? '').split('?')[0]!).replace(/^\/api\/v\d+/, '');
        const method = req.method ?? 'GET';
        const json: unknown =
          raw && req.headers['content-type']?.includes('json') ? JSON.parse(raw) : undefined;
        const authorization = req.headers.authorization;
        const route = `${method} ${routeOf(path)}`;
        // A bulk overwrite sends a JSON array: the commands, not a message body.
        if (method === 'PUT' && Array.isArray(json) && route.endsWith('/commands')) {
          this.#overwriteCommands(path, json as Array<Record<string, unknown>>, authorization, res);
          return;
        }
        const body = json as Record<string, unknown> | undefined;
        const failure = this.#failures.get(route)?.shift();
        if (failure) {
          this.calls.push({ method, path, body, status: failure.status, authorization });
          res.writeHead(failure.status, { 'content-type': 'application/json', ...failure.headers });
          res.end(JSON.stringify(failure.body));
          return;
        }
        const answer = this.#answer(method, path, body);
        this.calls.push({
          method,
          path,
          body,
          status: answer?.status ?? 204,
          response: answer?.body as Record<string, unknown> | undefined,
          authorization,
        });
        if (answer === undefined) {
          // A 204 must carry no JSON content type (platform-facts trap 6).
          res.writeHead(204);
          res.end();
          return;
        }
        res.writeHead(answer.status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(answer.body));
      });
    });
    await new Promise<void>((resolve) => this.#server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}/api`;
    return this;
  }

  /** The next `times` calls to `route` (e.g. `POST /channels/:id/messages`) fail. */
  failNext(route: string, times: number, failure: Failure): void {
    this.#failures.set(
      route,
      Array.from({ length: times }, () => failure),
    );
  }

  rateLimitNext(route: string, times: number, retryAfterSeconds = 0.2): void {
    this.failNext(route, times, {
      status: 429,
      body: {
        message: 'You are being rate limited.',
        retry_after: retryAfterSeconds,
        global: false,
      },
      headers: { 'retry-after': String(retryAfterSeconds), 'x-ratelimit-scope': 'user' },
    });
  }

  /** Successful calls, as "METHOD /route". */
  delivered(route: string): DiscordCall[] {
    return this.calls.filter(
      (call) => call.status < 300 && `${call.method} ${routeOf(call.path)}` === route,
    );
  }

  async close(): Promise<void> {
    this.#server?.closeAllConnections();
    await new Promise<void>((resolve) => this.#server?.close(() => resolve()));
  }

  #id(): string {
    return String(this.#nextId++);
  }

  /**
   * `PUT /applications/:id/commands` or `/applications/:id/guilds/:id/commands`: replaces the set
   * and answers it as application command objects. A failure set with `failNext` for that route
   * answers instead (a 401 for a bad token).
   */
  #overwriteCommands(
    path: string,
    commands: Array<Record<string, unknown>>,
    authorization: string | undefined,
    res: ServerResponse,
  ): void {
    const failure = this.#failures.get(`PUT ${routeOf(path)}`)?.shift();
    const status = failure?.status ?? 200;
    this.calls.push({ method: 'PUT', path, body: undefined, status, authorization });
    res.writeHead(status, { 'content-type': 'application/json', ...failure?.headers });
    if (failure) {
      res.end(JSON.stringify(failure.body));
      return;
    }
    const [applicationId, guildId] = path.split('/').filter((part) => /^\d+$/.test(part));
    const stored = commands.map((command) => ({
      id: this.#id(),
      application_id: applicationId,
      ...(guildId ? { guild_id: guildId } : {}),
      version: this.#id(),
      default_member_permissions: null,
      description: '',
      ...command,
    }));
    this.commands.set(path, stored);
    res.end(JSON.stringify(stored));
  }

  #answer(
    method: string,
    path: string,
    body: Record<string, unknown> | undefined,
  ): { status: number; body: unknown } | undefined {
    const route = routeOf(path);
    const ids = path.split('/').filter((part) => /^\d+$/.test(part));
    if (method === 'GET' && route === '/gateway/bot') {
      return {
        status: 200,
        body: {
          url: this.gatewayUrl,
          shards: 1,
          session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 },
        },
      };
    }
    if (method === 'POST' && route === '/channels/:id/messages/:id/threads') {
      const thread = {
        id: this.#id(),
        type: 11,
        guild_id: GUILD_ID,
        parent_id: ids[0],
        name: body?.name,
        owner_id: BOT_USER.id,
        flags: 0,
        rate_limit_per_user: 0,
        message_count: 0,
        member_count: 1,
        total_message_sent: 0,
        thread_metadata: {
          archived: false,
          auto_archive_duration: 1440,
          archive_timestamp: new Date().toISOString(),
          locked: false,
        },
      };
      return { status: 201, body: thread };
    }
    if (
      method === 'POST' &&
      (route === '/channels/:id/messages' || route === '/webhooks/:id/:token')
    ) {
      return {
        status: 200,
        body: this.#message(route === '/channels/:id/messages' ? ids[0]! : CHANNEL_ID, body),
      };
    }
    if (method === 'PATCH' && route === '/webhooks/:id/:token/messages/@original') {
      return { status: 200, body: this.#message(CHANNEL_ID, body) };
    }
    if (method === 'GET' && route === '/channels/:id/messages/:id') {
      const message = this.messages.get(ids[1]!);
      return message
        ? { status: 200, body: message }
        : { status: 404, body: { message: 'Unknown Message', code: 10008 } };
    }
    if (method === 'DELETE' && route === '/channels/:id/messages/:id') return undefined;
    // Our own reaction, added or withdrawn: `/channels/:id/messages/:id/reactions/🩺/@me`.
    if (
      (method === 'PUT' || method === 'DELETE') &&
      /^\/channels\/:id\/messages\/:id\/reactions\/[^/]+\/@me$/.test(route)
    )
      return undefined;
    if (method === 'POST' && route === '/interactions/:id/:token/callback') return undefined;
    if (method === 'DELETE' && route === '/webhooks/:id/:token/messages/@original')
      return undefined;
    return { status: 404, body: { message: '404: Not Found', code: 0 } };
  }

  #message(channelId: string, body: Record<string, unknown> | undefined) {
    return {
      id: this.#id(),
      channel_id: channelId,
      author: BOT_USER,
      content: body?.content ?? '',
      embeds: body?.embeds ?? [],
      components: body?.components ?? [],
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: [],
      pinned: false,
      type: body?.message_reference ? 19 : 0,
      flags: 0,
      message_reference: body?.message_reference,
    };
  }
}

/** `/channels/123/messages` → `/channels/:id/messages`; interaction tokens become `:token`. */
export function routeOf(path: string): string {
  return path
    .split('/')
    .map((part, index, parts) =>
      /^\d+$/.test(part)
        ? ':id'
        : parts[index - 2] === 'webhooks' || parts[index - 2] === 'interactions'
          ? ':token'
          : part,
    )
    .join('/');
}
