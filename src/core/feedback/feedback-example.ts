import { z } from 'zod';
import { SYMPTOM_IDS } from '../knowledge/symptom-ids.js';

const symptomOrNone = z.enum(['none', ...SYMPTOM_IDS]);

/**
 * What a person's click said about a diagnosis:
 * - `solved`: "Solved" on a diagnosis (the label is the symptom it showed);
 * - `corrected`: "Not it", then a symptom picked from the menu (the label is the pick);
 * - `something-else`: "Not it", then "Something else" (a false alarm or an unknown problem: `none`);
 * - `offer-accepted` / `offer-dismissed`: the private "Diagnose this?" offer taken or waved off.
 */
export const FIELD_VERDICTS = [
  'solved',
  'corrected',
  'something-else',
  'offer-accepted',
  'offer-dismissed',
] as const;
export type FieldVerdict = (typeof FIELD_VERDICTS)[number];

/**
 * One labelled example, as stored. `text` is the paste after redaction (never the raw paste);
 * `user` is a salted hash of the platform's user id, kept only to de-duplicate.
 */
export const feedbackExampleSchema = z.object({
  text: z.string().min(1),
  predicted: symptomOrNone,
  confidence: z.number().min(0).max(1),
  label: symptomOrNone,
  verdict: z.enum(FIELD_VERDICTS),
  platform: z.string().min(1).max(20),
  /** Milliseconds since the epoch. */
  at: z.number().int().nonnegative(),
  user: z.string().min(1).max(64),
});
export type FeedbackExample = z.infer<typeof feedbackExampleSchema>;

/**
 * Where verdicts are kept (Redis when REDIS_URL is set, else a local JSONL file), implemented in
 * runtime/feedback. Expired and overflowing examples are dropped by the store itself.
 */
export interface FeedbackStore {
  /** The salted hash that stands for a user in stored examples. */
  pseudonym(platform: string, userId: string): Promise<string>;
  record(example: FeedbackExample): Promise<void>;
  /** Examples still kept, oldest first; `since` (ms) keeps those at or after it. */
  list(options?: { since?: number }): Promise<FeedbackExample[]>;
}
