import { App, LogLevel, type Logger } from '@slack/bolt';
import { ErrorCode, type WebAPIRateLimitedError } from '@slack/web-api';
import type { ConversationDeps } from '../../core/conversation/conversation-deps.js';
import type { ChatPlatform } from '../chat-platform.js';
import type { HttpRoute } from '../http-route.js';
import { OutboundQueue, type OutboundQueueOptions } from '../outbound-queue.js';
import { NO_INSTRUMENTS, type PlatformInstruments } from '../platform-instruments.js';
import type { PlatformLogger } from '../platform-logger.js';
import { PlatformStartError, listenError, networkReason } from '../platform-start-error.js';
import type { ReplyBudget } from '../reply-budget.js';
import { REJECTED_TOKEN_ERRORS } from './slack-error-fix.js';
import { registerSlackListeners } from './slack-listeners.js';

export interface SlackPlatformOptions {
  botToken: string;
  /** Required in HTTP mode; Socket Mode authenticates with the app token instead. */
  signingSecret?: string;
  /** When set: Socket Mode (no public URL). */
  appToken?: string;
  slackApiUrl: string;
  /** HTTP mode listens here at /slack/events. */
  port: number;
  conversation: ConversationDeps;
  logger: PlatformLogger;
  adminUsers: readonly string[];
  /** /healthz and /metrics, mounted on Bolt's own server in HTTP mode. */
  routes?: HttpRoute[];
  queue?: Partial<Pick<OutboundQueueOptions, 'minTimeMs' | 'maxRetries' | 'maxRetryMs'>>;
  /** Metrics hooks (events, reply latency, 429s). */
  instruments?: PlatformInstruments;
  /** A Web API call that has not answered by then fails and is retried (default 10 s). */
  webApiTimeoutMs?: number;
  /** Per-channel send budget shared across replicas (Redis). */
  budget?: ReplyBudget;
}

/** Slack via Bolt: Socket Mode when an app token is set, HTTP mode on `port` otherwise. */
export function createSlackPlatform(options: SlackPlatformOptions): ChatPlatform {
  const socketMode = Boolean(options.appToken);
  const app = new App({
    token: options.botToken,
    ...(socketMode
      ? { socketMode: true, appToken: options.appToken }
      : { signingSecret: options.signingSecret ?? '', port: options.port }),
    ...(socketMode
      ? {}
      : {
          customRoutes: (options.routes ?? []).map((route) => ({
            path: route.path,
            method: route.method,
            handler: route.handler,
          })),
        }),
    // auth.test runs in start(), not in the constructor, so a bad token fails start() cleanly.
    deferInitialization: true,
    // Bolt's conversation store middleware runs on every event; nothing here uses it.
    convoStore: false,
    logger: boltLogger(options.logger),
    clientOptions: {
      slackApiUrl: options.slackApiUrl,
      // One retry layer only: ours (the outbound queue honours Retry-After per channel).
      rejectRateLimitedCalls: true,
      retryConfig: { retries: 0 },
      // A hung Web API call fails after this and is retried by the queue, so a reply is never stuck.
      timeout: options.webApiTimeoutMs ?? 10_000,
    },
  });
  const instruments = options.instruments ?? NO_INSTRUMENTS;
  const queue = new OutboundQueue({
    logger: options.logger,
    retry: { retryAfterSeconds: slackRetryAfter, isTransient: isTransientSlackError },
    onRateLimited: () => instruments.rateLimited('slack'),
    onGivenUp: (reason) => instruments.replyGivenUp('slack', reason),
    budget: options.budget,
    ...options.queue,
  });
  registerSlackListeners(app, {
    conversation: options.conversation,
    queue,
    logger: options.logger,
    adminUsers: options.adminUsers,
    instruments,
    slackApiUrl: options.slackApiUrl,
  });
  let connected = false;
  return {
    name: 'slack',
    isConnected: () => connected,
    async start() {
      // auth.test with the bot token, then (Socket Mode) apps.connections.open with the app token.
      await app.init().catch((error: unknown) => {
        throw slackStartError(error, 'SLACK_BOT_TOKEN', options);
      });
      await app.start(options.port).catch(async (error: unknown) => {
        await app.stop().catch(() => undefined);
        throw slackStartError(error, socketMode ? 'SLACK_APP_TOKEN' : 'SLACK_BOT_TOKEN', options);
      });
      connected = true;
      options.logger.info(
        { mode: socketMode ? 'socket' : 'http', port: socketMode ? undefined : options.port },
        'Slack app started',
      );
    },
    async stop(deadlineAt = Date.now() + 10_000) {
      connected = false;
      // Take no more events (another replica or connection gets them), then let queued replies
      // finish until the deadline; what is left is given up, and no retry timer outlives it.
      await Promise.race([app.stop().catch(() => undefined), until(deadlineAt)]);
      await queue.close(deadlineAt);
    },
  };
}

/** One line naming what to fix: the token Slack rejected, the API URL or the port. */
function slackStartError(
  error: unknown,
  tokenVariable: 'SLACK_BOT_TOKEN' | 'SLACK_APP_TOKEN',
  options: SlackPlatformOptions,
): PlatformStartError {
  const coded = error as { code?: string; data?: { error?: string }; statusCode?: number };
  const port = listenError(error, options.port);
  if (port) return port;
  if (coded?.code === ErrorCode.PlatformError) {
    const reason = coded.data?.error ?? 'unknown_error';
    return new PlatformStartError(
      REJECTED_TOKEN_ERRORS.has(reason)
        ? `${tokenVariable} was rejected by Slack (${reason})`
        : `Slack refused to start the app (${reason}); check ${tokenVariable}`,
      { cause: error },
    );
  }
  if (coded?.code === ErrorCode.RequestError || coded?.code === ErrorCode.HTTPError) {
    const reason =
      coded.code === ErrorCode.HTTPError ? `HTTP ${coded.statusCode}` : networkReason(error);
    return new PlatformStartError(
      `Slack Web API unreachable at SLACK_API_URL=${options.slackApiUrl} (${reason})`,
      { cause: error },
    );
  }
  const message = error instanceof Error ? error.message : String(error);
  return new PlatformStartError(`Slack failed to start: ${message}`, { cause: error });
}

/** Resolves at `at` (a Date.now() time) without keeping the process alive. */
function until(at: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, at - Date.now())).unref());
}

/** Seconds to wait when @slack/web-api rejected a call for a rate limit; undefined otherwise. */
export function slackRetryAfter(error: unknown): number | undefined {
  const rateLimited = error as Partial<WebAPIRateLimitedError>;
  return rateLimited?.code === ErrorCode.RateLimitedError
    ? (rateLimited.retryAfter ?? 1)
    : undefined;
}

/** 5xx answers and request failures (timeouts, resets) are worth a retry; `ok: false` is not. */
export function isTransientSlackError(error: unknown): boolean {
  const coded = error as { code?: string; statusCode?: number };
  if (coded?.code === ErrorCode.HTTPError) return (coded.statusCode ?? 0) >= 500;
  return coded?.code === ErrorCode.RequestError;
}

function boltLogger(logger: PlatformLogger): Logger {
  let level = LogLevel.INFO;
  const join = (messages: unknown[]) =>
    messages.map((m) => (m instanceof Error ? m.message : String(m))).join(' ');
  return {
    debug: (...messages) => logger.debug({ source: 'bolt' }, join(messages)),
    info: (...messages) => logger.info({ source: 'bolt' }, join(messages)),
    warn: (...messages) => logger.warn({ source: 'bolt' }, join(messages)),
    error: (...messages) => logger.error({ source: 'bolt' }, join(messages)),
    setLevel: (next) => (level = next),
    getLevel: () => level,
    setName: () => undefined,
  };
}
