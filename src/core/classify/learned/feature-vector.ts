/**
 * The features of one paste, keyed by the 32-bit FNV-1a hash of their names. Word, bigram and
 * character n-gram features are hashed as they are read, without building their names: a paste
 * has hundreds of them, and making each name a string cost more than the model's arithmetic.
 * The hash of a name built piece by piece is the hash of the whole name, so both paths agree.
 */
export class FeatureVector {
  /**
   * Features set by name: facts, rules, signals, concepts. A few dozen, in arrays like the
   * groups so the model's dot product is two plain loops; `#slot` finds one to overwrite.
   */
  readonly #namedHashes: number[] = [];
  readonly #namedValues: number[] = [];
  readonly #slot = new Map<number, number>();
  readonly #names = new Map<number, string>();
  /** Features hashed as they were read (words, bigrams, n-grams): hundreds, kept in arrays. */
  readonly #hashes: number[] = [];
  readonly #values: number[] = [];
  /** Whether hashed features record their names too, for explaining a prediction. */
  readonly explaining: boolean;

  constructor(options: { explaining?: boolean } = {}) {
    this.explaining = options.explaining ?? false;
  }

  static of(entries: Record<string, number>): FeatureVector {
    const vector = new FeatureVector();
    for (const [name, value] of Object.entries(entries)) vector.set(name, value);
    return vector;
  }

  set(name: string, value: number): this {
    const hash = hashFeature(name);
    const slot = this.#slot.get(hash);
    if (slot === undefined) {
      this.#slot.set(hash, this.#namedHashes.length);
      this.#namedHashes.push(hash);
      this.#namedValues.push(value);
      this.#names.set(hash, name);
    } else this.#namedValues[slot] = value;
    return this;
  }

  /**
   * A group of hashed features sharing one value, 1/sqrt(how many distinct), so a long paste's
   * words weigh no more in all than a short one's. `names` is given only when explaining.
   */
  addGroup(hashes: readonly number[], names?: ReadonlyMap<number, string>): void {
    if (hashes.length === 0) return;
    const sorted = new Uint32Array(hashes).sort();
    let distinct = 0;
    for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) distinct++;
    const value = 1 / Math.sqrt(distinct);
    for (let i = 0; i < sorted.length; i++) {
      const hash = sorted[i] ?? 0;
      if (i > 0 && hash === sorted[i - 1]) continue;
      this.#hashes.push(hash);
      this.#values.push(value);
      const name = names?.get(hash);
      if (name !== undefined) this.#names.set(hash, name);
    }
  }

  /** Whether a feature set by name is present (hashed groups are not searched). */
  has(name: string): boolean {
    return this.#slot.has(hashFeature(name));
  }

  /** The name of a feature set by name, or of any feature when explaining. */
  nameOf(hash: number): string | undefined {
    return this.#names.get(hash);
  }

  /** Each feature's hash and value: named ones first, then the groups in the order added. */
  forEach(visit: (hash: number, value: number) => void): void {
    for (const [hashes, values] of this.columns())
      for (let i = 0; i < hashes.length; i++) visit(hashes[i]!, values[i]!);
  }

  /** The same features as forEach, as (hashes, values) column pairs: named, then grouped. */
  columns(): ReadonlyArray<readonly [readonly number[], readonly number[]]> {
    return [
      [this.#namedHashes, this.#namedValues],
      [this.#hashes, this.#values],
    ];
  }

  *[Symbol.iterator](): IterableIterator<[number, number]> {
    for (const [hashes, values] of this.columns())
      for (let i = 0; i < hashes.length; i++) yield [hashes[i]!, values[i]!];
  }
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a, 32 bits: stable across runs and platforms, cheap, and enough for ~50k names. */
export function hashFeature(name: string): number {
  return hashMore(FNV_OFFSET, name) >>> 0;
}

/**
 * The running hash after `text[start, end)` is appended to what `state` has hashed: finish with
 * `>>> 0`. Starting from FNV_OFFSET and appending "w:" then "ai" is hashFeature("w:ai").
 */
export function hashMore(state: number, text: string, start = 0, end = text.length): number {
  let hash = state;
  for (let i = start; i < end; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, FNV_PRIME);
  }
  return hash;
}

/** The running hash of a feature-name prefix such as `w:`, to append a word to. */
export function hashPrefix(prefix: string): number {
  return hashMore(FNV_OFFSET, prefix);
}
