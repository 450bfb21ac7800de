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
  /**
   * Slack allows about one message per second per channel, tolerating short bursts: a channel
   * sends `burst` messages at once, then one per `minTimeMs` (default 1 s) until it rests.
   */
  minTimeMs?: number;
  /** Messages a rested channel may send at once (default 3). */
  burst?: number;
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

/** One channel's sends: a promise chain (one at a time, in order) and its pacing. */
interface Lane {
  /** Settles when the last send queued in this channel has finished. */
  tail: Promise<void>;
  /** Sends queued or running. */
  queued: number;
  /**
   * Pacing as a virtual schedule (GCRA): each send moves it `minTimeMs` on, and a send may start
   * once it is at most `(burst - 1) * minTimeMs` ahead of now. At or before now, the channel has
   * rested: a new lane would behave the same, so an idle lane is dropped then.
   */
  paceAt: number;
  /** Drops the lane when it has rested, if nothing was queued meanwhile. */
  idle?: ReturnType<typeof setTimeout>;
}

/**
 * Per-channel outbound queue: each channel's sends run one at a time, in order, on a promise
 * chain, paced to about one a second with short bursts; a 429 is retried after its Retry-After
 * without reordering or losing the reply. Retries run inside the send's turn, so later messages in
 * that channel wait behind them; every wait (pacing, backoff, Retry-After) is our own timer, which
 * `close` cancels, so a stopping process is never kept alive by one. A channel holds state only
 * while it has sends queued or has not yet rested: at 200 new channels a second that is a few
 * hundred small objects, where a limiter per channel kept for a minute was thousands of large ones.
 */
export class OutboundQueue {
  readonly #lanes = new Map<string, Lane>();
  readonly #pending = new Set<PendingSend>();
  readonly #sleepers = new Set<() => void>();
  readonly #maxRetryMs: number;
  readonly #intervalMs: number;
  readonly #toleranceMs: number;
  #stopped = false;

  constructor(private readonly options: OutboundQueueOptions) {
    this.#maxRetryMs = options.maxRetryMs ?? DEFAULT_MAX_RETRY_MS;
    this.#intervalMs = options.minTimeMs ?? 1000;
    this.#toleranceMs = (Math.max(1, options.burst ?? 3) - 1) * this.#intervalMs;
  }

  /** Channels holding state: with sends queued, or not yet rested since their last one. */
  get heldChannels(): number {
    return this.#lanes.size;
  }

  /** Sends in the channel's turn, retrying as the policy says; resolves with the SDK's answer. */
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
    const lane = this.#lane(channel);
    lane.queued++;
    const pending = lane.tail.then(async () => {
      await this.#waitForTurn(lane);
      return this.#attempt(channel, call, giveUp);
    });
    const finished = () => this.#finished(channel, lane);
    lane.tail = pending.then(finished, finished);
    entry.promise = pending;
    this.#pending.add(entry);
    const forget = () => this.#pending.delete(entry);
    pending.then(forget, forget);
    return pending;
  }

  #lane(channel: string): Lane {
    const lane = this.#lanes.get(channel);
    if (lane) {
      clearTimeout(lane.idle);
      lane.idle = undefined;
      return lane;
    }
    const fresh: Lane = { tail: Promise.resolve(), queued: 0, paceAt: 0 };
    this.#lanes.set(channel, fresh);
    return fresh;
  }

  /** Waits until the channel's pacing lets the next send start, and books its slot. */
  async #waitForTurn(lane: Lane): Promise<void> {
    const now = Date.now();
    const startAt = Math.max(now, lane.paceAt - this.#toleranceMs);
    lane.paceAt = Math.max(lane.paceAt, startAt) + this.#intervalMs;
    if (startAt > now) await this.#sleep(startAt - now);
  }

  /** After a send: an idle lane is dropped once it has rested. */
  #finished(channel: string, lane: Lane): void {
    lane.queued--;
    if (lane.queued > 0) return;
    const drop = () => {
      if (lane.queued === 0 && this.#lanes.get(channel) === lane) this.#lanes.delete(channel);
    };
    const restsIn = lane.paceAt - Date.now();
    if (restsIn <= 0) return drop();
    lane.idle = setTimeout(drop, restsIn);
    lane.idle.unref();
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
    for (const lane of this.#lanes.values()) clearTimeout(lane.idle);
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
