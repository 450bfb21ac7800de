/** Precision, recall, confusion and reliability of a set of predictions, as printable tables. */
import type { FeatureVector } from '../../src/core/classify/learned/feature-vector.js';
import { applyHardFacts } from '../../src/core/classify/learned/hard-facts.js';
import { softmax } from '../../src/core/classify/learned/linear-model.js';
import { LABELS } from './training-corpus.js';

export interface Prediction {
  id: string;
  text: string;
  expected: string;
  got: string;
  confidence: number;
  shape?: string;
}

/** The classifier's decision from calibrated probabilities, as classifyText makes it. */
export function decide(
  logits: Float64Array,
  calibration: { temperature: number; noneMargin: number },
  features?: FeatureVector,
  nameAt = 0.5,
): { got: string; confidence: number } {
  const shifted = Float64Array.from(logits);
  const none = LABELS.indexOf('none');
  shifted[none] = (shifted[none] ?? 0) + calibration.noneMargin;
  const calibrated = softmax(shifted, calibration.temperature);
  const p = features ? applyHardFacts(LABELS, calibrated, features) : calibrated;
  let best = 0;
  for (let c = 1; c < p.length; c++) if ((p[c] ?? 0) > (p[best] ?? 0)) best = c;
  const label = LABELS[best] ?? 'none';
  const confidence = p[best] ?? 0;
  return label === 'none' || confidence < nameAt
    ? { got: 'none', confidence }
    : { got: label, confidence };
}

export interface Summary {
  symptomAccuracy: number;
  falseAlarmRate: number;
  symptomCases: number;
  noneCases: number;
  falseAlarms: Prediction[];
  misses: Prediction[];
}

export function summarise(predictions: readonly Prediction[]): Summary {
  const symptomCases = predictions.filter((p) => p.expected !== 'none');
  const noneCases = predictions.filter((p) => p.expected === 'none');
  const falseAlarms = noneCases.filter((p) => p.got !== 'none');
  const misses = symptomCases.filter((p) => p.got !== p.expected);
  return {
    symptomAccuracy: symptomCases.length === 0 ? 1 : 1 - misses.length / symptomCases.length,
    falseAlarmRate: noneCases.length === 0 ? 0 : falseAlarms.length / noneCases.length,
    symptomCases: symptomCases.length,
    noneCases: noneCases.length,
    falseAlarms,
    misses,
  };
}

const pct = (x: number) => (Number.isFinite(x) ? `${(100 * x).toFixed(1)} %` : '—');

/** Markdown: one row per label with its support, precision and recall. */
export function perLabelTable(predictions: readonly Prediction[]): string {
  const rows = LABELS.map((label) => {
    const support = predictions.filter((p) => p.expected === label).length;
    const predicted = predictions.filter((p) => p.got === label).length;
    const right = predictions.filter((p) => p.expected === label && p.got === label).length;
    return `| \`${label}\` | ${support} | ${pct(right / predicted)} | ${pct(right / support)} |`;
  }).filter((row) => !row.includes('| 0 | — | — |'));
  return ['| symptom | cases | precision | recall |', '|---|---:|---:|---:|', ...rows].join('\n');
}

export function confusionTable(predictions: readonly Prediction[]): string {
  const used = LABELS.filter((l) => predictions.some((p) => p.expected === l || p.got === l));
  const short = (l: string) => l.slice(0, 6).padStart(6);
  const header = `${'expected \\ got'.padEnd(17)}${used.map(short).join(' ')}`;
  const lines = used.map((expected) => {
    const cells = used.map((got) =>
      String(
        predictions.filter((p) => p.expected === expected && p.got === got).length || '.',
      ).padStart(6),
    );
    return `${expected.padEnd(17)}${cells.join(' ')}`;
  });
  return [header, ...lines].join('\n');
}

/** Within each confidence band, how often the named symptom (or none) was right. */
export function reliabilityTable(predictions: readonly Prediction[]): string {
  const bands: Array<[number, number]> = [
    [0, 0.5],
    [0.5, 0.75],
    [0.75, 0.9],
    [0.9, 1.0001],
  ];
  const lines = bands.map(([low, high]) => {
    const inBand = predictions.filter((p) => p.confidence >= low && p.confidence < high);
    const right = inBand.filter((p) => p.got === p.expected).length;
    const mean = inBand.reduce((s, p) => s + p.confidence, 0) / (inBand.length || 1);
    return `| ${low.toFixed(2)}–${Math.min(1, high).toFixed(2)} | ${inBand.length} | ${pct(mean)} | ${pct(right / (inBand.length || NaN))} |`;
  });
  return [
    '| confidence | answers | mean confidence | right |',
    '|---|---:|---:|---:|',
    ...lines,
  ].join('\n');
}

export function worst(predictions: readonly Prediction[], count: number): string {
  return predictions
    .filter((p) => p.got !== p.expected)
    .sort((a, b) => b.confidence - a.confidence)
    .slice(0, count)
    .map(
      (p) =>
        `  ${p.id}${p.shape ? ` (${p.shape})` : ''}: expected ${p.expected}, got ${p.got} at ${p.confidence.toFixed(2)} — ${p.text.slice(0, 90).replace(/\s+/g, ' ')}`,
    )
    .join('\n');
}
