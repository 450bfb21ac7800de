import type { ChatPlatform } from '../platforms/chat-platform.js';
import type { PlatformLogger } from '../platforms/platform-logger.js';

export interface ShutdownPlan {
  platforms: readonly ChatPlatform[];
  /** Closed after the platforms: the HTTP server, Redis connections. */
  resources: ReadonlyArray<{ name: string; close(): Promise<void> }>;
  logger: PlatformLogger;
  /** Upper bound for the whole shutdown; orchestrators SIGKILL after their own grace period. */
  deadlineMs?: number;
}

/** Kubernetes' default terminationGracePeriodSeconds is 30 s: finish well inside it. */
const DEFAULT_DEADLINE_MS = 20_000;

async function withDeadline(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  const done = work.then(
    () => true,
    () => true,
  );
  const finished = await Promise.race([done, expired]);
  clearTimeout(timer);
  return finished;
}

/**
 * Stops taking events and lets in-flight replies finish (`platform.stop()`), then closes the
 * resources; bounded by one deadline. Resolves true when everything finished in time.
 */
export async function shutDown(plan: ShutdownPlan): Promise<boolean> {
  const deadline = Date.now() + (plan.deadlineMs ?? DEFAULT_DEADLINE_MS);
  const left = () => Math.max(0, deadline - Date.now());
  const stopped = await withDeadline(
    Promise.allSettled(plan.platforms.map((platform) => platform.stop())),
    left(),
  );
  if (!stopped) plan.logger.warn({}, 'shutdown deadline reached before in-flight replies finished');
  let closed = true;
  for (const resource of plan.resources) {
    if (!(await withDeadline(resource.close(), Math.max(left(), 500)))) {
      plan.logger.warn({ resource: resource.name }, 'could not close in time');
      closed = false;
    }
  }
  return stopped && closed;
}

/**
 * Calls `onSignal` once on the first SIGTERM or SIGINT; a second signal exits at once (an
 * operator pressing Ctrl-C twice). Returns a function that removes the handlers.
 */
export function onShutdownSignal(
  onSignal: (signal: NodeJS.Signals) => void,
  signals: readonly NodeJS.Signals[] = ['SIGTERM', 'SIGINT'],
): () => void {
  let received = false;
  const handler = (signal: NodeJS.Signals) => {
    if (received) process.exit(1);
    received = true;
    onSignal(signal);
  };
  for (const signal of signals) process.on(signal, handler);
  return () => {
    for (const signal of signals) process.off(signal, handler);
  };
}
