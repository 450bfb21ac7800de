import { isCheckId, type CheckId } from '../checks/check-ids.js';
import { isSymptomId, type SymptomId } from '../knowledge/symptom-ids.js';

/**
 * Button payloads carry everything a click needs, so any replica can serve it (DESIGN §4). The
 * encoding is versioned (`ad1`) and fits Discord's 100-character custom_id.
 * @see https://discord.com/developers/docs/interactions/message-components#custom-id
 */
export const MAX_ACTION_ID_LENGTH = 100;
const VERSION = 'ad1';
const SEPARATOR = '|';

/** What a button does when clicked. */
export type Action =
  /** Run a follow-up check for a diagnosed symptom. */
  | { type: 'check'; checkId: CheckId; symptom: SymptomId }
  /** "Solved": count it and thank the user. */
  | { type: 'solved'; symptom: SymptomId }
  /** "Not it": show the next likeliest symptom, skipping those already refused. */
  | {
      type: 'not-it';
      symptom: SymptomId;
      /** At most MAX_REFUSED. */
      refused: SymptomId[];
      /** Alternatives from the original diagnosis, best first; at most MAX_NEXT. */
      next: SymptomId[];
    }
  /** "Diagnose this?" prompt: show the full reply for the suspected symptom. */
  | { type: 'show'; symptom: SymptomId }
  /** Chosen from the "Not it" picker: what it really was (feedback), answered with its steps. */
  | { type: 'pick'; symptom: SymptomId }
  /** "Something else" in the picker: no known symptom (feedback); `symptom` is the one refused. */
  | { type: 'other'; symptom: SymptomId }
  /** "Not now" on a "Diagnose this?" offer (feedback): the offer goes away. */
  | { type: 'dismiss'; symptom: SymptomId };

const MAX_REFUSED = 11;
const MAX_NEXT = 3;

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

/**
 * Decodes a button id; undefined for anything that is not a valid current action (old or forged).
 * Checked by hand rather than with zod, which would cost every command's start-up; the unit test
 * holds it to a zod schema of the same wire format.
 */
export function decodeActionId(id: string): Action | undefined {
  if (id.length > MAX_ACTION_ID_LENGTH) return undefined;
  const [version, shortType, symptom, ...rest] = id.split(SEPARATOR);
  if (version !== VERSION || shortType === undefined || !Object.hasOwn(LONG_TYPE, shortType))
    return undefined;
  if (symptom === undefined || !isSymptomId(symptom)) return undefined;
  const type = LONG_TYPE[shortType as keyof typeof LONG_TYPE];
  if (type === 'check') {
    const checkId = rest[0];
    return checkId !== undefined && isCheckId(checkId) ? { type, symptom, checkId } : undefined;
  }
  if (type === 'not-it') {
    const refused = symptomList(rest[0], MAX_REFUSED);
    const next = symptomList(rest[1], MAX_NEXT);
    return refused && next ? { type, symptom, refused, next } : undefined;
  }
  return { type, symptom };
}

/** A comma-separated list of symptom ids (empty for none); undefined if any is not one, or too many. */
function symptomList(value: string | undefined, max: number): SymptomId[] | undefined {
  const ids = value ? value.split(',') : [];
  if (ids.length > max) return undefined;
  return ids.every(isSymptomId) ? ids : undefined;
}
