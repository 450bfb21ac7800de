import type { SymptomEntry } from '../knowledge/symptom-entry.js';
import type { SymptomId } from '../knowledge/symptom-ids.js';
import type { Evidence } from './diagnosis.js';
import type { PasteFacts } from './extract-evidence.js';

export interface SymptomScore {
  symptom: SymptomId;
  score: number;
  /** Positive signals that fired, strongest first. */
  evidence: Evidence[];
  fired: ReadonlySet<string>;
}

/** Sums each entry's fired signals. Pure and table-driven: the entries hold every weight. */
export function scoreSymptoms(facts: PasteFacts, entries: readonly SymptomEntry[]): SymptomScore[] {
  return entries
    .map((entry) => {
      let score = 0;
      const fired = new Set<string>();
      const evidence: Array<Evidence & { weight: number }> = [];
      for (const signal of entry.signals) {
        const excerpt = signal.match(facts);
        if (excerpt === null) continue;
        score += signal.weight;
        fired.add(signal.name);
        if (signal.weight > 0)
          evidence.push({ signal: signal.name, excerpt, weight: signal.weight });
      }
      evidence.sort((a, b) => b.weight - a.weight);
      return {
        symptom: entry.id,
        score,
        fired,
        evidence: evidence.map(({ signal, excerpt }) => ({ signal, excerpt })),
      };
    })
    .sort((a, b) => b.score - a.score);
}

/**
 * Maps a score to 0..1. Calibrated so one decisive signal (an Aperture 403 body, a Mullvad
 * mention with trouble) lands above 0.9, a clear client error against Aperture above 0.75, and
 * a lone ambiguous hint below 0.5. A close runner-up lowers confidence.
 */
export function confidenceOf(best: number, runnerUp: number): number {
  const effective = best - 0.3 * Math.max(0, runnerUp);
  return round(1 / (1 + Math.exp(-1.6 * (effective - 1.6))));
}

export function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
