import { SYMPTOMS } from '../knowledge/index.js';
import type { CaveatId, Diagnosis } from './diagnosis.js';
import { extractFacts } from './extract-evidence.js';
import { normalizePaste } from './normalize-paste.js';
import { redactAroundNormalization } from './redact-secrets.js';
import { confidenceOf, round, scoreSymptoms, type SymptomScore } from './score-symptoms.js';

/** Below this a symptom is not named: a false alarm in a team channel is worse than a miss. */
export const NAME_SYMPTOM_AT = 0.5;

/**
 * Maps pasted text to one symptom of the knowledge base, with the evidence that decided it.
 * Pure and synchronous; never throws. Secrets are masked before any other step sees the text.
 */
export function classifyText(input: string): Diagnosis {
  const raw = typeof input === 'string' ? input : '';
  // Redact before normalising cuts a long paste, so the cut never shows part of a key.
  const redacted = redactAroundNormalization(raw, normalizePaste);
  const facts = extractFacts(redacted.text);
  const scores = scoreSymptoms(facts, SYMPTOMS);
  const [best, second] = scores;
  const caveats: CaveatId[] = redacted.found.length > 0 ? ['secret-pasted'] : [];
  if (!best)
    return {
      symptom: 'none',
      confidence: 1,
      evidence: [],
      alternatives: [],
      caveats,
      secretsFound: redacted.found,
    };

  const confidence = confidenceOf(best.score, second?.score ?? 0);
  const alternatives = scores
    .slice(1)
    .filter((s) => s.score > 0)
    .slice(0, 3)
    .map((s) => ({ symptom: s.symptom, confidence: confidenceOf(s.score, best.score) }));

  if (best.score <= 0 || confidence < NAME_SYMPTOM_AT) {
    return {
      symptom: 'none',
      confidence: round(1 - Math.max(0, confidence)),
      evidence: [],
      alternatives:
        best.score > 0 ? [{ symptom: best.symptom, confidence }, ...alternatives].slice(0, 3) : [],
      caveats,
      secretsFound: redacted.found,
    };
  }
  if (best.symptom === 'quota-429' && !attributedToAperture(best))
    caveats.push('provider-429-possible');
  return {
    symptom: best.symptom,
    confidence,
    evidence: best.evidence.slice(0, 5),
    alternatives,
    caveats,
    secretsFound: redacted.found,
  };
}

/** Nothing but the status tells Aperture's quota 429 from the provider's: then name both. */
function attributedToAperture(score: SymptomScore): boolean {
  return [
    'status-429-from-aperture',
    'quota-error-body-from-aperture',
    'quota-config-words',
    'long-retry-after',
  ].some((name) => score.fired.has(name));
}
