/**
 * Trains the classifier's learned layer: multinomial logistic regression on sparse features,
 * AdaGrad with L2, a fixed seed. No library in the npm registry trains a sparse multinomial
 * model in plain JS (the ml.js and TensorFlow.js ones are dense or native), and inference must
 * stay a few lines of pure TypeScript in the core anyway.
 */
import { softmax, type LinearModel } from '../../src/core/classify/learned/linear-model.js';
import type { FeatureVector } from '../../src/core/classify/learned/feature-vector.js';

export interface Example {
  features: FeatureVector;
  label: number;
  weight: number;
}

export interface TrainSettings {
  epochs: number;
  learningRate: number;
  l2: number;
  /** Word, bigram and char-gram features seen in fewer examples than this are dropped. */
  minCount: number;
  seed: number;
  /** The false-alarm ceiling on held-out `none` cases that picks the none margin. */
  maxFalseAlarmRate: number;
}

export const DEFAULT_SETTINGS: TrainSettings = {
  epochs: 4,
  learningRate: 0.2,
  l2: 2e-5,
  // Each case is three shaped examples: 4 keeps what at least two cases share. At 2 (one case's
  // words) the model had 2.4 times the rows for the same cross-validation.
  minCount: 4,
  seed: 20261201,
  // The lowest ceiling, in steps of 0.5 %, at which 10-fold CV still names the right symptom
  // in >= 93 % of cases (the bar; its other bar, <= 2 % false alarms, costs about four
  // points of top-1 today). It was 4.5 % for rounds 19 and before.
  maxFalseAlarmRate: 0.035,
};

interface SparseExample {
  rows: Uint32Array;
  values: Float64Array;
  label: number;
  weight: number;
}

export function train(
  examples: readonly Example[],
  classes: readonly string[],
  settings: TrainSettings,
): LinearModel {
  const width = classes.length;
  const rows = vocabulary(examples, settings.minCount);
  const sparse: SparseExample[] = examples.map((e) => {
    const r: number[] = [];
    const v: number[] = [];
    e.features.forEach((hash, value) => {
      const row = rows.get(hash);
      if (row !== undefined) {
        r.push(row);
        v.push(value);
      }
    });
    return {
      rows: Uint32Array.from(r),
      values: Float64Array.from(v),
      label: e.label,
      weight: e.weight,
    };
  });
  const weights = new Float64Array(rows.size * width);
  const squared = new Float64Array(rows.size * width);
  const bias = new Float64Array(width);
  const biasSquared = new Float64Array(width);
  const random = mulberry32(settings.seed);
  const order = sparse.map((_, i) => i);
  const logits = new Float64Array(width);
  const gradient = new Float64Array(width);
  for (let epoch = 0; epoch < settings.epochs; epoch++) {
    shuffle(order, random);
    for (const index of order) {
      const example = sparse[index];
      if (!example) continue;
      logits.set(bias);
      for (let k = 0; k < example.rows.length; k++) {
        const offset = (example.rows[k] ?? 0) * width;
        const value = example.values[k] ?? 0;
        for (let c = 0; c < width; c++)
          logits[c] = (logits[c] ?? 0) + value * (weights[offset + c] ?? 0);
      }
      const p = softmax(logits);
      for (let c = 0; c < width; c++) {
        const g = ((p[c] ?? 0) - (c === example.label ? 1 : 0)) * example.weight;
        gradient[c] = g;
        biasSquared[c] = (biasSquared[c] ?? 0) + g * g;
        bias[c] =
          (bias[c] ?? 0) - (settings.learningRate * g) / Math.sqrt((biasSquared[c] ?? 0) + 1e-8);
      }
      // Row by row, its classes side by side in memory: the same updates as class by class
      // (each weight's depends only on its own class's gradient), a third faster.
      for (let k = 0; k < example.rows.length; k++) {
        const offset = (example.rows[k] ?? 0) * width;
        const value = example.values[k] ?? 0;
        for (let c = 0; c < width; c++) {
          const at = offset + c;
          const grad = (gradient[c] ?? 0) * value + settings.l2 * (weights[at] ?? 0);
          squared[at] = (squared[at] ?? 0) + grad * grad;
          weights[at] =
            (weights[at] ?? 0) -
            (settings.learningRate * grad) / Math.sqrt((squared[at] ?? 0) + 1e-8);
        }
      }
    }
  }
  return {
    classes,
    bias,
    rows,
    weights: Float32Array.from(weights),
    weightScale: 1,
    temperature: 1,
  };
}

/** Rule, fact and signal features always count; words must recur to earn a row. */
function vocabulary(examples: readonly Example[], minCount: number): Map<number, number> {
  const counts = new Map<number, number>();
  const alwaysKept = new Set<number>();
  for (const e of examples)
    e.features.forEach((hash) => {
      counts.set(hash, (counts.get(hash) ?? 0) + 1);
      if (/^[rsf]:/.test(e.features.nameOf(hash) ?? '')) alwaysKept.add(hash);
    });
  // Row order is storage only (each row learns alone); sorted, so every run lays them out alike.
  const kept = [...counts.entries()]
    .filter(([hash, count]) => count >= minCount || alwaysKept.has(hash))
    .map(([hash]) => hash)
    .sort((a, b) => a - b);
  return new Map(kept.map((hash, row) => [hash, row]));
}

/** The temperature that minimises the log loss of held-out logits (a grid: cheap and exact enough). */
export function fitTemperature(
  heldOut: ReadonlyArray<{ logits: Float64Array; label: number }>,
): number {
  // The grid 0.25, 0.30, … 4.00. The log loss is convex in 1/t, so unimodal along the grid:
  // halving on its slope finds the grid's first minimum in 14 evaluations instead of 76.
  const at = (i: number) => Math.round((0.25 + i * 0.05) * 100) / 100;
  const loss = new Map<number, number>();
  const lossAt = (i: number) => {
    let value = loss.get(i);
    if (value === undefined) loss.set(i, (value = logLoss(heldOut, at(i))));
    return value;
  };
  let low = 0;
  let high = TEMPERATURE_STEPS - 1;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (lossAt(middle + 1) < lossAt(middle)) low = middle + 1;
    else high = middle;
  }
  return at(low);
}

const TEMPERATURE_STEPS = 76;

/**
 * Σ −log softmax(logits / t)[label], without allocating: calibration evaluates it for every
 * margin and temperature on the grid, over every held-out example, and softmax's arrays made it
 * a third of `npm run train`.
 */
function logLoss(
  heldOut: ReadonlyArray<{ logits: Float64Array; label: number }>,
  temperature: number,
): number {
  let loss = 0;
  for (const { logits, label } of heldOut) {
    let max = -Infinity;
    for (const value of logits) max = Math.max(max, value);
    let sum = 0;
    for (const value of logits) sum += Math.exp((value - max) / temperature);
    const p = Math.exp(((logits[label] ?? 0) - max) / temperature) / sum;
    loss -= Math.log(Math.max(1e-12, p));
  }
  return loss;
}

export interface Calibration {
  temperature: number;
  noneMargin: number;
}

/**
 * The operating point, from held-out logits: the smallest margin on the `none` logit that keeps
 * false alarms under the ceiling, then the temperature that makes confidence honest with it.
 */
export function calibrate(
  heldOut: ReadonlyArray<{ logits: Float64Array; label: number }>,
  noneIndex: number,
  maxFalseAlarmRate: number,
  nameAt = 0.5,
): Calibration {
  const shifted = (margin: number) =>
    heldOut.map(({ logits, label }) => {
      const l = Float64Array.from(logits);
      l[noneIndex] = (l[noneIndex] ?? 0) + margin;
      return { logits: l, label };
    });
  const noneCases = heldOut.filter((h) => h.label === noneIndex).length || 1;
  let noneMargin = 0;
  for (let margin = 0; margin <= 4.0001; margin += 0.1) {
    const temperature = fitTemperature(shifted(margin));
    const alarms = shifted(margin).filter(({ logits, label }) => {
      if (label !== noneIndex) return false;
      const p = softmax(logits, temperature);
      let best = 0;
      for (let c = 1; c < p.length; c++) if ((p[c] ?? 0) > (p[best] ?? 0)) best = c;
      return best !== noneIndex && (p[best] ?? 0) >= nameAt;
    }).length;
    noneMargin = Math.round(margin * 10) / 10;
    if (alarms / noneCases <= maxFalseAlarmRate) break;
  }
  return { noneMargin, temperature: fitTemperature(shifted(noneMargin)) };
}

export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle<T>(items: T[], random: () => number): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
}
