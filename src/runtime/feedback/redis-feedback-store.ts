import type { Redis } from 'ioredis';
import {
  feedbackExampleSchema,
  type FeedbackExample,
  type FeedbackStore,
} from '../../core/feedback/feedback-example.js';
import { FEEDBACK_CAP, type FeedbackStoreOptions } from './feedback-limits.js';
import { newSalt, pseudonymOf } from './pseudonym.js';

const EXAMPLES_KEY = 'feedback:examples';
const SALT_KEY = 'feedback:salt';

/**
 * Feedback in Redis, shared by every replica: a sorted set scored by the verdict's time, so one
 * transaction adds an example, drops what is older than the TTL and keeps only the newest `cap`.
 * (A stream's MAXLEN/MINID would trim by Redis's own clock; scoring by the example's time keeps
 * the TTL testable and replicas' clocks comparable.) The key itself expires after a TTL of quiet.
 */
export class RedisFeedbackStore implements FeedbackStore {
  readonly #cap: number;
  readonly #ttlSeconds: number;
  readonly #clock: () => number;
  #salt: string | undefined;

  constructor(
    readonly redis: Redis,
    options: FeedbackStoreOptions,
  ) {
    this.#cap = options.cap ?? FEEDBACK_CAP;
    this.#ttlSeconds = Math.max(1, Math.ceil(options.ttlSeconds));
    this.#clock = options.clock ?? Date.now;
  }

  async pseudonym(platform: string, userId: string): Promise<string> {
    if (!this.#salt) {
      // Every replica must hash a user the same way: the first one to write the salt wins.
      await this.redis.set(SALT_KEY, newSalt(), 'NX');
      this.#salt = (await this.redis.get(SALT_KEY)) ?? undefined;
      if (!this.#salt) throw new Error('the feedback salt could not be read from Redis');
    }
    return pseudonymOf(this.#salt, platform, userId);
  }

  async record(example: FeedbackExample): Promise<void> {
    const valid = feedbackExampleSchema.parse(example);
    await this.redis
      .multi()
      .zadd(EXAMPLES_KEY, valid.at, JSON.stringify(valid))
      .zremrangebyscore(EXAMPLES_KEY, '-inf', `(${this.#oldest()}`)
      .zremrangebyrank(EXAMPLES_KEY, 0, -this.#cap - 1)
      .expire(EXAMPLES_KEY, this.#ttlSeconds)
      .exec();
  }

  async list(options: { since?: number } = {}): Promise<FeedbackExample[]> {
    const from = Math.max(options.since ?? 0, this.#oldest());
    const members = await this.redis.zrangebyscore(EXAMPLES_KEY, from, '+inf');
    return members.flatMap((member) => {
      try {
        const parsed = feedbackExampleSchema.safeParse(JSON.parse(member));
        return parsed.success ? [parsed.data] : [];
      } catch {
        return [];
      }
    });
  }

  #oldest(): number {
    return this.#clock() - this.#ttlSeconds * 1000;
  }
}
