import type { Redis } from 'ioredis';
import type { FeedbackStore } from '../../core/feedback/feedback-example.js';
import type { PlatformLogger } from '../../platforms/platform-logger.js';
import type { Config } from '../config.js';
import { FileFeedbackStore } from './file-feedback-store.js';
import { RedisFeedbackStore } from './redis-feedback-store.js';

/**
 * The feedback store the config asks for: none with FEEDBACK=off, Redis when a client is given
 * (REDIS_URL), else the JSONL file FEEDBACK_FILE. Failures are logged (never the text) and
 * rethrown; the core drops the example and still answers the click.
 */
export function createFeedbackStore(
  config: Pick<Config, 'FEEDBACK' | 'FEEDBACK_FILE' | 'FEEDBACK_TTL_DAYS'>,
  options: { redis?: Redis; clock?: () => number; logger?: PlatformLogger } = {},
): FeedbackStore | undefined {
  if (!config.FEEDBACK) return undefined;
  const settings = { ttlSeconds: config.FEEDBACK_TTL_DAYS * 86_400, clock: options.clock };
  const store: FeedbackStore = options.redis
    ? new RedisFeedbackStore(options.redis, settings)
    : new FileFeedbackStore(config.FEEDBACK_FILE, settings);
  const logger = options.logger;
  if (!logger) return store;
  const logged =
    <A extends unknown[], R>(what: string, call: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      try {
        return await call(...args);
      } catch (error) {
        logger.warn({ message: (error as Error).message }, `feedback could not be ${what}`);
        throw error;
      }
    };
  return {
    pseudonym: logged('recorded', store.pseudonym.bind(store)),
    record: logged('recorded', store.record.bind(store)),
    list: logged('read', store.list.bind(store)),
  };
}
