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

/**
 * Why a send was given up: still rate limited when its time ran out, still failing after its
 * retries, refused by the platform (`ok: false`), or still queued when shutdown's deadline came.
 */
export type GiveUpReason = 'rate-limited' | 'failed' | 'refused' | 'shutdown';

/** Backoff for transient failures: 0.5 s, 1 s, 2 s, 4 s… */
const TRANSIENT_BACKOFF_MS = 500;
/** A send keeps waiting out 429s (and backing off) for at most this long after its first attempt. */
export const DEFAULT_MAX_RETRY_MS = 2 * 60 * 1000;

export interface OutboundQueueOptions {
  logger: PlatformLogger;
  retry: RetryPolicy;
  /** Slack allows about one message per second per channel; the first goes out at once. */
  minTimeMs?: number;
  /** Retries of one send after transient failures (5xx, timeouts, dropped connections). */
  maxRetries?: number;
  /**
   * How long after its first attempt a send may still be retried (default 2 min): a 429 is waited
   * out for as long as its Retry-After says while the next attempt still falls inside this bound.
   */
  maxRetryMs?: number;
  /** Called for each 429 seen (metrics). */
  onRateLimited?(): void;
  /** Called once for each send that is given up (metrics). */
  onGivenUp?(reason: GiveUpReason): void;
  /** A budget shared with other replicas; without it each replica paces only its own sends. */
  budget?: ReplyBudget;
}

/** A send waits for the shared budget at most this often before going anyway. */
const MAX_BUDGET_WAITS = 10;

/** What a send still queued at shutdown rejects with. */
export class QueueStoppedError extends Error {
  constructor() {
    super('the outbound queue stopped before this message was sent');
    this.name = 'QueueStoppedError';
  }
}

interface PendingSend {
  promise: Promise<unknown>;
  /** True once counted as given up, so a late rejection is not counted twice. */
  counted: boolean;
}

/**
 * Per-channel outbound queue: a bottleneck Group (one limiter per channel) paces sends, and a 429
 * is retried after its Retry-After without reordering or losing the reply. Retries run inside the
 * channel's job, so later messages in that channel wait behind them; their waits are our own
 * timers, which `close` cancels, so a stopping process is never kept alive by a retry.
 */
export class OutboundQueue {
  readonly #group: Bottleneck.Group;
  readonly #pending = new Set<PendingSend>();
  readonly #sleepers = new Set<() => void>();
  readonly #maxRetryMs: number;
  #stopped = false;

  constructor(private readonly options: OutboundQueueOptions) {
    this.#maxRetryMs = options.maxRetryMs ?? DEFAULT_MAX_RETRY_MS;
    // minTime alone paces a channel without a timer per limiter (a reservoir would add one each);
    // idle limiters are dropped a minute after the longest a send can last, so a busy workspace
    // does not accumulate them and a channel waiting out 429s keeps its limiter (and its order).
    this.#group = new Bottleneck.Group({
      maxConcurrent: 1,
      minTime: options.minTimeMs ?? 1000,
      timeout: this.#maxRetryMs + 60_000,
    });
  }

  /** Sends through the channel's limiter, retrying as the policy says; resolves with the SDK's answer. */
  send<T>(channel: string, call: () => Promise<T>): Promise<T> {
    const entry: PendingSend = { promise: Promise.resolve(), counted: false };
    const giveUp = (reason: GiveUpReason) => {
      if (entry.counted) return;
      entry.counted = true;
      this.options.onGivenUp?.(reason);
    };
    if (this.#stopped) {
      giveUp('shutdown');
      return Promise.reject(new QueueStoppedError());
    }
    const pending = this.#group.key(channel).schedule(() => this.#attempt(channel, call, giveUp));
    entry.promise = pending;
    this.#pending.add(entry);
    const forget = () => this.#pending.delete(entry);
    pending.then(forget, forget);
    return pending;
  }

  async #attempt<T>(
    channel: string,
    call: () => Promise<T>,
    giveUp: (reason: GiveUpReason) => void,
  ): Promise<T> {
    const firstAttemptAt = Date.now();
    let transientFailures = 0;
    for (;;) {
      if (this.#stopped) {
        giveUp('shutdown');
        throw new QueueStoppedError();
      }
      try {
        await this.#waitForBudget(channel);
        return await call();
      } catch (error) {
        if (error instanceof QueueStoppedError) {
          giveUp('shutdown');
          throw error;
        }
        const wait = this.options.retry.retryAfterSeconds(error);
        if (wait !== undefined) this.options.onRateLimited?.();
        const transient = wait === undefined && this.options.retry.isTransient(error);
        if (wait === undefined && !transient) {
          giveUp('refused');
          throw error;
        }
        const delayMs =
          wait !== undefined
            ? Math.max(0, wait) * 1000
            : TRANSIENT_BACKOFF_MS * 2 ** transientFailures;
        if (transient) transientFailures++;
        const outOfTime = Date.now() + delayMs - firstAttemptAt > this.#maxRetryMs;
        const outOfRetries = transient && transientFailures > (this.options.maxRetries ?? 5);
        if (outOfTime || outOfRetries) {
          const reason = wait !== undefined ? 'rate-limited' : 'failed';
          this.options.logger.error(
            { reason, transientFailures, elapsedMs: Date.now() - firstAttemptAt },
            'giving up a message after repeated failures',
          );
          giveUp(reason);
          throw error;
        }
        this.options.logger.warn(
          { delayMs, rateLimited: wait !== undefined },
          'send failed; retrying',
        );
        await this.#sleep(delayMs);
      }
    }
  }

  async #waitForBudget(channel: string): Promise<void> {
    const budget = this.options.budget;
    if (!budget) return;
    for (let attempt = 0; attempt < MAX_BUDGET_WAITS; attempt++) {
      const waitMs = await budget.take(channel);
      if (waitMs <= 0) return;
      await this.#sleep(waitMs);
      if (this.#stopped) throw new QueueStoppedError();
    }
  }

  /** Waits `ms`, or less when the queue stops. */
  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.#sleepers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.#sleepers.add(wake);
    });
  }

  /** Resolves when every queued send has finished, or after `timeoutMs`. */
  async drain(timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // Sends queued while draining (an answer still being built) are waited for too.
    while (this.#pending.size > 0 && Date.now() < deadline) {
      const expired = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, deadline - Date.now());
      });
      await Promise.race([
        Promise.allSettled([...this.#pending].map((entry) => entry.promise)),
        expired,
      ]);
      clearTimeout(timer);
    }
  }

  /**
   * Graceful shutdown: lets queued sends finish until `deadlineAt` (a Date.now() time), then stops:
   * retry waits end, sends not yet delivered are given up (and counted), and new sends are refused.
   * Resolves with how many sends were given up.
   */
  async close(deadlineAt: number): Promise<number> {
    await this.drain(Math.max(0, deadlineAt - Date.now()));
    this.#stopped = true;
    for (const wake of [...this.#sleepers]) wake();
    let dropped = 0;
    for (const entry of this.#pending) {
      if (entry.counted) continue;
      entry.counted = true;
      dropped++;
      this.options.onGivenUp?.('shutdown');
    }
    if (dropped > 0)
      this.options.logger.warn({ dropped }, 'shutdown deadline reached: giving up queued messages');
    return dropped;
  }
}
