import Bottleneck from 'bottleneck';
import type { PlatformName } from '../core/conversation/incoming.js';
import type { PlatformLogger } from './platform-logger.js';
import { waitForBudget, type ReplyBudget } from './reply-budget.js';

/**
 * What a platform SDK throws when told not to retry rate limits itself (Slack's
 * `rejectRateLimitedCalls`): the one retry layer is this queue (platform-facts.md, traps 3-4).
 */
export interface RateLimitSignal {
  /** Seconds the platform asked us to wait, or undefined when the error is not a rate limit. */
  retryAfterSeconds(error: unknown): number | undefined;
}

export interface OutboundQueueOptions {
  logger: PlatformLogger;
  rateLimit: RateLimitSignal;
  /** Slack allows about one message per second per channel, with short bursts. */
  minTimeMs?: number;
  burst?: number;
  /** Retries of one call on 429 before it is given up (and logged). */
  maxRetries?: number;
  /** Called for each 429 seen (metrics). */
  onRateLimited?(): void;
  /** A per-channel budget shared across replicas, consulted before each send. */
  sharedBudget?: { platform: PlatformName; budget: ReplyBudget };
}

/**
 * Per-channel outbound queue: a bottleneck Group (one limiter per channel) paces sends, and a 429
 * is retried after its Retry-After without reordering or losing the reply.
 */
export class OutboundQueue {
  readonly #group: Bottleneck.Group;
  readonly #pending = new Set<Promise<unknown>>();

  constructor(private readonly options: OutboundQueueOptions) {
    const burst = options.burst ?? 3;
    this.#group = new Bottleneck.Group({
      maxConcurrent: 1,
      minTime: options.minTimeMs ?? 1000,
      reservoir: burst,
      reservoirIncreaseAmount: 1,
      reservoirIncreaseInterval: options.minTimeMs ?? 1000,
      reservoirIncreaseMaximum: burst,
    });
    this.#group.on('created', (limiter: Bottleneck) => {
      limiter.on('failed', (error: unknown, job: Bottleneck.EventInfoRetryable) => {
        const wait = options.rateLimit.retryAfterSeconds(error);
        if (wait === undefined) return undefined;
        options.onRateLimited?.();
        if (job.retryCount >= (options.maxRetries ?? 5)) {
          options.logger.error(
            { retries: job.retryCount },
            'giving up a message after repeated rate limits',
          );
          return undefined;
        }
        options.logger.warn(
          { retryAfterSeconds: wait },
          'rate limited; retrying after Retry-After',
        );
        return Math.max(0, wait) * 1000;
      });
    });
  }

  /** Sends through the channel's limiter; resolves with the SDK's answer. */
  send<T>(channel: string, call: () => Promise<T>): Promise<T> {
    const shared = this.options.sharedBudget;
    const job = shared
      ? async () => {
          await waitForBudget(shared.budget, shared.platform, channel);
          return call();
        }
      : call;
    const pending = this.#group.key(channel).schedule(job);
    this.#pending.add(pending);
    const forget = () => this.#pending.delete(pending);
    pending.then(forget, forget);
    return pending;
  }

  /** Resolves when every queued send has finished (graceful shutdown), or after `timeoutMs`. */
  async drain(timeoutMs = 10_000): Promise<void> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)));
    await Promise.race([Promise.allSettled([...this.#pending]), deadline]);
    clearTimeout(timer);
  }
}
