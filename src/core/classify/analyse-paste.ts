import { SYMPTOMS } from '../knowledge/index.js';
import type { SecretKind } from './diagnosis.js';
import { extractFacts, type PasteFacts } from './extract-evidence.js';
import type { FeatureVector } from './learned/feature-vector.js';
import { featuresOf } from './learned/features.js';
import { normalizePaste } from './normalize-paste.js';
import { redactAroundNormalization } from './redact-secrets.js';
import { scoreSymptoms, type SymptomScore } from './score-symptoms.js';

/** Everything the classifier knows of a paste before the learned layer weighs it. */
export interface PasteAnalysis {
  facts: PasteFacts;
  /** The rule signals of every knowledge entry, best rule score first. */
  scores: SymptomScore[];
  features: FeatureVector;
  secretsFound: SecretKind[];
}

/**
 * Normalise, redact, extract facts, run the rule signals, and turn all of it into features: the
 * same steps at training time (scripts/train-classifier.ts) and in the bot. Secrets are masked
 * before any other step sees the text.
 */
export function analysePaste(input: string): PasteAnalysis {
  const raw = typeof input === 'string' ? input : '';
  // Redact before normalising cuts a long paste, so the cut never shows part of a key.
  const redacted = redactAroundNormalization(raw, normalizePaste);
  const facts = extractFacts(redacted.text);
  const scores = scoreSymptoms(facts, SYMPTOMS);
  return { facts, scores, features: featuresOf(facts, scores), secretsFound: redacted.found };
}
