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

/** Replies still in flight get this long after SIGTERM before the process gives up on them. */
const SHUTDOWN_DEADLINE_MS = 10_000;

/**
 * The composition root: config → logger → state, metrics and checks → the enabled platforms (or
 * the console when no platform token is set) → health and metrics routes → graceful shutdown.
 */
export async function startBot(
  config: Config,
  io: BotIo,
  options: StartBotOptions = {},
): Promise<void> {
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
    return;
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
  logger.info({}, 'shutting down: finishing in-flight replies');
  const stopped = Promise.allSettled(platforms.map((platform) => platform.stop()));
  await Promise.race([
    stopped,
    new Promise((resolve) => setTimeout(resolve, SHUTDOWN_DEADLINE_MS).unref()),
  ]);
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  await state.close();
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
