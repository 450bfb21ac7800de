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
    // At least 1.5 slots per row, a power of two: most lookups are misses (words the corpus never
    // had), which probe about 2.5 slots at half full. At 2 per row, 135,000 rows took 4 MB.
    let slots = 1;
    while (slots < hashes.length * 1.5) slots *= 2;
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

/** What the generated weights module holds: the model, compactly encoded. */
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
  /** How many features have a row. */
  rows: number;
  /**
   * The sorted feature hashes (uint32), then their weights (int16, `rows` × classes, divide by
   * `scale`), little-endian. Stored as binary beside the module: as a 4 MB base64 string in the
   * module it cost 15 MB and 30 ms of every start-up to parse, keep and decode.
   */
  tables: Uint8Array;
  scale: number;
}

export function logitsOf(model: LinearModel, features: FeatureVector): Float64Array {
  const width = model.classes.length;
  const logits = Float64Array.from(model.bias);
  const { rows, weights } = model;
  const inverseScale = 1 / model.weightScale;
  for (const [hashes, values] of features.columns())
    for (let i = 0; i < hashes.length; i++) {
      const row = rows.get(hashes[i]!);
      if (row === undefined) continue;
      const offset = row * width;
      const scaled = values[i]! * inverseScale;
      for (let c = 0; c < width; c++) logits[c]! += scaled * weights[offset + c]!;
    }
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
  const width = encoded.classes.length;
  const hashBytes = encoded.rows * 4;
  const expected = hashBytes + encoded.rows * width * 2;
  if (encoded.tables.byteLength !== expected)
    throw new Error(
      `the classifier's weight tables hold ${encoded.tables.byteLength} bytes where ${encoded.rows} features need ${expected}: the .bin and .ts of the weights are from different trainings (run npm run train)`,
    );
  // Typed-array views need their element size's alignment; a file read on its own has it.
  const tables = encoded.tables.byteOffset % 4 === 0 ? encoded.tables : encoded.tables.slice();
  const hashes = new Uint32Array(tables.buffer, tables.byteOffset, encoded.rows);
  // Kept as stored: converting a million int16s to floats cost more start-up than the rest.
  const weights = new Int16Array(
    tables.buffer,
    tables.byteOffset + hashBytes,
    encoded.rows * width,
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
  // One buffer: the hashes, then the weights, little-endian on every machine Node runs on.
  const tables = new Uint8Array(entries.length * (4 + width * 2));
  const hashes = new Uint32Array(tables.buffer, 0, entries.length);
  const quantized = new Int16Array(tables.buffer, entries.length * 4, entries.length * width);
  let largest = 0;
  for (const value of model.weights)
    largest = Math.max(largest, Math.abs(value / model.weightScale));
  const scale = largest === 0 ? 1 : Math.floor(32_767 / largest);
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
    rows: entries.length,
    tables,
    scale,
  };
}
