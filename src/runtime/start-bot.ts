import type { Server } from 'node:http';
import type { Requester } from '../core/checks/follow-up-check.js';
import { warmUpClassifier } from '../core/classify/warm-up.js';
import type { ConversationDeps } from '../core/conversation/conversation-deps.js';
import type { ChatPlatform } from '../platforms/chat-platform.js';
import { createConsolePlatform } from '../platforms/console/start-console.js';
import type { HttpRoute } from '../platforms/http-route.js';
import type { PlatformInstruments } from '../platforms/platform-instruments.js';
import type { ReplyBudget } from '../platforms/reply-budget.js';
import { buildConversationDeps, type RuntimeOptions } from './build-runtime.js';
import type { Config } from './config.js';
import { operationalRoutes, serveRoutes } from './http-routes.js';
import { createLogger, type Logger } from './logger.js';
import { createFeedbackStore } from './feedback/create-feedback-store.js';

export interface BotIo {
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  stdout: NodeJS.WritableStream;
  /** The console colours its answers (decided by the CLI from the TTY, NO_COLOR, FORCE_COLOR). */
  colour?: boolean;
}

/** What every platform is built from. */
export interface PlatformContext {
  config: Config;
  deps: ConversationDeps;
  logger: Logger;
  /** /healthz and /metrics, for a platform that hosts an HTTP server (Slack's HTTP mode). */
  routes: HttpRoute[];
  instruments: PlatformInstruments;
  /** Per-channel send budget shared across replicas, when REDIS_URL is set. */
  budget?: ReplyBudget;
  /** A platform that fails after start (a standby taking over) ends the bot with this error. */
  fatal(error: Error): void;
}

export interface PlatformEntry {
  enabled(config: Config): boolean;
  /** True when the platform serves `routes` on PORT itself. */
  servesRoutes?(config: Config): boolean;
  create(context: PlatformContext): ChatPlatform;
}

export interface StartBotOptions extends RuntimeOptions {
  /** Platforms the environment may enable, in start order (Slack, Discord). */
  platforms?: PlatformEntry[];
  /** Who the console plays (`console --user LOGIN --admin`); by default the operator, an admin. */
  consoleRequester?: Requester;
  /** Resolves to stop the bot (tests); SIGTERM and SIGINT always do. */
  until?: Promise<void>;
}

/** Of the shutdown deadline, this much (at most) is kept for closing the server and Redis. */
const CLOSING_RESERVE_MS = 1000;

/**
 * The composition root: config → logger → state, metrics and checks → the enabled platforms (or
 * the console when no platform token is set) → health and metrics routes → graceful shutdown.
 */
export async function startBot(
  config: Config,
  io: BotIo,
  options: StartBotOptions = {},
): Promise<'console' | 'stopped'> {
  const logger = createLogger(config.LOG_LEVEL);
  const enabled = (options.platforms ?? []).filter((platform) => platform.enabled(config));
  if (enabled.length === 0) {
    // The console records verdicts too: in Redis when REDIS_URL is set, else in FEEDBACK_FILE.
    // Imported only then: a console without Redis loads no ioredis.
    const redis =
      config.FEEDBACK && config.REDIS_URL
        ? (await import('./state/redis-state-store.js')).createRedisClient(config.REDIS_URL)
        : undefined;
    const console = createConsolePlatform({
      deps: buildConversationDeps(config, {
        ...options,
        secondOpinionWiring: { logger, ...options.secondOpinionWiring },
        feedback: options.feedback ?? createFeedbackStore(config, { redis, logger }),
      }),
      input: io.stdin,
      output: io.stdout,
      interactive: io.stdin.isTTY === true,
      requester: options.consoleRequester,
      colour: io.colour,
    });
    try {
      await console.start();
    } finally {
      redis?.disconnect();
    }
    return 'console';
  }
  // Imported here, not above: the console needs none of Redis, Prometheus or the shared budget.
  const [
    { ResilientStateStore, createStateStore },
    { createMetrics },
    { createSharedReplyBudget },
  ] = await Promise.all([
    import('./state/resilient-state-store.js'),
    import('./metrics.js'),
    import('./shared-reply-budget.js'),
  ]);
  const state = createStateStore(config.REDIS_URL, logger);
  const feedback =
    options.feedback ??
    createFeedbackStore(config, {
      redis: state instanceof ResilientStateStore ? state.client : undefined,
      logger,
    });
  const metrics = createMetrics({ feedback });
  const deps = buildConversationDeps(config, {
    ...options,
    state: options.state ?? state,
    observe: metrics.observer(logger, config.ADMIN_USERS),
    // Replicas share each channel's model budget through the state store's Redis.
    secondOpinionWiring: {
      logger,
      instruments: metrics.secondOpinion,
      ...(state instanceof ResilientStateStore
        ? { redis: state.client, redisUnavailable: () => state.degraded }
        : {}),
      ...options.secondOpinionWiring,
    },
    feedback,
  });
  const platforms: ChatPlatform[] = [];
  const routes = operationalRoutes(() => platforms, metrics);
  // With Redis, replicas also share each channel's send budget (the queue paces only its own).
  const budget =
    state instanceof ResilientStateStore
      ? createSharedReplyBudget(state.client, { unavailable: () => state.degraded })
      : undefined;
  let failed: (error: Error) => void = () => undefined;
  const fatal = new Promise<Error>((resolve) => (failed = resolve));
  const context: PlatformContext = {
    config,
    deps,
    logger,
    routes,
    instruments: metrics.instruments,
    budget,
    fatal: (error) => failed(error),
  };
  for (const entry of enabled) platforms.push(entry.create(context));
  // Before any platform takes events: the first classifications of a process are the slow ones.
  const warming = performance.now();
  const warmed = warmUpClassifier();
  logger.debug(
    { pastes: warmed, ms: Math.round(performance.now() - warming) },
    'classifier warmed up',
  );
  const signal = shutdownSignal();
  let server: Server | undefined;
  try {
    if (!enabled.some((entry) => entry.servesRoutes?.(config)))
      server = await serveRoutes(routes, config.PORT);
    for (const platform of platforms) await platform.start();
  } catch (error) {
    // A platform that cannot start ends the process (non-zero, one line): a bot that stays up
    // answering 503 "starting" is never restarted by Docker or Kubernetes.
    signal.dispose();
    logger.error({ message: (error as Error).message }, 'a platform failed to start');
    await shutDown(platforms, server, state, Date.now() + 2000);
    throw error;
  }
  logger.info(
    { platforms: platforms.map((p) => p.name), redis: Boolean(config.REDIS_URL) },
    'aperture-doctor is running',
  );

  const stopped = await Promise.race([
    signal.received.then(() => undefined),
    fatal,
    ...(options.until ? [options.until.then(() => undefined)] : []),
  ]);
  signal.dispose();
  if (stopped instanceof Error) {
    logger.error({ message: stopped.message }, 'a platform failed: stopping');
    await shutDown(platforms, server, state, Date.now() + 2000);
    throw stopped;
  }
  // A hard deadline: replies get until shortly before it, closing the rest gets what remains, and
  // then startBot returns whatever is still hanging (the CLI exits the process).
  const deadlineMs = config.SHUTDOWN_DEADLINE_SECONDS * 1000;
  logger.info({ deadlineMs }, 'shutting down: finishing in-flight replies');
  const exitAt = Date.now() + deadlineMs;
  await shutDown(platforms, server, state, exitAt);
  if (Date.now() >= exitAt) logger.warn({ deadlineMs }, 'shutdown deadline reached: exiting');
  return 'stopped';
}

/**
 * Stops the platforms (replies get until shortly before `exitAt`), then the server and Redis,
 * returning by `exitAt` whatever still hangs.
 */
async function shutDown(
  platforms: readonly ChatPlatform[],
  server: Server | undefined,
  state: { close(): Promise<void> },
  exitAt: number,
): Promise<void> {
  const repliesUntil = exitAt - Math.min(CLOSING_RESERVE_MS, (exitAt - Date.now()) / 4);
  await within(
    exitAt,
    Promise.allSettled(platforms.map((platform) => platform.stop(repliesUntil))),
  );
  await within(exitAt, closeServer(server));
  await within(exitAt, state.close());
}

/** Waits for `work`, but no later than `at` (a Date.now() time); never keeps the process alive. */
async function within(at: number, work: Promise<unknown>): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, Math.max(0, at - Date.now()));
    timer.unref();
  });
  await Promise.race([work.catch(() => undefined), expired]);
  clearTimeout(timer);
}

function closeServer(server: Server | undefined): Promise<void> {
  if (!server) return Promise.resolve();
  return new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

function shutdownSignal(): { received: Promise<void>; dispose(): void } {
  let onSignal = () => undefined as void;
  const received = new Promise<void>((resolve) => (onSignal = resolve));
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
  return {
    received,
    dispose: () => {
      process.removeListener('SIGTERM', onSignal);
      process.removeListener('SIGINT', onSignal);
    },
  };
}
