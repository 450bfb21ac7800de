import Bottleneck from 'bottleneck';
import type { PlatformLogger } from './platform-logger.js';
import type { ReplyBudget } from './reply-budget.js';

/**
 * How a platform's SDK errors map to retries. The SDK itself is told not to retry (Slack's
 * `rejectRateLimitedCalls`, no retryConfig): this queue is the one retry layer (platform-facts
 * traps 3-4).
 */
export interface RetryPolicy {
  /** Seconds the platform asked us to wait (a 429), or undefined when the error is not a rate limit. */
  retryAfterSeconds(error: unknown): number | undefined;
  /** True for failures worth retrying with backoff: 5xx answers, timeouts, dropped connections. */
  isTransient(error: unknown): boolean;
}

/** Backoff for transient failures: 0.5 s, 1 s, 2 s, 4 s… */
const TRANSIENT_BACKOFF_MS = 500;

export interface OutboundQueueOptions {
  logger: PlatformLogger;
  retry: RetryPolicy;
  /** Slack allows about one message per second per channel; the first goes out at once. */
  minTimeMs?: number;
  /** Retries of one call on 429 before it is given up (and logged). */
  maxRetries?: number;
  /** Called for each 429 seen (metrics). */
  onRateLimited?(): void;
  /** A budget shared with other replicas; without it each replica paces only its own sends. */
  budget?: ReplyBudget;
}

/** A send waits for the shared budget at most this often before going anyway. */
const MAX_BUDGET_WAITS = 10;

/**
 * Per-channel outbound queue: a bottleneck Group (one limiter per channel) paces sends, and a 429
 * is retried after its Retry-After without reordering or losing the reply.
 */
export class OutboundQueue {
  readonly #group: Bottleneck.Group;
  readonly #pending = new Set<Promise<unknown>>();

  constructor(private readonly options: OutboundQueueOptions) {
    // minTime alone paces a channel without a timer per limiter (a reservoir would add one each);
    // idle limiters are dropped after a minute, so a busy workspace does not accumulate them.
    this.#group = new Bottleneck.Group({
      maxConcurrent: 1,
      minTime: options.minTimeMs ?? 1000,
      timeout: 60_000,
    });
    this.#group.on('created', (limiter: Bottleneck) => {
      limiter.on('failed', (error: unknown, job: Bottleneck.EventInfoRetryable) => {
        const wait = options.retry.retryAfterSeconds(error);
        if (wait !== undefined) options.onRateLimited?.();
        const transient = wait === undefined && options.retry.isTransient(error);
        if (wait === undefined && !transient) return undefined;
        if (job.retryCount >= (options.maxRetries ?? 5)) {
          options.logger.error(
            { retries: job.retryCount },
            'giving up a message after repeated failures',
          );
          return undefined;
        }
        const delayMs =
          wait !== undefined
            ? Math.max(0, wait) * 1000
            : TRANSIENT_BACKOFF_MS * 2 ** job.retryCount;
        options.logger.warn({ delayMs, rateLimited: wait !== undefined }, 'send failed; retrying');
        return delayMs;
      });
    });
  }

  /** Sends through the channel's limiter; resolves with the SDK's answer. */
  send<T>(channel: string, call: () => Promise<T>): Promise<T> {
    const pending = this.#group.key(channel).schedule(async () => {
      await this.#waitForBudget(channel);
      return call();
    });
    this.#pending.add(pending);
    const forget = () => this.#pending.delete(pending);
    pending.then(forget, forget);
    return pending;
  }

  async #waitForBudget(channel: string): Promise<void> {
    const budget = this.options.budget;
    if (!budget) return;
    for (let attempt = 0; attempt < MAX_BUDGET_WAITS; attempt++) {
      const waitMs = await budget.take(channel);
      if (waitMs <= 0) return;
      await new Promise((resolve) => setTimeout(resolve, waitMs));
    }
  }

  /** Resolves when every queued send has finished (graceful shutdown), or after `timeoutMs`. */
  async drain(timeoutMs = 10_000): Promise<void> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)));
    await Promise.race([Promise.allSettled([...this.#pending]), deadline]);
    clearTimeout(timer);
  }
}
