import { z } from 'zod';
import { isSymptomId, type SymptomOrNone } from '../knowledge/symptom-ids.js';

const WHY_CHARS = 300;

/** The JSON the prompt asks for; extra fields are ignored, missing or mistyped ones refused. */
const answerSchema = z.object({
  symptom: z.string().trim().toLowerCase(),
  confidence: z.coerce.number().min(0).max(1),
  why: z.string().trim().default(''),
});

export type ParsedSecondOpinion =
  | { ok: true; symptom: SymptomOrNone; confidence: number; why: string }
  | { ok: false; kind: 'malformed' | 'unknown-id' };

/**
 * Reads the model's reply text: one JSON object, possibly inside a code fence or after a word of
 * preamble (models add them despite being told not to). An id that is not ours is refused, so
 * the reply can only ever show a knowledge entry we wrote.
 */
export function parseSecondOpinion(text: string): ParsedSecondOpinion {
  const start = text.indexOf('{');
  const end = text.lastIndexOf('}');
  if (start < 0 || end <= start) return { ok: false, kind: 'malformed' };
  let json: unknown;
  try {
    json = JSON.parse(text.slice(start, end + 1));
  } catch {
    return { ok: false, kind: 'malformed' };
  }
  const parsed = answerSchema.safeParse(json);
  if (!parsed.success) return { ok: false, kind: 'malformed' };
  const { symptom, confidence, why } = parsed.data;
  if (symptom !== 'none' && !isSymptomId(symptom)) return { ok: false, kind: 'unknown-id' };
  return { ok: true, symptom, confidence, why: why.replace(/\s+/g, ' ').slice(0, WHY_CHARS) };
}
