/**
 * How much feedback is kept: at most this many examples (the oldest go first), each for
 * FEEDBACK_TTL_DAYS. Ten thousand verdicts is years of a busy channel and a few megabytes.
 */
export const FEEDBACK_CAP = 10_000;

export interface FeedbackStoreOptions {
  /** How long an example is kept, in seconds (FEEDBACK_TTL_DAYS). */
  ttlSeconds: number;
  /** At most this many examples; FEEDBACK_CAP unless a test says otherwise. */
  cap?: number;
  clock?: () => number;
}
