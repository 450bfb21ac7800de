import { isSymptomId, type SymptomId } from '../knowledge/symptom-ids.js';
import { analysePaste, type PasteAnalysis } from './analyse-paste.js';
import type { Alternative, CaveatId, Diagnosis, Evidence } from './diagnosis.js';
import { excerptAt } from './extract-evidence.js';
import { applyHardFacts } from './learned/hard-facts.js';
import { featuresOf } from './learned/features.js';
import { decodeModel, predict, type LinearModel } from './learned/linear-model.js';
import { ENCODED_MODEL } from './learned/model-weights.generated.js';
import { round, type SymptomScore } from './score-symptoms.js';

/** Below this a symptom is not named: a false alarm in a team channel is worse than a miss. */
export const NAME_SYMPTOM_AT = 0.5;

const MODEL: LinearModel = decodeModel(ENCODED_MODEL);

/**
 * Maps pasted text to one symptom of the knowledge base, with the evidence that decided it.
 * The learned layer (learned/) weighs the rule facts and the words; the rules supply the
 * evidence the reply shows. Pure and synchronous; never throws.
 */
export function classifyPaste(input: string): Diagnosis {
  const analysis = analysePaste(input);
  const ranked = rankClasses(analysis);
  const caveats: CaveatId[] = analysis.secretsFound.length > 0 ? ['secret-pasted'] : [];
  const symptoms = ranked.filter((r): r is Alternative => r.symptom !== 'none');
  const best = ranked[0];
  const bestSymptom = symptoms[0];
  if (!best || !bestSymptom || best.symptom === 'none' || best.confidence < NAME_SYMPTOM_AT) {
    return {
      symptom: 'none',
      confidence: round(1 - (bestSymptom?.confidence ?? 0)),
      evidence: [],
      alternatives: symptoms.filter((s) => s.confidence >= 0.05).slice(0, 3),
      caveats,
      secretsFound: analysis.secretsFound,
    };
  }
  const rules = analysis.scores.find((s) => s.symptom === bestSymptom.symptom);
  if (bestSymptom.symptom === 'quota-429' && rules && !attributedToAperture(rules))
    caveats.push('provider-429-possible');
  return {
    symptom: bestSymptom.symptom,
    confidence: bestSymptom.confidence,
    evidence: evidenceFor(analysis, rules, bestSymptom.symptom),
    alternatives: symptoms
      .slice(1)
      .filter((s) => s.confidence >= 0.05)
      .slice(0, 3),
    caveats,
    secretsFound: analysis.secretsFound,
  };
}

/** Every symptom with its calibrated probability, likeliest first (for explicit asks). */
export function rankSymptoms(input: string): Alternative[] {
  return rankClasses(analysePaste(input)).filter((r): r is Alternative => r.symptom !== 'none');
}

/** The model's calibrated probabilities with the hard facts enforced, likeliest first. */
function rankClasses(
  analysis: PasteAnalysis,
): Array<{ symptom: SymptomId | 'none'; confidence: number }> {
  const probabilities = applyHardFacts(
    MODEL.classes,
    predict(MODEL, analysis.features),
    analysis.features,
  );
  return MODEL.classes
    .map((name, c) => ({ name, confidence: round(probabilities[c] ?? 0) }))
    .filter(({ name }) => name === 'none' || isSymptomId(name))
    .map(({ name, confidence }) => ({ symptom: name as SymptomId | 'none', confidence }))
    .sort((a, b) => b.confidence - a.confidence);
}

/**
 * The rule signals that fired for the symptom; when none did, the words that weighed most for
 * it, each shown once, as the line they stand on.
 */
function evidenceFor(
  analysis: PasteAnalysis,
  rules: SymptomScore | undefined,
  symptom: SymptomId,
): Evidence[] {
  const evidence = (rules?.evidence ?? []).slice(0, 5);
  if (evidence.length > 0) return evidence;
  const column = MODEL.classes.indexOf(symptom);
  const contributions: Array<{ word: string; weight: number }> = [];
  // Rare (no rule fired for the answer), so the features are built again, this time with names.
  const named = featuresOf(analysis.facts, analysis.scores, { explaining: true });
  for (const [hash, value] of named) {
    const name = named.nameOf(hash) ?? '';
    if (!name.startsWith('w:') && !name.startsWith('b:')) continue;
    const row = MODEL.rows.get(hash);
    if (row === undefined) continue;
    const weight =
      (value * (MODEL.weights[row * MODEL.classes.length + column] ?? 0)) / MODEL.weightScale;
    if (weight > 0) contributions.push({ word: name.slice(2), weight });
  }
  contributions.sort((a, b) => b.weight - a.weight);
  const { lower } = analysis.facts;
  const excerpts = new Set<string>();
  for (const { word } of contributions) {
    if (/\bz(?:host|ip|id|num|https?)/.test(word)) continue;
    const index = lower.indexOf(word);
    if (index === -1) continue;
    excerpts.add(excerptAt(analysis.facts.text, index, word.length));
    if (excerpts.size >= 2) break;
  }
  return [...excerpts].map((excerpt) => ({ signal: 'words', excerpt }));
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
