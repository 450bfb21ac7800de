import type { Server } from 'node:http';
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
import { createMetrics } from './metrics.js';
import { createSharedReplyBudget } from './shared-reply-budget.js';
import { ResilientStateStore, createStateStore } from './state/resilient-state-store.js';

export interface BotIo {
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  stdout: NodeJS.WritableStream;
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
    const console = createConsolePlatform({
      deps: buildConversationDeps(config, options),
      input: io.stdin,
      output: io.stdout,
      interactive: io.stdin.isTTY === true,
    });
    await console.start();
    return 'console';
  }
  const state = createStateStore(config.REDIS_URL, logger);
  const metrics = createMetrics();
  const deps = buildConversationDeps(config, {
    ...options,
    state: options.state ?? state,
    observe: metrics.observer(logger, config.ADMIN_USERS),
  });
  const platforms: ChatPlatform[] = [];
  const routes = operationalRoutes(() => platforms, metrics);
  // With Redis, replicas also share each channel's send budget (bottleneck paces only its own).
  const budget =
    state instanceof ResilientStateStore
      ? createSharedReplyBudget(state.client, { unavailable: () => state.degraded })
      : undefined;
  const context: PlatformContext = {
    config,
    deps,
    logger,
    routes,
    instruments: metrics.instruments,
    budget,
  };
  for (const entry of enabled) platforms.push(entry.create(context));
  const server: Server | undefined = enabled.some((entry) => entry.servesRoutes?.(config))
    ? undefined
    : await serveRoutes(routes, config.PORT);
  for (const platform of platforms) await platform.start();
  logger.info(
    { platforms: platforms.map((p) => p.name), redis: Boolean(config.REDIS_URL) },
    'aperture-doctor is running',
  );

  const signal = shutdownSignal();
  await Promise.race([signal.received, ...(options.until ? [options.until] : [])]);
  signal.dispose();
  // A hard deadline: replies get until shortly before it, closing the rest gets what remains, and
  // then startBot returns whatever is still hanging (the CLI exits the process).
  const deadlineMs = config.SHUTDOWN_DEADLINE_SECONDS * 1000;
  const exitAt = Date.now() + deadlineMs;
  const repliesUntil = exitAt - Math.min(CLOSING_RESERVE_MS, deadlineMs / 4);
  logger.info({ deadlineMs }, 'shutting down: finishing in-flight replies');
  await within(
    exitAt,
    Promise.allSettled(platforms.map((platform) => platform.stop(repliesUntil))),
  );
  await within(exitAt, closeServer(server));
  await within(exitAt, state.close());
  if (Date.now() >= exitAt) logger.warn({ deadlineMs }, 'shutdown deadline reached: exiting');
  return 'stopped';
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
