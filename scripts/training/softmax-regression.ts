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
  // Swept by cross-validation at 1, 2, 4, 8 and 16e-5: 4 was best at 2 % and 5 % false alarms.
  l2: 4e-5,
  // Each case is three shaped examples: 4 keeps what at least two cases share. At 2 (one case's
  // words) the model had 2.4 times the rows for the same cross-validation.
  minCount: 4,
  seed: 20261201,
  // The lowest ceiling, in steps of 0.5 %, at which 10-fold CV still names the right symptom
  // in >= 93 % of cases (the bar; its other bar, <= 2 % false alarms, costs about four
  // points of top-1 today). It was 4.5 % for rounds 19 and before, 3.5 % for rounds 20 to 23.
  maxFalseAlarmRate: 0.03,
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
  const encoded = examples.map((e) => encodedOf(e.features));
  const { rowOfId, rows } = vocabulary(encoded, settings.minCount);
  const sparse: SparseExample[] = examples.map((e, i) => {
    const { ids, values } = encoded[i]!;
    const r: number[] = [];
    const v: number[] = [];
    for (let k = 0; k < ids.length; k++) {
      const row = rowOfId[ids[k]!]!;
      if (row !== -1) {
        r.push(row);
        v.push(values[k]!);
      }
    }
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
  const state: SgdState = {
    width,
    weights,
    squared,
    bias,
    biasSquared,
    logits,
    gradient,
    learningRate: settings.learningRate,
    l2: settings.l2,
  };
  for (let epoch = 0; epoch < settings.epochs; epoch++) {
    shuffle(order, random);
    for (const index of order) sgdStep(state, sparse[index]!);
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

interface SgdState {
  width: number;
  weights: Float64Array;
  squared: Float64Array;
  bias: Float64Array;
  biasSquared: Float64Array;
  logits: Float64Array;
  gradient: Float64Array;
  learningRate: number;
  l2: number;
}

/**
 * One AdaGrad update on one example. A function of its own, not a loop body inside train: V8
 * optimises it as a whole instead of on-stack-replacing a long function's loop (one model went
 * from about 7 to 5 s in the same run). Every index is in range by construction, hence `!`
 * rather than `?? 0`.
 */
function sgdStep(state: SgdState, example: SparseExample): void {
  const { width, weights, squared, bias, biasSquared, logits, gradient, learningRate, l2 } = state;
  const rows = example.rows;
  const values = example.values;
  logits.set(bias);
  for (let k = 0; k < rows.length; k++) {
    const offset = rows[k]! * width;
    const value = values[k]!;
    for (let c = 0; c < width; c++) logits[c]! += value * weights[offset + c]!;
  }
  const p = softmax(logits);
  for (let c = 0; c < width; c++) {
    const g = (p[c]! - (c === example.label ? 1 : 0)) * example.weight;
    gradient[c] = g;
    biasSquared[c]! += g * g;
    bias[c]! -= (learningRate * g) / Math.sqrt(biasSquared[c]! + 1e-8);
  }
  // Row by row, its classes side by side in memory: the same updates as class by class
  // (each weight's depends only on its own class's gradient), a third faster.
  for (let k = 0; k < rows.length; k++) {
    const offset = rows[k]! * width;
    const value = values[k]!;
    for (let c = 0; c < width; c++) {
      const at = offset + c;
      const grad = gradient[c]! * value + l2 * weights[at]!;
      squared[at]! += grad * grad;
      weights[at]! -= (learningRate * grad) / Math.sqrt(squared[at]! + 1e-8);
    }
  }
}

/**
 * A paste's features with each hash numbered densely, in the order first seen in this thread:
 * each of the eleven trainings of `npm run train` counts and maps them with typed arrays instead
 * of Maps, which was a fifth of every training. `ruleLike` marks the rule, fact and signal
 * features, which always get a row.
 */
interface EncodedFeatures {
  ids: Uint32Array;
  values: Float64Array;
  ruleLike: Uint8Array;
}

const idOfHash = new Map<number, number>();
const hashOfId: number[] = [];
const encodings = new WeakMap<FeatureVector, EncodedFeatures>();

function encodedOf(features: FeatureVector): EncodedFeatures {
  const known = encodings.get(features);
  if (known) return known;
  const ids: number[] = [];
  const values: number[] = [];
  const ruleLike: number[] = [];
  features.forEach((hash, value) => {
    let id = idOfHash.get(hash);
    if (id === undefined) {
      id = hashOfId.length;
      idOfHash.set(hash, id);
      hashOfId.push(hash);
    }
    ids.push(id);
    values.push(value);
    ruleLike.push(/^[rsf]:/.test(features.nameOf(hash) ?? '') ? 1 : 0);
  });
  const encoded = {
    ids: Uint32Array.from(ids),
    values: Float64Array.from(values),
    ruleLike: Uint8Array.from(ruleLike),
  };
  encodings.set(features, encoded);
  return encoded;
}

/**
 * Rule, fact and signal features always count; words must recur to earn a row. Rows are in
 * hash order (storage only: each row learns alone), so every run lays them out alike.
 */
function vocabulary(
  examples: readonly EncodedFeatures[],
  minCount: number,
): { rowOfId: Int32Array; rows: Map<number, number> } {
  const counts = new Uint32Array(hashOfId.length);
  const alwaysKept = new Uint8Array(hashOfId.length);
  for (const { ids, ruleLike } of examples)
    for (let k = 0; k < ids.length; k++) {
      counts[ids[k]!]!++;
      alwaysKept[ids[k]!]! |= ruleLike[k]!;
    }
  const kept: number[] = [];
  for (let id = 0; id < counts.length; id++)
    if (counts[id]! >= minCount || (counts[id]! > 0 && alwaysKept[id]!)) kept.push(id);
  kept.sort((a, b) => hashOfId[a]! - hashOfId[b]!);
  const rowOfId = new Int32Array(hashOfId.length).fill(-1);
  const rows = new Map<number, number>();
  kept.forEach((id, row) => {
    rowOfId[id] = row;
    rows.set(hashOfId[id]!, row);
  });
  return { rowOfId, rows };
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
