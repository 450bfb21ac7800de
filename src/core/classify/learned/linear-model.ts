import type { FeatureVector } from './feature-vector.js';

export { hashFeature } from './feature-vector.js';

/**
 * A multinomial logistic regression over hashed feature names: what `npm run train` produces and
 * the classifier runs. Pure and synchronous; one weight row per known feature, one column per
 * class. Features the training corpus never saw have no row and weigh nothing.
 */
export interface LinearModel {
  classes: readonly string[];
  bias: Float64Array;
  /** Row index of each known feature's 32-bit hash. */
  rows: RowIndex;
  /** rows.size × classes.length weights, row-major, each to be divided by `weightScale`. */
  weights: Float32Array | Int16Array;
  /** 1 for a model fresh from training; the quantisation scale once decoded (kept as int16). */
  weightScale: number;
  /** Softmax temperature fitted on cross-validation folds, so confidence means what it says. */
  temperature: number;
}

/** Where a feature hash's weights sit: a Map while training, a typed-array table once decoded. */
export interface RowIndex {
  get(hash: number): number | undefined;
  readonly size: number;
  entries(): IterableIterator<[number, number]>;
}

/**
 * The decoded model's index: an open-addressing table of the stored hashes in two typed arrays.
 * Building a Map of 60,000 entries cost more start-up than every lookup a paste makes, and
 * halving a sorted array cost a fifth of a paste's classification.
 */
class HashedRows implements RowIndex {
  readonly #keys: Uint32Array;
  /** Row + 1 at each slot; 0 is an empty slot. */
  readonly #rows: Int32Array;
  readonly #mask: number;

  constructor(private readonly hashes: Uint32Array) {
    let slots = 1;
    while (slots < hashes.length * 2) slots *= 2;
    this.#keys = new Uint32Array(slots);
    this.#rows = new Int32Array(slots);
    this.#mask = slots - 1;
    for (let row = 0; row < hashes.length; row++) {
      const hash = hashes[row] ?? 0;
      let slot = mix(hash) & this.#mask;
      while (this.#rows[slot] !== 0) slot = (slot + 1) & this.#mask;
      this.#keys[slot] = hash;
      this.#rows[slot] = row + 1;
    }
  }

  get size(): number {
    return this.hashes.length;
  }

  get(hash: number): number | undefined {
    for (let slot = mix(hash) & this.#mask; ; slot = (slot + 1) & this.#mask) {
      const row = this.#rows[slot] ?? 0;
      if (row === 0) return undefined;
      if (this.#keys[slot] === hash) return row - 1;
    }
  }

  *entries(): IterableIterator<[number, number]> {
    for (let row = 0; row < this.hashes.length; row++) yield [this.hashes[row] ?? 0, row];
  }
}

/** FNV's low bits are weak for short names: fold the high half in before masking. */
function mix(hash: number): number {
  return (hash ^ (hash >>> 16)) >>> 0;
}

/** What the generated weights file holds: the model, compactly encoded. */
export interface EncodedModel {
  featuresVersion: number;
  /** sha256 of the training data and settings, for the staleness test. */
  trainedOn: string;
  classes: string[];
  bias: number[];
  temperature: number;
  /**
   * Added to the `none` logit: the operating point chosen on cross-validation so that false
   * alarms on chatter stay under the training settings' ceiling.
   */
  noneMargin: number;
  /** Base64 of the sorted feature hashes, little-endian uint32. */
  hashes: string;
  /** Base64 of the weights, little-endian int16, one row per hash; divide by `scale`. */
  weights: string;
  scale: number;
}

export function logitsOf(model: LinearModel, features: FeatureVector): Float64Array {
  const width = model.classes.length;
  const logits = Float64Array.from(model.bias);
  features.forEach((hash, value) => {
    const row = model.rows.get(hash);
    if (row === undefined) return;
    const offset = row * width;
    const scaled = value / model.weightScale;
    for (let c = 0; c < width; c++)
      logits[c] = (logits[c] ?? 0) + scaled * (model.weights[offset + c] ?? 0);
  });
  return logits;
}

export function softmax(logits: Float64Array, temperature = 1): Float64Array {
  let max = -Infinity;
  for (const value of logits) max = Math.max(max, value);
  const out = new Float64Array(logits.length);
  let sum = 0;
  for (let c = 0; c < logits.length; c++) {
    const e = Math.exp(((logits[c] ?? 0) - max) / temperature);
    out[c] = e;
    sum += e;
  }
  for (let c = 0; c < out.length; c++) out[c] = (out[c] ?? 0) / sum;
  return out;
}

/** Calibrated class probabilities for a paste's features. */
export function predict(model: LinearModel, features: FeatureVector): Float64Array {
  return softmax(logitsOf(model, features), model.temperature);
}

export function decodeModel(encoded: EncodedModel): LinearModel {
  const hashBytes = bytesOf(encoded.hashes);
  const hashes = new Uint32Array(hashBytes.buffer, hashBytes.byteOffset, hashBytes.byteLength / 4);
  // Kept as stored: converting a million int16s to floats cost more start-up than the rest.
  const weightBytes = bytesOf(encoded.weights);
  const weights = new Int16Array(
    weightBytes.buffer,
    weightBytes.byteOffset,
    weightBytes.byteLength / 2,
  );
  const rows = new HashedRows(hashes);
  const bias = Float64Array.from(encoded.bias);
  const none = encoded.classes.indexOf('none');
  if (none !== -1) bias[none] = (bias[none] ?? 0) + encoded.noneMargin;
  return {
    classes: encoded.classes,
    bias,
    rows,
    weights,
    weightScale: encoded.scale,
    temperature: encoded.temperature,
  };
}

export function encodeModel(
  model: LinearModel,
  meta: { featuresVersion: number; trainedOn: string; noneMargin: number },
): EncodedModel {
  const width = model.classes.length;
  const entries = [...model.rows.entries()].sort(([a], [b]) => a - b);
  const hashes = new Uint32Array(entries.length);
  let largest = 0;
  for (const value of model.weights)
    largest = Math.max(largest, Math.abs(value / model.weightScale));
  const scale = largest === 0 ? 1 : Math.floor(32_767 / largest);
  const quantized = new Int16Array(entries.length * width);
  entries.forEach(([hash, row], i) => {
    hashes[i] = hash;
    for (let c = 0; c < width; c++)
      quantized[i * width + c] = Math.round(
        ((model.weights[row * width + c] ?? 0) / model.weightScale) * scale,
      );
  });
  return {
    featuresVersion: meta.featuresVersion,
    trainedOn: meta.trainedOn,
    classes: [...model.classes],
    bias: [...model.bias].map((b) => Math.round(b * 1e6) / 1e6),
    temperature: Math.round(model.temperature * 1e4) / 1e4,
    noneMargin: Math.round(meta.noneMargin * 1e4) / 1e4,
    hashes: base64Of(new Uint8Array(hashes.buffer)),
    weights: base64Of(new Uint8Array(quantized.buffer)),
    scale,
  };
}

// Little-endian on every machine Node runs on. Buffer's decoder is ten times atob's and a loop;
// atob (a global in Node 20 and browsers) is the fallback. A fresh, aligned copy either way.
function bytesOf(base64: string): Uint8Array {
  const decoder = (
    globalThis as { Buffer?: { from(text: string, encoding: 'base64'): Uint8Array } }
  ).Buffer;
  if (decoder) {
    const decoded = decoder.from(base64, 'base64');
    return decoded.byteOffset % 8 === 0 ? decoded : Uint8Array.from(decoded);
  }
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function base64Of(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
