import { z } from 'zod';
import { CHECK_IDS } from '../checks/check-ids.js';
import { SYMPTOM_IDS } from '../knowledge/symptom-ids.js';

/**
 * Button payloads carry everything a click needs, so any replica can serve it (DESIGN §4). The
 * encoding is versioned (`ad1`) and fits Discord's 100-character custom_id.
 * @see https://discord.com/developers/docs/interactions/message-components#custom-id
 */
export const MAX_ACTION_ID_LENGTH = 100;
const VERSION = 'ad1';
const SEPARATOR = '|';

const symptomId = z.enum(SYMPTOM_IDS);

export const actionSchema = z.discriminatedUnion('type', [
  /** Run a follow-up check for a diagnosed symptom. */
  z.object({ type: z.literal('check'), checkId: z.enum(CHECK_IDS), symptom: symptomId }),
  /** "Solved": count it and thank the user. */
  z.object({ type: z.literal('solved'), symptom: symptomId }),
  /** "Not it": show the next likeliest symptom, skipping those already refused. */
  z.object({
    type: z.literal('not-it'),
    symptom: symptomId,
    refused: z.array(symptomId).max(11),
    /** Alternatives from the original diagnosis, best first. */
    next: z.array(symptomId).max(3),
  }),
  /** "Diagnose this?" prompt: show the full reply for the suspected symptom. */
  z.object({ type: z.literal('show'), symptom: symptomId }),
  /** Chosen from the "Not it" picker: what it really was (feedback), answered with its steps. */
  z.object({ type: z.literal('pick'), symptom: symptomId }),
  /** "Something else" in the picker: no known symptom (feedback); `symptom` is the one refused. */
  z.object({ type: z.literal('other'), symptom: symptomId }),
  /** "Not now" on a "Diagnose this?" offer (feedback): the offer goes away. */
  z.object({ type: z.literal('dismiss'), symptom: symptomId }),
]);

export type Action = z.infer<typeof actionSchema>;

const SHORT_TYPE = {
  check: 'c',
  solved: 's',
  'not-it': 'n',
  show: 'd',
  pick: 'p',
  other: 'o',
  dismiss: 'x',
} as const;
const LONG_TYPE = {
  c: 'check',
  s: 'solved',
  n: 'not-it',
  d: 'show',
  p: 'pick',
  o: 'other',
  x: 'dismiss',
} as const;

/** Encodes an action as a compact button id; throws if it would exceed the limit (a bug). */
export function encodeActionId(action: Action): string {
  const parts: string[] = [VERSION, SHORT_TYPE[action.type], action.symptom];
  if (action.type === 'check') parts.push(action.checkId);
  if (action.type === 'not-it') parts.push(action.refused.join(','), action.next.join(','));
  const id = parts.join(SEPARATOR);
  if (id.length > MAX_ACTION_ID_LENGTH) {
    throw new RangeError(`action id is ${id.length} characters, over ${MAX_ACTION_ID_LENGTH}`);
  }
  return id;
}

/** Decodes a button id; undefined for anything that is not a valid current action (old or forged). */
export function decodeActionId(id: string): Action | undefined {
  if (id.length > MAX_ACTION_ID_LENGTH) return undefined;
  const [version, shortType, symptom, ...rest] = id.split(SEPARATOR);
  if (version !== VERSION || shortType === undefined) return undefined;
  const type = LONG_TYPE[shortType as keyof typeof LONG_TYPE];
  const list = (value: string | undefined) => (value ? value.split(',') : []);
  const candidate =
    type === 'check'
      ? { type, symptom, checkId: rest[0] }
      : type === 'not-it'
        ? { type, symptom, refused: list(rest[0]), next: list(rest[1]) }
        : { type, symptom };
  const parsed = actionSchema.safeParse(candidate);
  return parsed.success ? parsed.data : undefined;
}
